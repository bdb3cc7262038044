"""The task's change history as people read it: who, when, which field, old → new.

Built from django-simple-history rows in a fixed number of queries, however long the history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.utils import get_m2m_reverse_field_name

from tiekartta.core.quarters import format_quarter
from tiekartta.metrics.formatting import format_number
from tiekartta.metrics.periods import format_period
from tiekartta.roadmap.models import TASK_HISTORY, Person, Task, Theme

TRACKED_FIELDS = (
    "title",
    "description",
    "theme",
    "kind",
    "owner",
    "collaborators",
    "collaborating_units",
    "unit",
    "start",
    "due",
    "priority",
    "status",
    "quick_win",
    "is_public",
    "predecessors",
    "completion",
    "order",
)
QUARTER_FIELDS = {"start", "due"}
# What the organisation's change log shows of a task: its own values, without related objects
# (named on the task page) and without the bookkeeping of order and completion.
TASK_SCALAR_FIELDS = tuple(
    name
    for name in TRACKED_FIELDS
    if not Task._meta.get_field(name).is_relation and name not in {"completion", "order"}
)


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


def display_value(model: type[models.Model], name: str, value: Any) -> str:
    """A stored field value as people read it: choice labels, Yes/No, quarters as written."""
    field: Any = model._meta.get_field(name)
    if name in QUARTER_FIELDS:
        return format_quarter(value)
    if name == "period":
        return format_period(value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, Decimal):
        return format_number(value)
    if isinstance(value, date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if getattr(field, "choices", None):
        return str(dict(field.choices).get(value, value))
    return "" if value is None else str(value)


def _m2m_values(history_ids: list[int]) -> dict[str, dict[int, set[int]]]:
    values: dict[str, dict[int, set[int]]] = {}
    for field, model in TASK_HISTORY.m2m_models.items():
        column = get_m2m_reverse_field_name(field)
        per_row: dict[int, set[int]] = {pk: set() for pk in history_ids}
        for history_id, target_id in model.objects.filter(history_id__in=history_ids).values_list(
            "history_id", f"{column}_id"
        ):
            per_row[history_id].add(target_id)
        values[field.name] = per_row
    return values


def task_history(task: Task) -> list[HistoryEntry]:
    """Newest first."""
    rows = list(task.history.select_related("history_user").order_by("history_date", "history_id"))
    if not rows:
        return []
    ids = [row.history_id for row in rows]
    m2m = _m2m_values(ids)
    people = {
        p.pk: str(p) for p in Person.objects.filter(organisation_id=task.roadmap.organisation_id)
    }
    themes = {t.pk: t.name for t in Theme.objects.filter(roadmap_id=task.roadmap_id)}
    task_titles = dict(Task.objects.filter(roadmap_id=task.roadmap_id).values_list("pk", "title"))
    names = {"owner": people, "collaborators": people, "theme": themes, "predecessors": task_titles}

    def show(name: str, row: Any) -> str:
        field: Any = Task._meta.get_field(name)
        if name in m2m:
            lookup = names[name]
            return ", ".join(sorted(lookup.get(pk, f"#{pk}") for pk in m2m[name][row.history_id]))
        if isinstance(field, models.ForeignKey):
            pk = getattr(row, field.attname)
            return "" if pk is None else names[name].get(pk, f"#{pk}")
        return display_value(Task, name, getattr(row, name))

    actions = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}
    entries: list[HistoryEntry] = []
    previous = None
    for row in rows:
        changes = []
        for name in TRACKED_FIELDS:
            new = show(name, row)
            old = show(name, previous) if previous is not None else ""
            if previous is None and not new:
                continue
            if previous is None or old != new:
                label = str(getattr(Task._meta.get_field(name), "verbose_name", name))
                changes.append(FieldChange(label=label[:1].upper() + label[1:], old=old, new=new))
        if changes or row.history_type != "~":
            user = row.history_user
            entries.append(
                HistoryEntry(
                    when=row.history_date,
                    who=(user.get_full_name() or user.username) if user else _("System"),
                    action=actions.get(row.history_type, row.history_type),
                    changes=changes,
                )
            )
        previous = row
    entries.reverse()
    return entries
