"""How the roadmap app's tracked models read in a history: roadmaps, themes, people, tasks.

The organisation's change log (the `activity` app) and the task page (history.py) are built
from these descriptions with core.history.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from tiekartta.core.history import ChangeSource, Tracked
from tiekartta.core.quarters import format_quarter
from tiekartta.roadmap.models import FollowUpSettings, Person, Roadmap, Task, Theme

# What the task page shows of a task, in the order of its form.
TASK_FIELDS = (
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
    "public_summary",
    # The language versions of the title, description and summary, each a change of its own.
    "translations",
    "predecessors",
    "completion",
    "order",
)
QUARTER_FORMATTERS = {"start": format_quarter, "due": format_quarter}
# What the organisation's change log shows of a task: every field, the task it was carried over
# from too.
TASK_LOG_FIELDS = (*TASK_FIELDS, "carried_over_from")


@dataclass(frozen=True)
class References:
    organisation: str  # the slug, for links
    roadmaps: dict[int, str]  # roadmap id → slug


def references(organisation: Any) -> References:
    slugs = dict(Roadmap.objects.filter(organisation=organisation).values_list("pk", "slug"))
    return References(organisation.slug, slugs)


def _task_link(row: Any, refs: References) -> str:
    if row.roadmap_id not in refs.roadmaps:
        return ""
    return reverse(
        "progress:task_detail",
        kwargs={"org": refs.organisation, "roadmap": refs.roadmaps[row.roadmap_id], "task": row.id},
    )


def _roadmap_link(row: Any, refs: References) -> str:
    if row.id not in refs.roadmaps:
        return ""
    return reverse(
        "roadmap:overview", kwargs={"org": refs.organisation, "roadmap": refs.roadmaps[row.id]}
    )


def _theme_link(row: Any, refs: References) -> str:
    if row.roadmap_id not in refs.roadmaps:
        return ""
    return reverse(
        "roadmap:theme_list",
        kwargs={"org": refs.organisation, "roadmap": refs.roadmaps[row.roadmap_id]},
    )


def _person_link(row: Any, refs: References) -> str:
    return reverse("roadmap:person_list", kwargs={"org": refs.organisation})


ROADMAP = Tracked(
    Roadmap,
    "organisation",
    ("title", "slug", "start_year", "end_year", "description", "translations", "is_archived"),
    link=_roadmap_link,
    roadmap_path="id",
)
THEME = Tracked(
    Theme,
    "roadmap__organisation",
    ("name", "description", "translations", "is_spearhead", "order", "colour"),
    link=_theme_link,
    roadmap_path="roadmap_id",
)
PERSON = Tracked(
    Person, "organisation", ("name", "title", "unit", "email", "user"), link=_person_link
)
TASK = Tracked(
    Task,
    "roadmap__organisation",
    TASK_LOG_FIELDS,
    QUARTER_FORMATTERS,
    link=_task_link,
    roadmap_path="roadmap_id",
)
FOLLOW_UP_SETTINGS = Tracked(
    FollowUpSettings,
    "organisation",
    (
        "risk_margin",
        "next_review_date",
        "reminder_days_before",
        "sign_in_link_hours",
        "metric_grace_days",
    ),
    # The settings page is the administrator's: no link for every reader.
    name_fields=("organisation",),
)

SOURCE = ChangeSource((ROADMAP, THEME, PERSON, TASK, FOLLOW_UP_SETTINGS), references)
