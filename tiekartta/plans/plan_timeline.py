"""Plan versus actual: each task's bar in the adopted plan beside its schedule now and the
quarter it is forecast to end at its recent pace (roadmap.risk.forecast_end)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from tiekartta.core.quarters import QUARTER_PATTERN, Quarter, quarter_range
from tiekartta.plans.models import PlanVersion
from tiekartta.plans.snapshot import in_plan
from tiekartta.progress.models import ProgressEntry
from tiekartta.roadmap.models import Roadmap, Task
from tiekartta.roadmap.risk import forecast_end, latest_per_quarter


@dataclass
class Bar:
    start: Quarter
    end: Quarter
    column_start: int  # 1-based grid line
    column_end: int  # exclusive

    @property
    def label(self) -> str:
        if self.start == self.end:
            return self.start.label()
        return f"{self.start.label()}–{self.end.label()}"


@dataclass
class PlanRow:
    task: Task
    baseline: Bar | None  # None: not in the adopted plan, or unscheduled there
    current: Bar | None
    forecast: Bar | None  # the forecast end quarter, when there is one
    added: bool  # added to the plan after the baseline
    shift: int | None  # quarters the target end moved since the baseline (later > 0)

    @property
    def forecast_is_late(self) -> bool:
        return bool(self.forecast and self.current and self.forecast.end > self.current.end)


@dataclass
class PlanTimeline:
    baseline: PlanVersion | None
    quarters: list[Quarter]
    groups: list[tuple[str, str, list[PlanRow]]]  # theme name, colour, rows


def _bar(start: str, due: str, first: Quarter, last: Quarter) -> Bar | None:
    start, due = start or due, due or start
    if not start or not QUARTER_PATTERN.match(start) or not QUARTER_PATTERN.match(due):
        return None
    begin, end = Quarter.parse(start), Quarter.parse(due)
    shown_begin, shown_end = max(begin, first), min(end, last)
    if shown_begin > shown_end:
        return None
    return Bar(begin, end, shown_begin.index - first.index + 1, shown_end.index - first.index + 2)


def build_plan_timeline(roadmap: Roadmap, today: datetime.date) -> PlanTimeline:
    """In a constant number of queries: versions, tasks, progress entries."""
    baseline = PlanVersion.objects.filter(roadmap=roadmap).order_by("number").first()
    first, last = roadmap.first_quarter, roadmap.last_quarter
    # The forecast may fall after the period: the grid runs on a year past it, if needed.
    grid_last = Quarter(last.year + 1, 4)
    points: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for task_id, quarter, completion in (
        ProgressEntry.objects.filter(task__roadmap=roadmap)
        .in_order()
        .values_list("task_id", "quarter", "completion")
    ):
        points[task_id].append((quarter, completion))
    planned = baseline.snapshot["tasks"] if baseline else {}
    groups: dict[int, tuple[str, str, list[PlanRow]]] = {}
    latest_forecast = last
    rows: list[tuple[int, PlanRow]] = []
    for task in Task.objects.filter(roadmap=roadmap).for_listing():
        entry = planned.get(str(task.pk))
        if not in_plan({"status": task.status}):
            continue
        was = entry if entry and in_plan(entry) else None
        forecast = forecast_end(
            latest_per_quarter(points[task.pk]),
            start=task.start,
            due=task.due,
            status=task.status,
            today=today,
        )
        if forecast is not None:
            latest_forecast = max(latest_forecast, min(forecast, grid_last))
        rows.append(
            (
                task.theme_id,
                PlanRow(
                    task=task,
                    baseline=_bar(was["start"], was["due"], first, grid_last) if was else None,
                    current=_bar(task.start, task.due, first, grid_last),
                    forecast=_bar(str(forecast), str(forecast), first, grid_last)
                    if forecast
                    else None,
                    added=baseline is not None and was is None,
                    shift=_shift(was, task) if was else None,
                ),
            )
        )
    for theme_id, row in rows:
        theme = row.task.theme
        groups.setdefault(theme_id, (theme.name, theme.colour, []))[2].append(row)
    return PlanTimeline(
        baseline=baseline,
        quarters=list(quarter_range(first, latest_forecast)),
        groups=list(groups.values()),
    )


def _shift(entry: dict[str, str], task: Task) -> int | None:
    before, after = entry.get("due") or entry.get("start"), task.due or task.start
    if not before or not after or before == after:
        return None
    return Quarter.parse(after).index - Quarter.parse(before).index
