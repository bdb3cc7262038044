"""Metric numbers as people read them, in each language of the interface."""

from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext

from tiekartta.metrics.formatting import (
    expected_places,
    format_change,
    format_number,
    format_value,
    places,
    plain,
    round_to,
)
from tiekartta.metrics.models import Metric

D = Decimal
NBSP = "\u00a0"
MINUS = "\u2212"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("41.5000", "41.5"),
        ("100.0000", "100"),
        ("1E+2", "100"),
        ("0", "0"),
        ("0.0000", "0"),
        ("-0.0000", "0"),
        ("0.0001", "0.0001"),
        ("-12.3400", "-12.34"),
        ("2500.0000", "2500"),
        ("999999999999.9999", "999999999999.9999"),
    ],
)
def test_plain_drops_trailing_zeros_without_an_exponent(value: str, text: str) -> None:
    result = plain(D(value))
    assert str(result) == text
    assert result == D(value)


@pytest.mark.parametrize(
    ("language", "value", "text"),
    [
        ("fi", "1234567.5000", f"1{NBSP}234{NBSP}567,5"),
        ("sv", "1234567.5000", f"1{NBSP}234{NBSP}567,5"),
        ("en", "1234567.5000", "1,234,567.5"),
        ("fi", "1000.0000", f"1{NBSP}000"),
        ("en", "1000.0000", "1,000"),
        ("fi", "999.0000", "999"),
        ("fi", "41.5000", "41,5"),
        ("sv", "0.2500", "0,25"),
        ("en", "0.2500", "0.25"),
        ("fi", "100.0000", "100"),
        ("fi", "0.0000", "0"),
    ],
)
def test_format_number_uses_the_locales_separators(language: str, value: str, text: str) -> None:
    with translation.override(language):
        assert format_number(D(value)) == text


def test_format_number_of_nothing_is_empty() -> None:
    assert format_number(None) == ""
    assert format_number(None, signed=True) == ""


@pytest.mark.parametrize(
    ("language", "value", "signed", "text"),
    [
        ("fi", "-1234.5", False, f"{MINUS}1{NBSP}234,5"),
        ("en", "-1234.5", False, f"{MINUS}1,234.5"),
        ("fi", "-1234.5", True, f"{MINUS}1{NBSP}234,5"),
        ("sv", "-0.5", True, f"{MINUS}0,5"),
        ("fi", "12.5000", True, "+12,5"),
        ("en", "1500", True, "+1,500"),
        ("fi", "12.5000", False, "12,5"),
        ("fi", "0", True, "0"),
        ("fi", "-0.0000", True, "0"),
        ("en", "-0.0000", False, "0"),
    ],
)
def test_signs(language: str, value: str, signed: bool, text: str) -> None:
    with translation.override(language):
        result = format_number(D(value), signed=signed)
    assert result == text
    assert "-" not in result, "a hyphen is not a minus sign"


def gettext_in(language: str, plural: str, count: int) -> str:
    with translation.override(language):
        return ngettext("percentage point", plural, count)


def metric(unit: str, unit_label: str = "") -> Metric:
    return Metric(unit=unit, unit_label=unit_label)


@pytest.mark.parametrize(
    ("language", "value", "unit", "label", "text"),
    [
        ("fi", "41.5000", "percent", "", f"41,5{NBSP}%"),
        ("en", "41.5000", "percent", "", f"41.5{NBSP}%"),
        ("fi", "12.5000", "kg", "kg/ateria", f"12,5{NBSP}kg/ateria"),
        ("fi", "12.5000", "percent", "%-yks.", f"12,5{NBSP}%-yks."),
        ("fi", "1200.0000", "count", "", f"1{NBSP}200"),
        ("en", "1200.0000", "count", "", "1,200"),
        ("fi", "1200.0000", "count", "asiakasta", f"1{NBSP}200{NBSP}asiakasta"),
        ("fi", "1200.0000", "euro", "", f"1{NBSP}200{NBSP}€"),
        ("sv", "3.0000", "kg", "", f"3{NBSP}kg"),
        ("en", "12.0000", "days", "", f"12{NBSP}days"),
        ("en", "1.5000", "hours", "", f"1.5{NBSP}h"),
        ("en", "4.2000", "score", "", f"4.2{NBSP}points"),
        ("fi", "7.0000", "other", "", "7"),
    ],
)
def test_format_value_adds_the_unit(
    language: str, value: str, unit: str, label: str, text: str
) -> None:
    with translation.override(language):
        assert format_value(D(value), metric(unit, label)) == text


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_translated_unit_words_follow_the_catalogue(language: str) -> None:
    """Unit words may not be translated yet: check the structure with what the catalogue says."""
    with translation.override(language):
        assert format_value(D("12"), metric("days")) == f"12{NBSP}{gettext('days')}"
        assert format_value(D("4.5"), metric("score")) == f"4,5{NBSP}{gettext('points')}"


def test_format_value_signed_and_negative() -> None:
    with translation.override("fi"):
        assert format_value(D("2.5"), metric("percent"), signed=True) == f"+2,5{NBSP}%"
        assert format_value(D("-2.5"), metric("percent"), signed=True) == f"{MINUS}2,5{NBSP}%"
        assert format_value(D("-2.5"), metric("count")) == f"{MINUS}2,5"
        assert format_value(D("2.5"), metric("count")) == "2,5"


def test_format_value_of_nothing_is_empty_even_with_a_unit() -> None:
    assert format_value(None, metric("percent")) == ""
    assert format_value(None, metric("kg", "kg/ateria"), signed=True) == ""


@pytest.mark.parametrize(
    ("value", "count"),
    [("41.5000", 1), ("100.0000", 0), ("1E+2", 0), ("0.0001", 4), ("-0.0000", 0), ("12.25", 2)],
)
def test_places_counts_the_decimals_that_matter(value: str, count: int) -> None:
    assert places(D(value)) == count


def test_places_of_nothing() -> None:
    assert places(None) == 0


@pytest.mark.parametrize(
    ("baseline", "target", "count"),
    [
        (None, "60.0000", 1),
        ("20.0000", "60.0000", 1),
        ("20.5000", "60.0000", 2),
        ("20.0000", "60.2500", 3),
        ("0.0010", "0.0100", 4),
        ("0.0001", "0.0100", 4),
    ],
)
def test_the_planned_line_is_one_decimal_finer_than_its_ends(
    baseline: str | None, target: str, count: int
) -> None:
    definition = Metric(
        unit="percent", baseline_value=D(baseline) if baseline else None, target_value=D(target)
    )
    assert expected_places(definition) == count


def test_round_to() -> None:
    assert round_to(D("26.6058"), 1) == D("26.6")
    assert str(round_to(D("26.6058"), 2)) == "26.61"
    assert round_to(D("26.6058"), 0) == D("27")
    assert round_to(None, 2) is None


@pytest.mark.parametrize(
    ("language", "value", "text"),
    [
        ("en", "5.0000", f"+5{NBSP}percentage points"),
        ("en", "1.0000", f"+1{NBSP}percentage point"),
        ("en", "-1.0000", f"{MINUS}1{NBSP}percentage point"),
        ("en", "-2.5000", f"{MINUS}2.5{NBSP}percentage points"),
        ("en", "0.0000", f"0{NBSP}percentage points"),
        ("fi", "5.0000", f"+5{NBSP}{gettext_in('fi', 'percentage points', 2)}"),
        ("sv", "2.5000", f"+2,5{NBSP}{gettext_in('sv', 'percentage points', 2)}"),
    ],
)
def test_a_percentage_changes_by_percentage_points(language: str, value: str, text: str) -> None:
    """57 % → 62 % is +5 points, not +5 % (which reads as 5 % of 57)."""
    with translation.override(language):
        assert format_change(D(value), metric("percent")) == text
        assert "%" not in format_change(D(value), metric("percent"))


def test_other_changes_keep_their_unit() -> None:
    with translation.override("fi"):
        assert format_change(D("2.5"), metric("kg")) == f"+2,5{NBSP}kg"
        assert format_change(D("-1100"), metric("count", "käyttäjää")) == (
            f"{MINUS}1{NBSP}100{NBSP}käyttäjää"
        )
        assert format_change(None, metric("percent")) == ""


@pytest.mark.parametrize(
    ("baseline", "target", "count"),
    [
        ("3000.0000", "6000.0000", 0),
        (None, "4500.0000", 0),
        ("1000.0000", "1234.5000", 1),
    ],
)
def test_a_count_line_is_as_fine_as_its_figures(
    baseline: str | None, target: str, count: int
) -> None:
    """Counts are whole: the planned line of 3000 → 6000 users is shown in whole users."""
    definition = Metric(
        unit="count", baseline_value=D(baseline) if baseline else None, target_value=D(target)
    )
    assert expected_places(definition) == count
