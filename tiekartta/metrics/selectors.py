"""Reading metrics with where each one stands, in a fixed number of queries."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from tiekartta.accounts.models import Organisation
from tiekartta.metrics.models import Metric, MetricValue
from tiekartta.metrics.periods import Period
from tiekartta.metrics.rules import (
    Freshness,
    Line,
    MetricState,
    MetricStatus,
    ValuePoint,
    assess,
)
from tiekartta.roadmap.models import FollowUpSettings, Roadmap


def grace_days_of(organisation: Organisation) -> int:
    return FollowUpSettings.for_organisation(organisation).metric_grace_days


def line_of(metric: Metric) -> Line:
    return Line(
        baseline_value=metric.baseline_value,
        baseline_date=metric.baseline_date,
        target_value=metric.target_value,
        target_date=metric.target_date,
    )


def value_points(values: list[MetricValue]) -> list[ValuePoint]:
    points = []
    for item in values:
        try:
            points.append(ValuePoint(Period.parse(item.period), item.value))
        except ValueError:
            continue  # A period the database check let through but no rule can place.
    return points


def assess_metric(
    metric: Metric, values: list[MetricValue], today: datetime.date, grace_days: int
) -> MetricState:
    """`metric.roadmap` should be loaded with the metric (select_related)."""
    return assess(
        line=line_of(metric),
        higher_is_better=metric.higher_is_better,
        frequency=metric.frequency,
        values=[
            point for point in value_points(values) if point.period.frequency == metric.frequency
        ],
        started=metric.start_date,
        last_roadmap_year=metric.roadmap.end_year,
        archived=metric.roadmap.is_archived,
        grace_days=grace_days,
        today=today,
    )


@dataclass
class MetricRow:
    metric: Metric
    state: MetricState
    values: list[MetricValue]

    @property
    def latest_value(self) -> MetricValue | None:
        if self.state.latest is None:
            return None
        code = str(self.state.latest.period)
        return next((v for v in reversed(self.values) if v.period == code), None)


@dataclass
class MetricSummary:
    total: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    stale: int = 0
    due: int = 0

    def add(self, state: MetricState) -> None:
        self.total += 1
        self.by_status[state.status] += 1
        if state.freshness == Freshness.STALE:
            self.stale += 1
        elif state.freshness == Freshness.DUE:
            self.due += 1

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        return [(s.value, str(s.label), self.by_status[s.value]) for s in MetricStatus]


def with_values(metrics: QuerySet[Metric]) -> QuerySet[Metric]:
    """The metrics with their values in period order, as `value_list`: one query more."""
    values = MetricValue.objects.in_period_order().select_related("recorded_by")
    return metrics.prefetch_related(Prefetch("values", queryset=values, to_attr="value_list"))


def metrics_with_values(roadmap: Roadmap) -> QuerySet[Metric]:
    """The roadmap's metrics with their values and milestones: three queries. `build_rows`
    leaves out the values of periods that had not begun by its date."""
    return with_values(Metric.objects.filter(roadmap=roadmap).for_listing()).prefetch_related(
        "milestones"
    )


def build_rows(
    metrics: QuerySet[Metric] | list[Metric], today: datetime.date, grace_days: int
) -> tuple[list[MetricRow], MetricSummary]:
    rows = []
    summary = MetricSummary()
    for metric in metrics:
        values: list[MetricValue] = list(getattr(metric, "value_list", None) or [])
        values = [v for v in values if _begun(v.period, today)]
        state = assess_metric(metric, values, today, grace_days)
        rows.append(MetricRow(metric, state, values))
        summary.add(state)
    return rows, summary


def metric_states(
    metrics: list[Metric], today: datetime.date, grace_days: int
) -> list[MetricState]:
    """Where each metric stands, as `build_rows` says, from only the periods and figures of
    their values: one query and no model instance per value (the interface's metric list,
    bench/api_server.py). `metrics` should have their roadmaps loaded (select_related)."""
    points: dict[int, list[ValuePoint]] = {metric.pk: [] for metric in metrics}
    parsed: dict[str, Period | None] = {}
    values = (
        MetricValue.objects.filter(metric_id__in=list(points))
        .in_period_order()
        .values_list("metric_id", "period", "value")
    )
    for metric_id, code, value in values:
        if code not in parsed:
            try:
                parsed[code] = Period.parse(code)
            except ValueError:
                parsed[code] = (
                    None  # A period the database check let through but no rule can place.
                )
        period = parsed[code]
        if period is not None and period.first_day <= today:
            points[metric_id].append(ValuePoint(period, value))
    return [
        assess(
            line=line_of(metric),
            higher_is_better=metric.higher_is_better,
            frequency=metric.frequency,
            values=[p for p in points[metric.pk] if p.period.frequency == metric.frequency],
            started=metric.start_date,
            last_roadmap_year=metric.roadmap.end_year,
            archived=metric.roadmap.is_archived,
            grace_days=grace_days,
            today=today,
        )
        for metric in metrics
    ]


def _begun(code: str, today: datetime.date) -> bool:
    try:
        return Period.parse(code).first_day <= today
    except ValueError:
        return False


def roadmap_metric_rows(
    roadmap: Roadmap, today: datetime.date, grace_days: int
) -> tuple[list[MetricRow], MetricSummary]:
    return build_rows(metrics_with_values(roadmap), today, grace_days)
