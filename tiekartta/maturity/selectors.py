"""What the maturity pages show, each built in a fixed number of queries however many
viewpoints, assessments, scores and linked tasks there are."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Prefetch
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from tiekartta.accounts.models import Organisation
from tiekartta.core.history import (
    FieldChange,
    HistoryEntry,
    action_label,
    capitalised,
    display_value,
    who_of,
)
from tiekartta.maturity.charts import RadarChart, RadarSeries, radar_chart
from tiekartta.maturity.models import Assessment, Score, Viewpoint
from tiekartta.roadmap.models import Roadmap, Task

DEFAULT_COMPARED = 3


@dataclass
class ComparisonRow:
    viewpoint: Viewpoint
    scores: list[Score | None]  # one per compared assessment, oldest first
    change: int | None  # current level in the latest compared minus in the earliest

    @property
    def change_label(self) -> str:
        if self.change is None:
            return ""
        if self.change == 0:
            return "±0"
        return f"+{self.change}" if self.change > 0 else f"−{-self.change}"


@dataclass
class Average:
    current: float | None
    target: float | None


@dataclass
class Overview:
    assessments: list[Assessment]  # all of the organisation's, newest first
    compared: list[Assessment]  # oldest first
    viewpoints: list[Viewpoint]  # with their linked tasks prefetched
    rows: list[ComparisonRow]
    averages: list[Average]
    chart: RadarChart | None
    chart_title: str

    @property
    def compared_ids(self) -> set[int]:
        return {a.pk for a in self.compared}

    @property
    def shows_change(self) -> bool:
        return len(self.compared) > 1


def _mean(values: Sequence[int | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(sum(known) / len(known), 1) if known else None


def _label(assessment: Assessment) -> str:
    return f"{assessment.title} ({date_format(assessment.assessed_on, 'SHORT_DATE_FORMAT')})"


def viewpoints_with_tasks(organisation: Organisation) -> list[Viewpoint]:
    tasks = Task.objects.select_related("roadmap").order_by("-roadmap__start_year", "title", "pk")
    return list(
        Viewpoint.objects.of_organisation(organisation)
        .in_order()
        .prefetch_related(Prefetch("tasks", queryset=tasks))
    )


def chosen_assessments(assessments: list[Assessment], requested: Sequence[str]) -> list[Assessment]:
    """The requested ones that exist in the organisation; by default the latest three.
    Oldest first, so that the change reads from left to right."""
    wanted = {int(value) for value in requested if value.isdecimal() and len(value) < 12}
    chosen = [a for a in assessments if a.pk in wanted] or assessments[:DEFAULT_COMPARED]
    return sorted(chosen, key=lambda a: (a.assessed_on, a.pk))


def build_overview(organisation: Organisation, requested: Sequence[str]) -> Overview:
    assessments = list(
        Assessment.objects.of_organisation(organisation).select_related("roadmap").newest_first()
    )
    compared = chosen_assessments(assessments, requested)
    viewpoints = viewpoints_with_tasks(organisation)
    found: dict[tuple[int, int], Score] = {
        (score.assessment_id, score.viewpoint_id): score
        for score in Score.objects.filter(assessment__in=[a.pk for a in compared]).order_by()
    }
    rows = []
    for viewpoint in viewpoints:
        scores = [found.get((a.pk, viewpoint.pk)) for a in compared]
        first, last = scores[0] if scores else None, scores[-1] if scores else None
        change = None
        if len(scores) > 1 and first and last and None not in (first.current, last.current):
            change = last.current - first.current  # type: ignore[operator]
        rows.append(ComparisonRow(viewpoint, scores, change))
    averages = [
        Average(
            _mean([row.scores[n].current if row.scores[n] else None for row in rows]),  # type: ignore[union-attr]
            _mean([row.scores[n].target if row.scores[n] else None for row in rows]),  # type: ignore[union-attr]
        )
        for n in range(len(compared))
    ]
    chart, title = comparison_chart(viewpoints, compared, rows)
    return Overview(assessments, compared, viewpoints, rows, averages, chart, title)


def comparison_chart(
    viewpoints: list[Viewpoint], compared: list[Assessment], rows: list[ComparisonRow]
) -> tuple[RadarChart | None, str]:
    """Each compared assessment's current levels, and the latest one's target levels."""
    if not compared:
        return None, ""
    current = [
        RadarSeries(
            _("%(assessment)s, current level") % {"assessment": _label(assessment)},
            [row.scores[n].current if row.scores[n] else None for row in rows],  # type: ignore[union-attr]
            assessment.title,
        )
        for n, assessment in enumerate(compared)
    ]
    latest = compared[-1]
    target = RadarSeries(
        _("%(assessment)s, target level") % {"assessment": _label(latest)},
        [row.scores[-1].target if row.scores[-1] else None for row in rows],  # type: ignore[union-attr]
        latest.title,
    )
    chart = radar_chart([v.name for v in viewpoints], current, target)
    title = _(
        "Digital maturity by viewpoint on a scale of 1 to 5: the current level in "
        "%(assessments)s, and the target level in %(latest)s."
    ) % {
        "assessments": get_text_list([_label(a) for a in compared], _("and")),
        "latest": _label(latest),
    }
    return chart, title


@dataclass
class AssessmentRow:
    viewpoint: Viewpoint
    score: Score | None


def assessment_rows(assessment: Assessment) -> list[AssessmentRow]:
    """Every viewpoint of the organisation, with this assessment's score where it has one."""
    scores = {s.viewpoint_id: s for s in assessment.scores.all().order_by()}
    viewpoints = Viewpoint.objects.of_organisation(assessment.organisation).in_order()
    return [AssessmentRow(v, scores.get(v.pk)) for v in viewpoints]


def assessment_chart(assessment: Assessment, rows: list[AssessmentRow]) -> RadarChart | None:
    label = _label(assessment)
    return radar_chart(
        [row.viewpoint.name for row in rows],
        [
            RadarSeries(
                _("%(assessment)s, current level") % {"assessment": label},
                [row.score.current if row.score else None for row in rows],
                assessment.title,
            )
        ],
        RadarSeries(
            _("%(assessment)s, target level") % {"assessment": label},
            [row.score.target if row.score else None for row in rows],
            assessment.title,
        ),
    )


ASSESSMENT_FIELDS = ("title", "assessed_on", "stage", "roadmap", "notes")
SCORE_FIELDS = ("current", "target", "note")


def assessment_history(assessment: Assessment) -> list[HistoryEntry]:
    """The assessment's changes and its scores' changes, one entry per save, newest first.

    A save stamps the assessment and its scores with the same time (see services), so rows
    with the same time and user belong together.
    """
    own = list(
        assessment.history.select_related("history_user").order_by("history_date", "history_id")  # type: ignore[attr-defined]
    )
    score_rows = list(
        Score.history.filter(assessment_id=assessment.pk)  # type: ignore[attr-defined]
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    names = _viewpoint_names(assessment.organisation, {row.viewpoint_id for row in score_rows})
    roadmaps = dict(
        Roadmap.objects.filter(organisation_id=assessment.organisation_id).values_list(
            "pk", "title"
        )
    )
    groups: dict[tuple[datetime, int | None], list[FieldChange]] = defaultdict(list)
    actions: dict[tuple[datetime, int | None], str] = {}
    # Who made each save: a user, or the token or system its change reason names.
    users: dict[tuple[datetime, int | None], str] = {}

    def show(model: Any, name: str, row: Any) -> str:
        if row is None:
            return ""
        if name == "roadmap":
            pk = row.roadmap_id
            return "" if pk is None else roadmaps.get(pk, f"#{pk}")
        if name == "assessed_on":
            return date_format(row.assessed_on, "SHORT_DATE_FORMAT")
        return display_value(model, name, getattr(row, name))

    previous = None
    for row in own:
        key = (row.history_date, row.history_user_id)
        users[key] = who_of(row)
        actions[key] = row.history_type
        for name in ASSESSMENT_FIELDS:
            old = show(Assessment, name, previous)
            new = show(Assessment, name, row) if row.history_type != "-" else ""
            if old != new and (previous is not None or new):
                label = capitalised(Assessment._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
                groups[key].append(FieldChange(label, old, new))
        previous = row
    last_of_score: dict[int, Any] = {}
    for row in score_rows:
        key = (row.history_date, row.history_user_id)
        users.setdefault(key, who_of(row))
        before = last_of_score.get(row.id)
        viewpoint = names.get(row.viewpoint_id, f"#{row.viewpoint_id}")
        for name in SCORE_FIELDS:
            old = show(Score, name, before)
            new = show(Score, name, row) if row.history_type != "-" else ""
            if old != new:
                field_label = Score._meta.get_field(name).verbose_name  # type: ignore[union-attr]
                groups[key].append(FieldChange(f"{viewpoint}: {field_label}", old, new))
        last_of_score[row.id] = None if row.history_type == "-" else row
    entries = []
    for key in sorted(users, key=lambda k: k[0]):
        entries.append(
            HistoryEntry(
                when=key[0],
                who=users[key],
                action=action_label(actions.get(key, "~")),
                changes=groups[key],
            )
        )
    entries.reverse()
    return entries


def _viewpoint_names(organisation: Organisation, ids: set[int]) -> dict[int, str]:
    names = dict(
        Viewpoint.objects.filter(organisation=organisation, pk__in=ids).values_list("pk", "name")
    )
    missing = ids - set(names)
    if missing:
        # A viewpoint deleted after its scores were removed is named as it last was.
        history = Viewpoint.history.filter(  # type: ignore[attr-defined]
            organisation_id=organisation.pk, id__in=missing
        ).order_by("history_date")
        for row in history:
            names[row.id] = row.name
    return names
