"""The maturity radar chart, drawn as inline SVG on the server like the follow-up charts, so
that it prints and needs no JavaScript. The page shows the same numbers as a table.

One axis per viewpoint, clockwise from the top; levels 1–5 run from near the centre to the rim.
Each series has a colour AND a dash pattern AND a marker shape, so that it still reads when
printed in greyscale or seen without colour vision.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from tiekartta.maturity.models import HIGHEST_LEVEL

WIDTH = 640
HEIGHT = 440
CENTRE_X = 320.0
CENTRE_Y = 220.0
RADIUS = 150.0
LABEL_GAP = 14.0
LINE_HEIGHT = 14.0
LABEL_CHARS = 18  # beside the chart
WIDE_LABEL_CHARS = 30  # above and below it, where there is room
MARKER_SIZE = 4.0
MIN_AXES = 3


@dataclass(frozen=True)
class SeriesStyle:
    colour: str
    dash: str  # SVG stroke-dasharray; empty for a solid line
    marker: str  # circle, square, diamond, triangle, ring


# Contrast of at least 3:1 against white for every colour (WCAG 1.4.11).
CURRENT_STYLES = (
    SeriesStyle("#0b5cad", "", "circle"),
    SeriesStyle("#a34a00", "2 3", "square"),
    SeriesStyle("#2e6e2e", "10 3 2 3", "diamond"),
    SeriesStyle("#6a3d9a", "4 3", "triangle"),
    SeriesStyle("#00707a", "10 3 2 3 2 3", "circle"),
    SeriesStyle("#a8232b", "1 5", "square"),
)
TARGET_STYLE = SeriesStyle("#1b1f24", "9 5", "ring")


@dataclass(frozen=True)
class RadarSeries:
    label: str
    values: Sequence[float | None]  # one per axis; None leaves the axis out of the shape
    # The part of the label users typed (an assessment's title): the legend marks its language.
    subject: str = ""


@dataclass(frozen=True)
class Vertex:
    x: float
    y: float
    value: float
    marker: str  # SVG path of the marker around the vertex


@dataclass(frozen=True)
class Shape:
    key: str  # "current-0", "current-1", …, "target"
    label: str
    style: SeriesStyle
    vertices: list[Vertex]
    is_target: bool = False
    subject: str = ""

    @property
    def label_parts(self) -> tuple[str, str, str]:
        """The label as (the interface's words before, the subject, the words after)."""
        if not self.subject or self.subject not in self.label:
            return self.label, "", ""
        return self.label.partition(self.subject)

    @property
    def points(self) -> str:
        return " ".join(f"{v.x},{v.y}" for v in self.vertices)

    @property
    def kind(self) -> str:
        """polygon, polyline (two assessed axes) or none (one: only its marker)."""
        count = len(self.vertices)
        return "polygon" if count >= MIN_AXES else "polyline" if count == 2 else "none"

    @property
    def legend_marker(self) -> str:
        return marker_path(self.style.marker, 16, 6)


@dataclass(frozen=True)
class Axis:
    label: str
    lines: list[str]
    x: float  # where the axis meets the rim
    y: float
    label_x: float
    label_y: float  # baseline of the first line
    anchor: str  # SVG text-anchor


@dataclass(frozen=True)
class Ring:
    level: int
    points: str
    label_x: float
    label_y: float


@dataclass
class RadarChart:
    width: int = WIDTH
    height: int = HEIGHT
    centre_x: float = CENTRE_X
    centre_y: float = CENTRE_Y
    line_height: float = LINE_HEIGHT
    axes: list[Axis] = field(default_factory=list)
    rings: list[Ring] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)

    @property
    def has_gaps(self) -> bool:
        """Some series leave a viewpoint out, which the page then explains."""
        return any(len(s.vertices) < len(self.axes) for s in self.shapes)


def angle_of(index: int, count: int) -> float:
    """Radians of the axis, clockwise from straight up (SVG's y grows downwards)."""
    return -math.pi / 2 + 2 * math.pi * index / count


def position(index: int, count: int, distance: float) -> tuple[float, float]:
    angle = angle_of(index, count)
    return (
        round(CENTRE_X + distance * math.cos(angle), 1),
        round(CENTRE_Y + distance * math.sin(angle), 1),
    )


def level_distance(value: float) -> float:
    return RADIUS * value / HIGHEST_LEVEL


def marker_path(kind: str, x: float, y: float, size: float = MARKER_SIZE) -> str:
    s = size
    if kind == "square":
        return f"M{x - s} {y - s}h{2 * s}v{2 * s}h{-2 * s}Z"
    if kind == "diamond":
        d = round(s * 1.3, 1)
        return f"M{x} {y - d}l{d} {d}l{-d} {d}l{-d} {-d}Z"
    if kind == "triangle":
        d = round(s * 1.2, 1)
        return f"M{x} {y - d}L{x + d} {y + s}L{x - d} {y + s}Z"
    # circle and ring: two arcs make a full circle in one path.
    return f"M{x - s} {y}a{s} {s} 0 1 0 {2 * s} 0a{s} {s} 0 1 0 {-2 * s} 0Z"


def wrap_label(text: str, width: int = LABEL_CHARS) -> list[str]:
    """Split at spaces into lines of at most `width` characters (a longer word keeps a line
    to itself), so that long Finnish names fit beside the chart."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def _axis(index: int, count: int, label: str) -> Axis:
    x, y = position(index, count, RADIUS)
    label_x, label_y = position(index, count, RADIUS + LABEL_GAP)
    angle = angle_of(index, count)
    cos, sin = math.cos(angle), math.sin(angle)
    anchor = "middle" if abs(cos) < 0.2 else "start" if cos > 0 else "end"
    lines = wrap_label(label, WIDE_LABEL_CHARS if anchor == "middle" else LABEL_CHARS)
    extra = (len(lines) - 1) * LINE_HEIGHT
    if sin < -0.8:  # at the top: the lines grow upwards from the rim
        first = label_y - extra
    elif sin > 0.8:  # at the bottom: they hang below it
        first = label_y + LINE_HEIGHT * 0.8
    else:  # at the sides: centred on the axis
        first = label_y - extra / 2 + LINE_HEIGHT * 0.35
    return Axis(label, lines, x, y, label_x, round(first, 1), anchor)


def _shape(key: str, series: RadarSeries, style: SeriesStyle, count: int, target: bool) -> Shape:
    vertices = []
    for index, value in enumerate(series.values[:count]):
        if value is None:
            continue
        x, y = position(index, count, level_distance(value))
        vertices.append(Vertex(x, y, value, marker_path(style.marker, x, y)))
    return Shape(key, series.label, style, vertices, is_target=target, subject=series.subject)


def radar_chart(
    axis_labels: Sequence[str],
    current: Sequence[RadarSeries],
    target: RadarSeries | None = None,
) -> RadarChart | None:
    """The current levels of each series as solid or patterned shapes and one target as a
    dashed shape. None when there are fewer than three axes: a radar needs an area."""
    count = len(axis_labels)
    if count < MIN_AXES:
        return None
    chart = RadarChart()
    chart.axes = [_axis(i, count, label) for i, label in enumerate(axis_labels)]
    for level in range(1, HIGHEST_LEVEL + 1):
        corners = [position(i, count, level_distance(level)) for i in range(count)]
        label_x, label_y = position(0, count, level_distance(level))
        chart.rings.append(
            Ring(level, " ".join(f"{x},{y}" for x, y in corners), label_x + 7, label_y + 11)
        )
    for n, series in enumerate(current):
        style = CURRENT_STYLES[n % len(CURRENT_STYLES)]
        chart.shapes.append(_shape(f"current-{n}", series, style, count, target=False))
    if target is not None:
        chart.shapes.append(_shape("target", target, TARGET_STYLE, count, target=True))
    return chart
