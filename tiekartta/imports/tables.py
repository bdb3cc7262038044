"""What every kind of import shares in reading a table: headings in every language, the header
row, the columns recognised and those missing, clean text, the reader of rows and the plan of
what importing a table would do."""

from __future__ import annotations

import datetime
from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from tiekartta.core.spreadsheet_reading import (  # noqa: F401  # the imports' own names too
    CONTROL_CHARACTERS,
    HEADER_SEARCH_ROWS,
    Problem,
    SpreadsheetError,
    Table,
    clean_text,
    find_header,
    normalise,
    read_table,
)
from tiekartta.imports.questions import ImportAnswers, Question
from tiekartta.roadmap.models import Roadmap

LANGUAGES = ("fi", "sv", "en")


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


class PlannedRow(Protocol):
    """What a table plan needs of its rows."""

    row: int
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
    # What the user must answer before the file can be imported (see questions.py).
    questions: list[Question] = field(default_factory=list)
    answers: ImportAnswers = field(default_factory=ImportAnswers)
    # The tool the file was exported from ("Redmine"), when its headings say so.
    source: str = ""

    @property
    def all_problems(self) -> list[Problem]:
        return self.problems + [p for row in self.rows for p in row.problems]

    @property
    def ok(self) -> bool:
        return not self.all_problems and not self.questions

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


PlanT = TypeVar("PlanT", bound=TablePlan[Any])


class ImportRefused(ValidationError):
    """Raised by apply_import when the plan has problems: nothing was saved."""


# How far an import's saving has got: (rows saved, rows to save). Called between rows, inside
# the import's transaction (the background job writes it on a connection of its own).
RowProgress = Callable[[int, int], None]


def no_progress(done: int, total: int) -> None:
    """An import nobody watches (the command line, a test)."""


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


def read_columns(
    plan: TablePlan[Any],
    content: bytes,
    filename: str,
    *,
    known: Mapping[str, str],
    is_header: Callable[[list[object]], bool],
    prefer_sheets: Collection[str] = (),
    refine: Callable[[Table], Mapping[str, str]] | None = None,
) -> tuple[Table, dict[str, int]] | None:
    """Read the file's table below its header row (`is_header`) and where each `known` column
    is, noting the sheet, the header and the columns on the plan; None, with the reason on the
    plan, when the file cannot be read at all. `refine` may replace the known headings once
    the header row is found (a tool's export names some columns its own way)."""
    try:
        table = read_table(content, filename, prefer_sheets=prefer_sheets)
    except SpreadsheetError as error:
        plan.problems.append(Problem(0, "", error.message))
        return None
    table = find_header(table, is_header)
    plan.sheet, plan.header_row = table.sheet, table.header_row
    if refine is not None:
        known = refine(table)
    return table, recognise_columns(plan, table, known)


def require_columns(
    plan: TablePlan[Any], table: Table, missing: list[str], titles: Mapping[str, str], message: str
) -> None:
    """Note on the plan that the header has no column for the `missing` keys; `message` has
    the placeholders %(row)s and %(columns)s."""
    if missing:
        columns = ", ".join(titles[key] for key in missing)
        plan.problems.append(
            Problem(table.header_row, "", message % {"row": table.header_row, "columns": columns})
        )


class RowReader(ABC, Generic[PlanT, RowT]):
    """Reads one file into a plan: the file as a whole (`plan_file`: the roadmap, the header
    row, the columns), then each row and its problems. A kind says what its file looks like
    (the class methods) and how a row reads (`row`)."""

    @classmethod
    @abstractmethod
    def archived_message(cls) -> str:
        """Why an archived roadmap takes no file of this kind."""

    @classmethod
    @abstractmethod
    def headings(cls) -> dict[str, str]:
        """Every heading the kind knows → the column it means."""

    @classmethod
    @abstractmethod
    def is_header(cls, known: Mapping[str, str], cells: list[object]) -> bool:
        """Whether a row of the file is its header row."""

    @classmethod
    @abstractmethod
    def missing_columns(cls, positions: Mapping[str, int]) -> list[str]:
        """The required columns the header lacks."""

    @classmethod
    @abstractmethod
    def column_titles(cls) -> Mapping[str, str]:
        """The columns' headings in the active language."""

    @classmethod
    @abstractmethod
    def missing_message(cls) -> str:
        """The problem of a header without a required column (%(row)s, %(columns)s)."""

    @classmethod
    def prefer_sheets(cls) -> Collection[str]:
        """The sheets of a workbook to read first."""
        return ()

    @classmethod
    def refine_headings(
        cls, plan: PlanT, table: Table, known: Mapping[str, str]
    ) -> Mapping[str, str]:
        """The headings to read the columns by, once the header row is known."""
        return known

    @classmethod
    def plan_file(
        cls,
        plan: PlanT,
        roadmap: Roadmap,
        content: bytes,
        today: datetime.date,
        answers: ImportAnswers | None = None,
    ) -> PlanT:
        """Read the file and say, row by row, what importing it would do; saves nothing."""
        plan.answers = answers or ImportAnswers()
        if roadmap.is_archived:
            plan.problems.append(Problem(0, "", cls.archived_message()))
            return plan
        known = cls.headings()
        read = read_columns(
            plan,
            content,
            plan.filename,
            known=known,
            is_header=lambda cells: cls.is_header(known, cells),
            prefer_sheets=cls.prefer_sheets(),
            refine=lambda table: cls.refine_headings(plan, table, known),
        )
        if read is None:
            return plan
        table, positions = read
        require_columns(
            plan, table, cls.missing_columns(positions), cls.column_titles(), cls.missing_message()
        )
        if not plan.problems and not table.rows:
            # A header alone would otherwise be offered as "Import 0 rows".
            plan.problems.append(
                Problem(
                    table.header_row,
                    "",
                    _(
                        "The file has a header row (row %(row)s) but no rows of data below "
                        "it. Add the rows and upload the file again."
                    )
                    % {"row": table.header_row},
                )
            )
        if not plan.problems:
            cls(roadmap, plan, positions, today).run(table)
        return plan

    def __init__(
        self, roadmap: Roadmap, plan: PlanT, positions: dict[str, int], today: datetime.date
    ) -> None:
        self.roadmap, self.plan, self.positions, self.today = roadmap, plan, positions, today
        self.prepare()

    def prepare(self) -> None:
        """Load what reading the rows needs from the roadmap, once for the whole file."""

    def run(self, table: Table) -> None:
        for number, values in table.rows:
            self.plan.rows.append(self.row(number, values))

    @abstractmethod
    def row(self, number: int, values: list[object]) -> RowT:
        """How one row of the file reads, with its problems."""

    def raw_cell(self, values: list[object], key: str) -> object:
        """The row's cell in the `key` column as the reader gave it; None without one."""
        index = self.positions.get(key)
        if index is None or index >= len(values):
            return None
        return values[index]

    def problem(self, row: RowT, key: str, message: str) -> None:
        row.problems.append(Problem(row.row, self.plan.columns.get(key, ""), message))
