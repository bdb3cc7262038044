import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tiekartta.core.quarters import Quarter, format_quarter, quarter_range, validate_quarter


def test_parse_and_text_round_trip() -> None:
    assert Quarter.parse("2024Q3") == Quarter(2024, 3)
    assert str(Quarter(2024, 3)) == "2024Q3"
    assert Quarter.parse(" 2024q1 ") == Quarter(2024, 1)


@pytest.mark.parametrize("text", ["2024Q5", "2024Q0", "24Q1", "2024-Q1", "", "Q1/2024"])
def test_parse_rejects_other_text(text: str) -> None:
    with pytest.raises(ValueError):
        Quarter.parse(text)


def test_quarter_of_date_at_boundaries() -> None:
    assert Quarter.of_date(datetime.date(2024, 3, 31)) == Quarter(2024, 1)
    assert Quarter.of_date(datetime.date(2024, 4, 1)) == Quarter(2024, 2)
    assert Quarter.of_date(datetime.date(2024, 12, 31)) == Quarter(2024, 4)


def test_first_and_last_day_include_leap_day() -> None:
    assert Quarter(2024, 1).first_day == datetime.date(2024, 1, 1)
    assert Quarter(2024, 1).last_day == datetime.date(2024, 3, 31)
    assert Quarter(2024, 4).last_day == datetime.date(2024, 12, 31)
    assert (Quarter(2024, 1).last_day - Quarter(2024, 1).first_day).days == 90


def test_range_crosses_years_and_orders() -> None:
    quarters = list(quarter_range(Quarter(2023, 3), Quarter(2024, 2)))
    assert [str(q) for q in quarters] == ["2023Q3", "2023Q4", "2024Q1", "2024Q2"]
    assert Quarter(2023, 4) < Quarter(2024, 1)


def test_label_follows_language() -> None:
    with translation.override("en"):
        assert format_quarter("2024Q3") == "Q3/2024"
    assert format_quarter("") == ""


def test_validator_names_the_expected_form() -> None:
    validate_quarter("2025Q4")
    with pytest.raises(ValidationError) as error:
        validate_quarter("syksy 2025")
    assert error.value.code == "invalid_quarter"
