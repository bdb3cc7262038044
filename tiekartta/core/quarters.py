"""Quarters (vuosineljännekset): the unit in which the roadmap is scheduled and followed up.

Stored as text "2024Q3" so that the database compares and sorts them correctly without a join.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

QUARTER_PATTERN = re.compile(r"^(?P<year>\d{4})Q(?P<quarter>[1-4])$")
QUARTER_REGEX = r"^\d{4}Q[1-4]$"
# The same rule for the database's check constraints, read alike by PostgreSQL's regular
# expressions and by the Python `re` behind Django's REGEXP on SQLite: [0-9] rather than \d,
# which Python extends to every script's digits, and \A…\Z, as `$` would let a newline follow.
QUARTER_CHECK_REGEX = r"\A[0-9]{4}Q[1-4]\Z"


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    quarter: int

    def __post_init__(self) -> None:
        if not 1 <= self.quarter <= 4:
            raise ValueError(f"quarter must be 1-4, not {self.quarter}")

    @classmethod
    def parse(cls, text: str) -> Quarter:
        # Pages of many tasks parse the same few strings thousands of times: the quarters are
        # immutable, so each string is parsed once (per process) and its Quarter shared.
        return _parse(text)

    @classmethod
    def of_date(cls, day: datetime.date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def from_index(cls, index: int) -> Quarter:
        return cls(index // 4, index % 4 + 1)

    @property
    def index(self) -> int:
        """A running number so that quarters can be subtracted."""
        return self.year * 4 + self.quarter - 1

    @property
    def first_day(self) -> datetime.date:
        return _first_day(self.year, self.quarter)

    @property
    def last_day(self) -> datetime.date:
        return self.next().first_day - datetime.timedelta(days=1)

    def next(self) -> Quarter:
        return Quarter.from_index(self.index + 1)

    def __str__(self) -> str:
        return f"{self.year}Q{self.quarter}"

    def label(self) -> str:
        """The quarter as the current language writes it."""
        return _("Q%(quarter)s/%(year)s") % {"quarter": self.quarter, "year": self.year}


@functools.lru_cache(maxsize=4096)
def _parse(text: str) -> Quarter:
    match = QUARTER_PATTERN.match(text.strip().upper())
    if not match:
        raise ValueError(f"not a quarter: {text!r}")
    return Quarter(int(match["year"]), int(match["quarter"]))


@functools.lru_cache(maxsize=4096)
def _first_day(year: int, quarter: int) -> datetime.date:
    return datetime.date(year, 3 * quarter - 2, 1)


def quarter_range(first: Quarter, last: Quarter) -> Iterator[Quarter]:
    for index in range(first.index, last.index + 1):
        yield Quarter.from_index(index)


def validate_quarter(value: str) -> None:
    if not QUARTER_PATTERN.match(value or ""):
        raise ValidationError(
            gettext_lazy("Enter a quarter as year and quarter, for example 2024Q3."),
            code="invalid_quarter",
        )


def quarter_constraint(field: str, name: str, *, blank: bool = False) -> models.CheckConstraint:
    """A check constraint that lets only a well-formed quarter ("2026Q3") into `field`, or
    also the empty string if `blank`."""
    condition = models.Q(**{f"{field}__regex": QUARTER_CHECK_REGEX})
    if blank:
        condition |= models.Q(**{field: ""})
    return models.CheckConstraint(
        condition=condition,
        name=name,
        violation_error_message=gettext_lazy(
            "Enter a quarter as year and quarter, for example 2024Q3."
        ),
    )


def format_quarter(value: str | None) -> str:
    if not value:
        return ""
    try:
        return Quarter.parse(value).label()
    except ValueError:
        return value
