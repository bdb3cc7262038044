"""Schedule risk: where a task should be by its plan, whether it is behind, and when it will
finish at its recent pace. Pure functions of the schedule, the history and a date.

The planned line runs straight from 0 % on the first day of the start quarter to 100 % at the
end of the last day of the end quarter, counted in calendar days (so leap days count too).
A task with only a start or only an end is planned for that one quarter.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from tiekartta.core.quarters import Quarter
from tiekartta.roadmap.models import CLOSED_STATUSES, Status

# Forecasts further than this are not forecasts but a sign the task has stalled.
FORECAST_HORIZON_QUARTERS = 40
# The pace is read from the progress of at most this many recent quarters.
PACE_WINDOW_QUARTERS = 4


class RiskFlag(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    LATE = "late", _("Late")
    NOT_STARTED = "not_started", _("Not started")


def planned_span(start: str, due: str) -> tuple[Quarter, Quarter] | None:
    if not start and not due:
        return None
    first = Quarter.parse(start or due)
    last = Quarter.parse(due or start)
    return first, last


def expected_completion(start: str, due: str, on: datetime.date) -> int | None:
    """The planned completion at the start of day `on`, 0–100; None without a schedule."""
    span = planned_span(start, due)
    if span is None:
        return None
    begins = span[0].first_day
    ends = span[1].last_day + datetime.timedelta(days=1)
    share = (on - begins).days / (ends - begins).days
    return round(100 * min(max(share, 0.0), 1.0))


@dataclass(frozen=True)
class Assessment:
    expected: int | None
    flag: RiskFlag | None
    behind: int  # percentage points behind the planned line; 0 when ahead or unplanned

    @property
    def flag_label(self) -> str:
        return str(self.flag.label) if self.flag else ""


def assess(
    *,
    start: str,
    due: str,
    status: str,
    completion: int,
    today: datetime.date,
    margin: int,
) -> Assessment:
    """The risk flag of one task today. Closed tasks and tasks without a schedule get none."""
    expected = expected_completion(start, due, today)
    shown = 100 if status == Status.DONE else completion
    span = planned_span(start, due)
    if status in CLOSED_STATUSES or span is None or expected is None:
        # A closed task is not behind anything: a cancelled one will never catch up.
        return Assessment(expected, None, 0)
    behind = max(0, expected - shown)
    first, last = span
    current = Quarter.of_date(today)
    if current > last:
        return Assessment(expected, RiskFlag.LATE, behind)
    if current >= first and shown == 0 and status != Status.IN_PROGRESS:
        return Assessment(expected, RiskFlag.NOT_STARTED, behind)
    if behind > margin:
        return Assessment(expected, RiskFlag.AT_RISK, behind)
    return Assessment(expected, RiskFlag.ON_TRACK, behind)


def forecast_end(
    points: Sequence[tuple[Quarter, int]],
    *,
    start: str,
    due: str,
    status: str,
    today: datetime.date | None = None,
) -> Quarter | None:
    """The quarter the task reaches 100 % at the pace of its recent quarters.

    `points` is the latest completion recorded for each quarter, in quarter order. Without a
    second point the pace is measured from the planned start. Given `today`, quarters without
    an entry since the last one count as standing still, so a task that stopped moving is not
    forecast to finish in the past. None when the task is closed without being done, has made
    no progress lately, or would take more than ten years.
    """
    if status == Status.CANCELLED or not points:
        return None
    last_quarter, last_value = points[-1]
    if status == Status.DONE or last_value >= 100:
        return next((q for q, value in points if value >= 100), last_quarter)
    if today is not None and Quarter.of_date(today) > last_quarter:
        last_quarter = Quarter.of_date(today)
        points = [*points, (last_quarter, last_value)]
    window = [
        (q, v) for q, v in points[:-1] if last_quarter.index - q.index <= PACE_WINDOW_QUARTERS
    ]
    if window:
        reference_index, reference_value = window[0][0].index, window[0][1]
    else:
        span = planned_span(start, due)
        if span is None or span[0] > last_quarter:
            return None
        # The task began from nothing the quarter before its planned start.
        reference_index, reference_value = span[0].index - 1, 0
    gained = last_value - reference_value
    if gained <= 0:
        return None
    # (100 - last) / (gained per quarter), rounded up in whole numbers: floats would turn an
    # exact 15 quarters into 15.000000000000002 and so one quarter too many.
    remaining = (100 - last_value) * (last_quarter.index - reference_index)
    needed = -(-remaining // gained)
    if needed > FORECAST_HORIZON_QUARTERS:
        return None
    return Quarter.from_index(last_quarter.index + needed)


def latest_per_quarter(entries: Sequence[tuple[str, int]]) -> list[tuple[Quarter, int]]:
    """From (quarter, completion) pairs in recording order, the last value of each quarter."""
    by_quarter: dict[str, int] = {}
    for quarter, completion in entries:
        by_quarter[quarter] = completion
    return [(Quarter.parse(q), by_quarter[q]) for q in sorted(by_quarter)]


# Schedule conflicts between dependent tasks ----------------------------------------------------
#
# A successor should not be planned to start before its predecessor is planned to end. The
# schedule is in quarters, so the rule is: the predecessor's end quarter must not be later than
# the successor's start quarter. The same quarter is allowed: quarters are coarse, and a
# predecessor ending in April leaves the rest of the quarter for its successor. A conflict is a
# warning, not a refusal (as in MS Project and OpenProject without automatic scheduling): the
# save goes through once confirmed, and the task page, the overview and the timeline flag it.
# A done or cancelled task conflicts with nothing: its plan no longer matters.


@dataclass(frozen=True)
class ScheduleConflict:
    """A link between two tasks whose plans overlap, as seen from one of them (`this`)."""

    other_id: int
    other_title: str
    # True when the other task is this one's predecessor, False when it is its successor.
    other_is_predecessor: bool
    predecessor_end: Quarter
    successor_start: Quarter

    @property
    def message(self) -> str:
        values = {
            "title": self.other_title,
            "end": self.predecessor_end.label(),
            "start": self.successor_start.label(),
        }
        if self.other_is_predecessor:
            return str(
                _(
                    "Schedule conflict with the predecessor “%(title)s”: it ends %(end)s, "
                    "this task starts %(start)s."
                )
                % values
            )
        return str(
            _(
                "Schedule conflict with the successor “%(title)s”: it starts %(start)s, "
                "this task ends %(end)s."
            )
            % values
        )


def overlap(
    *,
    predecessor: tuple[str, str, str],
    successor: tuple[str, str, str],
) -> tuple[Quarter, Quarter] | None:
    """(the predecessor's end, the successor's start) when the predecessor is planned to end in
    a later quarter than the successor starts; None otherwise. Each task is given as
    (start, due, status); a task with only one quarter is planned for that quarter."""
    before_span = planned_span(predecessor[0], predecessor[1])
    after_span = planned_span(successor[0], successor[1])
    if before_span is None or after_span is None:
        return None
    if predecessor[2] in CLOSED_STATUSES or successor[2] in CLOSED_STATUSES:
        return None
    ends, starts = before_span[1], after_span[0]
    return (ends, starts) if ends > starts else None


def conflicts_of(
    schedule: tuple[str, str, str],
    *,
    predecessors: Sequence[tuple[int, str, tuple[str, str, str]]],
    successors: Sequence[tuple[int, str, tuple[str, str, str]]],
) -> list[ScheduleConflict]:
    """One task's conflicts with its predecessors and successors, each given as (id, title,
    (start, due, status)): predecessors first, then successors, in the order given."""
    found: list[ScheduleConflict] = []
    for other_id, title, other in predecessors:
        if hit := overlap(predecessor=other, successor=schedule):
            found.append(ScheduleConflict(other_id, title, True, *hit))
    for other_id, title, other in successors:
        if hit := overlap(predecessor=schedule, successor=other):
            found.append(ScheduleConflict(other_id, title, False, *hit))
    return found
