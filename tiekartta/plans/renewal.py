"""Renewal (uudistaminen): the next period's roadmap made from this one.

`propose` reads what the wizard and `manage.py renew_roadmap` offer: the themes to copy, each
unfinished task with a proposed schedule in the new period, the done and cancelled tasks for
the record, the metrics with their last value as the new baseline, the parked ideas. `renew`
makes the new roadmap from what the user confirmed, in one transaction through the roadmap's
and the metrics' own services, keeps the record (`Renewal`) and closes the old roadmap.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tiekartta.core.actors import Actor, as_actor
from tiekartta.core.audit import history_by
from tiekartta.core.quarters import Quarter
from tiekartta.ideas.models import Idea, IdeaStatus
from tiekartta.metrics import services as metric_services
from tiekartta.metrics.models import Metric, MetricValue
from tiekartta.metrics.periods import Period
from tiekartta.plans.models import Renewal
from tiekartta.plans.services import lock
from tiekartta.roadmap import services as roadmap_services
from tiekartta.roadmap.models import CLOSED_STATUSES, Roadmap, Status, Task, Theme

# How long a renewed roadmap's period is by default: the seed's three years.
DEFAULT_YEARS = 3


@dataclass
class ThemePlan:
    name: str
    source: Theme | None = None  # the old theme it is copied from
    description: str = ""
    is_spearhead: bool = False
    colour: str = "blue"
    translations: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass
class CarryPlan:
    task: Task
    start: str
    due: str
    theme: str  # the name of the new roadmap's theme it goes under


@dataclass
class MetricPlan:
    metric: Metric
    target_value: Decimal
    target_date: datetime.date
    theme: str = ""  # a new theme's name, or "" for the whole roadmap
    last_value: Decimal | None = None
    last_period: str = ""


@dataclass
class RenewalPlan:
    title: str
    slug: str
    start_year: int
    end_year: int
    description: str = ""
    themes: list[ThemePlan] = field(default_factory=list)
    carry: list[CarryPlan] = field(default_factory=list)
    metrics: list[MetricPlan] = field(default_factory=list)


@dataclass
class Proposal:
    plan: RenewalPlan
    unfinished: list[CarryPlan]
    done: list[Task]
    cancelled: list[Task]
    metrics: list[MetricPlan]
    parked_ideas: list[Idea]


def default_period(roadmap: Roadmap) -> tuple[int, int]:
    length = roadmap.end_year - roadmap.start_year + 1 or DEFAULT_YEARS
    return roadmap.end_year + 1, roadmap.end_year + length


def default_title(roadmap: Roadmap, start_year: int, end_year: int) -> str:
    """The old title with its years replaced: "Digitiekartta 2023–2025" → "… 2026–2028"."""
    title = roadmap.title
    for old, new in (
        (roadmap.period_label, f"{start_year}–{end_year}"),
        (f"{roadmap.start_year}-{roadmap.end_year}", f"{start_year}-{end_year}"),
    ):
        if old in title:
            return title.replace(old, new)
    return f"{title} {start_year}–{end_year}"


def proposed_schedule(task: Task, start_year: int, end_year: int) -> tuple[str, str]:
    """The task keeps its length and begins at the new period's start, or later if it was
    planned to begin later; it never runs past the period's end."""
    first, last = Quarter(start_year, 1), Quarter(end_year, 4)
    start, due = task.start_quarter, task.due_quarter
    if start is None and due is None:
        return "", ""
    start = start or due
    due = due or start
    assert start is not None and due is not None
    length = max(due.index - start.index, 0)
    new_start = max(start, first)
    new_start = min(new_start, last)
    new_due = Quarter.from_index(min(new_start.index + length, last.index))
    return str(new_start), str(new_due)


def last_value(metric: Metric) -> tuple[Decimal | None, str]:
    latest = (
        MetricValue.objects.filter(metric=metric).exclude(period="").order_by("-period").first()
    )
    return (latest.value, latest.period) if latest else (None, "")


def propose(roadmap: Roadmap, start_year: int, end_year: int) -> Proposal:
    tasks = list(
        roadmap.tasks.for_listing().prefetch_related("predecessors", "collaborators")  # type: ignore[attr-defined]
    )
    themes = [
        ThemePlan(
            name=theme.name,
            source=theme,
            description=theme.description,
            is_spearhead=theme.is_spearhead,
            colour=theme.colour,
            translations=theme.translations or {},
        )
        for theme in roadmap.themes.in_display_order()  # type: ignore[attr-defined]
    ]
    unfinished = []
    for task in tasks:
        if task.status in CLOSED_STATUSES:
            continue
        start, due = proposed_schedule(task, start_year, end_year)
        unfinished.append(CarryPlan(task=task, start=start, due=due, theme=task.theme.name))
    metrics = []
    for metric in roadmap.metrics.select_related("theme").order_by("order", "pk"):  # type: ignore[attr-defined]
        value, period = last_value(metric)
        metrics.append(
            MetricPlan(
                metric=metric,
                target_value=metric.target_value,
                target_date=datetime.date(end_year, 12, 31),
                theme=metric.theme.name if metric.theme is not None else "",
                last_value=value,
                last_period=period,
            )
        )
    plan = RenewalPlan(
        title=default_title(roadmap, start_year, end_year),
        slug=f"{start_year}-{end_year}",
        start_year=start_year,
        end_year=end_year,
        description=roadmap.description,
        themes=themes,
        carry=unfinished,
        metrics=metrics,
    )
    return Proposal(
        plan=plan,
        unfinished=unfinished,
        done=[t for t in tasks if t.status == Status.DONE],
        cancelled=[t for t in tasks if t.status == Status.CANCELLED],
        metrics=metrics,
        parked_ideas=list(
            Idea.objects.filter(
                organisation=roadmap.organisation_id, status=IdeaStatus.PARKED
            ).order_by("title")
        ),
    )


def check_period(roadmap: Roadmap, start_year: int, end_year: int) -> None:
    """The years of a renewal: after the old period, without overlapping it."""
    if hasattr(roadmap, "renewed_as"):
        raise ValidationError(
            _("This roadmap has already been renewed as “%(roadmap)s”.")
            % {"roadmap": roadmap.renewed_as.target}
        )
    if start_year <= roadmap.end_year:
        raise ValidationError(
            {
                "start_year": _(
                    "The new period must begin after the old one ends: in %(year)s or later."
                )
                % {"year": roadmap.end_year + 1}
            }
        )
    if end_year < start_year:
        raise ValidationError({"end_year": _("The last year cannot be before the first year.")})


@dataclass
class Outcome:
    renewal: Renewal
    carried: list[tuple[Task, Task]]
    metrics: list[tuple[Metric, Metric]]


@transaction.atomic
def renew(*, actor: Actor, roadmap: Roadmap, plan: RenewalPlan, close: bool = True) -> Outcome:
    """Make the next period's roadmap as `plan` says and close the old one, all or nothing."""
    lock(roadmap)
    roadmap.refresh_from_db()
    check_period(roadmap, plan.start_year, plan.end_year)
    _check_plan(roadmap, plan)
    new = roadmap_services.create_roadmap(
        actor=actor,
        organisation=roadmap.organisation,
        title=plan.title,
        slug=plan.slug,
        start_year=plan.start_year,
        end_year=plan.end_year,
        description=plan.description,
        translations=_with_years(roadmap, plan),
    )
    themes: dict[str, Theme] = {}
    for theme in plan.themes:
        themes[theme.name] = roadmap_services.create_theme(
            actor=actor,
            roadmap=new,
            name=theme.name,
            description=theme.description,
            is_spearhead=theme.is_spearhead,
            colour=theme.colour,
            translations=theme.translations,
        )
    carried = _carry_tasks(actor, new, plan, themes)
    metrics = _carry_metrics(actor, new, plan, themes, carried)
    record = _record(roadmap, plan, carried, metrics)
    renewal = Renewal(
        source=roadmap, target=new, record=record, created_by=as_actor(actor).history_user
    )
    renewal.full_clean()
    with history_by(renewal, actor):
        renewal.save()
    if close and not roadmap.is_archived:
        roadmap_services.set_roadmap_archived(actor=actor, roadmap=roadmap, archived=True)
    return Outcome(renewal=renewal, carried=carried, metrics=metrics)


def _with_years(roadmap: Roadmap, plan: RenewalPlan) -> dict[str, dict[str, str]]:
    """The old roadmap's language versions with the new years in their titles."""
    versions: dict[str, dict[str, str]] = {}
    for language, texts in (roadmap.translations or {}).items():
        versions[language] = dict(texts)
        if texts.get("title"):
            versions[language]["title"] = texts["title"].replace(
                roadmap.period_label, f"{plan.start_year}–{plan.end_year}"
            )
    return versions


def _check_plan(roadmap: Roadmap, plan: RenewalPlan) -> None:
    """Every refusal at once, keyed so that the wizard shows each next to its row."""
    errors: dict[str, list[str]] = {}
    names = [theme.name.strip().casefold() for theme in plan.themes]
    if len(set(names)) != len(names):
        errors["themes"] = [_("Two themes have the same name.")]
    theme_names = {theme.name for theme in plan.themes}
    first, last = Quarter(plan.start_year, 1), Quarter(plan.end_year, 4)
    period = f"{plan.start_year}–{plan.end_year}"
    for item in plan.carry:
        task = item.task
        key = f"task_{task.pk}"
        if task.roadmap_id != roadmap.pk:
            errors[key] = [_("Only the roadmap's own tasks can be carried over.")]
            continue
        if task.status in CLOSED_STATUSES:
            errors[key] = [_("A done or cancelled task is not carried over.")]
            continue
        if item.theme not in theme_names:
            errors[key] = [_("Choose a theme that the new roadmap has.")]
        for value in (item.start, item.due):
            if value and not first <= Quarter.parse(value) <= last:
                errors[key] = [
                    _(
                        "The new schedule of “%(task)s” does not fit the period %(period)s: "
                        "choose quarters within it."
                    )
                    % {"task": task.title, "period": period}
                ]
        if item.start and item.due and item.due < item.start:
            errors[key] = [_("The target end cannot be before the target start.")]
    for wanted in plan.metrics:
        key = f"metric_{wanted.metric.pk}"
        if wanted.metric.roadmap_id != roadmap.pk:
            errors[key] = [_("Only the roadmap's own metrics can be carried over.")]
        elif wanted.theme and wanted.theme not in theme_names:
            errors[key] = [_("Choose a theme that the new roadmap has.")]
        elif wanted.target_date.year < plan.start_year:
            errors[key] = [_("The target date must be within or after the new period.")]
    if errors:
        raise ValidationError(errors)


def _carry_tasks(
    actor: Actor, new: Roadmap, plan: RenewalPlan, themes: dict[str, Theme]
) -> list[tuple[Task, Task]]:
    carried: list[tuple[Task, Task]] = []
    by_old: dict[int, Task] = {}
    wanted = {item.task.pk for item in plan.carry}
    links = {
        item.task.pk: [p.pk for p in item.task.predecessors.all() if p.pk in wanted]
        for item in plan.carry
    }
    # Predecessors first, so that each new task is made with its links at once: a link to a
    # task left behind is not kept.
    for item in _predecessors_first(plan.carry, links):
        old = item.task
        data = roadmap_services.TaskInput.from_task(old)
        data.theme = themes[item.theme]
        data.start, data.due = item.start, item.due
        # The new roadmap begins as a plan: the new period's follow-up records how far the
        # work gets (its completion starts at 0 %, so "in progress" would say nothing yet).
        data.status = Status.PLANNED
        data.predecessors = [by_old[pk] for pk in links[old.pk]]
        task = roadmap_services.create_task(
            actor=actor, roadmap=new, data=data, carried_over_from=old
        )
        by_old[old.pk] = task
    # In the order the user saw them.
    for item in plan.carry:
        carried.append((item.task, by_old[item.task.pk]))
    return carried


def _predecessors_first(items: list[CarryPlan], links: dict[int, list[int]]) -> list[CarryPlan]:
    """The items ordered so that each comes after its predecessors (the old roadmap's links
    have no cycle: its services refuse one)."""
    by_pk = {item.task.pk: item for item in items}
    ordered: list[CarryPlan] = []
    done: set[int] = set()

    def visit(pk: int, path: frozenset[int]) -> None:
        if pk in done or pk in path:
            return
        for predecessor in links.get(pk, []):
            visit(predecessor, path | {pk})
        done.add(pk)
        ordered.append(by_pk[pk])

    for item in items:
        visit(item.task.pk, frozenset())
    return ordered


def _carry_metrics(
    actor: Actor,
    new: Roadmap,
    plan: RenewalPlan,
    themes: dict[str, Theme],
    carried: list[tuple[Task, Task]],
) -> list[tuple[Metric, Metric]]:
    task_map = {old.pk: task for old, task in carried}
    made = []
    for item in plan.metrics:
        old = item.metric
        data = metric_services.MetricInput.from_metric(old)
        value, period = (item.last_value, item.last_period) if item.last_period else last_value(old)
        if value is not None:
            data.baseline_value = value
            data.baseline_date = Period.parse(period).last_day
        data.target_value = item.target_value
        data.target_date = item.target_date
        data.theme = themes.get(item.theme) if item.theme else None
        data.tasks = [task_map[t.pk] for t in old.tasks.all() if t.pk in task_map]
        # The old intermediate targets are for the old years.
        data.milestones = {}
        made.append((old, metric_services.create_metric(actor=actor, roadmap=new, data=data)))
    return made


def _record(
    roadmap: Roadmap,
    plan: RenewalPlan,
    carried: list[tuple[Task, Task]],
    metrics: list[tuple[Metric, Metric]],
) -> dict[str, Any]:
    carried_ids = {old.pk for old, _new in carried}
    tasks = list(roadmap.tasks.order_by("order", "pk"))

    def entry(task: Task) -> dict[str, Any]:
        return {
            "id": task.pk,
            "title": task.title,
            "status": task.status,
            "completion": task.shown_completion,
            "schedule": task.schedule_label,
        }

    return {
        "carried": [
            {**entry(old), "to": new.pk, "new_schedule": new.schedule_label} for old, new in carried
        ],
        "left": [
            entry(t) for t in tasks if t.status not in CLOSED_STATUSES and t.pk not in carried_ids
        ],
        "done": [entry(t) for t in tasks if t.status == Status.DONE],
        "cancelled": [entry(t) for t in tasks if t.status == Status.CANCELLED],
        "metrics": [
            {
                "id": old.pk,
                "to": new_metric.pk,
                "name": old.name,
                "baseline": None
                if new_metric.baseline_value is None
                else format(new_metric.baseline_value.normalize(), "f"),
                "target": format(new_metric.target_value.normalize(), "f"),
            }
            for old, new_metric in metrics
        ],
    }
