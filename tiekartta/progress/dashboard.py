"""The roadmap dashboard: completion overall, per theme and per owner, counts by status and risk,
the burn-up over the period against the plan, the tasks finished or late, and the pilot tasks
by their experiments' decisions. Four queries."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Min
from django.utils.translation import gettext as _

from tiekartta.core.charts import LineChart, Series, percent_chart
from tiekartta.core.quarters import Quarter, quarter_range
from tiekartta.progress.experiments import ExperimentSummary, summarise
from tiekartta.progress.models import ProgressEntry
from tiekartta.roadmap.models import Roadmap, Status, Task, Theme
from tiekartta.roadmap.risk import Assessment, RiskFlag, assess, expected_completion, planned_span


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
        self.add_values(task.status, task.shown_completion, weight, flag)

    def add_values(self, status: str, shown: int, weight: int, flag: str | None) -> None:
        self.count += 1
        if flag:
            self.flags[flag] += 1
        if status == Status.CANCELLED:
            return
        self.measured += 1
        self.completion_sum += shown
        self.weighted_sum += shown * weight
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
    experiments: ExperimentSummary


def planned_weight(task: Task) -> int:
    return _weight(task.start, task.due)


def _weight(start: str, due: str) -> int:
    span = planned_span(start, due)
    return span[1].index - span[0].index + 1 if span else 1


def build_dashboard(roadmap: Roadmap, today: datetime.date, margin: int) -> Dashboard:
    """Five queries whatever the number of tasks: the tasks are read as plain
    values, and the tasks are loaded as models only for the two short lists that link to them.
    The risk of a task and the planned line depend only on its schedule, status and
    completion, so each is computed once per distinct value rather than once per task."""
    current = Quarter.of_date(today)
    themes = list(Theme.objects.filter(roadmap=roadmap).in_display_order())
    # The experiment's decision comes with its task (a left join), no query of its own.
    rows = list(
        Task.objects.filter(roadmap=roadmap)
        .for_listing()
        .values_list(
            "pk",
            "theme_id",
            "owner_id",
            "owner__name",
            "status",
            "completion",
            "start",
            "due",
            "kind",
            "experiment__decision",
        )
    )
    quarters = list(quarter_range(roadmap.first_quarter, roadmap.last_quarter))
    first_index = quarters[0].index
    position = {str(q): i for i, q in enumerate(quarters)}
    # The sum over the measured tasks of their recorded completion at the end of each quarter,
    # as steps (the change in the quarter), from SQL: entries before the period count in its
    # first quarter, those after it in none.
    recorded_steps = [0] * (len(quarters) + 1)
    for quarter, step in _recorded_steps(roadmap):
        index = position.get(quarter)
        if index is None:
            index = 0 if Quarter.parse(quarter).index < first_index else len(quarters)
        recorded_steps[index] += int(step)
    # The tasks first recorded done in the current quarter.
    done_now = set(
        ProgressEntry.objects.filter(task__roadmap=roadmap, status=Status.DONE)
        .values("task_id")
        .annotate(first=Min("quarter"))
        .filter(first=str(current))
        .values_list("task_id", flat=True)
    )

    overall = Aggregate(_("All tasks"))
    by_theme = {theme.pk: Aggregate(theme.name) for theme in themes}
    by_owner: dict[int, Aggregate] = {}
    statuses: Counter[str] = Counter()
    completed, late = [], []
    assessments: dict[tuple[str, str, str, int], Assessment] = {}
    weights: dict[tuple[str, str], int] = {}
    plans: Counter[tuple[str, str]] = Counter()
    period = (str(roadmap.first_quarter), str(roadmap.last_quarter))
    measured = shown_sum = 0
    for pk, theme_id, owner_id, owner_name, status, completion, start, due, _k, _d in rows:
        key = (start, due, status, completion)
        assessment = assessments.get(key)
        if assessment is None:
            assessment = assessments[key] = assess(
                start=start,
                due=due,
                status=status,
                completion=completion,
                today=today,
                margin=margin,
            )
        weight = weights.get((start, due))
        if weight is None:
            weight = weights[start, due] = _weight(start, due)
        shown = 100 if status == Status.DONE else completion
        flag = assessment.flag
        overall.add_values(status, shown, weight, flag)
        by_theme[theme_id].add_values(status, shown, weight, flag)
        owner = by_owner.get(owner_id)
        if owner is None:
            owner = by_owner[owner_id] = Aggregate(owner_name)
        owner.add_values(status, shown, weight, flag)
        statuses[status] += 1
        if flag == RiskFlag.LATE:
            late.append(pk)
        if status == Status.DONE and pk in done_now:
            completed.append(pk)
        if status == Status.CANCELLED:
            continue
        measured += 1
        shown_sum += shown
        plans[(start, due) if (start or due) else period] += 1

    loaded = {
        task.pk: task
        for task in Task.objects.filter(pk__in=[*late, *completed]).select_related("owner")
    }
    for task in loaded.values():
        key = (task.start, task.due, task.status, task.completion)
        task.risk = assessments[key]  # type: ignore[attr-defined]
    chart, burn_rows = _burn_up(quarters, plans, measured, recorded_steps, shown_sum, current)
    return Dashboard(
        overall=overall,
        themes=[(theme, by_theme[theme.pk]) for theme in themes if by_theme[theme.pk].count],
        owners=sorted(by_owner.values(), key=lambda a: (-a.late, -a.count, a.label)),
        status_counts=[(v, label, statuses[v]) for v, label in Status.choices if statuses[v]],
        risk_counts=[(v, label, overall.flags[v]) for v, label in RiskFlag.choices],
        burn_up=chart,
        burn_up_rows=burn_rows,
        completed_this_quarter=[loaded[pk] for pk in completed],
        late=sorted((loaded[pk] for pk in late), key=lambda t: (t.due, t.title)),
        current_quarter=current,
        experiments=summarise((row[8], row[9]) for row in rows),
    )


def _recorded_steps(roadmap: Roadmap) -> list[tuple[str, int]]:
    """(quarter, step) for each quarter with entries of the roadmap's tasks that are not
    cancelled: how much the sum of the tasks' latest recorded completion changes in it. Each
    task counts its latest entry of a quarter (by recording order) less its latest of the
    quarter before that it has one for. Window functions, on PostgreSQL and SQLite alike."""
    # A plain text with the tables' names (the models' defaults, which
    # test_dashboard_burn_up.py checks against `_meta.db_table`); the values are parameters.
    sql = """
        SELECT quarter, SUM(step) FROM (
            SELECT quarter,
                completion - COALESCE(
                    LAG(completion) OVER (PARTITION BY task_id ORDER BY quarter), 0
                ) AS step
            FROM (
                SELECT e.task_id, e.quarter, e.completion, ROW_NUMBER() OVER (
                    PARTITION BY e.task_id, e.quarter ORDER BY e.recorded_at DESC, e.id DESC
                ) AS latest
                FROM progress_progressentry e INNER JOIN roadmap_task t ON t.id = e.task_id
                WHERE t.roadmap_id = %s AND t.status <> %s
            ) AS entries
            WHERE latest = 1
        ) AS steps
        GROUP BY quarter
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [roadmap.pk, Status.CANCELLED])
        return list(cursor.fetchall())


def _burn_up(
    quarters: list[Quarter],
    plans: Counter[tuple[str, str]],
    measured: int,
    recorded_steps: list[int],
    shown_sum: int,
    cut: Quarter,
) -> tuple[LineChart, list[tuple[Quarter, int | None, int]]]:
    """The dashboard's burn-up, the same numbers as `burn_up` gives, from sums: the planned
    line once per distinct schedule, the recorded one from the steps of the tasks' values."""
    actual: list[int | None] = []
    planned: list[int] = []
    running = 0
    for index, quarter in enumerate(quarters):
        end_of_quarter = quarter.next().first_day
        expected = sum(
            (expected_completion(start, due, end_of_quarter) or 0) * n
            for (start, due), n in plans.items()
        )
        planned.append(round(expected / measured) if measured else 0)
        running += recorded_steps[index]
        if quarter > cut or not measured:
            actual.append(None)
        elif quarter == cut:
            actual.append(round(shown_sum / measured))
        else:
            actual.append(round(running / measured))
    chart = percent_chart(
        quarters,
        [Series("planned", _("Planned"), planned), Series("actual", _("Recorded"), actual)],
        cut,
    )
    return chart, list(zip(quarters, actual, planned, strict=True))


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
    # The planned line depends on the schedule only: computed once per distinct schedule.
    plans = Counter((t.start, t.due) if (t.start or t.due) else period for t in measured)
    for quarter in quarters:
        end_of_quarter = quarter.next().first_day
        expected = sum(
            (expected_completion(start, due, end_of_quarter) or 0) * n
            for (start, due), n in plans.items()
        )
        planned.append(round(expected / len(measured)) if measured else 0)
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
