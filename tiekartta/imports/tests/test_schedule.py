from collections.abc import Callable

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from tiekartta.core.quarters import Quarter
from tiekartta.imports.kinds.schedule import (
    Schedule,
    ScheduleError,
    format_schedule,
    parse_schedule,
)

FIRST = Quarter(2000, 1)
LAST = Quarter(2100, 4)


def schedule(start: str | None, due: str | None, continuous: bool = False) -> Schedule:
    return Schedule(
        Quarter.parse(start) if start else None,
        Quarter.parse(due) if due else None,
        continuous,
    )


ACCEPTED: list[tuple[str, str | None, str | None, bool]] = [
    # One quarter, in the ways people write it.
    ("2024Q3", "2024Q3", "2024Q3", False),
    ("2024q3", "2024Q3", "2024Q3", False),
    ("2024 Q3", "2024Q3", "2024Q3", False),
    ("Q3 2024", "2024Q3", "2024Q3", False),
    ("Q3/2024", "2024Q3", "2024Q3", False),
    ("q3 / 2024", "2024Q3", "2024Q3", False),
    ("Q3-2024", "2024Q3", "2024Q3", False),
    ("2024-Q3", "2024Q3", "2024Q3", False),
    ("3Q2024", "2024Q3", "2024Q3", False),
    ("Q3 of 2024", "2024Q3", "2024Q3", False),
    ("1/2024", "2024Q1", "2024Q1", False),
    ("4/2025", "2025Q4", "2025Q4", False),
    ("3. kvartaali 2024", "2024Q3", "2024Q3", False),
    ("3. neljännes 2024", "2024Q3", "2024Q3", False),
    ("vuoden 2024 kolmas neljännes", "2024Q3", "2024Q3", False),
    ("tredje kvartalet 2024", "2024Q3", "2024Q3", False),
    ("the third quarter of 2024", "2024Q3", "2024Q3", False),
    ("III/2024", "2024Q3", "2024Q3", False),
    ("IV/2024", "2024Q4", "2024Q4", False),
    ("iii kvartaali 2024", "2024Q3", "2024Q3", False),
    # Surrounding whitespace, dots and case do not matter.
    ("  2024Q3.  ", "2024Q3", "2024Q3", False),
    ("\t2024q3\n", "2024Q3", "2024Q3", False),
    ("Q3/2024.", "2024Q3", "2024Q3", False),
    # Ranges, with every separator.
    ("2024Q1–2024Q3", "2024Q1", "2024Q3", False),
    ("2024Q1-2024Q3", "2024Q1", "2024Q3", False),
    ("2024Q1 - 2024Q3", "2024Q1", "2024Q3", False),
    ("2024Q1—2024Q3", "2024Q1", "2024Q3", False),
    ("2024Q1 to 2024Q3", "2024Q1", "2024Q3", False),
    ("2024Q1 till 2024Q3", "2024Q1", "2024Q3", False),
    ("2024Q1 → 2024Q3", "2024Q1", "2024Q3", False),
    ("Q1/2024–Q3/2024", "2024Q1", "2024Q3", False),
    ("Q1/2024 – Q3/2025", "2024Q1", "2025Q3", False),
    ("2023 Q1–Q2", "2023Q1", "2023Q2", False),
    ("Q1–Q2 2023", "2023Q1", "2023Q2", False),
    ("Q1–Q2/2023", "2023Q1", "2023Q2", False),
    ("1/2024–3/2024", "2024Q1", "2024Q3", False),
    ("Q3-2024–Q1-2025", "2024Q3", "2025Q1", False),
    ("2024Q3–2024Q3", "2024Q3", "2024Q3", False),
    ("från 2024Q1 till 2024Q3", "2024Q1", "2024Q3", False),
    ("from Q1 2024 to Q3 2024", "2024Q1", "2024Q3", False),
    # Whole years.
    ("2024", "2024Q1", "2024Q4", False),
    ("2023–2024", "2023Q1", "2024Q4", False),
    ("2024–2025", "2024Q1", "2025Q4", False),
    ("2024Q3–2025", "2024Q3", "2025Q4", False),
    ("vuonna 2024", "2024Q1", "2024Q4", False),
    # Seasons and halves of a year.
    ("kevät 2025", "2025Q1", "2025Q2", False),
    ("keväällä 2025", "2025Q1", "2025Q2", False),
    ("KEVÄT 2025", "2025Q1", "2025Q2", False),
    ("syksy 2023", "2023Q3", "2023Q4", False),
    ("syksyllä 2023", "2023Q3", "2023Q4", False),
    ("kesä 2024", "2024Q3", "2024Q3", False),
    ("kesällä 2024", "2024Q3", "2024Q3", False),
    ("talvi 2024", "2024Q1", "2024Q1", False),
    ("alkuvuosi 2024", "2024Q1", "2024Q2", False),
    ("alkuvuodesta 2024", "2024Q1", "2024Q2", False),
    ("1. vuosipuolisko 2024", "2024Q1", "2024Q2", False),
    ("H1 2024", "2024Q1", "2024Q2", False),
    ("H1/2024", "2024Q1", "2024Q2", False),
    ("loppuvuosi 2024", "2024Q3", "2024Q4", False),
    ("loppuvuonna 2024", "2024Q3", "2024Q4", False),
    ("2. vuosipuolisko 2024", "2024Q3", "2024Q4", False),
    ("H2 2024", "2024Q3", "2024Q4", False),
    ("vuoden 2024 syksy", "2024Q3", "2024Q4", False),
    ("vår 2025", "2025Q1", "2025Q2", False),
    ("våren 2025", "2025Q1", "2025Q2", False),
    ("höst 2023", "2023Q3", "2023Q4", False),
    ("hösten 2023", "2023Q3", "2023Q4", False),
    ("sommar 2024", "2024Q3", "2024Q3", False),
    ("vinter 2024", "2024Q1", "2024Q1", False),
    ("första halvåret 2024", "2024Q1", "2024Q2", False),
    ("andra halvåret 2024", "2024Q3", "2024Q4", False),
    ("spring 2025", "2025Q1", "2025Q2", False),
    ("autumn 2023", "2023Q3", "2023Q4", False),
    ("fall 2023", "2023Q3", "2023Q4", False),
    ("summer 2024", "2024Q3", "2024Q3", False),
    ("winter 2024", "2024Q1", "2024Q1", False),
    ("first half of 2024", "2024Q1", "2024Q2", False),
    ("second half 2024", "2024Q3", "2024Q4", False),
    ("syksy 2023 – kevät 2024", "2023Q3", "2024Q2", False),
    ("hösten 2023 – våren 2024", "2023Q3", "2024Q2", False),
    ("kevät–syksy 2024", "2024Q1", "2024Q4", False),
    ("syksy 2024 – 2025Q2", "2024Q3", "2025Q2", False),
    # Continuous work has no end.
    ("jatkuva", None, None, True),
    ("Jatkuvaa", None, None, True),
    ("jatkuvasti", None, None, True),
    ("kontinuerlig", None, None, True),
    ("fortlöpande", None, None, True),
    ("ongoing", None, None, True),
    ("Continuous.", None, None, True),
    # Open at one end.
    ("2024Q2 →", "2024Q2", None, False),
    ("2024Q2 ->", "2024Q2", None, False),
    ("2024Q2–", "2024Q2", None, False),
    ("alkaen 2024Q2", "2024Q2", None, False),
    ("2024Q2 alkaen", "2024Q2", None, False),
    ("syksystä 2024 lähtien", "2024Q3", None, False),
    ("from 2024Q2", "2024Q2", None, False),
    ("fr.o.m. Q2/2024", "2024Q2", None, False),
    ("viimeistään 2025Q1", None, "2025Q1", False),
    ("2025Q1 mennessä", None, "2025Q1", False),
    ("by 2025Q1", None, "2025Q1", False),
    ("senast 2025Q1", None, "2025Q1", False),
    ("viimeistään 2025", None, "2025Q4", False),
    ("–2025Q1", None, "2025Q1", False),
    # The limits of the accepted years.
    ("2000Q1", "2000Q1", "2000Q1", False),
    ("2100Q4", "2100Q4", "2100Q4", False),
]


@pytest.mark.parametrize(("text", "start", "due", "continuous"), ACCEPTED)
def test_accepts(text: str, start: str | None, due: str | None, continuous: bool) -> None:
    assert parse_schedule(text) == schedule(start, due, continuous)


REJECTED: list[tuple[str, str]] = [
    ("", "empty"),
    ("   ", "empty"),
    ("-", "empty"),
    ("–", "empty"),
    ("—", "empty"),
    ("?", "empty"),
    (" - ? ", "empty"),
    ("...", "empty"),
    ("2024Q3–2024Q1", "order"),
    ("Q4–Q1 2024", "order"),
    ("syksy 2024 – kevät 2024", "order"),
    ("2025–2024", "order"),
    ("Q3/1999", "year"),
    ("1999", "year"),
    ("2101Q1", "year"),
    ("2024–2101", "year"),
    ("kevät 1850", "year"),
    ("5/2024", "unreadable"),  # a month, not a quarter
    ("12/2024", "unreadable"),
    ("0/2024", "unreadable"),
    ("03/2024", "unreadable"),  # zero-padded: written as a month
    ("2024-03", "unreadable"),
    ("2024/3", "unreadable"),
    ("Q5/2024", "unreadable"),
    ("Q0 2024", "unreadable"),
    ("H3 2024", "unreadable"),
    ("5. kvartaali 2024", "unreadable"),
    ("3. vuosipuolisko 2024", "unreadable"),
    ("24Q3", "unreadable"),
    ("Q3/24", "unreadable"),
    ("20245", "unreadable"),
    ("Q3", "unreadable"),
    ("Q1–Q2", "unreadable"),
    ("syksy", "unreadable"),
    ("kesäkuu 2024", "unreadable"),  # June, which is Q2: not to be read as summer
    ("2024 3", "unreadable"),
    ("2024/2025", "unreadable"),
    ("Q3 2024 2025", "unreadable"),
    ("2024Q3?", "unreadable"),
    ("2024Q1–2024Q2–2024Q3", "unreadable"),
    ("2024Q1 - - 2024Q3", "unreadable"),
    ("alkaen viimeistään 2024", "unreadable"),
    ("by 2024Q1–2024Q3", "unreadable"),
    ("jatkuva 2024", "unreadable"),
    ("jatkuva jatkuva", "unreadable"),
    ("of", "unreadable"),
    ("/2024", "unreadable"),
    ("Q3/", "unreadable"),
    ("1.3.2024", "unreadable"),
    ("tbd", "unreadable"),
]


@pytest.mark.parametrize(("text", "code"), REJECTED)
def test_rejects(text: str, code: str) -> None:
    with pytest.raises(ScheduleError) as error:
        parse_schedule(text)
    assert error.value.code == code
    assert str(error.value)


def test_error_is_a_value_error_with_a_code() -> None:
    error = ScheduleError("order")
    assert isinstance(error, ValueError)
    assert error.code == "order"
    assert str(error) == "schedule ends before it starts"


def test_continuous_covers_the_roadmap_period() -> None:
    assert parse_schedule("jatkuva", period=(2024, 2027)) == schedule("2024Q1", "2027Q4", True)
    assert parse_schedule("2024Q2", period=(2024, 2027)) == schedule("2024Q2", "2024Q2")


@pytest.mark.parametrize(
    ("start", "due", "text"),
    [
        ("2024Q1", "2024Q3", "2024Q1–2024Q3"),
        ("2024Q2", "2024Q2", "2024Q2"),
        ("2023Q4", "2025Q1", "2023Q4–2025Q1"),
        ("2024Q2", None, "2024Q2–"),
        (None, "2025Q1", "–2025Q1"),
        (None, None, ""),
    ],
)
def test_format(start: str | None, due: str | None, text: str) -> None:
    expected = schedule(start, due)
    assert format_schedule(expected.start, expected.due) == text


def test_format_refuses_end_before_start() -> None:
    with pytest.raises(ScheduleError) as error:
        format_schedule(Quarter(2024, 3), Quarter(2024, 1))
    assert error.value.code == "order"


# Properties -------------------------------------------------------------------------------------


def _label_in(language: str) -> Callable[[Quarter], str]:
    def label(quarter: Quarter) -> str:
        with translation.override(language):
            return quarter.label()

    return label


FORMS: dict[str, Callable[[Quarter], str]] = {
    "canonical": str,
    "q-slash-year": lambda q: f"Q{q.quarter}/{q.year}",
    "n-slash-year": lambda q: f"{q.quarter}/{q.year}",
    "q-space-year": lambda q: f"Q{q.quarter} {q.year}",
    "year-space-q": lambda q: f"{q.year} Q{q.quarter}",
    "q-dash-year": lambda q: f"Q{q.quarter}-{q.year}",
    "n-q-year": lambda q: f"{q.quarter}Q{q.year}",
    "roman": lambda q: f"{['I', 'II', 'III', 'IV'][q.quarter - 1]}/{q.year}",
    "ordinal": lambda q: f"{q.quarter}. kvartaali {q.year}",
    "label-fi": _label_in("fi"),
    "label-sv": _label_in("sv"),
    "label-en": _label_in("en"),
}

every_quarter = st.integers(FIRST.index, LAST.index).map(Quarter.from_index)


@pytest.mark.parametrize("form", FORMS)
def test_every_quarter_reads_back_in_every_form(form: str) -> None:
    for index in range(FIRST.index, LAST.index + 1):
        quarter = Quarter.from_index(index)
        assert parse_schedule(FORMS[form](quarter)) == Schedule(quarter, quarter)


@settings(max_examples=300)
@given(
    quarter=every_quarter,
    form=st.sampled_from(sorted(FORMS)),
    upper=st.booleans(),
    before=st.sampled_from(["", " ", "  ", ".", "\t", " ."]),
    after=st.sampled_from(["", " ", ".", "\n", ". "]),
)
def test_quarter_round_trips_through_text(
    quarter: Quarter, form: str, upper: bool, before: str, after: str
) -> None:
    text = FORMS[form](quarter)
    text = before + (text.upper() if upper else text.lower()) + after
    assert parse_schedule(text) == Schedule(quarter, quarter)


@settings(max_examples=300)
@given(first=every_quarter, second=every_quarter)
def test_formatted_schedule_reads_back(first: Quarter, second: Quarter) -> None:
    start, due = min(first, second), max(first, second)
    parsed = parse_schedule(format_schedule(start, due))
    assert (parsed.start, parsed.due, parsed.continuous) == (start, due, False)


@settings(max_examples=100)
@given(start=st.none() | every_quarter, due=st.none() | every_quarter)
def test_formatted_open_schedule_reads_back(start: Quarter | None, due: Quarter | None) -> None:
    if start is not None and due is not None and due < start:
        start, due = due, start
    text = format_schedule(start, due)
    if start is None and due is None:
        assert text == ""
        return
    assert parse_schedule(text) == Schedule(start, due)


def _check_outcome(text: str) -> None:
    try:
        result = parse_schedule(text)
    except ScheduleError as error:
        assert error.code in {"empty", "unreadable", "order", "year"}
        return
    if result.continuous:
        assert result == Schedule(None, None, continuous=True)
        return
    assert result.start is not None or result.due is not None
    for quarter in (result.start, result.due):
        assert quarter is None or FIRST <= quarter <= LAST
    if result.start is not None and result.due is not None:
        assert result.start <= result.due
    assert parse_schedule(format_schedule(result.start, result.due)) == result


@settings(max_examples=500)
@given(st.text())
def test_any_text_is_read_or_refused_without_crashing(text: str) -> None:
    _check_outcome(text)


# Arbitrary text seldom hits the grammar; sentences of its own words reach the deeper branches.
PIECES = [
    "2024", "2025", "1999", "2101", "0000", "Q1", "q4", "Q5", "3Q", "H1", "h2", "1", "3", "5",
    "03", "12", "123", "IV", "ii", "/", "-", "–", "—", "→", "->", "to", "till", ".", "kevät",
    "syksyllä", "kesä", "talvi", "vår", "hösten", "fall", "alkuvuosi", "loppuvuonna", "first",
    "andra", "kolmas", "kvartaali", "neljännes", "vuosipuolisko", "halvåret", "half", "of", "the",
    "vuoden", "alkaen", "from", "viimeistään", "by", "mennessä", "jatkuva", "ongoing", "?", "x",
]  # fmt: skip


@settings(max_examples=500)
@given(st.lists(st.sampled_from(PIECES), max_size=7), st.sampled_from(["", " "]))
def test_sentences_of_known_words_are_read_or_refused(pieces: list[str], joiner: str) -> None:
    _check_outcome(joiner.join(pieces))
