"""The organisation's change log: every tracked model's changes, as each app describes its own
(`changes.py` of accounts, roadmap, progress, metrics, maturity, reports, ideas, plans and group),
interleaved with the audit events of accounts.events, newest first, a page at a time.

Paging is by keyset: the log is ordered by (time, source, row id), and a page continues after
the last entry of the one before it (`Cursor`). Every source is asked for at most a page of rows
after the cursor, so a page costs a fixed number of queries however long the log is: one per
tracked model, then core.history's predecessors, many-to-many values and the names at the time
(one query per kind of related object), one per app for links, and one for the events.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast, Lower
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from tiekartta.accounts import changes as accounts_changes
from tiekartta.accounts.models import AuditEvent, EventKind, Membership, Organisation, Role
from tiekartta.core.history import (
    Change,
    ChangeSource,
    FieldChange,
    Tracked,
    field_label,
    newest_first,
    ordered_rows,
    read_changes,
    user_name,
)
from tiekartta.group import changes as group_changes
from tiekartta.ideas import changes as ideas_changes
from tiekartta.maturity import changes as maturity_changes
from tiekartta.metrics import changes as metrics_changes
from tiekartta.plans import changes as plans_changes
from tiekartta.progress import changes as progress_changes
from tiekartta.reports import changes as reports_changes
from tiekartta.roadmap import changes as roadmap_changes

SOURCES: tuple[ChangeSource, ...] = (
    accounts_changes.SOURCE,
    roadmap_changes.SOURCE,
    progress_changes.SOURCE,
    metrics_changes.SOURCE,
    maturity_changes.SOURCE,
    reports_changes.SOURCE,
    ideas_changes.SOURCE,
    # Last, so that the sources before them keep their places in the log's cursors.
    progress_changes.EXPERIMENT_SOURCE,
    plans_changes.SOURCE,
    group_changes.SOURCE,
)
TRACKED: tuple[tuple[ChangeSource, Tracked], ...] = tuple(
    (source, tracked) for source in SOURCES for tracked in source.tracked
)
# The events come after every tracked model in the order of one moment's entries.
EVENTS_SOURCE = len(TRACKED)
EVENTS_KEY = "events"
PAGE_SIZE = 50
# A membership's history rows say who was added, given another role or removed, through any
# path; the events that the member pages record of the same thing would show it twice.
MEMBERSHIP_EVENTS = (EventKind.MEMBER_ADDED, EventKind.ROLE_CHANGED, EventKind.MEMBER_REMOVED)


@dataclass
class Event:
    """An audit event as the change log shows it."""

    when: datetime.datetime
    who: str
    action: str
    subject: str
    changes: list[FieldChange] = field(default_factory=list)
    # Shown to the organisation's administrators only: the client address of a sign-in.
    details: list[FieldChange] = field(default_factory=list)
    is_event: bool = True
    source: int = EVENTS_SOURCE
    sort_id: int = 0
    kind: str = ""


Entry = Change | Event


@dataclass(frozen=True)
class Cursor:
    """Where a page ends: the log continues with what is older (or, at the same moment, from a
    later source, or an earlier row of the same source)."""

    when: datetime.datetime
    source: int
    sort_id: int

    def encode(self) -> str:
        return f"{self.when.isoformat()}~{self.source}~{self.sort_id}"

    @classmethod
    def decode(cls, text: str) -> Cursor | None:
        try:
            when_text, source, sort_id = text.rsplit("~", 2)
            when = parse_datetime(when_text)
            if when is None:
                return None
            return cls(when, int(source), int(sort_id))
        except ValueError:
            return None

    @classmethod
    def of(cls, entry: Entry) -> Cursor:
        return cls(entry.when, entry.source, entry.sort_id)

    def after(self, source: int, date_field: str, id_field: str) -> Q:
        """Rows of `source` that come after this cursor in the log's order."""
        if source < self.source:
            return Q(**{f"{date_field}__lt": self.when})
        if source > self.source:
            return Q(**{f"{date_field}__lte": self.when})
        return Q(**{f"{date_field}__lt": self.when}) | Q(
            **{date_field: self.when, f"{id_field}__lt": self.sort_id}
        )


@dataclass(frozen=True)
class LogFilter:
    kind: str = ""  # a tracked model's key, or EVENTS_KEY
    who: int | None = None  # a user's id
    since: datetime.date | None = None
    until: datetime.date | None = None
    roadmap: int | None = None
    text: str = ""

    def date_range(self, date_field: str) -> Q:
        query = Q()
        if self.since is not None:
            query &= Q(**{f"{date_field}__gte": _start_of(self.since)})
        if self.until is not None:
            query &= Q(**{f"{date_field}__lt": _start_of(self.until + datetime.timedelta(days=1))})
        return query


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _name_contains(rows: QuerySet[Any], lookups: tuple[str, ...], text: str) -> QuerySet[Any]:
    """Rows whose name holds the text, case folded in every language (core.sqlite gives SQLite
    PostgreSQL's Unicode lower())."""
    if not lookups:
        return rows.none()
    # Cast first: some names are numbers (a target's year), and PostgreSQL has no lower(int).
    aliases = {
        f"name_{n}": Lower(Cast(lookup, output_field=TextField()))
        for n, lookup in enumerate(lookups)
    }
    query = Q()
    for alias in aliases:
        query |= Q(**{f"{alias}__contains": text.lower()})
    return rows.alias(**aliases).filter(query)


@dataclass
class LogPage:
    entries: list[Entry]
    # Where the next page starts; None on the last page.
    next_cursor: Cursor | None


def _who(event: AuditEvent) -> str:
    if event.actor is not None:
        return user_name(event.actor)
    return event.actor_label


def _role(code: Any) -> str:
    return str(dict(Role.choices).get(code, code or ""))


def as_entry(event: AuditEvent) -> Event:
    data = event.data if isinstance(event.data, dict) else {}
    changes = []
    role = field_label(Membership, "role")
    if event.kind == EventKind.ROLE_CHANGED:
        changes.append(FieldChange(role, _role(data.get("from")), _role(data.get("to"))))
    elif event.kind in {EventKind.MEMBER_ADDED, EventKind.MEMBER_REMOVED} and data.get("role"):
        changes.append(FieldChange(role, "", _role(data["role"])))
    details = []
    if data.get("address"):
        details.append(FieldChange(_("Address"), "", str(data["address"])))
    return Event(
        when=event.at,
        who=_who(event),
        action=event.get_kind_display(),
        subject=event.subject,
        changes=changes,
        details=details,
        sort_id=event.pk,
        kind=_("Event"),
    )


def _tracked_rows(
    index: int, tracked: Tracked, organisation: Organisation, filters: LogFilter, after: Any
) -> QuerySet[Any] | None:
    if filters.kind and filters.kind != tracked.key:
        return None
    roadmap_path = tracked.roadmap_path
    if filters.roadmap is not None and roadmap_path is None:
        return None
    rows = tracked.history.objects.filter(**{tracked.organisation_path: organisation.pk})
    if filters.roadmap is not None and roadmap_path is not None:
        rows = rows.filter(**{roadmap_path: filters.roadmap})
    if filters.who is not None:
        rows = rows.filter(history_user_id=filters.who)
    rows = rows.filter(filters.date_range("history_date"))
    if filters.text:
        rows = _name_contains(rows, tracked.search_lookups(), filters.text)
    if after is not None:
        rows = rows.filter(after.after(index, "history_date", "history_id"))
    return rows


def _event_rows(
    organisation: Organisation, filters: LogFilter, after: Cursor | None
) -> QuerySet[AuditEvent] | None:
    if (filters.kind and filters.kind != EVENTS_KEY) or filters.roadmap is not None:
        return None
    rows: QuerySet[AuditEvent] = AuditEvent.objects.filter(organisation=organisation).exclude(
        kind__in=MEMBERSHIP_EVENTS
    )
    if filters.who is not None:
        rows = rows.filter(actor_id=filters.who)
    rows = rows.filter(filters.date_range("at"))
    if filters.text:
        rows = _name_contains(rows, ("subject",), filters.text)
    if after is not None:
        rows = rows.filter(after.after(EVENTS_SOURCE, "at", "pk"))
    return rows


def change_log(
    organisation: Organisation,
    *,
    filters: LogFilter | None = None,
    after: Cursor | None = None,
    size: int = PAGE_SIZE,
) -> LogPage:
    """A page of the latest model changes and events, newest first, after `after`."""
    filters = filters or LogFilter()
    batches = []
    # A source that gave a whole page may hold more rows: nothing past its last row can be
    # shown yet, or the next page would skip its rows in between.
    limits: list[Cursor] = []
    references: dict[Any, Any] = {}
    for index, (source, tracked) in enumerate(TRACKED):
        query = _tracked_rows(index, tracked, organisation, filters, after)
        if query is None:
            continue
        rows = list(ordered_rows(query)[:size])
        if not rows:
            continue
        if len(rows) == size:
            limits.append(Cursor(rows[-1].history_date, index, rows[-1].history_id))
        # Sources that share what links need (roadmap, progress, reports) read it once.
        if source.references not in references:
            references[source.references] = source.references(organisation)
        batches.append((tracked, rows, references[source.references], index))
    entries: list[Entry] = list(read_changes(batches))
    events = _event_rows(organisation, filters, after)
    if events is not None:
        event_rows = list(events.select_related("actor").order_by("-at", "-pk")[:size])
        if len(event_rows) == size:
            limits.append(Cursor(event_rows[-1].at, EVENTS_SOURCE, event_rows[-1].pk))
        entries.extend(as_entry(row) for row in event_rows)
    entries = newest_first(entries)
    bound = min(limits, key=_position) if limits else None
    if bound is not None:
        entries = [entry for entry in entries if _position(Cursor.of(entry)) <= _position(bound)]
    if len(entries) > size:
        entries = entries[:size]
    if len(entries) == size:
        next_cursor: Cursor | None = Cursor.of(entries[-1])
    else:
        # Fewer than a page: every row up to the bound was read (some changed nothing shown).
        next_cursor = bound
    return LogPage(entries, next_cursor)


def _position(cursor: Cursor) -> tuple[float, int, int]:
    """Smaller is newer: the log's order as a sortable value."""
    return (-cursor.when.timestamp(), cursor.source, -cursor.sort_id)


def whole_log(organisation: Organisation, filters: LogFilter) -> Iterator[Entry]:
    """Every entry that the filters select, a page at a time (for the CSV export)."""
    after: Cursor | None = None
    while True:
        page = change_log(organisation, filters=filters, after=after, size=500)
        yield from page.entries
        if page.next_cursor is None:
            return
        after = page.next_cursor


def kinds() -> list[tuple[str, str]]:
    """The kinds of entry the log can be filtered by."""
    return [(tracked.key, tracked.kind) for _source, tracked in TRACKED] + [
        (EVENTS_KEY, _("Events"))
    ]
