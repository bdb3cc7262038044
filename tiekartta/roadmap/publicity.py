"""What residents may see: the one definition every public surface uses.

The public site, its news feed, the embeddable widget and the open-data files all read through
this module and nothing else, so that "public" is decided once: a roadmap the organisation has
published (`Roadmap.is_public`), its themes, its tasks marked public (`Task.is_public`) and its
metrics marked public (`Metric.is_public`). A task reaches a page only as a `PublicTask`, which
carries none of the internal fields (description, progress notes, people's e-mails, risk
margins, priority, collaborators); the responsible person's name only where the organisation
allows it (`FollowUpSettings.public_shows_names`), otherwise the unit or title.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from tiekartta.accounts.models import Organisation
from tiekartta.roadmap.models import FollowUpSettings, Roadmap, Status, Task, Theme

# The task columns a public surface may read; `.only()` keeps the rest out of memory too.
PUBLIC_TASK_COLUMNS = (
    "id",
    "roadmap_id",
    "theme_id",
    "title",
    "start",
    "due",
    "status",
    "completion",
    "unit",
    "public_summary",
    "public_summary_updated_at",
    "updated_at",
    "order",
    "owner__name",
    "owner__title",
    "owner__unit",
    "theme__name",
    "theme__is_spearhead",
    "theme__order",
    "theme__colour",
)


def organisations_with_public_site() -> QuerySet[Organisation]:
    return Organisation.objects.filter(roadmaps__is_public=True).distinct().order_by("name")


def public_roadmaps(organisation: Organisation) -> QuerySet[Roadmap]:
    return Roadmap.objects.filter(organisation=organisation, is_public=True).order_by(
        "-start_year", "title"
    )


def public_themes(roadmap: Roadmap) -> QuerySet[Theme]:
    """A published roadmap's themes are public: its structure is the plan residents read."""
    if not roadmap.is_public:
        return Theme.objects.none()
    return Theme.objects.filter(roadmap=roadmap).in_display_order()


def _public_task_filter(prefix: str = "") -> Q:
    return Q(**{f"{prefix}is_public": True, f"{prefix}roadmap__is_public": True})


def public_tasks(roadmap: Roadmap) -> QuerySet[Task]:
    """Public tasks of a published roadmap, in the overview's order, with only public columns."""
    return (
        Task.objects.filter(_public_task_filter(), roadmap=roadmap)
        .select_related("theme", "owner")
        .only(*PUBLIC_TASK_COLUMNS)
        .order_by("-theme__is_spearhead", "theme__order", "theme__name", "order", "pk")
    )


def public_tasks_of_organisation(organisation: Organisation) -> QuerySet[Task]:
    return (
        Task.objects.filter(_public_task_filter(), roadmap__organisation=organisation)
        .select_related("theme", "owner")
        .only(*PUBLIC_TASK_COLUMNS)
        .order_by("roadmap_id", "-theme__is_spearhead", "theme__order", "order", "pk")
    )


def public_metrics(roadmap: Roadmap) -> QuerySet[Any]:
    """Public metrics of a published roadmap. Metrics live a layer above; the reverse relation
    reaches them without importing that app."""
    if not roadmap.is_public:
        return roadmap.metrics.none()
    return roadmap.metrics.filter(is_public=True).select_related("theme").order_by("order", "name")


def shows_names(organisation: Organisation) -> bool:
    return FollowUpSettings.for_organisation(organisation).public_shows_names


@dataclass(frozen=True)
class PublicTask:
    """A task as residents see it: nothing more may be added here without asking whether the
    field is meant for the public."""

    id: int
    roadmap_id: int
    title: str
    theme_id: int
    theme_name: str
    theme_is_spearhead: bool
    theme_colour: str
    start: str
    due: str
    schedule_label: str
    status: str
    status_label: str
    completion: int
    responsible: str
    public_summary: str
    public_summary_updated_at: datetime.datetime | None
    updated_at: datetime.datetime


def responsible_label(task: Task, *, names_shown: bool) -> str:
    """Who answers for the task, as the public sees it: the unit (the task's, else the
    person's) or the person's title; the name only where the organisation allows it."""
    unit = task.unit or task.owner.unit
    if names_shown:
        return f"{task.owner.name}, {unit}" if unit else task.owner.name
    return unit or task.owner.title


def project(task: Task, *, names_shown: bool) -> PublicTask:
    return PublicTask(
        id=task.pk,
        roadmap_id=task.roadmap_id,
        title=task.title,
        theme_id=task.theme_id,
        theme_name=task.theme.name,
        theme_is_spearhead=task.theme.is_spearhead,
        theme_colour=task.theme.colour,
        start=task.start,
        due=task.due,
        schedule_label=task.schedule_label,
        status=task.status,
        status_label=str(Status(task.status).label),
        completion=task.shown_completion,
        responsible=responsible_label(task, names_shown=names_shown),
        public_summary=task.public_summary,
        public_summary_updated_at=task.public_summary_updated_at,
        updated_at=task.updated_at,
    )


def project_all(tasks: Iterable[Task], *, names_shown: bool) -> list[PublicTask]:
    return [project(task, names_shown=names_shown) for task in tasks]


def public_task_list(roadmap: Roadmap) -> list[PublicTask]:
    """Every public task of the roadmap as residents see it (two queries)."""
    return project_all(public_tasks(roadmap), names_shown=shows_names(roadmap.organisation))


def overall_progress(tasks: Iterable[PublicTask]) -> int | None:
    """The mean completion of the public tasks, cancelled ones left out; None without tasks."""
    counted = [task.completion for task in tasks if task.status != Status.CANCELLED]
    if not counted:
        return None
    return round(sum(counted) / len(counted))
