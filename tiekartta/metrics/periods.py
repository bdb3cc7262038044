"""Reporting periods of metric values: a quarter, a half-year or a year, by the metric's update
frequency. Stored as text ("2025Q2", "2025H1", "2025") so that values sort by period in SQL."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PERIOD_PATTERN = re.compile(r"^(?P<year>\d{4})(?:(?P<kind>[QH])(?P<number>\d))?$")


class Frequency(models.TextChoices):
    QUARTERLY = "quarterly", gettext_lazy("Quarterly")
    HALF_YEARLY = "half_yearly", gettext_lazy("Half-yearly")
    YEARLY = "yearly", gettext_lazy("Yearly")


# Periods per year and the code letter of each frequency.
PARTS = {Frequency.QUARTERLY: 4, Frequency.HALF_YEARLY: 2, Frequency.YEARLY: 1}
LETTER = {Frequency.QUARTERLY: "Q", Frequency.HALF_YEARLY: "H", Frequency.YEARLY: ""}


@dataclass(frozen=True, order=True)
class Period:
    year: int
    number: int  # 1–4 for quarters, 1–2 for half-years, 1 for a year
    frequency: str

    def __post_init__(self) -> None:
        if not 1 <= self.number <= PARTS[Frequency(self.frequency)]:
            raise ValueError(f"no period {self.number} in a {self.frequency} year")

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read a canonical code; spaces and case are forgiven ("2025 q2")."""
        match = PERIOD_PATTERN.match(re.sub(r"\s+", "", text or "").upper())
        if not match:
            raise ValueError(f"not a period: {text!r}")
        kind = match["kind"]
        frequency = {"Q": Frequency.QUARTERLY, "H": Frequency.HALF_YEARLY, None: Frequency.YEARLY}
        return cls(int(match["year"]), int(match["number"] or 1), frequency[kind])

    @classmethod
    def containing(cls, day: datetime.date, frequency: str) -> Period:
        months = 12 // PARTS[Frequency(frequency)]
        return cls(day.year, (day.month - 1) // months + 1, frequency)

    @property
    def months(self) -> int:
        return 12 // PARTS[Frequency(self.frequency)]

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, (self.number - 1) * self.months + 1, 1)

    @property
    def last_day(self) -> datetime.date:
        return self.next().first_day - datetime.timedelta(days=1)

    @property
    def index(self) -> int:
        """A running number within the frequency, so that periods can be subtracted."""
        return self.year * PARTS[Frequency(self.frequency)] + self.number - 1

    def next(self) -> Period:
        parts = PARTS[Frequency(self.frequency)]
        if self.number == parts:
            return Period(self.year + 1, 1, self.frequency)
        return Period(self.year, self.number + 1, self.frequency)

    def __str__(self) -> str:
        letter = LETTER[Frequency(self.frequency)]
        return f"{self.year}{letter}{self.number}" if letter else str(self.year)

    def label(self) -> str:
        """The period as the current language writes it."""
        if self.frequency == Frequency.QUARTERLY:
            return _("Q%(quarter)s/%(year)s") % {"quarter": self.number, "year": self.year}
        if self.frequency == Frequency.HALF_YEARLY:
            return _("H%(half)s/%(year)s") % {"half": self.number, "year": self.year}
        return str(self.year)


def example_period(frequency: str, year: int) -> str:
    return str(Period(year, PARTS[Frequency(frequency)] // 2 or 1, frequency))


def format_period(code: str) -> str:
    try:
        return Period.parse(code).label()
    except ValueError:
        return code
