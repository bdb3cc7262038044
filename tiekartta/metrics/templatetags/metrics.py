from __future__ import annotations

from decimal import Decimal

from django import template

from tiekartta.metrics.formatting import expected_places, format_change, format_value, round_to
from tiekartta.metrics.models import Metric
from tiekartta.metrics.periods import format_period

register = template.Library()


@register.filter
def metric_value(value: Decimal | None, metric: Metric) -> str:
    """`{{ value|metric_value:metric }}`: the number in the locale with the metric's unit."""
    return format_value(value, metric) or "–"


@register.filter
def metric_change(value: Decimal | None, metric: Metric) -> str:
    """A change since baseline: percentage points for a percentage metric."""
    return format_change(value, metric) or "–"


@register.filter
def period_label(code: str) -> str:
    return format_period(code)


@register.filter
def metric_expected(value: Decimal | None, metric: Metric) -> str:
    """A point on the planned line, rounded to a sensible precision."""
    return format_value(round_to(value, expected_places(metric)), metric) or "–"
