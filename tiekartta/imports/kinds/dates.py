"""Dates as files write them, read into the quarter they fall in.

Excel date cells arrive as dates; everything else arrives as text: "12.8.2026" (Finnish, always
day first), "2026-08-12" (ISO, Redmine and OpenProject), "08/12/2026" (day or month first: the
file's date order decides), "12/Aug/26 10:15 AM" (Jira), "Aug 12, 2026", and "5/2026" or
"2026-05" (a month). A time after the date is allowed and ignored.

A slashed date whose first two numbers are both at most 12 reads differently in the two orders;
`slashed_orders` tells which orders a text can be read in, so that a whole file can be judged
(one "25/08/2026" settles it) before any row is read.
"""

from __future__ import annotations

import datetime
import re
from typing import Literal

from tiekartta.core.quarters import Quarter

DateOrder = Literal["dmy", "mdy"]
DATE_ORDERS: tuple[DateOrder, ...] = ("dmy", "mdy")

# A time after the date: "10:15 AM", "klo 10.15", "T10:15:00Z", "09:12:33.5+02:00".
_TIME = (
    r"(?:[ T,]+(?:klo\s*|kl\s*)?\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?"
    r"\s*(?:[ap]\.?\s?m\.?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME, re.IGNORECASE)
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_DOTTED = re.compile(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})" + _TIME, re.IGNORECASE)
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})" + _TIME, re.IGNORECASE)
# Jira's default "dd/MMM/yy h:mm a", and the "12-Aug-2026" / "12 Aug 2026" forms of others.
_DAY_MONTH_NAME = re.compile(
    r"(\d{1,2})[/\- ]([^\W\d_]{3,})\.?[/\-, ]\s*(\d{4}|\d{2})" + _TIME, re.IGNORECASE
)
_MONTH_NAME_DAY = re.compile(r"([^\W\d_]{3,})\.? (\d{1,2}),? (\d{4})" + _TIME, re.IGNORECASE)
# "5/2026" and "05/2026" are months; "3/2024" (a single digit 1–4) is left to the schedule
# reader, which reads it as the third quarter. A dot always means a month: "5.2026".
_SLASHED_MONTH = re.compile(r"(\d{1,2})/(\d{4})")
_DOTTED_MONTH = re.compile(r"(\d{1,2})\.\s?(\d{4})")

_MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        (
            "jan january tammi tammikuu januari",
            "feb february helmi helmikuu februari",
            "mar march maalis maaliskuu mars",
            "apr april huhti huhtikuu",
            "may maj touko toukokuu",
            "jun june kesä kesäkuu juni",
            "jul july heinä heinäkuu juli",
            "aug august elo elokuu augusti",
            "sep sept september syys syyskuu",
            "oct october loka lokakuu okt oktober",
            "nov november marras marraskuu",
            "dec december joulu joulukuu",
        ),
        start=1,
    )
    for name in names.split()
}


class DateError(ValueError):
    """A text that is a date but not a real one ("31.2.2026"), or whose order is unknown."""

    def __init__(self, code: Literal["invalid", "ambiguous"]) -> None:
        super().__init__(code)
        self.code = code


def _year(text: str) -> int:
    return 2000 + int(text) if len(text) == 2 else int(text)


def _date(year: int, month: int, day: int) -> datetime.date:
    try:
        return datetime.date(year, month, day)
    except ValueError as error:
        raise DateError("invalid") from error


def slashed_orders(text: str) -> set[DateOrder]:
    """The orders in which a slashed date ("08/12/2026") is a real date; empty for other text."""
    found = _SLASHED.fullmatch(text.strip())
    if found is None:
        return set()
    first, second, year = int(found[1]), int(found[2]), _year(found[3])
    orders: set[DateOrder] = set()
    for order, (day, month) in (("dmy", (first, second)), ("mdy", (second, first))):
        try:
            datetime.date(year, month, day)
        except ValueError:
            continue
        orders.add(order)  # type: ignore[arg-type]
    if first == second:
        return set(DATE_ORDERS)  # the same date either way: it decides nothing
    return orders


def is_ambiguous(text: str) -> bool:
    """Whether the text is a slashed date that the two orders read as different dates."""
    found = _SLASHED.fullmatch(text.strip())
    return found is not None and found[1] != found[2] and len(slashed_orders(text)) == 2


def read_date_quarter(text: str, order: DateOrder | None) -> Quarter | None:
    """The quarter of a written date or month; None when the text is not written as a date.

    Raises DateError("ambiguous") for a slashed date the orders read differently when `order`
    is None, and DateError("invalid") for a date that does not exist."""
    text = text.strip()
    if found := _ISO.fullmatch(text):
        return Quarter.of_date(_date(int(found[1]), int(found[2]), int(found[3])))
    if found := _DOTTED.fullmatch(text):
        return Quarter.of_date(_date(_year(found[3]), int(found[2]), int(found[1])))
    if found := _SLASHED.fullmatch(text):
        first, second, year = int(found[1]), int(found[2]), _year(found[3])
        if order is None:
            orders = slashed_orders(text)
            if not orders:
                raise DateError("invalid")
            if len(orders) == 2 and first != second:
                raise DateError("ambiguous")
            order = next(iter(orders))
        day, month = (first, second) if order == "dmy" else (second, first)
        return Quarter.of_date(_date(year, month, day))
    if found := _DAY_MONTH_NAME.fullmatch(text):
        named = _MONTH_NAMES.get(found[2].lower())
        if named is None:
            return None
        return Quarter.of_date(_date(_year(found[3]), named, int(found[1])))
    if found := _MONTH_NAME_DAY.fullmatch(text):
        named = _MONTH_NAMES.get(found[1].lower())
        if named is None:
            return None
        return Quarter.of_date(_date(int(found[3]), named, int(found[2])))
    for pattern, year_group, month_group in (
        (_ISO_MONTH, 1, 2),
        (_SLASHED_MONTH, 2, 1),
        (_DOTTED_MONTH, 2, 1),
    ):
        if found := pattern.fullmatch(text):
            month_text = found[month_group]
            if pattern is _SLASHED_MONTH and len(month_text) == 1 and month_text in "1234":
                return None  # "3/2024": a quarter, read by the schedule reader
            month = int(month_text)
            if not 1 <= month <= 12:
                raise DateError("invalid")
            return Quarter.of_date(_date(int(found[year_group]), month, 1))
    return None
