"""The task's change history as people read it: who, when, which field, old → new.

Built from django-simple-history rows with core.history and the task's description in
changes.py, in a fixed number of queries, however long the history.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from simple_history.utils import get_m2m_reverse_field_name

from tiekartta.core.history import FieldChange, HistoryEntry, action_label, field_label, who_of
from tiekartta.roadmap.changes import TASK, TASK_FIELDS
from tiekartta.roadmap.models import TASK_HISTORY, Person, Task, Theme

TRACKED_FIELDS = TASK_FIELDS


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
        return TASK.show(name, getattr(row, name))

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
                changes.append(FieldChange(label=field_label(Task, name), old=old, new=new))
        if changes or row.history_type != "~":
            entries.append(
                HistoryEntry(
                    when=row.history_date,
                    who=who_of(row),
                    action=action_label(row.history_type),
                    changes=changes,
                )
            )
        previous = row
    entries.reverse()
    return entries
