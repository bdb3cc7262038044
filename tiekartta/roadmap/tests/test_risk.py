"""The planned line, the risk flag and the forecast: pure functions of the schedule, the
recorded progress and a date. (The follow-up rule is tested in progress.)"""

import datetime

import pytest
import time_machine

from tiekartta.core.quarters import Quarter
from tiekartta.roadmap.models import Status
from tiekartta.roadmap.risk import (
    RiskFlag,
    assess,
    expected_completion,
    forecast_end,
    latest_per_quarter,
    planned_span,
)

D = datetime.date


# The planned line ----------------------------------------------------------------------------


def test_planned_span_without_schedule_is_none() -> None:
    assert planned_span("", "") is None


@pytest.mark.parametrize(
    ("start", "due", "span"),
    [
        ("2026Q1", "2026Q4", (Quarter(2026, 1), Quarter(2026, 4))),
        ("2026Q2", "", (Quarter(2026, 2), Quarter(2026, 2))),
        ("", "2026Q3", (Quarter(2026, 3), Quarter(2026, 3))),
    ],
)
def test_planned_span_with_one_end_is_one_quarter(
    start: str, due: str, span: tuple[Quarter, Quarter]
) -> None:
    assert planned_span(start, due) == span


def test_expected_completion_without_schedule_is_none() -> None:
    assert expected_completion("", "", D(2026, 7, 1)) is None


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (D(2025, 6, 1), 0),  # long before the start: clamped
        (D(2025, 12, 31), 0),  # the day before the start
        (D(2026, 1, 1), 0),  # the first day of the start quarter
        (D(2026, 6, 30), 49),  # 180 / 365 days = 49.3 %
        (D(2026, 7, 2), 50),  # 182 / 365 days = 49.9 %
        (D(2026, 10, 1), 75),  # 273 / 365 days = 74.8 %
        (D(2027, 1, 1), 100),  # the day after the last day of the end quarter
        (D(2029, 5, 1), 100),  # long after the end: clamped
    ],
)
def test_expected_completion_is_linear_in_days_over_the_plan(on: D, expected: int) -> None:
    # 2026Q1–2026Q4 is 365 days, from 2026-01-01 up to the start of 2027-01-01.
    assert expected_completion("2026Q1", "2026Q4", on) == expected


def test_expected_completion_counts_every_quarter_of_the_span() -> None:
    # 2026Q3–2027Q2 is 92 + 92 + 90 + 91 = 365 days; 2026-10-01 is day 92 of them.
    assert expected_completion("2026Q3", "2027Q2", D(2026, 10, 1)) == 25  # 25.2 %
    # 2026Q3–2026Q4 is 184 days; the same day is half-way.
    assert expected_completion("2026Q3", "2026Q4", D(2026, 10, 1)) == 50


@pytest.mark.parametrize(("start", "due"), [("2026Q2", ""), ("", "2026Q2"), ("2026Q2", "2026Q2")])
def test_expected_completion_with_one_end_plans_that_quarter(start: str, due: str) -> None:
    # 2026Q2 is 30 + 31 + 30 = 91 days.
    assert expected_completion(start, due, D(2026, 4, 1)) == 0
    assert expected_completion(start, due, D(2026, 5, 16)) == 49  # 45 / 91 = 49.45 %
    assert expected_completion(start, due, D(2026, 6, 30)) == 99  # 90 / 91 = 98.9 %
    assert expected_completion(start, due, D(2026, 7, 1)) == 100


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (D(2024, 2, 15), 49),  # 45 / 91 = 49.45 %
        (D(2024, 2, 29), 65),  # 59 / 91 = 64.84 % (with 90 days it would be 65.6 → 66)
        (D(2024, 3, 1), 66),  # 60 / 91 = 65.93 %
        (D(2024, 3, 31), 99),  # 90 / 91 = 98.9 %
        (D(2024, 4, 1), 100),
    ],
)
def test_expected_completion_counts_the_leap_day(on: D, expected: int) -> None:
    # 2024Q1 is 31 + 29 + 31 = 91 days.
    assert expected_completion("2024Q1", "2024Q1", on) == expected


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (D(2023, 2, 15), 50),  # 45 / 90 = 50 %, where a leap year gives 49
        (D(2023, 3, 1), 66),  # 59 / 90 = 65.6 %
        (D(2023, 4, 1), 100),
    ],
)
def test_expected_completion_in_a_common_year_quarter(on: D, expected: int) -> None:
    # 2023Q1 is 31 + 28 + 31 = 90 days.
    assert expected_completion("2023Q1", "2023Q1", on) == expected


# The risk flag -------------------------------------------------------------------------------

YEAR_PLAN = {"start": "2026Q1", "due": "2026Q4"}
MID_YEAR = D(2026, 7, 2)  # expected 50 % of YEAR_PLAN


def test_assess_mid_year_expects_half() -> None:
    result = assess(
        **YEAR_PLAN, status=Status.IN_PROGRESS, completion=50, today=MID_YEAR, margin=10
    )
    assert (result.expected, result.flag, result.behind) == (50, RiskFlag.ON_TRACK, 0)


@pytest.mark.parametrize(
    ("status", "behind"),
    [
        (Status.DONE, 0),  # done counts as 100 %
        (Status.CANCELLED, 0),  # a cancelled task is not behind: it will never catch up
    ],
)
def test_assess_gives_closed_tasks_no_flag(status: str, behind: int) -> None:
    result = assess(**YEAR_PLAN, status=status, completion=10, today=MID_YEAR, margin=10)
    assert result.flag is None
    assert result.flag_label == ""
    assert result.expected == 50
    assert result.behind == behind


def test_assess_gives_closed_tasks_no_flag_even_when_late() -> None:
    for status in (Status.DONE, Status.CANCELLED):
        result = assess(**YEAR_PLAN, status=status, completion=0, today=D(2028, 1, 1), margin=10)
        assert result.flag is None
        assert result.expected == 100


def test_assess_done_counts_as_complete_when_behind_is_measured() -> None:
    result = assess(**YEAR_PLAN, status=Status.DONE, completion=0, today=D(2026, 12, 1), margin=0)
    assert result.expected == 92  # 334 / 365 days
    assert result.behind == 0


@pytest.mark.parametrize("status", [Status.PLANNED, Status.IN_PROGRESS, Status.POSTPONED])
def test_assess_without_schedule_has_no_flag(status: str) -> None:
    result = assess(start="", due="", status=status, completion=0, today=MID_YEAR, margin=10)
    assert (result.expected, result.flag, result.behind) == (None, None, 0)


@pytest.mark.parametrize(
    ("status", "completion"),
    [
        (Status.PLANNED, 0),
        (Status.IN_PROGRESS, 95),
        (Status.IN_PROGRESS, 100),
        (Status.POSTPONED, 0),
        (Status.POSTPONED, 60),
    ],
)
def test_assess_is_late_after_the_due_quarter(status: str, completion: int) -> None:
    plan = {"start": "2026Q1", "due": "2026Q2"}
    on_last_day = assess(
        **plan, status=status, completion=completion, today=D(2026, 6, 30), margin=10
    )
    next_day = assess(**plan, status=status, completion=completion, today=D(2026, 7, 1), margin=10)
    assert on_last_day.flag != RiskFlag.LATE
    assert next_day.flag == RiskFlag.LATE
    assert next_day.flag_label == "Late"


def test_assess_with_only_a_start_is_late_after_that_quarter() -> None:
    result = assess(
        start="2026Q2",
        due="",
        status=Status.IN_PROGRESS,
        completion=90,
        today=D(2026, 7, 1),
        margin=10,
    )
    assert result.flag == RiskFlag.LATE


@pytest.mark.parametrize("status", [Status.PLANNED, Status.POSTPONED])
def test_assess_not_started_once_the_start_quarter_has_begun(status: str) -> None:
    plan = {"start": "2026Q3", "due": "2027Q2"}
    before = assess(**plan, status=status, completion=0, today=D(2026, 6, 30), margin=10)
    on_start = assess(**plan, status=status, completion=0, today=D(2026, 7, 1), margin=10)
    assert before.flag == RiskFlag.ON_TRACK
    # Not yet behind the line, but the quarter has begun and nothing has happened.
    assert (on_start.expected, on_start.behind) == (0, 0)
    assert on_start.flag == RiskFlag.NOT_STARTED


def test_assess_in_progress_at_zero_is_not_not_started() -> None:
    plan = {"start": "2026Q3", "due": "2027Q2"}
    result = assess(**plan, status=Status.IN_PROGRESS, completion=0, today=D(2026, 7, 1), margin=10)
    assert result.flag == RiskFlag.ON_TRACK


def test_assess_in_progress_at_zero_can_still_be_at_risk() -> None:
    result = assess(**YEAR_PLAN, status=Status.IN_PROGRESS, completion=0, today=MID_YEAR, margin=10)
    assert (result.flag, result.behind) == (RiskFlag.AT_RISK, 50)


def test_assess_planned_with_some_progress_is_not_not_started() -> None:
    plan = {"start": "2026Q3", "due": "2027Q2"}
    result = assess(**plan, status=Status.PLANNED, completion=5, today=D(2026, 7, 1), margin=10)
    assert result.flag == RiskFlag.ON_TRACK


@pytest.mark.parametrize(
    ("margin", "completion", "behind", "flag"),
    [
        (10, 41, 9, RiskFlag.ON_TRACK),
        (10, 40, 10, RiskFlag.ON_TRACK),  # exactly the margin
        (10, 39, 11, RiskFlag.AT_RISK),  # one point more
        (0, 50, 0, RiskFlag.ON_TRACK),
        (0, 49, 1, RiskFlag.AT_RISK),
        (25, 25, 25, RiskFlag.ON_TRACK),
        (25, 24, 26, RiskFlag.AT_RISK),
    ],
)
def test_assess_at_risk_only_beyond_the_margin(
    margin: int, completion: int, behind: int, flag: RiskFlag
) -> None:
    result = assess(
        **YEAR_PLAN, status=Status.IN_PROGRESS, completion=completion, today=MID_YEAR, margin=margin
    )
    assert result.expected == 50
    assert result.behind == behind
    assert result.flag == flag


@pytest.mark.parametrize("status", [Status.PLANNED, Status.POSTPONED, Status.IN_PROGRESS])
def test_assess_future_start_is_on_track(status: str) -> None:
    result = assess(
        start="2027Q1", due="2027Q4", status=status, completion=0, today=MID_YEAR, margin=0
    )
    assert (result.expected, result.flag, result.behind) == (0, RiskFlag.ON_TRACK, 0)


def test_assess_ahead_of_the_line_is_not_negatively_behind() -> None:
    result = assess(
        **YEAR_PLAN, status=Status.IN_PROGRESS, completion=80, today=MID_YEAR, margin=10
    )
    assert result.expected == 50
    assert result.behind == 0
    assert result.flag == RiskFlag.ON_TRACK


def test_assess_follows_the_frozen_date() -> None:
    task = {**YEAR_PLAN, "status": Status.IN_PROGRESS, "completion": 90, "margin": 10}
    with time_machine.travel("2026-11-27 12:00 +0200", tick=False):
        today = datetime.date.today()
        in_time = assess(**task, today=today)
    assert today == D(2026, 11, 27)
    assert in_time.expected == 90  # 330 / 365 days
    assert in_time.flag == RiskFlag.ON_TRACK

    with time_machine.travel("2027-01-15 12:00 +0200", tick=False):
        overdue = assess(**task, today=datetime.date.today())
    assert overdue.expected == 100
    assert overdue.behind == 10
    assert overdue.flag == RiskFlag.LATE


# The forecast --------------------------------------------------------------------------------


def q(text: str) -> Quarter:
    return Quarter.parse(text)


def points(*pairs: tuple[str, int]) -> list[tuple[Quarter, int]]:
    return [(q(quarter), value) for quarter, value in pairs]


def test_forecast_done_is_the_first_quarter_at_100() -> None:
    history = points(("2026Q1", 40), ("2026Q2", 100), ("2026Q3", 100))
    assert forecast_end(history, **YEAR_PLAN, status=Status.DONE) == q("2026Q2")


def test_forecast_done_below_100_is_the_last_point() -> None:
    history = points(("2026Q1", 40), ("2026Q2", 70))
    assert forecast_end(history, **YEAR_PLAN, status=Status.DONE) == q("2026Q2")


def test_forecast_open_task_at_100_is_the_first_quarter_at_100() -> None:
    history = points(("2026Q1", 40), ("2026Q2", 100), ("2026Q3", 100))
    assert forecast_end(history, **YEAR_PLAN, status=Status.IN_PROGRESS) == q("2026Q2")


def test_forecast_cancelled_is_none() -> None:
    history = points(("2026Q1", 20), ("2026Q3", 60))
    assert forecast_end(history, **YEAR_PLAN, status=Status.CANCELLED) is None
    history = points(("2026Q1", 100))
    assert forecast_end(history, **YEAR_PLAN, status=Status.CANCELLED) is None


@pytest.mark.parametrize("status", [Status.IN_PROGRESS, Status.DONE])
def test_forecast_without_points_is_none(status: str) -> None:
    assert forecast_end([], **YEAR_PLAN, status=status) is None


def test_forecast_at_steady_pace_from_two_points() -> None:
    # 20 → 60 in two quarters is 20 a quarter; the remaining 40 take two more: 2026Q5 = 2027Q1.
    history = points(("2026Q1", 20), ("2026Q3", 60))
    assert forecast_end(history, **YEAR_PLAN, status=Status.IN_PROGRESS) == q("2027Q1")


def test_forecast_rounds_a_part_quarter_up() -> None:
    # 30 a quarter: the remaining 70 need 2⅓ quarters, so the third one.
    history = points(("2026Q1", 0), ("2026Q2", 30))
    assert forecast_end(history, **YEAR_PLAN, status=Status.IN_PROGRESS) == q("2027Q1")


def test_forecast_from_one_point_measures_from_before_the_planned_start() -> None:
    # From 0 in 2025Q4 to 50 in 2026Q2 is 25 a quarter; 50 more take two quarters.
    history = points(("2026Q2", 50))
    assert forecast_end(history, **YEAR_PLAN, status=Status.IN_PROGRESS) == q("2026Q4")


def test_forecast_from_one_point_in_the_start_quarter() -> None:
    # 30 in the first quarter is 30 a quarter; 70 more take three (2⅓ rounded up).
    history = points(("2026Q2", 30))
    forecast = forecast_end(history, start="2026Q2", due="2026Q3", status=Status.IN_PROGRESS)
    assert forecast == q("2027Q1")


def test_forecast_from_one_point_with_only_a_due_quarter() -> None:
    # Only a due quarter plans that one quarter: the pace is measured from the one before it.
    history = points(("2026Q4", 40))
    forecast = forecast_end(history, start="", due="2026Q3", status=Status.IN_PROGRESS)
    assert forecast == q("2027Q3")  # 20 a quarter from 2026Q2, 60 more take three


@pytest.mark.parametrize(
    "history",
    [
        points(("2026Q1", 50), ("2026Q2", 50)),
        points(("2026Q1", 50), ("2026Q3", 40)),
        points(("2026Q1", 0)),
    ],
)
def test_forecast_without_progress_is_none(history: list[tuple[Quarter, int]]) -> None:
    assert forecast_end(history, **YEAR_PLAN, status=Status.IN_PROGRESS) is None


@pytest.mark.parametrize("start", ["2026Q2", "2026Q3"])
def test_forecast_from_one_point_before_the_planned_start_is_none(start: str) -> None:
    # 2026Q2 is the case where the reference quarter would be the point's own quarter.
    history = points(("2026Q1", 10))
    assert forecast_end(history, start=start, due="2026Q4", status=Status.IN_PROGRESS) is None


def test_forecast_from_one_point_without_schedule_is_none() -> None:
    history = points(("2026Q2", 50))
    assert forecast_end(history, start="", due="", status=Status.IN_PROGRESS) is None


def test_forecast_up_to_forty_quarters_ahead() -> None:
    # One point a quarter: the remaining 40 take exactly 40 quarters.
    history = points(("2026Q1", 59), ("2026Q2", 60))
    assert forecast_end(history, **YEAR_PLAN, status=Status.IN_PROGRESS) == q("2036Q2")


def test_forecast_more_than_forty_quarters_ahead_is_none() -> None:
    history = points(("2026Q1", 58), ("2026Q2", 59))  # 41 quarters to go
    assert forecast_end(history, **YEAR_PLAN, status=Status.IN_PROGRESS) is None
    history = points(("2026Q1", 10), ("2026Q2", 11))  # 89 quarters to go
    assert forecast_end(history, **YEAR_PLAN, status=Status.IN_PROGRESS) is None


def test_forecast_ignores_points_more_than_four_quarters_back() -> None:
    # With 2025Q1 the pace would be 60 / 5 = 12 a quarter and the end 2027Q2; from 2026Q1
    # alone it is 20 a quarter and the end 2026Q4.
    history = points(("2025Q1", 0), ("2026Q1", 40), ("2026Q2", 60))
    assert forecast_end(history, **YEAR_PLAN, status=Status.IN_PROGRESS) == q("2026Q4")


def test_forecast_counts_a_point_exactly_four_quarters_back() -> None:
    # From 2025Q2 the pace is 60 / 4 = 15 a quarter: 40 more take three quarters (2027Q1);
    # from 2026Q1 alone it would be 2026Q4.
    history = points(("2025Q2", 0), ("2026Q1", 40), ("2026Q2", 60))
    plan = {"start": "2025Q2", "due": "2026Q4"}
    assert forecast_end(history, **plan, status=Status.IN_PROGRESS) == q("2027Q1")


def test_forecast_with_only_old_points_measures_from_the_planned_start() -> None:
    # 2025Q1 is five quarters back, so the pace is from 0 in 2024Q4: 60 / 6 = 10 a quarter and
    # 40 more take four (2027Q2). The old point would give 30 / 5 = 6 a quarter (2028Q1).
    history = points(("2025Q1", 30), ("2026Q2", 60))
    plan = {"start": "2025Q1", "due": "2026Q4"}
    assert forecast_end(history, **plan, status=Status.IN_PROGRESS) == q("2027Q2")


# The latest value of each quarter ------------------------------------------------------------


def test_latest_per_quarter_keeps_the_last_value_in_quarter_order() -> None:
    entries = [
        ("2026Q2", 30),
        ("2026Q1", 10),
        ("2026Q2", 45),
        ("2025Q4", 5),
        ("2026Q1", 20),
        ("2026Q2", 40),  # a correction downwards still wins: it was recorded last
    ]
    assert latest_per_quarter(entries) == points(("2025Q4", 5), ("2026Q1", 20), ("2026Q2", 40))


def test_latest_per_quarter_without_entries_is_empty() -> None:
    assert latest_per_quarter([]) == []


def test_forecast_counts_whole_quarters_exactly() -> None:
    # 13 points in 3 quarters leaves 65 points: exactly 15 more quarters, not 16 through a
    # floating-point remainder (65 / (13 / 3) is 15.000000000000002 in floats).
    history = [(q("2026Q1"), 22), (q("2026Q4"), 35)]
    assert forecast_end(history, **YEAR_PLAN, status=Status.IN_PROGRESS) == q("2030Q3")


def test_forecast_counts_quarters_without_entries_as_standing_still() -> None:
    plan = {"start": "2026Q1", "due": "2026Q2"}
    today = D(2026, 11, 27)  # 2026Q4
    # One entry long ago: without today the pace from the planned start says 2026Q3, which is
    # already past; with today the task has stood still for three quarters: no forecast.
    single = [(q("2026Q1"), 40)]
    assert forecast_end(single, **plan, status=Status.IN_PROGRESS) == q("2026Q3")
    assert forecast_end(single, **plan, status=Status.IN_PROGRESS, today=today) is None
    # 10 → 20 in the first half, nothing since: 10 points in three quarters, 80 to go.
    stalled = [(q("2026Q1"), 10), (q("2026Q2"), 20)]
    assert forecast_end(stalled, **plan, status=Status.IN_PROGRESS, today=today) == q("2032Q4")
    # An entry in the current quarter needs no standing still: 30 points in three quarters
    # since the planned start, 70 to go, seven more quarters.
    current = [(q("2026Q3"), 30)]
    assert forecast_end(current, **plan, status=Status.IN_PROGRESS, today=D(2026, 8, 1)) == q(
        "2028Q2"
    )
    done = [(q("2026Q1"), 100)]
    assert forecast_end(done, **plan, status=Status.DONE, today=today) == q("2026Q1")
