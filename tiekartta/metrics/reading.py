"""Reading metric values the way people write them, in a form or an imported file: periods such
as 2025Q2, Q2/2025 or 2/2025, and numbers with a decimal comma, spaces between thousands and a
unit after them. (The values import knows its column headings itself.)"""

from __future__ import annotations

import datetime
import math
import re
from decimal import ROUND_HALF_EVEN, Decimal

from django.utils.translation import gettext as _

from tiekartta.metrics.models import DECIMAL_PLACES, VALUE_LIMIT, Metric, Unit
from tiekartta.metrics.periods import LETTER, Frequency, Period

# The number's digits and separators, then optionally a unit ("41,5 %", "1 200 €", "12 kg").
NUMBER = re.compile(r"^(?P<sign>[-+\u2212]?)\s*(?P<number>\d[\d\s.,']*)(?P<unit>\D{0,30})$")
# What may follow a number of each unit. Nothing else is allowed, so that a value is never read
# as less than it says: "12 tuhatta" (twelve thousand) or "12 t" for a metric in kilograms.
UNIT_WORDS: dict[str, frozenset[str]] = {
    Unit.COUNT: frozenset({"kpl", "st", "pcs", "krt", "kertaa", "gånger", "times"}),
    Unit.PERCENT: frozenset({"%", "prosenttia", "procent", "percent"}),
    Unit.EURO: frozenset({"€", "e", "eur", "euro", "euroa", "euros"}),
    Unit.DAYS: frozenset({"pv", "vrk", "päivä", "päivää", "d", "dag", "dagar", "day", "days"}),
    Unit.HOURS: frozenset({"h", "t", "tunti", "tuntia", "tim", "timmar", "hour", "hours"}),
    Unit.KILOGRAMS: frozenset({"kg", "kiloa"}),
    Unit.SCORE: frozenset({"p", "pist", "pistettä", "poäng", "points"}),
    Unit.OTHER: frozenset(),
}
PERIOD_FORMS = (
    re.compile(r"^(?P<year>\d{4})$"),
    re.compile(r"^(?P<year>\d{4})[-/.]?(?P<kind>[QH])(?P<number>\d)$"),
    re.compile(r"^(?P<kind>[QH])(?P<number>\d)[-/.]?(?P<year>\d{4})$"),
    # "2/2025": the second quarter, or half-year, by the metric's frequency.
    re.compile(r"^(?P<number>\d)[/.](?P<year>\d{4})$"),
)
FOUR_PLACES = Decimal(1).scaleb(-DECIMAL_PLACES)
SPACED_THOUSANDS = re.compile(r"^\d{1,3}(?:[\s']+\d{3})+(?:[.,]\d*)?$")
# "1,250" is 1.25 in Finnish and Swedish but 1250 in English, "1.250" the other way round.
AMBIGUOUS = re.compile(r"^[1-9]\d{0,2}[.,]\d{3}$")


class AmbiguousNumberError(ValueError):
    """A number that reads as two different values depending on the writer's language."""


def name_key(text: str) -> str:
    """A metric's name as it compares: any case, runs of spaces as one."""
    return " ".join(text.split()).casefold()


def as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def as_integer(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    text = str(value).strip()
    # Only ASCII digits: "²" passes isdigit() but is no number int() reads.
    return int(text) if text.isascii() and text.isdigit() and len(text) < 12 else None


# Periods ------------------------------------------------------------------------------------


def period_example(frequency: str | None, today: datetime.date) -> str:
    either = _("%(first)s or %(second)s")
    if frequency is None:
        return either % {"first": "2025Q2, Q2/2025, 2025H1", "second": "2025"}
    period = Period.containing(today, frequency)
    letter = LETTER[Frequency(frequency)]
    if not letter:
        return str(period)
    return either % {"first": period, "second": f"{letter}{period.number}/{period.year}"}


def period_code(value: object, frequency: str) -> str | None:
    """The canonical code of a period as people write it, or None if it is not one. A bare
    number before the year ("2/2025") is a quarter or a half-year by `frequency`."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        if not (math.isfinite(value) and float(value).is_integer()):
            return None
        value = str(int(value))
    text = re.sub(r"\s+", "", str(value)).upper()
    for form in PERIOD_FORMS:
        match = form.match(text)
        if match is None:
            continue
        parts = match.groupdict()
        kind = parts.get("kind")
        if "number" in parts and kind is None:
            kind = LETTER[Frequency(frequency)] or None
            if kind is None:
                return None
        code = f"{parts['year']}{kind}{parts['number']}" if kind else parts["year"]
        try:
            return str(Period.parse(code))
        except ValueError:
            return None
    return None


# Numbers ------------------------------------------------------------------------------------


def read_number(value: object) -> tuple[Decimal, str]:
    """A value cell as a Decimal and the unit written after it; ValueError if it is no number.

    Number cells are taken as they are, with binary noise rounded off; text may have a decimal
    comma or point and spaces, non-breaking spaces or apostrophes between thousands."""
    if isinstance(value, bool):
        raise ValueError("a truth value is not a number")
    if isinstance(value, int):
        return Decimal(value), ""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("not finite")
        number = Decimal(repr(value))
        if abs(number) > VALUE_LIMIT:
            return number, ""
        # A percentage cell read as shown is 0.07 * 100 = 7.000000000000001.
        return number.quantize(FOUR_PLACES, rounding=ROUND_HALF_EVEN), ""
    match = NUMBER.match(str(value).strip())
    if match is None or any(char.isdigit() for char in match["unit"]):
        raise ValueError("not a number")
    raw = match["number"].strip()
    if re.search(r"[\s']", raw) and not SPACED_THOUSANDS.match(raw):
        raise ValueError("spaces only between thousands")
    digits = re.sub(r"[\s']", "", raw)
    if AMBIGUOUS.match(digits):
        raise AmbiguousNumberError(digits)
    number = Decimal(_decimal_point(digits))
    sign = -1 if match["sign"] in ("-", "\u2212") else 1
    return sign * number, match["unit"].strip()


def unit_fits(unit: str, metric: Metric) -> bool:
    """Whether what follows a number is the metric's unit (or no unit at all)."""
    written = unit.casefold().rstrip(".")
    if not written:
        return True
    own = {text.casefold() for text in (metric.unit_text, metric.unit_label) if text}
    return written in own or written in UNIT_WORDS.get(metric.unit, frozenset())


def _decimal_point(digits: str) -> str:
    """ "1.234,5", "1,234.5", "41,5", "1,000,000" → text Decimal reads. With both marks the
    last is the decimal one; one mark alone is a decimal mark (41,5 in Finnish, 41.5 in
    English); a repeated one separates thousands."""
    if "," in digits and "." in digits:
        point = "," if digits.rfind(",") > digits.rfind(".") else "."
        grouping = "." if point == "," else ","
        whole, _mark, fraction = digits.rpartition(point)
        if point in whole:
            raise ValueError("two decimal marks")
        return _ungroup(whole, grouping) + "." + fraction
    for mark in (",", "."):
        if digits.count(mark) == 1:
            return digits.replace(mark, ".")
        if digits.count(mark) > 1:
            return _ungroup(digits, mark)
    return digits


def _ungroup(whole: str, mark: str) -> str:
    groups = whole.split(mark)
    if not 1 <= len(groups[0]) <= 3 or any(len(group) != 3 for group in groups[1:]):
        raise ValueError("thousands not in groups of three")
    return "".join(groups)
