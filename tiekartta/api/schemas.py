"""What the interface takes and gives. Values travel as JSON numbers both ways: text, booleans
and null are refused instead of guessed at, so that a sender's mistake is not stored."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.parser import Parser
from pydantic import BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from tiekartta.metrics.models import DECIMAL_PLACES, VALUE_LIMIT

NOTE_LIMIT = 2000
SOURCE_LIMIT = 200
PERIOD_LIMIT = 10
BODY_FIELDS = ("period", "value", "note", "source")
STEP = Decimal(1).scaleb(-DECIMAL_PLACES)


class NotAnObjectError(ValueError):
    """The body is JSON, but not an object that could name the fields."""


class ExactJsonParser(Parser):
    """JSON numbers become Decimals as written (41.5 stays 41.5, not 41.499999…), and NaN or
    Infinity, which json.loads would accept, reach the schema to be refused by name."""

    def parse_body(self, request: HttpRequest) -> Any:
        data = json.loads(request.body, parse_float=Decimal, parse_constant=Decimal)
        if not isinstance(data, dict):
            # The schema would read a number's attributes as if it were an object.
            raise NotAnObjectError
        return data


def _refuse(message: str) -> PydanticCustomError:
    # The type "tiekartta" tells the error handler that the message is ours and translated.
    return PydanticCustomError("tiekartta", message)


def read_number(raw: Any) -> Decimal:
    if isinstance(raw, bool) or not isinstance(raw, int | Decimal | float):
        raise _refuse(_("Enter the value as a JSON number, for example 41.5."))
    number = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
    if not number.is_finite():
        raise _refuse(_("Enter a finite number."))
    if abs(number) > VALUE_LIMIT:
        raise _refuse(_("The number is too large."))
    exact = number.quantize(STEP)
    if exact != number:
        raise _refuse(
            _("Give at most %(places)s decimals.") % {"places": DECIMAL_PLACES},
        )
    return exact


def clean_text(raw: Any) -> Any:
    """Text the database can keep: PostgreSQL refuses null characters, and no database can
    encode a lone surrogate (JSON can carry one as \\ud800)."""
    if raw is None:
        return ""
    if isinstance(raw, str):
        if "\x00" in raw:
            raise _refuse(_("The text contains a null character."))
        try:
            raw.encode("utf-8")
        except UnicodeEncodeError:
            raise _refuse(_("The text contains characters that are not valid Unicode.")) from None
    return raw


Number = Annotated[
    Decimal,
    BeforeValidator(read_number),
    WithJsonSchema({"type": "number", "example": 41.5}),
]


Period = Annotated[
    str, BeforeValidator(clean_text), Field(max_length=PERIOD_LIMIT, examples=["2026Q2"])
]
Note = Annotated[str, BeforeValidator(clean_text), Field(max_length=NOTE_LIMIT)]
Source = Annotated[
    str, BeforeValidator(clean_text), Field(max_length=SOURCE_LIMIT, examples=["Tietovarasto"])
]


# Out: a whole number as an integer, any other as a float (at most 4 decimals are stored).
JsonNumber = Annotated[int | float, WithJsonSchema({"type": "number", "example": 41.5})]


class ValueIn(Schema):
    """A value of one period: corrects the period's value if one is already recorded."""

    model_config = ConfigDict(extra="forbid")

    period: Period
    value: Number
    note: Note = ""
    source: Source = ""


class ValueOut(Schema):
    period: str
    value: JsonNumber
    note: str
    source: str
    channel: str
    recorded_at: datetime.datetime
    token: str | None = Field(description="The name of the API token that wrote the value.")


class ValueList(Schema):
    metric: int
    values: list[ValueOut]


class Baseline(Schema):
    value: JsonNumber
    date: datetime.date


class Target(Schema):
    value: JsonNumber
    date: datetime.date


class Latest(Schema):
    period: str
    value: JsonNumber


Translations = Annotated[
    dict[str, dict[str, str | None]],
    Field(
        description=(
            "The texts in each of the organisation's other languages, by language code and "
            'field, null where not written, e.g. {"sv": {"title": "Stadsappen", '
            '"description": null}}. The plain fields are in `language`.'
        ),
        examples=[{"sv": {"title": "Stadsappen", "description": None}}],
    ),
]
Language = Annotated[
    str, Field(description="The organisation's primary language, that of the plain texts.")
]


class MetricOut(Schema):
    id: int
    name: str
    language: Language
    translations: Translations
    roadmap: str = Field(description="The roadmap's short name, e.g. 2026-2028.")
    roadmap_archived: bool
    theme: str | None
    unit: str
    unit_text: str
    direction: str
    frequency: str
    target: Target
    baseline: Baseline | None
    latest: Latest | None
    status: str
    freshness: str
    awaited_period: str | None = Field(
        description="The period whose value is expected next; null when none is."
    )


class MetricList(Schema):
    metrics: list[MetricOut]


class ErrorBody(Schema):
    code: str
    message: str
    fields: dict[str, list[str]]


class ErrorOut(Schema):
    error: ErrorBody


def json_number(value: Decimal) -> int | float:
    """A stored value as a JSON number: 100.0000 → 100 and 41.5000 → 41.5."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)
