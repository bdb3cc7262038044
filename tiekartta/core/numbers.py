"""Numbers as people read them: no trailing zeros, the locale's separators, a real minus sign."""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import number_format


def plain(value: Decimal) -> Decimal:
    """41.5000 → 41.5 and 100.0000 → 100, never 1E+2."""
    if value == 0:
        # Also a negative zero (a rounded tiny fall), which would read "-0" with a hyphen.
        return Decimal(0)
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def format_number(value: Decimal | None, *, signed: bool = False) -> str:
    if value is None:
        return ""
    text = number_format(plain(value), use_l10n=True, force_grouping=True)
    if signed and value > 0:
        return f"+{text}"
    if value < 0:
        # A real minus sign, which screen readers and print keep apart from a hyphen.
        return "\u2212" + text.lstrip("-")
    return text
