"""The organisation's change log: every tracked model's changes, as each app describes its own
(roadmap.changes, metrics.changes, maturity.changes), interleaved with the audit events of
accounts.events, newest first.

A fixed number of queries: two per tracked model (the recent rows, then the rows before them),
one per app for the names and links (roadmaps, metrics), and one for the events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from tiekartta.accounts.models import AuditEvent, EventKind, Membership, Organisation, Role
from tiekartta.core.history import (
    Change,
    ChangeSource,
    FieldChange,
    field_label,
    newest_first,
    recent_changes,
)
from tiekartta.maturity import changes as maturity_changes
from tiekartta.metrics import changes as metrics_changes
from tiekartta.roadmap import changes as roadmap_changes

SOURCES: tuple[ChangeSource, ...] = (
    roadmap_changes.SOURCE,
    metrics_changes.SOURCE,
    maturity_changes.SOURCE,
)


@dataclass
class Event:
    """An audit event as the change log shows it."""

    when: datetime
    who: str
    action: str
    subject: str
    changes: list[FieldChange] = field(default_factory=list)
    # Shown to the organisation's administrators only: the client address of a sign-in.
    details: list[FieldChange] = field(default_factory=list)
    is_event: bool = True


def _who(event: AuditEvent) -> str:
    if event.actor is not None:
        return str(event.actor.get_full_name() or event.actor.get_username())
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
    )


def recent_events(organisation: Organisation, limit: int = 100) -> list[Event]:
    """The organisation's latest audit events (one query)."""
    rows = (
        AuditEvent.objects.filter(organisation=organisation)
        .select_related("actor")
        .order_by("-at", "-pk")[:limit]
    )
    return [as_entry(row) for row in rows]


def change_log(organisation: Organisation, limit: int = 100) -> list[Change | Event]:
    """The latest model changes and events, newest first."""
    entries: list[Change | Event] = [
        *recent_changes(SOURCES, organisation, limit=limit),
        *recent_events(organisation, limit),
    ]
    return newest_first(entries, limit)
