"""How a metric stands against its target, and whether its values are up to date.

Pure functions of the metric's definition, its values and the date, so that the rules can be
tested with any date and are the same on every page, in the report and in the reminders.

- The expected value lies on a straight line from the baseline (value and date) to the target
  (value and date): the baseline before the baseline date, the target after the target date.
- A value is judged against the line at the end of its own period, so that the passing of time
  alone does not turn a metric behind: the lateness of values is what staleness shows.
- Achieved: the latest value has reached the target (at or above it when higher is better, at
  or below it when lower is better). Without a baseline there is no line, so a metric is on
  track until its target date passes unreached.
- A value for a period is due once the period has ended. The metric is stale when the value
  for the period after its latest one (or, with no values, the period in which following it
  began) has not arrived within the grace days after that period ended. Periods after the
  roadmap and archived roadmaps expect no values.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy, pgettext_lazy

from tiekartta.metrics.periods import Period

PRECISION = Decimal("0.0001")


class MetricStatus(models.TextChoices):
    # Not the schedule risk's "on track" (on schedule): a metric is on its way to the target.
    ON_TRACK = "on_track", pgettext_lazy("metric status", "On track")
    BEHIND = "behind", gettext_lazy("Behind")
    ACHIEVED = "achieved", gettext_lazy("Achieved")
    NO_DATA = "no_data", gettext_lazy("No data")


class Freshness(models.TextChoices):
    CURRENT = "current", gettext_lazy("Up to date")
    DUE = "due", gettext_lazy("Value due")
    STALE = "stale", gettext_lazy("Stale")


@dataclass(frozen=True)
class Line:
    """The straight line from the baseline to the target; no baseline, no line."""

    baseline_value: Decimal | None
    baseline_date: datetime.date | None
    target_value: Decimal
    target_date: datetime.date

    def expected_on(self, day: datetime.date) -> Decimal | None:
        if self.baseline_value is None or self.baseline_date is None:
            return None
        if day <= self.baseline_date:
            return self.baseline_value
        if day >= self.target_date:
            return self.target_value
        elapsed = Decimal((day - self.baseline_date).days)
        total = Decimal((self.target_date - self.baseline_date).days)
        rise = (self.target_value - self.baseline_value) * elapsed / total
        return (self.baseline_value + rise).quantize(PRECISION, rounding=ROUND_HALF_UP)


def has_reached(value: Decimal, target: Decimal, higher_is_better: bool) -> bool:
    return value >= target if higher_is_better else value <= target


def judge(
    *, value: Decimal | None, on: datetime.date, line: Line, higher_is_better: bool
) -> MetricStatus:
    """The status of a value measured at the date `on` (the end of its period)."""
    if value is None:
        return MetricStatus.NO_DATA
    if has_reached(value, line.target_value, higher_is_better):
        return MetricStatus.ACHIEVED
    expected = line.expected_on(on)
    if expected is None:
        return MetricStatus.BEHIND if on >= line.target_date else MetricStatus.ON_TRACK
    return (
        MetricStatus.ON_TRACK
        if has_reached(value, expected, higher_is_better)
        else MetricStatus.BEHIND
    )


@dataclass(frozen=True)
class Timeliness:
    freshness: Freshness
    next_period: Period | None  # the period whose value is awaited, None when none is
    due_date: datetime.date | None  # the day after which that value is late
    stale_after: datetime.date | None


def timeliness(
    *,
    frequency: str,
    latest_period: Period | None,
    started: datetime.date,
    last_roadmap_year: int,
    archived: bool,
    grace_days: int,
    today: datetime.date,
) -> Timeliness:
    if archived:
        return Timeliness(Freshness.CURRENT, None, None, None)
    awaited = latest_period.next() if latest_period else Period.containing(started, frequency)
    if awaited.year > last_roadmap_year:
        return Timeliness(Freshness.CURRENT, None, None, None)
    due = awaited.last_day
    stale_after = due + datetime.timedelta(days=grace_days)
    if today > stale_after:
        freshness = Freshness.STALE
    elif today > due:
        freshness = Freshness.DUE
    else:
        freshness = Freshness.CURRENT
    return Timeliness(freshness, awaited, due, stale_after)


@dataclass(frozen=True)
class ValuePoint:
    period: Period
    value: Decimal


@dataclass(frozen=True)
class MetricState:
    latest: ValuePoint | None
    change_since_baseline: Decimal | None
    expected_today: Decimal | None
    status: MetricStatus
    timeliness: Timeliness

    @property
    def freshness(self) -> Freshness:
        return self.timeliness.freshness

    @property
    def is_stale(self) -> bool:
        return self.timeliness.freshness == Freshness.STALE

    @property
    def needs_value(self) -> bool:
        return self.timeliness.freshness in {Freshness.DUE, Freshness.STALE}


def assess(
    *,
    line: Line,
    higher_is_better: bool,
    frequency: str,
    values: list[ValuePoint],
    started: datetime.date,
    last_roadmap_year: int,
    archived: bool,
    grace_days: int,
    today: datetime.date,
) -> MetricState:
    """Where a metric stands on `today`, from the values of periods that have begun by then."""
    known = sorted(
        (point for point in values if point.period.first_day <= today), key=lambda p: p.period
    )
    latest = known[-1] if known else None
    change = (
        latest.value - line.baseline_value
        if latest is not None and line.baseline_value is not None
        else None
    )
    status = judge(
        value=latest.value if latest else None,
        on=min(latest.period.last_day, today) if latest else today,
        line=line,
        higher_is_better=higher_is_better,
    )
    return MetricState(
        latest=latest,
        change_since_baseline=change,
        expected_today=line.expected_on(today),
        status=status,
        timeliness=timeliness(
            frequency=frequency,
            latest_period=latest.period if latest else None,
            started=started,
            last_roadmap_year=last_roadmap_year,
            archived=archived,
            grace_days=grace_days,
            today=today,
        ),
    )
