"""What the interface gives of roadmaps, themes, tasks and progress entries, and what it takes
to record progress. Quarters travel as "2026Q3" with the ISO dates of their first and last
day, so a warehouse need not know how quarters are counted."""

from __future__ import annotations

import datetime
from typing import Annotated, Any

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import BeforeValidator, ConfigDict, Field

from tiekartta.api.schemas import Language, Note, Period, Translations, _refuse

PROGRESS_FIELDS = ("quarter", "completion", "status", "note", "version")


class Paged(Schema):
    count: int = Field(description="How many rows the filters match, on every page.")
    next: str | None = Field(description="The address of the next page; null on the last.")
    previous: str | None = Field(description="The address of the previous page; null on the first.")


class ThemeOut(Schema):
    id: int
    name: str
    description: str
    language: Language
    translations: Translations
    is_spearhead: bool
    order: int = Field(description="Spearheads come first, then by this order and name.")
    colour: str


class ThemeList(Schema):
    roadmap: int
    themes: list[ThemeOut]


class RoadmapOut(Schema):
    id: int
    slug: str = Field(description="The short name in addresses, e.g. 2026-2028.")
    title: str
    description: str
    language: Language
    translations: Translations
    start_year: int
    end_year: int
    period_start: datetime.date
    period_end: datetime.date
    status: str = Field(description='"archived" or "active".')
    archived: bool


class RoadmapDetail(RoadmapOut):
    themes: list[ThemeOut]


class RoadmapList(Paged):
    results: list[RoadmapOut]


class PersonRef(Schema):
    id: int
    name: str
    email: str | None = Field(
        None, description="Only for tokens that may read the organisation's people."
    )


class PersonOut(Schema):
    id: int
    name: str
    title: str
    unit: str
    email: str | None = Field(
        None, description="Only for tokens that may read the organisation's people."
    )


class PersonList(Paged):
    results: list[PersonOut]


class Schedule(Schema):
    start: str | None = Field(description="Target start quarter, e.g. 2026Q3.", examples=["2026Q3"])
    end: str | None = Field(description="Target end quarter.", examples=["2027Q2"])
    start_date: datetime.date | None = Field(description="The first day of the start quarter.")
    end_date: datetime.date | None = Field(description="The last day of the end quarter.")


class TaskOut(Schema):
    id: int
    roadmap: int
    title: str
    description: str
    public_summary: str = Field(
        description="The progress summary written for residents (the public site's text)."
    )
    language: Language
    translations: Translations
    theme: int
    kind: str
    priority: str
    quick_win: bool
    owner: PersonRef
    collaborators: list[PersonRef]
    collaborating_units: str
    unit: str
    predecessors: list[int]
    carried_over_from: int | None
    schedule: Schedule
    status: str
    completion: int = Field(description="The latest recorded completion, 0–100 %.")
    is_public: bool
    updated_at: datetime.datetime
    version: int = Field(description="Send it back when recording progress (stale check).")


class TaskList(Paged):
    results: list[TaskOut]


class ProgressOut(Schema):
    id: int
    task: int
    quarter: str
    quarter_start: datetime.date
    quarter_end: datetime.date
    completion: int
    status: str
    note: str | None = Field(description="Only for tokens that may read the roadmap's notes.")
    recorded_at: datetime.datetime
    recorded_by: str | None = Field(
        description="The user who recorded it; null for an API token or a command."
    )
    review: int | None = Field(description="The review meeting it was recorded in, if any.")


class ProgressList(Paged):
    results: list[ProgressOut]


def read_whole_number(raw: Any) -> Any:
    """A JSON whole number only: 45.0, "45" and true are refused, not guessed at."""
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise _refuse(_("Enter a whole number, for example 45."))
    if abs(raw) > 2**31:
        raise _refuse(_("The number is too large."))
    return raw


WholeNumber = Annotated[int, BeforeValidator(read_whole_number)]
Choice = Annotated[str, Field(max_length=40)]


class ProgressIn(Schema):
    """A progress entry for the task. `version` is the task's version as last read: if the
    task changed since, nothing is saved and the answer is 409."""

    model_config = ConfigDict(extra="forbid")

    quarter: Period = Field("", description="The quarter; the current one when left out.")
    completion: WholeNumber = Field(description="0–100.", examples=[45])
    status: Choice = Field(examples=["in_progress"])
    note: Note = ""
    public_summary: str | None = Field(
        None,
        max_length=2000,
        description="A new public summary for the task; left out, the summary stays.",
    )
    public_summary_translations: dict[str, str] | None = Field(
        None,
        description='The summary in the other languages, e.g. {"sv": "…"}; left out, they stay.',
    )
    version: WholeNumber
