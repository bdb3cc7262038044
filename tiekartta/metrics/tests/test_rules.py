"""The rules of where a metric stands and whether its values are late, with explicit dates."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from tests.factories import MetricFactory, MetricValueFactory, RoadmapFactory
from tiekartta.metrics.models import Metric
from tiekartta.metrics.periods import Frequency, Period
from tiekartta.metrics.rules import (
    Freshness,
    Line,
    MetricState,
    MetricStatus,
    Timeliness,
    ValuePoint,
    assess,
    judge,
    timeliness,
)
from tiekartta.metrics.selectors import assess_metric, build_rows, metrics_with_values

D = Decimal
day = datetime.date
Q = Frequency.QUARTERLY
H = Frequency.HALF_YEARLY
Y = Frequency.YEARLY

# 100 days from the baseline to the target, so that the expected value is the day count.
START = day(2026, 1, 1)
END = day(2026, 4, 11)
RISING = Line(D("0"), START, D("100"), END)
FALLING = Line(D("100"), START, D("0"), END)
NO_BASELINE = Line(None, None, D("100"), END)
# The factory's metric: 20 at the end of 2025 to 60 at the end of 2028 (1096 days).
FACTORY_LINE = Line(D("20"), day(2025, 12, 31), D("60"), day(2028, 12, 31))


# The line --------------------------------------------------------------------------------------


def test_line_is_the_baseline_until_the_baseline_date() -> None:
    assert RISING.expected_on(day(2025, 6, 1)) == D("0")
    assert RISING.expected_on(START) == D("0")
    assert RISING.expected_on(START + datetime.timedelta(days=1)) == D("1")


def test_line_is_the_target_from_the_target_date_on() -> None:
    assert RISING.expected_on(END) == D("100")
    assert RISING.expected_on(END - datetime.timedelta(days=1)) == D("99")
    assert RISING.expected_on(day(2030, 1, 1)) == D("100")


def test_line_midpoint_is_exact() -> None:
    midpoint = RISING.expected_on(START + datetime.timedelta(days=50))
    assert midpoint == D("50")
    assert isinstance(midpoint, Decimal)
    assert str(midpoint) == "50.0000", "kept to the four decimals the database stores"
    line = Line(D("20"), START, D("30"), START + datetime.timedelta(days=4))
    assert line.expected_on(START + datetime.timedelta(days=2)) == D("25")
    assert line.expected_on(START + datetime.timedelta(days=1)) == D("22.5")


def test_line_rounds_to_four_decimals_half_up() -> None:
    thirds = Line(D("0"), START, D("1"), START + datetime.timedelta(days=3))
    assert thirds.expected_on(START + datetime.timedelta(days=1)) == D("0.3333")
    assert thirds.expected_on(START + datetime.timedelta(days=2)) == D("0.6667")
    # 0.00005 exactly: half up gives 0.0001 where banker's rounding would give 0.0000.
    tiny = Line(D("0"), START, D("0.0001"), START + datetime.timedelta(days=2))
    assert tiny.expected_on(START + datetime.timedelta(days=1)) == D("0.0001")


def test_line_of_the_factory_metric() -> None:
    assert FACTORY_LINE.expected_on(day(2026, 3, 31)) == D("23.2847")
    assert FACTORY_LINE.expected_on(day(2026, 6, 30)) == D("26.6058")


def test_line_falls_when_lower_is_better() -> None:
    assert FALLING.expected_on(START) == D("100")
    assert FALLING.expected_on(START + datetime.timedelta(days=30)) == D("70")
    assert FALLING.expected_on(END) == D("0")
    assert FALLING.expected_on(day(2027, 1, 1)) == D("0")


def test_no_baseline_no_line() -> None:
    assert NO_BASELINE.expected_on(START) is None
    assert NO_BASELINE.expected_on(day(2030, 1, 1)) is None
    half = Line(D("5"), None, D("100"), END)
    assert half.expected_on(day(2026, 3, 1)) is None


# Judging a value -----------------------------------------------------------------------------

FEB_20 = START + datetime.timedelta(days=50)  # expected 50 on both lines


@pytest.mark.parametrize(
    ("value", "on", "status"),
    [
        (D("50"), FEB_20, MetricStatus.ON_TRACK),
        (D("60"), FEB_20, MetricStatus.ON_TRACK),
        (D("49.9999"), FEB_20, MetricStatus.BEHIND),
        # The same 60 is behind when it was measured later, on day 80.
        (D("60"), START + datetime.timedelta(days=80), MetricStatus.BEHIND),
        (D("100"), END, MetricStatus.ACHIEVED),
        (D("100"), START + datetime.timedelta(days=2), MetricStatus.ACHIEVED),
        (D("120"), FEB_20, MetricStatus.ACHIEVED),
        (D("99.9999"), END, MetricStatus.BEHIND),
        (D("99.9999"), day(2027, 1, 1), MetricStatus.BEHIND),
        (D("0"), START, MetricStatus.ON_TRACK),
    ],
)
def test_judge_when_higher_is_better(value: Decimal, on: datetime.date, status: str) -> None:
    assert judge(value=value, on=on, line=RISING, higher_is_better=True) == status


@pytest.mark.parametrize(
    ("value", "on", "status"),
    [
        (D("50"), FEB_20, MetricStatus.ON_TRACK),
        (D("40"), FEB_20, MetricStatus.ON_TRACK),
        (D("50.0001"), FEB_20, MetricStatus.BEHIND),
        (D("0"), END, MetricStatus.ACHIEVED),
        (D("-3"), FEB_20, MetricStatus.ACHIEVED),
        # Above the target is not achieved when lower is better, however early.
        (D("0.0001"), START + datetime.timedelta(days=1), MetricStatus.ON_TRACK),
        (D("10"), START + datetime.timedelta(days=1), MetricStatus.ON_TRACK),
        (D("0.0001"), END, MetricStatus.BEHIND),
        (D("101"), START, MetricStatus.BEHIND),
    ],
)
def test_judge_when_lower_is_better(value: Decimal, on: datetime.date, status: str) -> None:
    assert judge(value=value, on=on, line=FALLING, higher_is_better=False) == status


def test_direction_decides_what_reaching_the_target_means() -> None:
    # One line read both ways: 120 passes a target of 100 only when higher is better.
    assert judge(value=D("120"), on=END, line=RISING, higher_is_better=True) == "achieved"
    assert judge(value=D("120"), on=END, line=RISING, higher_is_better=False) == "behind"


@pytest.mark.parametrize(
    ("value", "on", "status"),
    [
        (D("1"), START, MetricStatus.ON_TRACK),
        (D("1"), END - datetime.timedelta(days=1), MetricStatus.ON_TRACK),
        (D("99"), END, MetricStatus.BEHIND),
        (D("99"), END + datetime.timedelta(days=1), MetricStatus.BEHIND),
        (D("100"), END + datetime.timedelta(days=1), MetricStatus.ACHIEVED),
        (D("100"), START, MetricStatus.ACHIEVED),
    ],
)
def test_judge_without_a_baseline(value: Decimal, on: datetime.date, status: str) -> None:
    assert judge(value=value, on=on, line=NO_BASELINE, higher_is_better=True) == status


def test_judge_without_a_baseline_when_lower_is_better() -> None:
    line = Line(None, None, D("10"), END)
    assert judge(value=D("30"), on=START, line=line, higher_is_better=False) == "on_track"
    assert judge(value=D("30"), on=END, line=line, higher_is_better=False) == "behind"
    assert judge(value=D("10"), on=END, line=line, higher_is_better=False) == "achieved"


def test_no_value_is_no_data_whatever_the_date() -> None:
    for line in (RISING, NO_BASELINE):
        for on in (START, day(2030, 1, 1)):
            assert judge(value=None, on=on, line=line, higher_is_better=True) == "no_data"


# Timeliness ----------------------------------------------------------------------------------


def when(today: datetime.date, **changes: Any) -> Timeliness:
    arguments: dict[str, Any] = {
        "frequency": Q,
        "latest_period": None,
        "started": day(2026, 1, 1),
        "last_roadmap_year": 2028,
        "archived": False,
        "grace_days": 30,
        "today": today,
    }
    arguments.update(changes)
    return timeliness(**arguments)


@pytest.mark.parametrize(
    ("frequency", "latest", "awaited", "due", "stale_after"),
    [
        (Q, "2026Q1", "2026Q2", day(2026, 6, 30), day(2026, 7, 30)),
        (Q, "2026Q4", "2027Q1", day(2027, 3, 31), day(2027, 4, 30)),
        (H, "2026H1", "2026H2", day(2026, 12, 31), day(2027, 1, 30)),
        (H, "2026H2", "2027H1", day(2027, 6, 30), day(2027, 7, 30)),
        (Y, "2026", "2027", day(2027, 12, 31), day(2028, 1, 30)),
    ],
)
def test_freshness_on_the_boundary_days(
    frequency: str,
    latest: str,
    awaited: str,
    due: datetime.date,
    stale_after: datetime.date,
) -> None:
    one = datetime.timedelta(days=1)

    def freshness(today: datetime.date) -> Timeliness:
        return when(today, frequency=frequency, latest_period=Period.parse(latest))

    on_due = freshness(due)
    assert on_due.freshness == Freshness.CURRENT, "the awaited period has not ended yet"
    assert str(on_due.next_period) == awaited
    assert (on_due.due_date, on_due.stale_after) == (due, stale_after)
    assert freshness(Period.parse(latest).last_day).freshness == Freshness.CURRENT
    assert freshness(due + one).freshness == Freshness.DUE
    assert freshness(stale_after).freshness == Freshness.DUE, "the last day of grace"
    assert freshness(stale_after + one).freshness == Freshness.STALE
    assert freshness(stale_after + datetime.timedelta(days=400)).freshness == Freshness.STALE


def test_without_values_the_period_in_which_following_began_is_awaited() -> None:
    started = day(2026, 5, 15)
    result = when(day(2026, 6, 30), started=started)
    assert result.freshness == Freshness.CURRENT
    assert str(result.next_period) == "2026Q2"
    assert when(day(2026, 7, 1), started=started).freshness == Freshness.DUE
    assert when(day(2026, 7, 30), started=started).freshness == Freshness.DUE
    assert when(day(2026, 7, 31), started=started).freshness == Freshness.STALE
    yearly = when(day(2027, 1, 31), started=day(2026, 1, 1), frequency=Y)
    assert (str(yearly.next_period), yearly.freshness) == ("2026", Freshness.STALE)
    half = when(day(2026, 3, 1), started=day(2026, 1, 1), frequency=H)
    assert (str(half.next_period), half.freshness) == ("2026H1", Freshness.CURRENT)


def test_following_that_began_on_a_period_boundary() -> None:
    assert str(when(day(2026, 7, 2), started=day(2026, 3, 31)).next_period) == "2026Q1"
    assert str(when(day(2026, 7, 2), started=day(2026, 4, 1)).next_period) == "2026Q2"


def test_periods_after_the_roadmap_expect_no_values() -> None:
    last = when(day(2031, 1, 1), latest_period=Period.parse("2028Q4"))
    assert last == Timeliness(Freshness.CURRENT, None, None, None)
    # Whereas the roadmap's last quarter itself is still awaited.
    before = when(day(2029, 1, 31), latest_period=Period.parse("2028Q3"))
    assert (str(before.next_period), before.freshness) == ("2028Q4", Freshness.STALE)
    yearly = when(day(2031, 1, 1), frequency=Y, latest_period=Period.parse("2028"))
    assert yearly.freshness == Freshness.CURRENT and yearly.next_period is None
    late_start = when(day(2029, 6, 1), started=day(2029, 2, 1))
    assert late_start.freshness == Freshness.CURRENT and late_start.next_period is None


def test_archived_roadmaps_expect_no_values() -> None:
    assert when(day(2027, 6, 1), archived=True) == Timeliness(Freshness.CURRENT, None, None, None)
    assert when(day(2027, 6, 1), archived=False).freshness == Freshness.STALE


def test_without_grace_a_value_is_stale_the_day_after_its_period() -> None:
    latest = Period.parse("2026Q1")
    assert when(day(2026, 6, 30), latest_period=latest, grace_days=0).freshness == "current"
    result = when(day(2026, 7, 1), latest_period=latest, grace_days=0)
    assert result.freshness == Freshness.STALE
    assert result.stale_after == result.due_date == day(2026, 6, 30)


# Assessing a metric --------------------------------------------------------------------------


def point(code: str, value: str) -> ValuePoint:
    return ValuePoint(Period.parse(code), D(value))


def assessed(values: list[ValuePoint], today: datetime.date, **changes: Any) -> MetricState:
    arguments: dict[str, Any] = {
        "line": FACTORY_LINE,
        "higher_is_better": True,
        "frequency": Q,
        "values": values,
        "started": day(2026, 1, 1),
        "last_roadmap_year": 2028,
        "archived": False,
        "grace_days": 30,
        "today": today,
    }
    arguments.update(changes)
    return assess(**arguments)


def test_values_of_periods_not_yet_begun_are_ignored() -> None:
    values = [point("2026Q1", "23.5"), point("2026Q3", "59")]
    state = assessed(values, day(2026, 6, 30))
    assert state.latest == point("2026Q1", "23.5")
    assert state.status == MetricStatus.ON_TRACK, "the future 59 would have been near the target"
    assert state.change_since_baseline == D("3.5")
    assert str(state.timeliness.next_period) == "2026Q2"
    # On the first day of the third quarter its value counts.
    assert assessed(values, day(2026, 7, 1)).latest == point("2026Q3", "59")


def test_latest_is_the_latest_period_not_the_last_given() -> None:
    values = [point("2026Q3", "30"), point("2026Q1", "21"), point("2026Q2", "25")]
    state = assessed(values, day(2026, 11, 1))
    assert state.latest == point("2026Q3", "30")
    assert str(state.timeliness.next_period) == "2026Q4"
    assert state.change_since_baseline == D("10")


def test_a_value_is_judged_at_the_end_of_its_period_not_today() -> None:
    # 23.3 was ahead of the line on 31 March (23.2847) though behind it in September (29.4161).
    state = assessed([point("2026Q1", "23.3")], day(2026, 9, 15))
    assert state.status == MetricStatus.ON_TRACK
    assert state.expected_today == D("29.4161")
    assert state.latest is not None and state.latest.value < D("29.4161")
    assert assessed([point("2026Q1", "23.28")], day(2026, 9, 15)).status == MetricStatus.BEHIND


def test_a_value_of_the_running_period_is_judged_today() -> None:
    # 25 is above the line on 10 May (24.7445) but below it at the end of June (26.6058).
    state = assessed([point("2026Q2", "25")], day(2026, 5, 10))
    assert state.status == MetricStatus.ON_TRACK
    assert state.expected_today == D("24.7445")


def test_change_since_baseline_and_expected_today() -> None:
    state = assessed([point("2026Q2", "17.25")], day(2026, 8, 15))
    assert state.change_since_baseline == D("-2.75")
    assert state.expected_today == D("28.2847")
    assert state.status == MetricStatus.BEHIND
    unlined_line = Line(None, None, D("60"), day(2028, 12, 31))
    unlined = assessed([point("2026Q2", "17.25")], day(2026, 8, 15), line=unlined_line)
    assert unlined.change_since_baseline is None and unlined.expected_today is None
    assert unlined.status == MetricStatus.ON_TRACK


def test_assess_without_values() -> None:
    state = assessed([], day(2026, 5, 15))
    assert state.latest is None and state.change_since_baseline is None
    assert state.status == MetricStatus.NO_DATA
    assert state.expected_today == FACTORY_LINE.expected_on(day(2026, 5, 15))
    assert str(state.timeliness.next_period) == "2026Q1"
    assert state.freshness == Freshness.STALE and state.is_stale and state.needs_value


def test_achieved_when_the_latest_value_reaches_the_target() -> None:
    state = assessed([point("2026Q1", "60"), point("2026Q2", "59")], day(2026, 8, 1))
    assert state.status == MetricStatus.ON_TRACK, "the latest value decides, not the best one"
    assert assessed([point("2026Q2", "60")], day(2026, 8, 1)).status == MetricStatus.ACHIEVED


def test_state_flags_follow_freshness() -> None:
    values = [point("2026Q1", "24")]
    current = assessed(values, day(2026, 6, 30))
    due = assessed(values, day(2026, 7, 15))
    stale = assessed(values, day(2026, 7, 31))
    assert (current.freshness, current.is_stale, current.needs_value) == ("current", False, False)
    assert (due.freshness, due.is_stale, due.needs_value) == ("due", False, True)
    assert (stale.freshness, stale.is_stale, stale.needs_value) == ("stale", True, True)


# Through the selectors, with the clock frozen -------------------------------------------------


def rows_for(metric: Metric, today: datetime.date) -> Any:
    metrics = metrics_with_values(metric.roadmap)
    return build_rows(metrics, today, 30)


@pytest.mark.django_db
def test_rows_of_a_roadmap_on_a_frozen_day() -> None:
    roadmap = RoadmapFactory.create()
    with time_machine.travel("2026-08-15 12:00 +0300", tick=False):
        followed = MetricFactory.create(roadmap=roadmap, name="Sähköiset asioinnit")
        for code, value in [("2026Q2", "27"), ("2026Q1", "23"), ("2026Q4", "99")]:
            MetricValueFactory.create(metric=followed, period=code, value=D(value))
        # A value of another frequency (left by a frequency change) is no quarter's value.
        MetricValueFactory.create(metric=followed, period="2026", value=D("98"))
        fresh = MetricFactory.create(roadmap=roadmap, name="Uusi mittari")
        today = timezone.localdate()
        rows, summary = build_rows(metrics_with_values(roadmap), today, 30)

    by_name = {row.metric.name: row for row in rows}
    row = by_name["Sähköiset asioinnit"]
    assert [v.period for v in row.values] == ["2026", "2026Q1", "2026Q2"]
    assert row.state.latest == point("2026Q2", "27")
    assert row.latest_value is not None and row.latest_value.period == "2026Q2"
    assert row.state.status == MetricStatus.ON_TRACK  # 27 ≥ 26.6058 at the end of June
    assert row.state.change_since_baseline == D("7")
    assert row.state.expected_today == D("28.2847")
    assert (str(row.state.timeliness.next_period), row.state.freshness) == ("2026Q3", "current")

    new = by_name[fresh.name]
    assert new.state.status == MetricStatus.NO_DATA and new.latest_value is None
    assert str(new.state.timeliness.next_period) == "2026Q3", "awaited from its creation"

    assert summary.total == 2
    assert summary.by_status[MetricStatus.ON_TRACK] == 1
    assert summary.by_status[MetricStatus.NO_DATA] == 1
    assert (summary.stale, summary.due) == (0, 0)
    counts = {status: count for status, _label, count in summary.counts}
    assert counts == {"on_track": 1, "behind": 0, "achieved": 0, "no_data": 1}

    due_rows, due = build_rows(metrics_with_values(roadmap), day(2026, 10, 30), 30)
    late_rows, late = build_rows(metrics_with_values(roadmap), day(2026, 10, 31), 30)
    assert {r.metric.name: r.state.freshness for r in due_rows} == {
        "Sähköiset asioinnit": Freshness.CURRENT,
        "Uusi mittari": Freshness.DUE,
    }
    assert (due.stale, due.due) == (0, 1)
    assert {r.metric.name: r.state.freshness for r in late_rows} == {
        "Sähköiset asioinnit": Freshness.CURRENT,
        "Uusi mittari": Freshness.STALE,
    }
    assert (late.stale, late.due) == (1, 0)
    # The fourth quarter has begun: its value is now the latest, and it reaches the target.
    followed_late = next(r for r in late_rows if r.metric.pk == followed.pk)
    assert followed_late.state.latest == point("2026Q4", "99")
    assert followed_late.state.status == MetricStatus.ACHIEVED
    assert late.by_status[MetricStatus.ACHIEVED] == 1


@pytest.mark.django_db
def test_a_metric_created_in_the_night_a_quarter_began_awaits_that_quarter() -> None:
    """Creation counts in local time: 00:30 on 1 April in Helsinki is still 31 March in UTC."""
    with time_machine.travel("2026-04-01 00:30 +0300", tick=False):
        metric = MetricFactory.create()
    metric.refresh_from_db()
    assert metric.start_date == day(2026, 4, 1)
    state = assess_metric(
        Metric.objects.select_related("roadmap").get(pk=metric.pk), [], day(2026, 5, 15), 30
    )
    assert str(state.timeliness.next_period) == "2026Q2"
    assert state.freshness == Freshness.CURRENT


@pytest.mark.django_db
def test_a_metric_created_before_its_roadmap_awaits_the_roadmaps_first_period() -> None:
    with time_machine.travel("2025-11-20 12:00 +0200", tick=False):
        metric = MetricFactory.create(frequency=H)
    state = assess_metric(metric, [], day(2026, 7, 1), 30)
    assert metric.start_date == day(2026, 1, 1)
    assert (str(state.timeliness.next_period), state.freshness) == ("2026H1", Freshness.DUE)


@pytest.mark.django_db
def test_an_archived_roadmaps_metric_is_never_late() -> None:
    with time_machine.travel("2026-01-10 12:00 +0200", tick=False):
        metric = MetricFactory.create(roadmap=RoadmapFactory.create(is_archived=True))
    rows, summary = rows_for(metric, day(2027, 6, 1))
    assert rows[0].state.freshness == Freshness.CURRENT
    assert rows[0].state.timeliness.next_period is None
    assert (summary.stale, summary.due) == (0, 0)
