"""The chart of a metric: its values over time against the line from baseline to target and
the intermediate targets, drawn as SVG with the follow-up's chart template."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from tiekartta.core.charts import Line, LineChart, Point, Tick
from tiekartta.metrics.formatting import format_number
from tiekartta.metrics.models import Metric, MetricValue, Milestone
from tiekartta.metrics.periods import Period
from tiekartta.metrics.rules import Line as TargetLine


def nice_step(span: float, ticks: int = 4) -> float:
    """A round step (1, 2 or 5 × 10^n) that divides the span into about `ticks` parts."""
    if span <= 0:
        return 1.0
    raw = span / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return float(factor * magnitude)
    return float(10 * magnitude)


@dataclass(frozen=True)
class ChartRow:
    """One row of the table that carries the chart's numbers for screen readers and print."""

    label: str
    day: datetime.date
    value: Decimal | None = None
    expected: Decimal | None = None
    milestone: Decimal | None = None


def metric_chart(
    metric: Metric,
    values: list[MetricValue],
    milestones: list[Milestone],
    line: TargetLine,
    today: datetime.date,
) -> tuple[LineChart, list[ChartRow]]:
    chart = LineChart()
    roadmap = metric.roadmap
    first = min(
        [datetime.date(roadmap.start_year, 1, 1)]
        + ([metric.baseline_date] if metric.baseline_date else [])
    )
    last = max(datetime.date(roadmap.end_year, 12, 31), metric.target_date)
    total_days = max((last - first).days, 1)

    points: list[tuple[datetime.date, Decimal, str]] = []
    for item in values:
        try:
            period = Period.parse(item.period)
        except ValueError:
            continue
        points.append((period.last_day, item.value, period.label()))
    numbers = [float(v) for _d, v, _l in points] + [float(m.value) for m in milestones]
    numbers.append(float(metric.target_value))
    if metric.baseline_value is not None:
        numbers.append(float(metric.baseline_value))
    low, high = min(numbers), max(numbers)
    if low >= 0 and low <= (high - low):
        low = 0.0  # Counts and shares read honestly from zero when the data allows.
    step = nice_step(high - low or abs(high) or 1.0)
    bottom_value = math.floor(low / step) * step
    top_value = math.ceil(high / step) * step
    if top_value == bottom_value:
        top_value = bottom_value + step

    def x_of(day: datetime.date) -> float:
        share = (day - first).days / total_days
        return round(chart.left + (chart.right - chart.left) * share, 1)

    def y_of(value: float) -> float:
        share = (value - bottom_value) / (top_value - bottom_value)
        return round(chart.bottom - (chart.bottom - chart.top) * share, 1)

    tick = bottom_value
    while tick <= top_value + step / 2:
        chart.y_ticks.append(Tick(y_of(tick), format_number(Decimal(str(round(tick, 6))))))
        tick += step
    # Every year for a roadmap's span; every n-th when a baseline lies far back.
    every = math.ceil((last.year - first.year + 1) / 12)
    for year in range(first.year, last.year + 1, every):
        middle = datetime.date(year, 7, 1)
        if first <= middle <= last:
            chart.x_ticks.append(Tick(x_of(middle), str(year)))

    if line.baseline_value is not None and line.baseline_date is not None:
        start_x, start_y = x_of(line.baseline_date), y_of(float(line.baseline_value))
        end_x, end_y = x_of(line.target_date), y_of(float(line.target_value))
        chart.lines.append(
            Line(
                "target",
                _("Planned line to the target"),
                f"M{start_x} {start_y} L{end_x} {end_y}",
                [
                    Point(start_x, start_y, float(line.baseline_value)),
                    Point(end_x, end_y, float(line.target_value)),
                ],
            )
        )
    else:
        target_x, target_y = x_of(line.target_date), y_of(float(line.target_value))
        chart.lines.append(
            Line("target", _("Target"), "", [Point(target_x, target_y, float(line.target_value))])
        )
    if milestones:
        chart.lines.append(
            Line(
                "milestone",
                _("Intermediate targets"),
                "",
                [Point(x_of(m.date), y_of(float(m.value)), float(m.value)) for m in milestones],
            )
        )
    measured = [Point(x_of(day), y_of(float(value)), float(value)) for day, value, _l in points]
    path = " ".join(f"{'M' if i == 0 else 'L'}{p.x} {p.y}" for i, p in enumerate(measured))
    chart.lines.append(Line("value", _("Measured value"), path, measured))
    if first <= today <= last:
        chart.marker_x = x_of(today)
        chart.marker_label = _("Today")

    rows = [
        ChartRow(label, day, value=value, expected=line.expected_on(day))
        for day, value, label in points
    ]
    rows += [
        ChartRow(str(m.year), m.date, expected=line.expected_on(m.date), milestone=m.value)
        for m in milestones
    ]
    rows.sort(key=lambda row: (row.day, row.value is None))
    return chart, rows
