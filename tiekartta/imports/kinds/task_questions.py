"""What the task import asks rather than guesses (see imports/questions.py): a status word it
does not know, the order of a file's slashed dates, and a theme or person named nearly like an
existing one. Each is asked once for the whole file, with the rows it concerns."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.utils import formats
from django.utils.translation import gettext as _

from tiekartta.core.spreadsheet_reading import Table
from tiekartta.imports.kinds.dates import DATE_ORDERS, DateOrder, is_ambiguous, slashed_orders
from tiekartta.imports.questions import (
    DATE_ORDER,
    NEW_NAME,
    OWNER,
    STATUS,
    THEME,
    NameIndex,
    Question,
    name_key,
)
from tiekartta.imports.tables import normalise
from tiekartta.roadmap.models import Person, Status, Theme

if TYPE_CHECKING:
    from tiekartta.imports.kinds.tasks import ImportPlan, RowPlan

DATE_COLUMNS = ("start", "due", "schedule")


class QuestionsMixin:
    """For the task interpreter: collects the questions while the rows are read."""

    if TYPE_CHECKING:
        plan: ImportPlan
        positions: dict[str, int]
        themes: dict[str, Theme]
        people: dict[str, Person]

        def raw_cell(self, values: list[object], key: str) -> object: ...

    def prepare_questions(self, people: list[Person]) -> None:
        # Only names already saved are offered: a name new in the file has nothing to match.
        self.existing: dict[str, dict[str, Any]] = {
            THEME: dict(self.themes),
            OWNER: {normalise(person.name): person for person in people},
        }
        self.unknown_statuses: dict[str, tuple[str, list[int]]] = {}
        self.name_questions: dict[str, Question] = {}
        self.name_indexes: dict[str, NameIndex] = {}
        self.ambiguous_rows: list[int] = []
        self.ambiguous_examples: list[str] = []

    # Dates ----------------------------------------------------------------------------------

    def resolve_date_order(self, table: Table) -> DateOrder | None:
        """The order of the file's slashed dates: as answered; else as its own dates show
        (one "25/08/2026" settles it); else the source tool's custom; else unknown (asked if
        any date needs it)."""
        answered = self.plan.answers.date_order
        if answered in DATE_ORDERS:
            self.plan.date_order = answered
            return answered  # type: ignore[return-value]
        evidence: set[DateOrder] = set()
        for _number, values in table.rows:
            for key in DATE_COLUMNS:
                value = self.raw_cell(values, key)
                if isinstance(value, str) and not is_ambiguous(value):
                    orders = slashed_orders(value)
                    if len(orders) == 1:
                        evidence |= orders
        order: DateOrder | None = None
        if len(evidence) == 1:
            order = next(iter(evidence))
        elif not evidence and self.plan.tool is not None:
            headings = {normalise(heading) for heading in self.plan.columns.values()}
            order = self.plan.tool.order_for(headings)
        self.plan.date_order = order or ""
        return order

    def note_ambiguous_date(self, row: RowPlan, text: str) -> None:
        if row.row not in self.ambiguous_rows:
            self.ambiguous_rows.append(row.row)
        if text not in self.ambiguous_examples and len(self.ambiguous_examples) < 3:
            self.ambiguous_examples.append(text)

    # Statuses -------------------------------------------------------------------------------

    def status_answer(self, row: RowPlan, text: str) -> str | None:
        """The status the user said the word means; None (and the row noted) if not asked yet."""
        answered = self.plan.answers.statuses.get(text)
        if answered in Status.values:
            return answered
        _written, rows = self.unknown_statuses.setdefault(text, (text, []))
        rows.append(row.row)
        return None

    # Names ----------------------------------------------------------------------------------

    def resolve_name(
        self, kind: str, row: RowPlan, name: str, key: str, index: dict[str, Any]
    ) -> Any:
        """The theme or person a name not saved as such means: None to go on as usual (a
        known name, or a new one), the existing one the user chose, or the name itself while
        the question whether it is an existing one is open."""
        if key in index:
            return None
        existing = self.existing[kind]
        answer_key = name_key(kind, key)
        answer = self.plan.answers.names.get(answer_key)
        if answer == NEW_NAME:
            return None
        if answer is not None and answer in existing:
            return existing[answer]
        question = self.name_questions.get(answer_key)
        if question is None:
            if kind not in self.name_indexes:
                self.name_indexes[kind] = NameIndex(existing)
            matches = self.name_indexes[kind].matches(key)
            if not matches:
                return None
            new_label = (
                _("A new theme “%(name)s”") if kind == THEME else _("A new person “%(name)s”")
            )
            question = Question(
                kind=kind,
                key=key,
                word=name,
                choices=[(match, str(existing[match])) for match in matches]
                + [(NEW_NAME, new_label % {"name": name})],
            )
            self.name_questions[answer_key] = question
        question.rows.append(row.row)
        return name

    # Collaborators --------------------------------------------------------------------------

    def add_collaborators(self, row: RowPlan, names: list[str]) -> None:
        """Further names of the responsible person's cell: people already known are
        collaborators, others collaborating units (as in the collaborators column)."""
        if not names:
            return
        people = list(row.values.get("collaborators") or [])
        units = [row.values.get("collaborating_units") or ""]
        for name in names:
            person = self.people.get(normalise(name))
            if isinstance(person, Person):
                if person not in people and person != row.values.get("owner"):
                    people.append(person)
            else:
                units.append(name)
        row.values["collaborators"] = people
        row.values["collaborating_units"] = "; ".join(unit for unit in units if unit)

    # The questions --------------------------------------------------------------------------

    def ask_questions(self) -> None:
        statuses = [(str(value), str(label)) for value, label in Status.choices]
        for text, (written, rows) in self.unknown_statuses.items():
            self.plan.questions.append(
                Question(kind=STATUS, key=text, word=written, rows=rows, choices=statuses)
            )
        if self.ambiguous_rows and not self.plan.date_order:
            example = self.ambiguous_examples[0]
            first, second, year = (int(part[:4]) for part in example.split()[0].split("/"))
            year = 2000 + year if year < 100 else year
            day_first = datetime.date(year, second, first)
            month_first = datetime.date(year, first, second)
            self.plan.questions.append(
                Question(
                    kind=DATE_ORDER,
                    key="order",
                    word=example,
                    rows=self.ambiguous_rows,
                    examples=self.ambiguous_examples,
                    choices=[
                        (
                            "dmy",
                            _("Day first: %(text)s is %(date)s")
                            % {"text": example, "date": formats.date_format(day_first)},
                        ),
                        (
                            "mdy",
                            _("Month first: %(text)s is %(date)s")
                            % {"text": example, "date": formats.date_format(month_first)},
                        ),
                    ],
                )
            )
        self.plan.questions.extend(self.name_questions.values())
