"""The radar chart's geometry, as pure functions."""

from __future__ import annotations

import math

import pytest

from tiekartta.maturity.charts import (
    CENTRE_X,
    CENTRE_Y,
    CURRENT_STYLES,
    RADIUS,
    TARGET_STYLE,
    RadarSeries,
    angle_of,
    marker_path,
    position,
    radar_chart,
    wrap_label,
)


def test_axes_start_at_the_top_and_go_clockwise() -> None:
    assert position(0, 4, RADIUS) == (CENTRE_X, CENTRE_Y - RADIUS)
    assert position(1, 4, RADIUS) == (CENTRE_X + RADIUS, CENTRE_Y)
    assert position(2, 4, RADIUS) == (CENTRE_X, CENTRE_Y + RADIUS)
    assert position(3, 4, RADIUS) == (CENTRE_X - RADIUS, CENTRE_Y)
    assert angle_of(3, 6) == pytest.approx(math.pi / 2)


def test_levels_scale_from_the_centre_to_the_rim() -> None:
    chart = radar_chart(["A", "B", "C", "D"], [RadarSeries("Nyt", [5, 1, None, 3])])
    assert chart is not None
    [shape] = chart.shapes
    assert [(v.x, v.y, v.value) for v in shape.vertices] == [
        (CENTRE_X, CENTRE_Y - RADIUS, 5),
        (CENTRE_X + RADIUS / 5, CENTRE_Y, 1),
        (CENTRE_X - RADIUS * 3 / 5, CENTRE_Y, 3),
    ]
    assert shape.kind == "polygon"
    assert shape.points == "320.0,70.0 350.0,220.0 230.0,220.0"
    assert chart.has_gaps  # C was not assessed


def test_rings_mark_every_level() -> None:
    chart = radar_chart(["A", "B", "C"], [])
    assert chart is not None
    assert [ring.level for ring in chart.rings] == [1, 2, 3, 4, 5]
    outer = chart.rings[-1].points.split()
    assert outer[0] == f"{CENTRE_X},{CENTRE_Y - RADIUS}"
    assert len(outer) == 3
    assert not chart.has_gaps


def test_each_series_differs_in_colour_dash_and_marker_and_the_target_is_dashed() -> None:
    series = [RadarSeries(f"Arvio {n}", [2, 3, 4]) for n in range(3)]
    chart = radar_chart(["A", "B", "C"], series, RadarSeries("Tavoite", [4, 4, 5]))
    assert chart is not None
    styles = [shape.style for shape in chart.shapes]
    assert len({s.colour for s in styles}) == 4
    assert len({s.dash for s in styles}) == 4
    assert len({s.marker for s in styles}) == 4
    assert chart.shapes[-1].is_target and chart.shapes[-1].style == TARGET_STYLE
    assert TARGET_STYLE.dash and TARGET_STYLE.dash not in {s.dash for s in CURRENT_STYLES}
    assert [s.key for s in chart.shapes] == ["current-0", "current-1", "current-2", "target"]


def test_shapes_with_few_assessed_axes() -> None:
    chart = radar_chart(
        ["A", "B", "C"], [RadarSeries("Kaksi", [1, None, 2]), RadarSeries("Yksi", [None, 4, None])]
    )
    assert chart is not None
    assert [s.kind for s in chart.shapes] == ["polyline", "none"]
    assert len(chart.shapes[1].vertices) == 1


def test_a_radar_needs_three_axes() -> None:
    assert radar_chart(["A", "B"], [RadarSeries("Nyt", [1, 2])]) is None
    assert radar_chart([], []) is None


def test_labels_are_placed_outside_the_rim_and_wrapped() -> None:
    labels = ["Tiedolla johtaminen", "Asiakkaiden sähköiset palvelut", "Digituki", "Tietoturva"]
    chart = radar_chart(labels, [])
    assert chart is not None
    top, right, bottom, left = chart.axes
    assert top.anchor == "middle" and top.label_y < CENTRE_Y - RADIUS
    assert right.anchor == "start" and right.label_x > CENTRE_X + RADIUS
    assert bottom.anchor == "middle" and bottom.label_y > CENTRE_Y + RADIUS
    assert left.anchor == "end" and left.label_x < CENTRE_X - RADIUS
    assert right.lines == ["Asiakkaiden", "sähköiset palvelut"]
    # Lines at the top grow upwards so they never cross the chart.
    assert top.lines == ["Tiedolla johtaminen"]
    assert wrap_label("Tiedolla johtaminen ja tietovarasto", 18) == [
        "Tiedolla",
        "johtaminen ja",
        "tietovarasto",
    ]
    assert wrap_label("Tietoturvallisuudenhallinta", 10) == ["Tietoturvallisuudenhallinta"]
    # Every label stays inside the drawing.
    long = ["Asiakkaiden sähköiset palvelut"] * 9
    chart = radar_chart(long, [])
    assert chart is not None
    for axis in chart.axes:
        assert axis.label_y > 0 and axis.label_y + LINE * (len(axis.lines) - 1) < chart.height
        width = max(len(line) for line in axis.lines) * 7
        if axis.anchor == "start":
            assert axis.label_x + width < chart.width
        elif axis.anchor == "end":
            assert axis.label_x - width > 0


LINE = 14


def test_markers_are_closed_paths_around_the_point() -> None:
    for kind in ("circle", "square", "diamond", "triangle", "ring"):
        path = marker_path(kind, 100, 50)
        assert path.startswith("M") and path.endswith("Z")
    assert marker_path("square", 100, 50, 4) == "M96 46h8v8h-8Z"
