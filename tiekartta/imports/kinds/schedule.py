"""The schedule column of imported roadmap spreadsheets.

Municipalities write schedules the way people talk: "Q3/2024", "syksy 2023 – kevät 2024",
"alkaen 2024Q2", "jatkuva". This module reads them into quarters and writes a canonical text
("2024Q1–2024Q3") that it reads back unchanged.

Reading is done in three steps so that every written form goes through the same rules:
the text is normalised and cut into tokens, the tokens are split into the parts of a range, and
each part becomes a span of quarters within one year. Ranges and open ends only combine spans.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from tiekartta.core.quarters import Quarter

ScheduleErrorCode = Literal["empty", "unreadable", "order", "year"]

FIRST_YEAR = 2000
LAST_YEAR = 2100

_MESSAGES: dict[ScheduleErrorCode, str] = {
    "empty": "no schedule given",
    "unreadable": "schedule not understood",
    "order": "schedule ends before it starts",
    "year": f"year must be between {FIRST_YEAR} and {LAST_YEAR}",
}


class ScheduleError(ValueError):
    """A schedule that cannot be read; `code` tells the caller which message to show."""

    code: ScheduleErrorCode

    def __init__(self, code: ScheduleErrorCode, message: str | None = None) -> None:
        super().__init__(message or _MESSAGES[code])
        self.code = code


@dataclass(frozen=True)
class Schedule:
    start: Quarter | None
    due: Quarter | None
    continuous: bool = False


# Tokens ----------------------------------------------------------------------------------------

_Kind = Literal[
    "year",  # number: the year as written; checked only when quarters are built
    "period",  # quarters: first and last quarter of a year ("syksy" = 3, 4)
    "number",  # number: an ordinal or the N of "N/2024"; needs a unit or a slash to mean anything
    "unit",  # number: how many quarters one unit is ("kvartaali" 1, "vuosipuolisko" 2)
    "slash",
    "sep",  # between the two ends of a range
    "from",  # start only: "alkaen 2024Q2", "2024Q2 alkaen", "from 2024Q2"
    "by",  # due only: "viimeistään 2025Q1", "2025Q1 mennessä"
    "continuous",
    "filler",  # words that only make the sentence read well: "first half of 2024"
]


@dataclass(frozen=True)
class _Token:
    kind: _Kind
    text: str
    number: int = 0
    quarters: tuple[int, int] = (1, 4)


# Inflected forms are listed instead of matched by stem: "kesäkuu" (June, Q2) must not read as
# "kesä" (summer, Q3), and an unknown word is better rejected than guessed.
_VOCABULARY: tuple[tuple[str, _Kind, int, tuple[int, int]], ...] = (
    ("kevät kevään keväällä keväästä kevääseen vår våren spring", "period", 0, (1, 2)),
    # Summer is Q3 (July–September): the summer holidays and the work planned around them fall
    # there, although June belongs to Q2.
    ("kesä kesän kesällä kesästä kesään sommar sommaren summer", "period", 0, (3, 3)),
    ("syksy syksyn syksyllä syksystä syksyyn höst hösten autumn fall", "period", 0, (3, 4)),
    # The winter of a year is its Q1: a span never crosses the turn of the year, and the
    # December before belongs to the previous year's schedule.
    ("talvi talven talvella talvesta talveen vinter vintern winter", "period", 0, (1, 1)),
    ("alkuvuosi alkuvuoden alkuvuonna alkuvuodesta alkuvuoteen", "period", 0, (1, 2)),
    ("loppuvuosi loppuvuoden loppuvuonna loppuvuodesta loppuvuoteen", "period", 0, (3, 4)),
    ("ensimmäinen ensimmäisen ensimmäisellä ensimmäiseen första first i", "number", 1, (1, 4)),
    ("toinen toisen toisella toiseen andra second ii", "number", 2, (1, 4)),
    ("kolmas kolmannen kolmannella kolmanteen tredje third iii", "number", 3, (1, 4)),
    ("neljäs neljännen neljännellä neljänteen fjärde fourth iv", "number", 4, (1, 4)),
    (
        "kvartaali kvartaalin kvartaalilla kvartaalilta neljännes neljänneksen neljänneksellä"
        " vuosineljännes vuosineljänneksen vuosineljänneksellä kvartal kvartalet quarter",
        "unit",
        1,
        (1, 4),
    ),
    (
        "vuosipuolisko vuosipuoliskon vuosipuoliskolla vuosipuoliskolta halvår halvåret half",
        "unit",
        2,
        (1, 4),
    ),
    ("to till until", "sep", 0, (1, 4)),
    ("alkaen lähtien from since starting från", "from", 0, (1, 4)),
    ("viimeistään mennessä asti saakka by senast", "by", 0, (1, 4)),
    (
        "jatkuva jatkuvaa jatkuvasti jatkuvana jatkuu kontinuerlig kontinuerligt fortlöpande"
        " löpande pågående ongoing continuous continuously",
        "continuous",
        0,
        (1, 4),
    ),
    ("of the in during year vuosi vuonna vuoden aikana år året under", "filler", 0, (1, 4)),
)

_WORDS: dict[str, _Token] = {
    word: _Token(kind, word, number, quarters)
    for words, kind, number, quarters in _VOCABULARY
    for word in words.split()
}

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
    | q\s*(?P<quarter>[1-4])(?![0-9])
    | (?P<quarter_first>[1-4])\s*q(?![^\W\d_])
    | h\s*(?P<half>[12])(?![0-9])
    | (?P<digits>[0-9]+)
    | (?P<slash>/)
    | (?P<sep>[-→])
    | (?P<word>[^\W\d_]+)
    """,
    re.VERBOSE,
)

# Only punctuation: what a spreadsheet cell holds when nobody knows the schedule yet.
_EMPTY = re.compile(r"[\s.?…‐‑‒–—―−-]*")
_ARROWS = re.compile(r"-+>|=+>|[→⟶⇒➔➝]")
_DASHES = re.compile(r"[‐‑‒–—―−-]+")
# "från och med" / "fr.o.m." is a single word's worth of meaning; after the dots are gone.
_FROM_AND_WITH = re.compile(r"\bfr(?:ån)?\s+o(?:ch)?\s+m(?:ed)?\b")


def _normalise(text: str) -> str:
    text = text.lower().replace(".", " ").replace("…", " ")
    # Arrows before dashes, or "->" would become a dash and a stray ">".
    text = _ARROWS.sub(" → ", text)
    text = _DASHES.sub(" - ", text)
    text = _FROM_AND_WITH.sub(" från ", text)
    return text.strip()


def _tokenize(text: str) -> Iterator[_Token]:
    position = 0
    while position < len(text):
        found = _TOKEN.match(text, position)
        if found is None:
            raise ScheduleError("unreadable", f"unexpected character {text[position]!r}")
        position = found.end()
        written = found[0]
        match found.lastgroup:
            case "space":
                continue
            case "quarter" | "quarter_first":
                number = int(found["quarter"] or found["quarter_first"])
                yield _Token("period", written, quarters=(number, number))
            case "half":
                half = int(found["half"])
                yield _Token("period", written, quarters=(2 * half - 1, 2 * half))
            case "digits" if len(written) == 4:
                yield _Token("year", written, number=int(written))
            case "digits" if len(written) <= 2:
                yield _Token("number", written, number=int(written))
            case "slash":
                yield _Token("slash", written)
            case "sep":
                yield _Token("sep", written)
            case "word" if written in _WORDS:
                if _WORDS[written].kind != "filler":
                    yield _WORDS[written]
            case _:
                raise ScheduleError("unreadable", f"not understood: {written!r}")


# Parts of a range ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Part:
    """One end of a range as written: either the year or the quarters may be missing."""

    year: int | None
    quarters: tuple[int, int] | None  # None: the whole year


def _numbered_quarter(number: _Token) -> tuple[int, int]:
    # "1/2024" is the first quarter (a product decision); "5/2024" is a month, and a zero-padded
    # "03/2024" is how months are written, so both are refused rather than guessed.
    if number.text.startswith("0") or not 1 <= number.number <= 4:
        raise ScheduleError("unreadable", f"{number.text} is not a quarter number (1–4)")
    return (number.number, number.number)


def _ordinal_period(number: _Token, unit: _Token) -> tuple[int, int]:
    last = number.number * unit.number
    if number.text.startswith("0") or number.number < 1 or last > 4:
        raise ScheduleError("unreadable", f"no such part of a year: {number.text}")
    return (last - unit.number + 1, last)


def _parse_part(tokens: Sequence[_Token]) -> _Part:
    """A year and a period within it, in either order, optionally joined by a slash."""
    years: list[int] = []
    periods: list[tuple[int, int]] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        next_kind = following.kind if following is not None else None
        if token.kind == "year":
            years.append(token.number)
        elif token.kind == "period":
            periods.append(token.quarters)
        elif token.kind == "number" and following is not None and next_kind == "unit":
            periods.append(_ordinal_period(token, following))
            index += 1
        elif token.kind == "number" and next_kind == "slash":
            periods.append(_numbered_quarter(token))
        elif token.kind == "slash":
            if index == 0 or next_kind not in ("year", "period", "number"):
                raise ScheduleError("unreadable", "a slash must stand between a period and a year")
        else:
            raise ScheduleError("unreadable", f"not understood here: {token.text!r}")
        index += 1
    if len(years) > 1 or len(periods) > 1 or not (years or periods):
        raise ScheduleError("unreadable")
    return _Part(years[0] if years else None, periods[0] if periods else None)


def _split(tokens: Sequence[_Token]) -> list[_Part | None]:
    parts: list[list[_Token]] = [[]]
    for token in tokens:
        if token.kind == "sep":
            parts.append([])
        else:
            parts[-1].append(token)
    return [_parse_part(part) if part else None for part in parts]


def _join_year_and_period(parts: list[_Part | None]) -> list[_Part | None]:
    """Read "Q3-2024" and "2024-Q3" as one quarter, not as a range.

    A range from a whole year to a period whose year is not written (or the other way round)
    means nothing, so a dash between the two can only be joining them.
    """
    joined: list[_Part | None] = []
    for part in parts:
        previous = joined[-1] if joined else None
        if part is not None and previous is not None:
            if previous.quarters is None and part.year is None:
                joined[-1] = _Part(previous.year, part.quarters)
                continue
            if previous.year is None and part.quarters is None:
                joined[-1] = _Part(part.year, previous.quarters)
                continue
        joined.append(part)
    return joined


def _quarter(year: int, quarter: int) -> Quarter:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ScheduleError("year", f"year {year} is not between {FIRST_YEAR} and {LAST_YEAR}")
    return Quarter(year, quarter)


def _spans(parts: list[_Part | None]) -> list[tuple[Quarter, Quarter] | None]:
    """Give each part its quarters; in "2023 Q1–Q2" and "Q1–Q2 2023" one year serves both ends."""
    spans: list[tuple[Quarter, Quarter] | None] = []
    for index, part in enumerate(parts):
        if part is None:
            spans.append(None)
            continue
        year = part.year
        if year is None and len(parts) == 2:
            other = parts[1 - index]
            year = other.year if other is not None else None
        if year is None:
            raise ScheduleError("unreadable", "year missing")
        first, last = part.quarters or (1, 4)
        spans.append((_quarter(year, first), _quarter(year, last)))
    return spans


def _start_and_due(tokens: list[_Token]) -> tuple[Quarter | None, Quarter | None]:
    modifier: _Kind | None = None
    modifier_first = False
    if tokens and tokens[0].kind in ("from", "by"):
        modifier, modifier_first, tokens = tokens[0].kind, True, tokens[1:]
    elif tokens and tokens[-1].kind in ("from", "by"):
        # Finnish puts these after the time: "2024Q2 alkaen", "2025Q1 mennessä".
        modifier, tokens = tokens[-1].kind, tokens[:-1]
    if any(token.kind in ("from", "by", "continuous") for token in tokens):
        raise ScheduleError("unreadable")

    spans = _spans(_join_year_and_period(_split(tokens)))
    # A dash left open at either end leaves that end open: "2024Q2 –", "2024Q2 →", "– 2025Q1".
    match modifier, spans:
        case None, [(start, due)]:
            return start, due
        case None, [(start, _), None]:
            return start, None
        case None, [None, (_, due)]:
            return None, due
        case None, [(start, _), (_, due)]:
            return start, due
        case "from", [(start, _), (_, due)] if modifier_first:
            return start, due  # "from 2024Q1 to 2024Q3", "från 2024Q1 till 2024Q3"
        case "from", [(start, _)]:
            return start, None
        case "by", [(_, due)]:
            return None, due
    raise ScheduleError("unreadable")


def parse_schedule(text: str, *, period: tuple[int, int] | None = None) -> Schedule:
    """Read a schedule as people write it.

    `period` is the roadmap's span of years; a continuous schedule then covers all of it.
    Raises ScheduleError, also for an empty text: whether empty is allowed is the caller's call.
    """
    if not text or _EMPTY.fullmatch(text):
        raise ScheduleError("empty")
    tokens = list(_tokenize(_normalise(text)))
    if len(tokens) == 1 and tokens[0].kind == "continuous":
        if period is None:
            return Schedule(None, None, continuous=True)
        return Schedule(Quarter(period[0], 1), Quarter(period[1], 4), continuous=True)
    if not tokens:
        raise ScheduleError("unreadable")
    start, due = _start_and_due(tokens)
    if start is not None and due is not None and due < start:
        raise ScheduleError("order", f"{due} is before {start}")
    return Schedule(start, due)


def format_schedule(start: Quarter | None, due: Quarter | None) -> str:
    """The canonical text of a schedule, which parse_schedule reads back to the same quarters.

    An open end is left empty around the dash ("2024Q2–", "–2025Q1") so that the text is the
    same in every language.
    """
    if start is not None and due is not None and due < start:
        raise ScheduleError("order", f"{due} is before {start}")
    if start == due:
        return "" if start is None else str(start)
    return f"{'' if start is None else start}–{'' if due is None else due}"
