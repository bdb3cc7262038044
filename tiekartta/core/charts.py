"""Line charts drawn as inline SVG on the server, so that they print, work in the PDF and need
no JavaScript. Every chart is shown next to a table of the same numbers for screen readers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from tiekartta.core.quarters import Quarter

WIDTH = 640
HEIGHT = 240
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 12, 40


@dataclass(frozen=True)
class Series:
    key: str  # CSS class suffix: the colour and dash come from the stylesheet
    label: str
    values: Sequence[float | None]


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value: float


# Colours also as SVG attributes: PDF renderers do not all apply the stylesheet to SVG.
LINE_STYLES = {
    "actual": ("#0b5cad", ""),
    "planned": ("#6b7480", "6 4"),
    "value": ("#0b5cad", ""),
    "target": ("#6b7480", "6 4"),
    "milestone": ("#8a4b00", ""),
}


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    path: str
    points: list[Point]

    @property
    def colour(self) -> str:
        return LINE_STYLES.get(self.key, ("#1b1f24", ""))[0]

    @property
    def dash(self) -> str:
        return LINE_STYLES.get(self.key, ("", ""))[1]


@dataclass(frozen=True)
class Tick:
    position: float
    label: str
    sublabel: str = ""


@dataclass
class LineChart:
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM
    x_ticks: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    marker_x: float | None = None  # today, when it falls inside the chart
    marker_label: str = ""  # what the marker stands for, when not the current quarter


def percent_chart(
    quarters: Sequence[Quarter],
    series: Sequence[Series],
    marker_quarter: Quarter | None = None,
) -> LineChart:
    """Quarters along x, 0–100 % along y; None values leave a gap in the line."""
    chart = LineChart()
    count = max(len(quarters), 1)
    span = chart.right - chart.left
    step = span / count

    def x_of(index: int) -> float:
        return round(chart.left + step * (index + 0.5), 1)

    def y_of(value: float) -> float:
        return round(chart.bottom - (chart.bottom - chart.top) * value / 100, 1)

    for index, quarter in enumerate(quarters):
        show_year = index == 0 or quarter.quarter == 1
        chart.x_ticks.append(
            Tick(x_of(index), f"Q{quarter.quarter}", str(quarter.year) if show_year else "")
        )
    chart.y_ticks = [Tick(y_of(v), f"{v} %") for v in (0, 25, 50, 75, 100)]
    for item in series:
        points = [Point(x_of(i), y_of(v), v) for i, v in enumerate(item.values) if v is not None]
        commands = []
        previous = None
        for i, value in enumerate(item.values):
            if value is None:
                previous = None
                continue
            commands.append(f"{'L' if previous is not None else 'M'}{x_of(i)} {y_of(value)}")
            previous = i
        chart.lines.append(Line(item.key, item.label, " ".join(commands), points))
    if marker_quarter is not None and quarters and quarters[0] <= marker_quarter <= quarters[-1]:
        chart.marker_x = x_of(marker_quarter.index - quarters[0].index)
    return chart
