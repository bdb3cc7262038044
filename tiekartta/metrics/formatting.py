"""Metric numbers as people read them: no trailing zeros, the locale's separators, the unit."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import ngettext

from tiekartta.core.numbers import format_number, plain
from tiekartta.metrics.models import Metric, Unit

__all__ = ["expected_places", "format_number", "format_value", "places", "plain", "round_to"]


def places(value: Decimal | None) -> int:
    if value is None:
        return 0
    exponent = plain(value).as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def expected_places(metric: Metric) -> int:
    """A point on the planned line is shown one decimal finer than the figures it joins; a
    count only as fine as its figures (whole when they are whole: no 4 197,1 users)."""
    figures = max(places(metric.baseline_value), places(metric.target_value))
    if metric.unit == Unit.COUNT:
        return figures
    return min(figures + 1, 4)


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


def format_change(value: Decimal | None, metric: Metric) -> str:
    """A change with its sign. A percentage changes by percentage points: 57 % → 62 % is
    "+5 percentage points", not "+5 %" (which would read as 5 % of 57)."""
    if value is None:
        return ""
    if metric.unit != Unit.PERCENT:
        return format_value(value, metric, signed=True)
    number = format_number(value, signed=True)
    # Singular only for exactly one point; 0,5 and 2 take the plural in all three languages.
    count = 1 if abs(value) == 1 else 2
    # Not inside the f-string: makemessages would not find the strings there.
    points = ngettext("percentage point", "percentage points", count)
    return f"{number}\u00a0{points}"
