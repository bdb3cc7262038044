"""The server-drawn percent chart: where quarters and percentages land, gaps and the marker."""

import pytest

from tiekartta.core.charts import Series, percent_chart
from tiekartta.core.quarters import Quarter, quarter_range


def quarters(first: str, last: str) -> list[Quarter]:
    return list(quarter_range(Quarter.parse(first), Quarter.parse(last)))


YEAR = quarters("2026Q1", "2026Q4")


@pytest.mark.parametrize(
    ("first", "last"), [("2026Q1", "2026Q1"), ("2026Q1", "2026Q3"), ("2025Q2", "2028Q1")]
)
def test_quarters_are_centred_in_equal_steps(first: str, last: str) -> None:
    shown = quarters(first, last)
    chart = percent_chart(shown, [])
    step = (chart.right - chart.left) / len(shown)
    positions = [tick.position for tick in chart.x_ticks]
    assert len(positions) == len(shown)
    assert positions[0] == pytest.approx(chart.left + step / 2, abs=0.05)
    assert positions[-1] == pytest.approx(chart.right - step / 2, abs=0.05)
    assert positions[-1] < chart.right
    assert positions == sorted(positions)


def test_four_quarters_land_on_exact_positions() -> None:
    chart = percent_chart(YEAR, [])
    # The plot is 640 - 44 - 16 = 580 wide: 145 a quarter, each centred in its slot.
    assert (chart.left, chart.right) == (44, 624)
    assert [tick.position for tick in chart.x_ticks] == [116.5, 261.5, 406.5, 551.5]


def test_percentages_run_from_bottom_to_top() -> None:
    chart = percent_chart(YEAR, [Series("actual", "Recorded", [0, 50, 100, 25])])
    (line,) = chart.lines
    assert [point.y for point in line.points] == [chart.bottom, 106.0, chart.top, 153.0]
    assert (chart.top, chart.bottom) == (12, 200)
    assert [point.value for point in line.points] == [0, 50, 100, 25]


def test_y_ticks_mark_every_quarter_of_the_scale() -> None:
    chart = percent_chart(YEAR, [])
    assert [tick.label for tick in chart.y_ticks] == ["0 %", "25 %", "50 %", "75 %", "100 %"]
    assert chart.y_ticks[0].position == chart.bottom
    assert chart.y_ticks[-1].position == chart.top


def test_points_share_the_tick_positions() -> None:
    chart = percent_chart(YEAR, [Series("planned", "Planned", [25, 50, 75, 100])])
    (line,) = chart.lines
    assert [point.x for point in line.points] == [tick.position for tick in chart.x_ticks]
    assert (line.key, line.label) == ("planned", "Planned")


def test_an_unbroken_line_is_one_path() -> None:
    chart = percent_chart(YEAR, [Series("actual", "Recorded", [10, 20, 30, 40])])
    (line,) = chart.lines
    assert line.path == "M116.5 181.2 L261.5 162.4 L406.5 143.6 L551.5 124.8"


def test_a_missing_value_splits_the_line() -> None:
    chart = percent_chart(YEAR, [Series("actual", "Recorded", [10, None, 30, 40])])
    (line,) = chart.lines
    assert line.path == "M116.5 181.2 M406.5 143.6 L551.5 124.8"
    assert line.path.count("M") == 2
    assert [point.x for point in line.points] == [116.5, 406.5, 551.5]


@pytest.mark.parametrize(
    ("values", "moves", "draws"),
    [
        ([None, 20, 30, None], 1, 1),
        ([None, None, None, None], 0, 0),
        ([10, None, None, 40], 2, 0),
        ([10, None, 30, None], 2, 0),
    ],
)
def test_gaps_start_new_subpaths(values: list[float | None], moves: int, draws: int) -> None:
    chart = percent_chart(YEAR, [Series("actual", "Recorded", values)])
    (line,) = chart.lines
    assert line.path.count("M") == moves
    assert line.path.count("L") == draws
    assert len(line.points) == sum(value is not None for value in values)


def test_each_series_is_its_own_line() -> None:
    chart = percent_chart(
        YEAR,
        [
            Series("planned", "Planned", [25, 50, 75, 100]),
            Series("actual", "Recorded", [None, 30, None, None]),
        ],
    )
    assert [line.key for line in chart.lines] == ["planned", "actual"]
    assert chart.lines[1].path == "M261.5 143.6"


@pytest.mark.parametrize(
    ("marker", "position"),
    [
        (Quarter(2026, 1), 116.5),
        (Quarter(2026, 3), 406.5),
        (Quarter(2026, 4), 551.5),
    ],
)
def test_marker_inside_the_range_sits_on_its_quarter(marker: Quarter, position: float) -> None:
    chart = percent_chart(YEAR, [], marker)
    assert chart.marker_x == position


@pytest.mark.parametrize("marker", [Quarter(2025, 4), Quarter(2027, 1), Quarter(2030, 2), None])
def test_marker_outside_the_range_is_left_out(marker: Quarter | None) -> None:
    assert percent_chart(YEAR, [], marker).marker_x is None


def test_marker_without_quarters_is_left_out() -> None:
    chart = percent_chart([], [], Quarter(2026, 1))
    assert chart.marker_x is None
    assert chart.x_ticks == []


def test_year_is_shown_on_the_first_tick_and_on_each_first_quarter() -> None:
    chart = percent_chart(quarters("2025Q3", "2027Q2"), [])
    labels = [tick.label for tick in chart.x_ticks]
    years = [tick.sublabel for tick in chart.x_ticks]
    assert labels == ["Q3", "Q4", "Q1", "Q2", "Q3", "Q4", "Q1", "Q2"]
    assert years == ["2025", "", "2026", "", "", "", "2027", ""]


def test_year_on_a_range_starting_in_the_first_quarter_appears_once_a_year() -> None:
    chart = percent_chart(quarters("2026Q1", "2027Q1"), [])
    assert [tick.sublabel for tick in chart.x_ticks] == ["2026", "", "", "", "2027"]
