"""Read-side computations for the overview and the timeline: a fixed number of queries each."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from tiekartta.accounts.models import Membership
from tiekartta.core.quarters import Quarter, quarter_range
from tiekartta.roadmap.models import (
    DEFAULT_RISK_MARGIN,
    FollowUpSettings,
    Roadmap,
    Status,
    Task,
    TaskQuerySet,
    Theme,
)
from tiekartta.roadmap.risk import Assessment, RiskFlag, ScheduleConflict, assess, overlap


def margin_of(membership: Membership) -> int:
    """The organisation's risk margin: how far behind its planned line a task is at risk."""
    return FollowUpSettings.for_organisation(membership.organisation).risk_margin


def filter_tasks(tasks: TaskQuerySet, filters: dict[str, Any]) -> TaskQuerySet:
    if text := (filters.get("q") or "").strip():
        tasks = tasks.filter(
            Q(title__icontains=text)
            | Q(description__icontains=text)
            | Q(unit__icontains=text)
            | Q(collaborating_units__icontains=text)
            | Q(owner__name__icontains=text)
        )
    if filters.get("theme"):
        tasks = tasks.filter(theme=filters["theme"])
    if filters.get("owner"):
        tasks = tasks.filter(owner=filters["owner"])
    if filters.get("status"):
        tasks = tasks.filter(status=filters["status"])
    if filters.get("kind"):
        tasks = tasks.filter(kind=filters["kind"])
    if filters.get("quarter"):
        tasks = tasks.active_in(Quarter.parse(filters["quarter"]))
    if filters.get("quick_win"):
        tasks = tasks.filter(quick_win=True)
    return tasks


@dataclass
class Totals:
    count: int = 0
    completion_sum: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    by_risk: Counter[str] = field(default_factory=Counter)
    overdue: int = 0

    measured: int = 0

    def add(self, status: str, completion: int, risk: Assessment, overdue: bool) -> None:
        self.count += 1
        # A cancelled task will never finish; counting it would pull the average down forever.
        if status != Status.CANCELLED:
            self.measured += 1
            self.completion_sum += 100 if status == Status.DONE else completion
        self.by_status[status] += 1
        if risk.flag:
            self.by_risk[risk.flag] += 1
        self.overdue += overdue

    def risk_counts(self) -> list[tuple[str, Any, int]]:
        return [
            (value, label, self.by_risk[value])
            for value, label in RiskFlag.choices
            if self.by_risk[value]
        ]

    @property
    def average_completion(self) -> int:
        return round(self.completion_sum / self.measured) if self.measured else 0

    def status_counts(self) -> list[tuple[str, Any, int]]:
        return [
            (value, label, self.by_status[value])
            for value, label in Status.choices
            if self.by_status[value]
        ]


@dataclass(frozen=True)
class Listed:
    """A task the filters let through, as its totals and its row need it before it is read."""

    pk: int
    risk: Assessment
    overdue: bool


@dataclass
class ThemeGroup:
    theme: Theme
    listed: list[Listed] = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)


@dataclass
class Overview:
    groups: list[ThemeGroup]
    totals: Totals
    # The filtered tasks in the overview's order, from which a page reads its rows.
    tasks: TaskQuerySet
    conflicts: dict[int, list[ScheduleConflict]]


# A screenful of rows: 2,000 tasks on one page were 2.5 MB of HTML. Printing and the exports
# take the whole list.
OVERVIEW_PAGE_SIZE = 100


@dataclass
class PageGroup:
    """A theme's rows on one page; `totals` stay the whole theme's."""

    theme: Theme
    tasks: list[Task]
    totals: Totals
    continued: bool  # the theme's earlier rows are on the previous page
    goes_on: bool = False  # the theme's later rows are on the next page


@dataclass
class OverviewPage:
    groups: list[PageGroup]
    number: int
    count: int  # pages
    first_row: int  # 1-based, of all the rows shown by the filters
    last_row: int
    rows: int

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.count else None


def overview_page(overview: Overview, number: int, size: int | None) -> OverviewPage:
    """The page `number` (clamped to the pages there are) of `size` rows, in theme order;
    `size=None` is the whole list on one page. A theme without rows goes on the page where
    its place in the order falls. Only the page's tasks are read as model instances: the
    totals of 2,000 tasks come from plain rows, which cost a quarter as much."""
    rows = overview.totals.count
    whole = size is None or rows <= size
    if size is None or rows <= size:
        size = max(rows, 1)
    count = max(1, -(-rows // size))
    number = min(max(number, 1), count)
    start, end = (number - 1) * size, min(number * size, rows)
    placed: list[tuple[ThemeGroup, list[Listed], bool, bool]] = []
    position = 0
    for group in overview.groups:
        group_start, group_end = position, position + len(group.listed)
        position = group_end
        if not group.listed:
            if min(group_start // size + 1, count) == number:
                placed.append((group, [], False, False))
            continue
        if group_end <= start or group_start >= end:
            continue
        shown = group.listed[max(start - group_start, 0) : end - group_start]
        placed.append((group, shown, group_start < start, group_end > end))
    tasks = _read_tasks(
        overview, None if whole else [entry.pk for _g, shown, *_ in placed for entry in shown]
    )
    groups = [
        PageGroup(
            group.theme,
            [tasks[entry.pk] for entry in shown if entry.pk in tasks],
            group.totals,
            continued=continued,
            goes_on=goes_on,
        )
        for group, shown, continued, goes_on in placed
    ]
    return OverviewPage(
        groups=groups,
        number=number,
        count=count,
        first_row=start + 1 if rows else 0,
        last_row=end,
        rows=rows,
    )


def _read_tasks(overview: Overview, pks: list[int] | None) -> dict[int, Task]:
    """The tasks of `pks` (all the overview's when None) with what their rows show attached.

    A task deleted since the totals were counted is simply not there."""
    tasks = overview.tasks.select_related(None).select_related("owner").only(*LISTED_FIELDS)
    if pks is not None:
        tasks = tasks.filter(pk__in=pks)
    listed = {entry.pk: entry for group in overview.groups for entry in group.listed}
    found: dict[int, Task] = {}
    for task in tasks:
        entry = listed.get(task.pk)
        if entry is None:  # created since, or no longer matching the risk filter
            continue
        task.risk = entry.risk  # type: ignore[attr-defined]
        task.overdue = entry.overdue  # type: ignore[attr-defined]
        task.schedule_conflicts = overview.conflicts.get(task.pk, [])  # type: ignore[attr-defined]
        found[task.pk] = task
    return found


def assess_task(task: Task, today: datetime.date, margin: int) -> Assessment:
    return assess(
        start=task.start,
        due=task.due,
        status=task.status,
        completion=task.completion,
        today=today,
        margin=margin,
    )


def schedule_conflicts(roadmap: Roadmap) -> dict[int, list[ScheduleConflict]]:
    """Every conflict between the roadmap's dependent tasks, by the successor's id (the task
    that should wait), in one query whatever the number of tasks."""
    links = Task.predecessors.through.objects.filter(from_task__roadmap=roadmap).values_list(
        "from_task_id",
        "from_task__start",
        "from_task__due",
        "from_task__status",
        "to_task_id",
        "to_task__title",
        "to_task__start",
        "to_task__due",
        "to_task__status",
    )
    found: dict[int, list[ScheduleConflict]] = {}
    for successor_id, start, due, status, predecessor_id, title, p_start, p_due, p_status in links:
        hit = overlap(predecessor=(p_start, p_due, p_status), successor=(start, due, status))
        if hit:
            found.setdefault(successor_id, []).append(
                ScheduleConflict(predecessor_id, title, True, *hit)
            )
    for conflicts in found.values():
        conflicts.sort(key=lambda c: c.other_title)
    return found


# What the overview's and the timeline's rows show (roadmap/rows.py) and their totals count:
# the long texts (description, notes, language versions) stay in the database. A field missing
# here would cost a query per row, which the query-count tests catch.
LISTED_FIELDS = (
    "id",
    "theme_id",
    "title",
    "kind",
    "owner_id",
    "owner__id",
    "owner__name",
    "start",
    "due",
    "status",
    "completion",
    "quick_win",
    "order",
)


def build_overview(
    roadmap: Roadmap,
    tasks: TaskQuerySet,
    today: datetime.date,
    include_empty: bool,
    margin: int = DEFAULT_RISK_MARGIN,
    risk: str = "",
) -> Overview:
    """Tasks grouped by theme, spearheads first, with totals per theme and for the roadmap.

    The totals are counted from plain rows; `overview_page` reads the tasks a page shows,
    each carrying `overdue`, `risk` (its schedule assessment; `risk` filters on the flag) and
    `schedule_conflicts` (with its predecessors, see risk.overlap).
    """
    conflicts = schedule_conflicts(roadmap)
    groups = {
        theme.pk: ThemeGroup(theme)
        for theme in Theme.objects.filter(roadmap=roadmap).in_display_order()
    }
    totals = Totals()
    tasks = tasks.for_listing()
    # Many tasks share a schedule, a status and a completion: each distinct combination is
    # assessed once (an Assessment is immutable, so sharing one is safe).
    assessments: dict[tuple[str, str, str, int], tuple[Assessment, bool]] = {}
    rows = tasks.values_list("pk", "theme_id", "start", "due", "status", "completion")
    for pk, theme_id, start, due, status, completion in rows:
        key = (start, due, status, completion)
        known = assessments.get(key)
        if known is None:
            probe = Task(start=start, due=due, status=status, completion=completion)
            known = assessments[key] = (assess_task(probe, today, margin), probe.is_overdue(today))
        assessment, overdue = known
        if risk and assessment.flag != risk:
            continue
        group = groups[theme_id]
        group.listed.append(Listed(pk, assessment, overdue))
        group.totals.add(status, completion, assessment, overdue)
        totals.add(status, completion, assessment, overdue)
    shown = [g for g in groups.values() if g.listed or include_empty]
    return Overview(groups=shown, totals=totals, tasks=tasks, conflicts=conflicts)


@dataclass
class TimelineRow:
    task: Task
    column_start: int  # 1-based grid column of the first quarter
    column_end: int  # exclusive grid line
    clipped_start: bool
    clipped_end: bool
    overdue: bool


@dataclass
class Timeline:
    quarters: list[Quarter]
    groups: list[tuple[Theme, list[TimelineRow]]]
    unscheduled: list[Task]
    today_percent: float | None
    current_quarter: Quarter


def build_timeline(
    roadmap: Roadmap,
    tasks: TaskQuerySet,
    today: datetime.date,
    margin: int = DEFAULT_RISK_MARGIN,
    risk: str = "",
) -> Timeline:
    quarters = list(quarter_range(roadmap.first_quarter, roadmap.last_quarter))
    first, last = quarters[0], quarters[-1]
    overview = build_overview(roadmap, tasks, today, include_empty=False, margin=margin, risk=risk)
    groups: list[tuple[Theme, list[TimelineRow]]] = []
    unscheduled: list[Task] = []
    for group in overview_page(overview, 1, None).groups:
        rows = []
        for task in group.tasks:
            start, due = (
                task.start_quarter or task.due_quarter,
                task.due_quarter or task.start_quarter,
            )
            if start is None or due is None:
                unscheduled.append(task)
                continue
            shown_start, shown_due = max(start, first), min(due, last)
            rows.append(
                TimelineRow(
                    task=task,
                    column_start=shown_start.index - first.index + 1,
                    column_end=shown_due.index - first.index + 2,
                    clipped_start=start < first,
                    clipped_end=due > last,
                    overdue=task.overdue,  # type: ignore[attr-defined]
                )
            )
        if rows:
            groups.append((group.theme, rows))
    period_start, period_end = first.first_day, last.last_day + datetime.timedelta(days=1)
    today_percent = None
    if period_start <= today < period_end:
        today_percent = round(
            100 * (today - period_start).days / (period_end - period_start).days, 2
        )
    return Timeline(
        quarters=quarters,
        groups=groups,
        unscheduled=unscheduled,
        today_percent=today_percent,
        current_quarter=Quarter.of_date(today),
    )
