"""How the progress app's tracked models read in the organisation's change log: review meetings
(their details, attendees and closing; the entries recorded in them show as the tasks'
changes) and pilot tasks' experiments (named by their task, linked to the task's page)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from tiekartta.core.history import ChangeSource, Tracked
from tiekartta.core.quarters import format_quarter
from tiekartta.progress.models import Experiment, Review
from tiekartta.roadmap.changes import References, references
from tiekartta.roadmap.models import Task


def _review_link(row: Any, refs: References) -> str:
    if row.roadmap_id not in refs.roadmaps:
        return ""
    return reverse(
        "progress:review_detail",
        kwargs={
            "org": refs.organisation,
            "roadmap": refs.roadmaps[row.roadmap_id],
            "review": row.id,
        },
    )


REVIEW = Tracked(
    Review,
    "roadmap__organisation",
    ("quarter", "meeting_date", "attendees", "minutes", "decisions", "status", "closed_at"),
    {"quarter": format_quarter},
    name_fields=("roadmap", "quarter"),
    link=_review_link,
    roadmap_path="roadmap_id",
)

SOURCE = ChangeSource((REVIEW,), references)


@dataclass(frozen=True)
class ExperimentReferences:
    organisation: str  # the slug, for links
    # task id → its roadmap's slug, for the tasks that have an experiment (a removed task's
    # experiment keeps its history without a link).
    tasks: dict[int, str]


def experiment_references(organisation: Any) -> ExperimentReferences:
    tasks = dict(
        Task.objects.filter(
            roadmap__organisation=organisation, experiment__isnull=False
        ).values_list("pk", "roadmap__slug")
    )
    return ExperimentReferences(organisation.slug, tasks)


def _experiment_link(row: Any, refs: ExperimentReferences) -> str:
    if row.task_id not in refs.tasks:
        return ""
    address = reverse(
        "progress:task_detail",
        kwargs={"org": refs.organisation, "roadmap": refs.tasks[row.task_id], "task": row.task_id},
    )
    return f"{address}#experiment"


EXPERIMENT_FIELDS = (
    "hypothesis",
    "success_criteria",
    "starts",
    "ends",
    "result",
    "lesson",
    "decision",
    "decided_at",
)

EXPERIMENT = Tracked(
    Experiment,
    "task__roadmap__organisation",
    EXPERIMENT_FIELDS,
    {"starts": format_quarter, "ends": format_quarter},
    name_fields=("task",),
    link=_experiment_link,
    roadmap_path="task__roadmap_id",
)

# Its own source: its links need the tasks' roadmaps, not only the roadmaps' slugs.
EXPERIMENT_SOURCE = ChangeSource((EXPERIMENT,), experiment_references)
