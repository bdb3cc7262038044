"""django-simple-history rows as people read them: who, when, which field, old → new.

Generic: `core` knows no app. Each app describes the models it tracks (`Tracked`: which fields,
how a value reads, how an object is named and where it lives) and gathers them in a
`ChangeSource` with what naming and linking need (`references`, at most one query); the task
page, a metric's page and the organisation's change log are built from those descriptions.

A fixed number of queries per model however long the history: the recent rows, then the rows
before them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tiekartta.core.numbers import format_number


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    action: str
    changes: list[FieldChange]


@dataclass
class Change(HistoryEntry):
    """An entry of a log that spans several kinds of object: which one, and a link to it."""

    kind: str = ""
    name: str = ""
    link: str = ""


def action_label(history_type: str) -> str:
    return {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}.get(history_type, history_type)


def who_of(row: Any) -> str:
    """The user of a history row; else the token or system actor its change reason names (see
    core.audit.history_by); else "System" (old rows, and saves where nobody said who)."""
    user = row.history_user
    if user is not None:
        return str(user.get_full_name() or user.get_username())
    return str(getattr(row, "history_change_reason", None) or "") or _("System")


def capitalised(text: Any) -> str:
    text = str(text)
    return text[:1].upper() + text[1:]


def field_label(model: type[models.Model], name: str) -> str:
    return capitalised(getattr(model._meta.get_field(name), "verbose_name", name))


def display_value(model: type[models.Model], name: str, value: Any) -> str:
    """A stored field value as people read it: choice labels, Yes/No, numbers and dates in the
    language's format."""
    model_field: Any = model._meta.get_field(name)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, Decimal):
        return format_number(value)
    if isinstance(value, date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if getattr(model_field, "choices", None):
        return str(dict(model_field.choices).get(value, value))
    return "" if value is None else str(value)


Formatter = Callable[[Any], str]


def _name_of(row: Any, references: Any) -> str:
    return str(getattr(row, "title", None) or getattr(row, "name", ""))


def _no_link(row: Any, references: Any) -> str:
    return ""


@dataclass(frozen=True)
class Tracked:
    """One model's history as its app wants it read."""

    model: type[models.Model]
    # The lookup from the model (and so from its history rows) to its organisation.
    organisation_path: str
    # The fields shown, in order; related objects are for the object's own page.
    fields: tuple[str, ...]
    # How a field's value reads when display_value does not say it well (quarters, periods).
    formatters: Mapping[str, Formatter] = field(default_factory=dict)
    # (history row, the source's references) → the object's name, and where it lives now.
    name: Callable[[Any, Any], str] = _name_of
    link: Callable[[Any, Any], str] = _no_link

    @property
    def kind(self) -> str:
        return capitalised(self.model._meta.verbose_name)

    @property
    def history(self) -> Any:
        return self.model.history.model  # type: ignore[attr-defined]

    def show(self, name: str, value: Any) -> str:
        formatter = self.formatters.get(name)
        if formatter is not None:
            return formatter(value)
        return display_value(self.model, name, value)


def _no_references(organisation: Any) -> Any:
    return None


@dataclass(frozen=True)
class ChangeSource:
    """An app's tracked models, and what naming and linking their rows needs: `references`
    reads it for an organisation in at most one query."""

    tracked: tuple[Tracked, ...]
    references: Callable[[Any], Any] = _no_references


def changes_of(
    tracked: Tracked, rows: models.QuerySet[Any], references: Any, limit: int
) -> list[Change]:
    """The latest `limit` of these history rows, each as the fields it changed against the
    object's previous row (two queries)."""
    recent = list(
        rows.select_related("history_user").order_by("-history_date", "-history_id")[:limit]
    )
    if not recent:
        return []
    ids = {row.id for row in recent}
    earliest = min(row.history_date for row in recent)
    earlier: dict[Any, list[Any]] = {}
    # Every row of these objects up to the oldest shown one, to find each row's predecessor.
    for row in tracked.history.objects.filter(id__in=ids, history_date__lte=earliest).order_by(
        "history_date", "history_id"
    ):
        earlier.setdefault(row.id, []).append(row)
    by_object: dict[Any, list[Any]] = {}
    for row in sorted(recent, key=lambda r: (r.history_date, r.history_id)):
        by_object.setdefault(row.id, []).append(row)
    collected: list[Change] = []
    for object_id, object_rows in by_object.items():
        previous = None
        for candidate in earlier.get(object_id, []):
            if candidate.history_id < object_rows[0].history_id:
                previous = candidate
        for row in object_rows:
            changes = []
            for name in tracked.fields:
                new = tracked.show(name, getattr(row, name))
                old = tracked.show(name, getattr(previous, name)) if previous else ""
                if (previous is None and new) or (previous is not None and old != new):
                    changes.append(FieldChange(field_label(tracked.model, name), old, new))
            previous = row
            if not changes and row.history_type == "~":
                continue
            collected.append(
                Change(
                    when=row.history_date,
                    who=who_of(row),
                    action=action_label(row.history_type),
                    changes=changes,
                    kind=tracked.kind,
                    name=tracked.name(row, references),
                    # Deleted objects live nowhere.
                    link="" if row.history_type == "-" else tracked.link(row, references),
                )
            )
    return collected


def newest_first(entries: Iterable[Any], limit: int) -> list[Any]:
    return sorted(entries, key=lambda entry: entry.when, reverse=True)[:limit]


def recent_changes(
    sources: Sequence[ChangeSource], organisation: Any, *, limit: int = 100
) -> list[Change]:
    """The organisation's latest changes to every model the sources track, newest first."""
    collected: list[Change] = []
    for source in sources:
        references = source.references(organisation)
        for tracked in source.tracked:
            rows = tracked.history.objects.filter(**{tracked.organisation_path: organisation})
            collected.extend(changes_of(tracked, rows, references, limit))
    return newest_first(collected, limit)
