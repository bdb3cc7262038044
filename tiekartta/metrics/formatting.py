"""Metric numbers as people read them: no trailing zeros, the locale's separators, the unit."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from tiekartta.core.numbers import format_number, plain
from tiekartta.metrics.models import Metric, Unit

__all__ = ["expected_places", "format_number", "format_value", "places", "plain", "round_to"]


def places(value: Decimal | None) -> int:
    if value is None:
        return 0
    exponent = plain(value).as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def expected_places(metric: Metric) -> int:
    """A point on the planned line is shown one decimal finer than the figures it joins."""
    return min(max(places(metric.baseline_value), places(metric.target_value)) + 1, 4)


def round_to(value: Decimal | None, decimals: int) -> Decimal | None:
    if value is None:
        return None
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_value(value: Decimal | None, metric: Metric, *, signed: bool = False) -> str:
    if value is None:
        return ""
    number = format_number(value, signed=signed)
    unit = metric.unit_text
    if not unit:
        return number
    if metric.unit == Unit.PERCENT and not metric.unit_label:
        return f"{number}\u00a0%"
    return f"{number}\u00a0{unit}"
