"""The plan as data: what a version keeps and what a diff compares.

A snapshot is plain JSON so that it outlives the rows it was read from: a person renamed, a
theme deleted or a task removed later still reads as it was decided. Objects are keyed by
their primary key as a string; tasks proposed in a revision draft get keys "new-1", "new-2"…
Names are kept beside the keys they label (`owner_name`, the theme's `name`) for that reason.

Only the plan is kept, not its progress: completion percentages and progress notes change
every quarter without the plan changing. A task's status is kept because "cancelled" takes it
out of the plan; the other statuses are not compared.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.db.models import Prefetch

from tiekartta.metrics.models import Metric
from tiekartta.roadmap.models import Person, Roadmap, Status, Task

Snapshot = dict[str, Any]

SNAPSHOT_FORMAT = 1

# The task fields that make the plan, in the order a diff lists them.
TASK_FIELDS = (
    "title",
    "theme",
    "owner",
    "start",
    "due",
    "kind",
    "priority",
    "quick_win",
    "collaborators",
)
METRIC_FIELDS = (
    "name",
    "theme",
    "owner",
    "baseline_value",
    "target_value",
    "target_date",
    "milestones",
)
THEME_FIELDS = ("name", "is_spearhead")


def build_snapshot(roadmap: Roadmap) -> Snapshot:
    """The live plan of the roadmap, in a constant number of queries."""
    themes = {
        str(theme.pk): {
            "name": theme.name,
            "is_spearhead": theme.is_spearhead,
            "order": theme.order,
        }
        for theme in roadmap.themes.all()
    }
    tasks = {}
    collaborators = Prefetch("collaborators", queryset=Person.objects.only("name"))
    for task in (
        Task.objects.filter(roadmap=roadmap)
        .select_related("owner")
        .prefetch_related(collaborators)
        .order_by("order", "pk")
    ):
        tasks[str(task.pk)] = task_entry(task)
    metrics = {}
    for metric in (
        Metric.objects.filter(roadmap=roadmap)
        .select_related("owner")
        .prefetch_related("milestones")
        .order_by("order", "pk")
    ):
        metrics[str(metric.pk)] = {
            "name": metric.name,
            "theme": str(metric.theme_id) if metric.theme_id else "",
            "owner": str(metric.owner_id),
            "owner_name": metric.owner.name,
            "unit": metric.unit_label or metric.unit,
            "baseline_value": _number(metric.baseline_value),
            "target_value": _number(metric.target_value),
            "target_date": metric.target_date.isoformat(),
            "milestones": {str(m.year): _number(m.value) for m in metric.milestones.all()},
        }
    return {
        "format": SNAPSHOT_FORMAT,
        "roadmap": {
            "title": roadmap.title,
            "start_year": roadmap.start_year,
            "end_year": roadmap.end_year,
        },
        "themes": themes,
        "tasks": tasks,
        "metrics": metrics,
    }


def task_entry(task: Task) -> dict[str, Any]:
    return {
        "title": task.title,
        "theme": str(task.theme_id),
        "owner": str(task.owner_id),
        "owner_name": task.owner.name,
        "start": task.start,
        "due": task.due,
        "kind": task.kind,
        "priority": task.priority,
        "quick_win": task.quick_win,
        "status": task.status,
        "collaborators": sorted(person.name for person in task.collaborators.all()),
        "order": task.order,
    }


def _number(value: Any) -> str | None:
    """Decimals as text, normalised so that 10.00 and 10 are the same target."""
    if value is None:
        return None
    text = format(value.normalize(), "f")
    return text


def in_plan(entry: dict[str, Any]) -> bool:
    """A cancelled task has left the plan; it stays in the snapshot for the record."""
    return entry.get("status") != Status.CANCELLED


def plan_only(snapshot: Snapshot) -> Snapshot:
    """What a diff compares and nothing else: a task's progress (in progress, postponed) or its
    place in the list changes no plan."""
    return {
        "themes": {
            key: {f: t.get(f) for f in THEME_FIELDS} for key, t in snapshot["themes"].items()
        },
        "tasks": {
            key: {**{f: t.get(f) for f in TASK_FIELDS}, "in_plan": in_plan(t)}
            for key, t in snapshot["tasks"].items()
        },
        "metrics": {
            key: {f: m.get(f) for f in METRIC_FIELDS} for key, m in snapshot["metrics"].items()
        },
    }


def fingerprint(snapshot: Snapshot) -> str:
    """A short digest of the plan: a form carries it to notice that the plan changed under it."""
    text = json.dumps(plan_only(snapshot), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
