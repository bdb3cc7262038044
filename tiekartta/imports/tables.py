"""What the two imports (tasks, metric values) share: headings in every language, the header
row, the columns recognised, clean text, and the plan of what importing a table would do."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from django.core.exceptions import ValidationError
from django.utils import translation

from tiekartta.imports.spreadsheet import HEADER_SEARCH_ROWS, Table

LANGUAGES = ("fi", "sv", "en")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise(text: object) -> str:
    """A heading or a word as it compares: lower case, no "(%)", no punctuation at the ends."""
    value = str(text or "").strip().lower()
    value = re.sub(r"\(\s*%\s*\)", "", value)
    value = re.sub(r"\s+", " ", value)
    return value.strip(" :.*-–")


def known_headings(
    extra: Mapping[str, Iterable[str]], titles: Callable[[], Mapping[str, str]]
) -> dict[str, str]:
    """Every heading an importer knows → the column it means: the words towns use, and the
    export's own headings (`titles` in the active language) in every language."""
    known: dict[str, str] = {}
    for key, words in extra.items():
        for word in words:
            known[normalise(word)] = key
    for language in LANGUAGES:
        with translation.override(language):
            for key, title in titles().items():
                known[normalise(title)] = key
    return known


def choice_index(choices: Any, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """Labels of a TextChoices in every language (and its values) → the value."""
    known = {normalise(value): value for value in choices.values}
    for language in LANGUAGES:
        with translation.override(language):
            for value, label in choices.choices:
                known[normalise(label)] = value
    known.update({normalise(k): v for k, v in (extra or {}).items()})
    return known


@dataclass
class Problem:
    row: int
    column: str
    message: str


class PlannedRow(Protocol):
    """What a table plan needs of its rows."""

    problems: list[Problem]
    action: str  # create, update, unchanged


RowT = TypeVar("RowT", bound=PlannedRow)


@dataclass
class TablePlan(Generic[RowT]):
    """What importing a table would do, row by row, with every problem; nothing saved yet."""

    filename: str
    sheet: str = ""
    header_row: int = 0
    columns: dict[str, str] = field(default_factory=dict)  # key → heading in the file
    ignored_columns: list[str] = field(default_factory=list)
    rows: list[RowT] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # about the whole file

    @property
    def all_problems(self) -> list[Problem]:
        return self.problems + [p for row in self.rows for p in row.problems]

    @property
    def ok(self) -> bool:
        return not self.all_problems

    def count(self, action: str) -> int:
        return sum(row.action == action for row in self.rows)

    @property
    def created_count(self) -> int:
        return self.count("create")

    @property
    def updated_count(self) -> int:
        return self.count("update")

    @property
    def unchanged_count(self) -> int:
        return self.count("unchanged")


class ImportRefused(ValidationError):
    """Raised by apply_import when the plan has problems: nothing was saved."""


def find_header(table: Table, is_header: Callable[[list[object]], bool]) -> Table:
    """Towns often put a title and a blank line above the real header: take the first of the
    top rows that `is_header`, and start the data below it."""
    if is_header(list(table.headers)):
        return table
    for index, (number, cells) in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
        if is_header(cells):
            return Table(
                sheet=table.sheet,
                header_row=number,
                headers=[str(cell or "").strip() for cell in cells],
                rows=table.rows[index + 1 :],
            )
    return table


def recognise_columns(
    plan: TablePlan[Any], table: Table, known: Mapping[str, str]
) -> dict[str, int]:
    """Where each known column is in the table, noted on the plan with its heading; of two
    headings that mean the same the first counts, and the others are columns not used."""
    positions: dict[str, int] = {}
    for index, heading in enumerate(table.headers):
        key = known.get(normalise(heading))
        if key and key not in positions:
            positions[key] = index
            plan.columns[key] = heading
        elif heading:
            plan.ignored_columns.append(heading)
    return positions


def clean_text(value: str) -> str:
    """A text cell as it can be stored and exported again."""
    # Control characters (Word's manual line break, escape codes) cannot be stored in the
    # spreadsheets and documents the roadmap is exported to.
    value = CONTROL_CHARACTERS.sub(" ", value).strip()
    # Our CSV export guards formula-like text with an apostrophe; take it off again.
    if value[:1] == "'" and value[1:2] in ("=", "+", "-", "@"):
        value = value[1:]
    return value
