"""The roadmap dashboard: completion overall, per theme and per owner, counts by status and risk,
the burn-up over the period against the plan, and the tasks finished or late. Four queries."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from tiekartta.core.charts import LineChart, Series, percent_chart
from tiekartta.core.quarters import Quarter, quarter_range
from tiekartta.progress.models import ProgressEntry
from tiekartta.roadmap.models import Roadmap, Status, Task, Theme
from tiekartta.roadmap.risk import RiskFlag, expected_completion, planned_span
from tiekartta.roadmap.selectors import assess_task


@dataclass
class Aggregate:
    """Completion of a set of tasks: the plain average and the average weighted by each task's
    planned length in quarters, so that a three-year project counts more than a quick win."""

    label: str
    count: int = 0
    measured: int = 0
    completion_sum: int = 0
    weighted_sum: int = 0
    weight_sum: int = 0
    flags: Counter[str] = field(default_factory=Counter)

    def add(self, task: Task, weight: int, flag: str | None) -> None:
        self.count += 1
        if flag:
            self.flags[flag] += 1
        if task.status == Status.CANCELLED:
            return
        self.measured += 1
        self.completion_sum += task.shown_completion
        self.weighted_sum += task.shown_completion * weight
        self.weight_sum += weight

    @property
    def average(self) -> int:
        return round(self.completion_sum / self.measured) if self.measured else 0

    @property
    def weighted(self) -> int:
        return round(self.weighted_sum / self.weight_sum) if self.weight_sum else 0

    @property
    def late(self) -> int:
        return self.flags[RiskFlag.LATE]

    @property
    def at_risk(self) -> int:
        return self.flags[RiskFlag.AT_RISK]


@dataclass
class Dashboard:
    overall: Aggregate
    themes: list[tuple[Theme, Aggregate]]
    owners: list[Aggregate]
    status_counts: list[tuple[str, Any, int]]
    risk_counts: list[tuple[str, Any, int]]
    burn_up: LineChart
    burn_up_rows: list[tuple[Quarter, int | None, int]]
    completed_this_quarter: list[Task]
    late: list[Task]
    current_quarter: Quarter


def planned_weight(task: Task) -> int:
    span = planned_span(task.start, task.due)
    return span[1].index - span[0].index + 1 if span else 1


def build_dashboard(roadmap: Roadmap, today: datetime.date, margin: int) -> Dashboard:
    current = Quarter.of_date(today)
    themes = list(Theme.objects.filter(roadmap=roadmap).in_display_order())
    tasks = list(Task.objects.filter(roadmap=roadmap).for_listing())
    history: dict[int, list[tuple[str, int, str]]] = defaultdict(list)
    for task_id, quarter, completion, status in (
        ProgressEntry.objects.filter(task__roadmap=roadmap)
        .in_order()
        .values_list("task_id", "quarter", "completion", "status")
    ):
        history[task_id].append((quarter, completion, status))

    overall = Aggregate(_("All tasks"))
    by_theme = {theme.pk: Aggregate(theme.name) for theme in themes}
    by_owner: dict[int, Aggregate] = {}
    statuses: Counter[str] = Counter()
    completed, late = [], []
    for task in tasks:
        assessment = assess_task(task, today, margin)
        task.risk = assessment  # type: ignore[attr-defined]
        weight = planned_weight(task)
        overall.add(task, weight, assessment.flag)
        by_theme[task.theme_id].add(task, weight, assessment.flag)
        by_owner.setdefault(task.owner_id, Aggregate(task.owner.name)).add(
            task, weight, assessment.flag
        )
        statuses[task.status] += 1
        if assessment.flag == RiskFlag.LATE:
            late.append(task)
        first_done = next((q for q, _c, s in history[task.pk] if s == Status.DONE), None)
        if task.status == Status.DONE and first_done == str(current):
            completed.append(task)

    def recorded(task: Task, quarter: str) -> int:
        known = [c for q, c, _s in history[task.pk] if q <= quarter]
        return known[-1] if known else 0

    chart, rows = burn_up(
        roadmap,
        [t for t in tasks if t.status != Status.CANCELLED],
        recorded,
        current,
        lambda task: task.shown_completion,
    )
    return Dashboard(
        overall=overall,
        themes=[(theme, by_theme[theme.pk]) for theme in themes if by_theme[theme.pk].count],
        owners=sorted(by_owner.values(), key=lambda a: (-a.late, -a.count, a.label)),
        status_counts=[(v, label, statuses[v]) for v, label in Status.choices if statuses[v]],
        risk_counts=[(v, label, overall.flags[v]) for v, label in RiskFlag.choices],
        burn_up=chart,
        burn_up_rows=rows,
        completed_this_quarter=completed,
        late=sorted(late, key=lambda t: (t.due, t.title)),
        current_quarter=current,
    )


def burn_up(
    roadmap: Roadmap,
    measured: list[Task],
    recorded: Callable[[Task, str], int],
    cut: Quarter,
    at_cut: Callable[[Task], int],
) -> tuple[LineChart, list[tuple[Quarter, int | None, int]]]:
    """Average completion at the end of each quarter, recorded and planned, for the dashboard
    and the interim report.

    `measured` leaves cancelled tasks out. A task without a schedule is planned over the whole
    period. `recorded(task, "2024Q3")` is a task's completion at the end of an earlier quarter;
    the `cut` quarter's point is `at_cut(task)` (today's, or the report's), later ones are empty.
    """
    quarters = list(quarter_range(roadmap.first_quarter, roadmap.last_quarter))
    actual: list[int | None] = []
    planned: list[int] = []
    period = (str(roadmap.first_quarter), str(roadmap.last_quarter))
    plans = [(t.start, t.due) if planned_span(t.start, t.due) else period for t in measured]
    for quarter in quarters:
        end_of_quarter = quarter.next().first_day
        expected = [expected_completion(start, due, end_of_quarter) or 0 for start, due in plans]
        planned.append(round(sum(expected) / len(expected)) if expected else 0)
        if quarter > cut or not measured:
            actual.append(None)
            continue
        if quarter == cut:
            values = [at_cut(task) for task in measured]
        else:
            values = [recorded(task, str(quarter)) for task in measured]
        actual.append(round(sum(values) / len(values)))
    chart = percent_chart(
        quarters,
        [Series("planned", _("Planned"), planned), Series("actual", _("Recorded"), actual)],
        cut,
    )
    return chart, list(zip(quarters, actual, planned, strict=True))
