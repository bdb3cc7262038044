"""The open data's documented shapes (OpenAPI). The endpoints build the bodies as plain data in
these shapes (`shapes.py`); the tests check the two agree."""

from __future__ import annotations

import datetime
from typing import Any

from ninja import Schema
from pydantic import Field

LANGUAGE = Field(description="The language of the primary texts (fi, sv, en).")


def translations_field(fields: str) -> Any:
    return Field(
        description=(
            "The other language versions of the public texts, for every other language the "
            f"organisation uses: language code → {{{fields}}}, null where not written. "
            'For example {"sv": {"title": "…"}}.'
        )
    )


Versions = dict[str, dict[str, str | None]]


class LicenceOut(Schema):
    id: str = Field(description="SPDX identifier, for example CC-BY-4.0.")
    name: str
    url: str


class Envelope(Schema):
    licence: LicenceOut
    attribution: str | None = Field(description="Whom to credit: the organisation's name.")
    generated_at: datetime.datetime


class OrganisationOut(Schema):
    slug: str
    name: str
    attribution: str
    roadmaps: str = Field(description="The address of its public roadmaps.")


class IndexOut(Envelope):
    organisations: list[OrganisationOut]
    openapi: str


class RoadmapLinks(Schema):
    themes: str
    tasks: str
    tasks_csv: str
    metrics: str
    metrics_csv: str


class RoadmapOut(Schema):
    id: int
    slug: str
    title: str
    language: str = LANGUAGE
    translations: Versions = translations_field("title")
    start_year: int
    end_year: int
    period: str
    archived: bool
    completion: int | None = Field(
        description="Mean completion of the public tasks, cancelled ones left out; null without."
    )
    task_count: int
    links: RoadmapLinks


class RoadmapList(Envelope):
    results: list[RoadmapOut]


class ThemeOut(Schema):
    id: int
    name: str
    language: str = LANGUAGE
    translations: Versions = translations_field("name")
    is_spearhead: bool
    colour: str
    order: int


class ThemeList(Envelope):
    results: list[ThemeOut]


class TaskOut(Schema):
    """Exactly the fields of a public task (`PublicTask`)."""

    id: int
    roadmap_id: int
    title: str
    theme_id: int
    theme_name: str
    theme_is_spearhead: bool
    theme_colour: str
    start: str = Field(description="Quarter, for example 2026Q1.")
    due: str
    schedule_label: str
    status: str
    status_label: str
    completion: int
    responsible: str
    public_summary: str
    public_summary_updated_at: datetime.datetime | None
    updated_at: datetime.datetime
    language: str = LANGUAGE
    translations: Versions = translations_field("title, public_summary, theme_name")


class TaskList(Envelope):
    count: int
    next: str | None
    previous: str | None
    results: list[TaskOut]


class DatedValue(Schema):
    value: int | float
    date: datetime.date


class PeriodValue(Schema):
    period: str
    value: int | float


class MetricOut(Schema):
    id: int
    name: str
    description: str
    theme_id: int | None
    theme_name: str | None
    language: str = LANGUAGE
    translations: Versions = translations_field("name, description, theme_name")
    unit: str
    unit_label: str
    direction: str
    frequency: str
    baseline: DatedValue | None
    target: DatedValue
    latest: PeriodValue | None
    values: list[PeriodValue]


class MetricList(Envelope):
    results: list[MetricOut]
