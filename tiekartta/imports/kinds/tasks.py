"""Importing a town's task list: recognise the columns, interpret every row the way people
write them, show each problem on its row and column, and save all rows in one transaction or
none. A task already on the roadmap (same identifier, or same title) is updated, not doubled,
so the file the export produces imports back unchanged."""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tiekartta.accounts.policy import Capability
from tiekartta.core.actors import Actor, as_actor
from tiekartta.core.locking import ConflictError
from tiekartta.core.quarters import Quarter
from tiekartta.core.spreadsheet_reading import Table
from tiekartta.imports.kinds.dates import DateError, DateOrder, read_date_quarter
from tiekartta.imports.kinds.schedule import Schedule, ScheduleError, parse_schedule
from tiekartta.imports.kinds.sources import (
    EXTERNAL_ID,
    OWNER_FALLBACK,
    PRIORITY_WORDS,
    THEME_FALLBACK,
    SourceTool,
    detect_source,
)
from tiekartta.imports.kinds.task_questions import QuestionsMixin
from tiekartta.imports.kinds.task_words import EXTRA_HEADINGS, EXTRA_STATUS
from tiekartta.imports.models import ImportKind
from tiekartta.imports.questions import OWNER, THEME, ImportAnswers
from tiekartta.imports.registry import Importer
from tiekartta.imports.tables import (
    ImportRefused,
    Problem,
    RowProgress,
    RowReader,
    TablePlan,
    choice_index,
    clean_text,
    known_headings,
    no_progress,
    normalise,
)
from tiekartta.progress import services as progress_services
from tiekartta.roadmap import services as roadmap_services
from tiekartta.roadmap.columns import column_titles
from tiekartta.roadmap.models import (
    Colour,
    Kind,
    Person,
    Priority,
    Roadmap,
    Status,
    Task,
    Theme,
)
from tiekartta.roadmap.risk import ScheduleConflict, overlap

MAX_LENGTHS = {"title": 200, "owner": 120, "theme": 120, "unit": 120, "collaborating_units": 300}
YES = {"kyllä", "k", "x", "ja", "yes", "y", "true", "1", "✓", "kyl"}
NO = {"ei", "e", "nej", "no", "n", "false", "0", ""}


def heading_index() -> dict[str, str]:
    """Every heading the task importer knows → the field it means."""
    return known_headings(EXTRA_HEADINGS, column_titles)


@dataclass
class RowPlan:
    row: int
    title: str
    action: str = "create"  # create, update, unchanged
    task: Task | None = None
    values: dict[str, Any] = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Worth a look but no reason to refuse the row (schedule conflicts with linked tasks).
    warnings: list[str] = field(default_factory=list)

    @property
    def change_labels(self) -> list[str]:
        return change_labels(self)


def change_labels(row: RowPlan) -> list[str]:
    """The fields an update changes, as the task form names them."""
    return [
        capfirst(str(getattr(Task._meta.get_field(name), "verbose_name", name)))
        for name in row.changes
    ]


@dataclass
class ImportPlan(TablePlan[RowPlan]):
    new_people: list[str] = field(default_factory=list)
    new_themes: list[str] = field(default_factory=list)
    tool: SourceTool | None = None
    # The order the file's slashed dates were read in, and why (answered, the file's own
    # dates, the tool's custom), for the preview.
    date_order: str = ""


def plan_import(
    roadmap: Roadmap,
    data: bytes,
    filename: str,
    today: datetime.date,
    answers: ImportAnswers | None = None,
) -> ImportPlan:
    plan = _Interpreter.plan_file(ImportPlan(filename=filename), roadmap, data, today, answers)
    warn_schedule_conflicts(roadmap, plan)
    return plan


def warn_schedule_conflicts(roadmap: Roadmap, plan: ImportPlan) -> None:
    """A row whose new schedule overlaps a linked task's (risk.overlap) gets a warning, as the
    task form asks: the import still goes through. The file sets no predecessors, so only the
    existing links are judged, with the schedules as they will be after the import."""
    changed = {row.task.pk: row for row in plan.rows if row.task is not None and row.changes}
    if not changed:
        return

    def after(task_id: int, start: str, due: str, status: str) -> tuple[str, str, str]:
        row = changed.get(task_id)
        if row is None:
            return start, due, status
        values = row.values
        return values.get("start", start), values.get("due", due), values.get("status", status)

    links = Task.predecessors.through.objects.filter(from_task__roadmap=roadmap).values_list(
        "from_task_id",
        "from_task__title",
        "from_task__start",
        "from_task__due",
        "from_task__status",
        "to_task_id",
        "to_task__title",
        "to_task__start",
        "to_task__due",
        "to_task__status",
    )
    for s_id, s_title, s_start, s_due, s_status, p_id, p_title, p_start, p_due, p_status in links:
        if s_id not in changed and p_id not in changed:
            continue
        successor = after(s_id, s_start, s_due, s_status)
        predecessor = after(p_id, p_start, p_due, p_status)
        hit = overlap(predecessor=predecessor, successor=successor)
        if hit is None:
            continue
        if s_id in changed:
            conflict = ScheduleConflict(p_id, p_title, True, *hit)
            changed[s_id].warnings.append(conflict.message)
        if p_id in changed:
            conflict = ScheduleConflict(s_id, s_title, False, *hit)
            changed[p_id].warnings.append(conflict.message)


class _Interpreter(QuestionsMixin, RowReader[ImportPlan, RowPlan]):
    @classmethod
    def archived_message(cls) -> str:
        return _("The roadmap is archived: tasks cannot be added.")

    @classmethod
    def headings(cls) -> dict[str, str]:
        return heading_index()

    @classmethod
    def is_header(cls, known: Mapping[str, str], cells: list[object]) -> bool:
        return "title" in {known.get(normalise(cell)) for cell in cells}

    @classmethod
    def refine_headings(
        cls, plan: ImportPlan, table: Table, known: Mapping[str, str]
    ) -> Mapping[str, str]:
        """A tool's export is read by the tool's headings (see sources.py)."""
        tool = detect_source({normalise(heading) for heading in table.headers})
        if tool is None:
            return known
        plan.tool, plan.source = tool, tool.label
        return {**known, **tool.headings}

    @classmethod
    def missing_columns(cls, positions: Mapping[str, int]) -> list[str]:
        present = set(positions) | ({"owner"} if OWNER_FALLBACK in positions else set())
        return [key for key in ("title", "owner") if key not in present]

    @classmethod
    def column_titles(cls) -> Mapping[str, str]:
        return column_titles()

    @classmethod
    def missing_message(cls) -> str:
        return _(
            "The header row (row %(row)s) has no column for: %(columns)s. Name the "
            "columns for example Tehtävä, Vastuuhenkilö, Teema, Aikataulu, Tila and "
            "Valmiusaste."
        )

    def prepare(self) -> None:
        roadmap = self.roadmap
        # Names first; a title names a person only when one person has it.
        people = list(Person.objects.filter(organisation=roadmap.organisation_id))
        titles: dict[str, list[Person]] = {}
        for person in people:
            if person.title:
                titles.setdefault(normalise(person.title), []).append(person)
        self.people: dict[str, Person] = {
            key: found[0] for key, found in titles.items() if len(found) == 1
        }
        for person in people:
            self.people[normalise(str(person))] = person
        for person in people:
            self.people[normalise(person.name)] = person
        self.themes = {normalise(t.name): t for t in Theme.objects.filter(roadmap=roadmap)}
        tasks = list(
            Task.objects.filter(roadmap=roadmap)
            .select_related("theme", "owner")
            .prefetch_related("collaborators")
        )
        self.by_id = {task.pk: task for task in tasks}
        self.by_title = {normalise(task.title): task for task in tasks}
        self.by_external = {
            (task.external_source, task.external_id): task for task in tasks if task.external_id
        }
        self.statuses = choice_index(Status, EXTRA_STATUS)
        self.kinds = choice_index(Kind)
        self.priorities = choice_index(Priority, PRIORITY_WORDS)
        self.new_external: dict[str, int] = {}
        self.prepare_questions(people)
        self.seen: dict[int, int] = {}
        self.new_titles: dict[str, int] = {}
        self.last_theme = ""

    def cell(self, values: list[object], key: str) -> object:
        value = self.raw_cell(values, key)
        if isinstance(value, float) and not math.isfinite(value):
            return str(value)  # "inf" or "nan": read as text, so it is refused as text
        if isinstance(value, str):
            value = clean_text(value)
        return value

    def run(self, table: Table) -> None:
        self.date_order: DateOrder | None = self.resolve_date_order(table)
        super().run(table)
        self.ask_questions()

    def row(self, number: int, values: list[object]) -> RowPlan:
        title = str(self.cell(values, "title") or "")
        row = RowPlan(row=number, title=title)
        if not title:
            self.problem(row, "title", _("The task has no title."))
        elif len(title) > 200:
            self.problem(row, "title", _("The title is longer than 200 characters."))
        row.task = self.match(row, values)
        out = row.values
        out["title"] = title
        for key in ("description", "unit"):
            if key in self.positions:
                out[key] = str(self.cell(values, key) or "")
        if len(out.get("unit", "")) > MAX_LENGTHS["unit"]:
            self.problem(row, "unit", _("The unit is longer than 120 characters."))
        self.external_id(row, values)
        self.theme(row, values)
        extra_people = self.owner(row, values)
        self.collaborators(row, values)
        self.add_collaborators(row, extra_people)
        self.schedule(row, values)
        self.choice(row, values, "status", self.statuses, Status.PLANNED)
        self.choice(row, values, "kind", self.kinds, Kind.IMPLEMENTATION)
        self.choice(row, values, "priority", self.priorities, Priority.MEDIUM)
        for key, name in (("quick_win", "quick_win"), ("public", "is_public")):
            if key in self.positions:
                self.yes_no(row, values, key, name)
        self.completion(row, values)
        self.compare(row)
        return row

    def tool_id(self, values: list[object]) -> str:
        """The row's identifier in the tool it was exported from ("" if none)."""
        if self.plan.tool is None:
            return ""
        value = self.cell(values, EXTERNAL_ID)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value or "").strip()[:64]

    def external_id(self, row: RowPlan, values: list[object]) -> None:
        tool_id = self.tool_id(values)
        if not tool_id or self.plan.tool is None:
            return
        row.values["external_source"] = self.plan.tool.source.value
        row.values["external_id"] = tool_id

    def match(self, row: RowPlan, values: list[object]) -> Task | None:
        task = None
        tool_id = self.tool_id(values)
        if tool_id and self.plan.tool is not None:
            task = self.by_external.get((self.plan.tool.source.value, tool_id))
            if task is None:
                if tool_id in self.new_external:
                    self.problem(
                        row,
                        EXTERNAL_ID,
                        _("The same identifier is already on row %(row)s of the file.")
                        % {"row": self.new_external[tool_id]},
                    )
                self.new_external.setdefault(tool_id, row.row)
                # A task typed in by hand earlier is the same task if its title is; one that
                # came from the tool under another identifier is another task.
                by_title = self.by_title.get(normalise(row.title)) if row.title else None
                if by_title is not None and not by_title.external_id:
                    task = by_title
                if task is None:
                    return None
        raw_id = self.cell(values, "id") if task is None else None
        if raw_id not in (None, ""):
            try:
                task = self.by_id.get(int(str(raw_id)))
            except ValueError:
                self.problem(row, "id", _("The identifier must be a number."))
        if task is None and row.title:
            task = self.by_title.get(normalise(row.title))
        if task is None and row.title:
            self.note_new_title(row)
        if task is not None:
            if task.pk in self.seen:
                self.problem(
                    row,
                    "title",
                    _("The same task is already on row %(row)s of the file.")
                    % {"row": self.seen[task.pk]},
                )
            self.seen.setdefault(task.pk, row.row)
        return task

    def note_new_title(self, row: RowPlan) -> None:
        if row.title:
            key = normalise(row.title)
            if key in self.new_titles:
                self.problem(
                    row,
                    "title",
                    _("The same task is already on row %(row)s of the file.")
                    % {"row": self.new_titles[key]},
                )
            self.new_titles.setdefault(key, row.row)

    def theme(self, row: RowPlan, values: list[object]) -> None:
        name = str(self.cell(values, "theme") or self.cell(values, THEME_FALLBACK) or "")
        # A tool's export names each row's group; only a town's own list writes it once.
        grouped = self.plan.tool is None
        if not name and grouped and "theme" in self.positions and self.last_theme:
            # Grouped lists write the theme once and leave the cells below it blank (or merge
            # them, which reads the same): the preview shows the theme each row got.
            name = self.last_theme
        if not name:
            if row.task is not None:
                row.values["theme"] = row.task.theme
                return
            name = str(_("Imported tasks"))
        self.last_theme = name
        if len(name) > MAX_LENGTHS["theme"]:
            self.problem(row, "theme", _("The theme's name is longer than 120 characters."))
            return
        key = normalise(name)
        known = self.resolve_name(THEME, row, name, key, self.themes)
        if known is not None:
            row.values["theme"] = known
            return
        if key not in self.themes:
            self.themes[key] = name  # type: ignore[assignment]
            self.plan.new_themes.append(name)
        row.values["theme"] = self.themes[key]

    def owner(self, row: RowPlan, values: list[object]) -> list[str]:
        """Read the responsible person; returns the further names of the cell ("A; B", as
        Planner writes several assignees), who become collaborators."""
        text = str(self.cell(values, "owner") or self.cell(values, OWNER_FALLBACK) or "")
        names = [part.strip() for part in text.split(";") if part.strip()]
        name = names[0] if names else ""
        if not name:
            self.problem(row, "owner", _("Every task needs a responsible person."))
            return []
        if len(name) > MAX_LENGTHS["owner"]:
            self.problem(
                row, "owner", _("The responsible person's name is longer than 120 characters.")
            )
            return []
        key = normalise(name)
        known = self.resolve_name(OWNER, row, name, key, self.people)
        if known is not None:
            row.values["owner"] = known
            return names[1:]
        if key not in self.people:
            self.people[key] = name  # type: ignore[assignment]
            self.plan.new_people.append(name)
        row.values["owner"] = self.people[key]
        return names[1:]

    def collaborators(self, row: RowPlan, values: list[object]) -> None:
        if "collaborators" not in self.positions:
            return
        text = str(self.cell(values, "collaborators") or "")
        people: list[Person | str] = []
        units: list[str] = []
        for part in self.collaborator_parts(text):
            person = self.people.get(normalise(part))
            if person is not None:
                if person not in people:
                    people.append(person)
            else:
                units.append(part)
        row.values["collaborators"] = people
        existing_units = str(self.cell(values, "collaborating_units") or "")
        combined = "; ".join(value for value in (existing_units, "; ".join(units)) if value)
        if len(combined) > MAX_LENGTHS["collaborating_units"]:
            self.problem(
                row,
                "collaborators",
                _("The collaborators that are not people are longer than 300 characters."),
            )
        row.values["collaborating_units"] = combined

    def collaborator_parts(self, text: str) -> list[str]:
        """Semicolons and line breaks separate collaborators (the export writes "; "); a comma
        does too, unless the text between the semicolons is a known name such as
        "Virtanen, Matti"."""
        parts: list[str] = []
        for chunk in re.split(r"[;\n]+", text):
            chunk = chunk.strip()
            if not chunk:
                continue
            if normalise(chunk) in self.people or "," not in chunk:
                parts.append(chunk)
            else:
                parts.extend(p.strip() for p in chunk.split(",") if p.strip())
        return parts

    def schedule(self, row: RowPlan, values: list[object]) -> None:
        period = (self.roadmap.start_year, self.roadmap.end_year)
        start: Quarter | None = None
        due: Quarter | None = None
        if "schedule" in self.positions:
            parsed = self.parse(row, "schedule", self.cell(values, "schedule"), period)
            if parsed is not None:
                start, due = parsed.start, parsed.due
        for key in ("start", "due"):
            if key in self.positions:
                parsed = self.parse(row, key, self.cell(values, key), period)
                if parsed is not None:
                    value = (
                        parsed.start or parsed.due if key == "start" else parsed.due or parsed.start
                    )
                    if key == "start":
                        start = value
                    else:
                        due = value
        if not any(k in self.positions for k in ("schedule", "start", "due")):
            if row.task is not None:
                row.values["start"], row.values["due"] = row.task.start, row.task.due
            return
        outside = [(k, q) for k, q in (("start", start), ("due", due)) if q is not None]
        if start is not None and start == due:
            outside = outside[:1]  # one quarter, one message
        for key, quarter in outside:
            if not self.roadmap.contains_quarter(quarter):
                column = "schedule" if "schedule" in self.positions else key
                self.problem(
                    row,
                    column,
                    _("%(quarter)s is outside the roadmap period %(period)s.")
                    % {"quarter": quarter.label(), "period": self.roadmap.period_label},
                )
        if start and due and due < start:
            self.problem(
                row,
                "schedule" if "schedule" in self.positions else "due",
                _("The target end cannot be before the target start."),
            )
        row.values["start"] = str(start) if start else ""
        row.values["due"] = str(due) if due else ""

    def parse(
        self, row: RowPlan, key: str, value: object, period: tuple[int, int]
    ) -> Schedule | None:
        if isinstance(value, datetime.datetime | datetime.date):
            quarter = Quarter.of_date(value)
            return Schedule(quarter, quarter)
        if isinstance(value, int | float):
            value = str(int(value)) if math.isfinite(value) and value == int(value) else str(value)
        try:
            written = read_date_quarter(str(value or ""), self.date_order)
        except DateError as error:
            if error.code == "ambiguous":
                self.note_ambiguous_date(row, str(value))
            else:
                self.problem(
                    row,
                    key,
                    _("“%(text)s” is not a date of the calendar.") % {"text": value},
                )
            return None
        if written is not None:
            return Schedule(written, written)
        try:
            return parse_schedule(str(value or ""), period=period)
        except ScheduleError as error:
            if error.code == "empty":
                return None
            text = str(value)
            messages = {
                "order": _("In “%(text)s” the end is before the start."),
                "year": _("In “%(text)s” the year is not between 2000 and 2100."),
            }
            self.problem(
                row,
                key,
                messages.get(
                    error.code,
                    _(
                        "The schedule “%(text)s” cannot be read. Write it for example as "
                        "2024Q3, Q3/2024, 2024 Q1–Q2, syksy 2024, kevät 2025 or 2025."
                    ),
                )
                % {"text": text},
            )
            return None

    def choice(
        self, row: RowPlan, values: list[object], key: str, known: dict[str, str], default: str
    ) -> None:
        if key not in self.positions:
            row.values[key] = getattr(row.task, key) if row.task else default
            return
        text = normalise(self.cell(values, key))
        if not text:
            row.values[key] = getattr(row.task, key) if row.task else default
            return
        value = known.get(text)
        if value is None and key == "status":
            value = self.status_answer(row, text)
            if value is None:
                row.values[key] = getattr(row.task, key) if row.task else default
                return
        if value is None:
            choices = ", ".join(str(label) for label in _labels(key))
            self.problem(
                row,
                key,
                _("“%(text)s” is not one of: %(choices)s.") % {"text": text, "choices": choices},
            )
            return
        row.values[key] = value

    def yes_no(self, row: RowPlan, values: list[object], key: str, name: str) -> None:
        value = self.cell(values, key)
        text = normalise(value) if not isinstance(value, bool) else ("1" if value else "0")
        if text in YES:
            row.values[name] = True
        elif text in NO:
            row.values[name] = False
        else:
            self.problem(row, key, _("Write yes or no, not “%(text)s”.") % {"text": text})

    def completion(self, row: RowPlan, values: list[object]) -> None:
        if "completion" not in self.positions:
            return
        value = self.cell(values, "completion")
        if value in (None, ""):
            return
        number: float | None
        if isinstance(value, bool):
            number = None
        elif isinstance(value, int | float):
            # Percentage points: the reader has already turned "40 %"-formatted cells into 40.
            # A fraction below 1 in an unformatted cell is the share a spreadsheet would show
            # once formatted as a percentage: 0.25 is 25 %.
            number = value * 100 if 0 < value < 1 else value
        else:
            text = str(value).replace("%", "").replace(",", ".").replace("\u00a0", "").strip()
            try:
                number = float(text)
            except ValueError:
                number = None
            # "0,25" is a share as a fraction, "0,25 %" a quarter of a per cent.
            if number is not None and "%" not in str(value) and 0 < number < 1:
                number *= 100
        if number is None or not math.isfinite(number):
            self.problem(
                row,
                "completion",
                _("“%(text)s” is not a percentage from 0 to 100.") % {"text": value},
            )
            return
        if not 0 <= number <= 100:
            self.problem(
                row,
                "completion",
                _("%(number)s %% is not between 0 and 100.") % {"number": _plain(number)},
            )
            return
        completion = round(number)
        status = row.values.get("status")
        if status == Status.DONE and self.plan.tool is not None:
            # The tools let an issue be closed whatever its "% done" says; closed is finished.
            completion = 100
        if status == Status.DONE and completion != 100:
            self.problem(
                row, "completion", _("A done task is fully complete: enter 100 or another status.")
            )
        row.values["completion"] = completion
        before = row.task.shown_completion if row.task else 0
        if self.progress_quarter() is None and completion != before:
            self.problem(
                row,
                "completion",
                _("The roadmap period has not begun: completion cannot be recorded yet."),
            )

    def progress_quarter(self) -> Quarter | None:
        current = Quarter.of_date(self.today)
        if current < self.roadmap.first_quarter:
            return None
        return min(current, self.roadmap.last_quarter)

    def compare(self, row: RowPlan) -> None:
        task = row.task
        if task is None:
            return
        current: dict[str, Any] = {
            "title": task.title,
            "description": task.description,
            "unit": task.unit,
            "theme": task.theme.name,
            "owner": task.owner.name,
            "collaborators": sorted(p.pk for p in task.collaborators.all()),
            "collaborating_units": task.collaborating_units,
            "start": task.start,
            "due": task.due,
            "status": task.status,
            "kind": task.kind,
            "priority": task.priority,
            "quick_win": task.quick_win,
            "is_public": task.is_public,
            "completion": task.shown_completion,
            "external_source": task.external_source,
            "external_id": task.external_id,
        }
        for key, value in row.values.items():
            if isinstance(value, Theme | Person):
                value = value.name
            elif key == "collaborators":
                value = sorted(p.pk if isinstance(p, Person) else -1 for p in value)
            if key in current and current[key] != value:
                row.changes.append(key)
        row.action = "update" if row.changes else "unchanged"


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def _labels(key: str) -> list[Any]:
    choices = {"status": Status, "kind": Kind, "priority": Priority}[key]
    return [label for _value, label in choices.choices]


# Saving -------------------------------------------------------------------------------------


@transaction.atomic
def apply_import(
    *,
    actor: Actor,
    roadmap: Roadmap,
    plan: ImportPlan,
    today: datetime.date,
    progress: RowProgress | None = None,
) -> dict[str, int]:
    """Save every row of a plan without problems in one transaction; any error saves nothing.

    The roadmap's and progress's services take the Actor, so a system actor (the command line)
    names itself in their history rows; a progress entry keeps only the actor's user as its
    author (none for the command line)."""
    who = as_actor(actor)
    if not plan.ok:
        raise ImportRefused(_("The file has problems; nothing was imported."))
    try:
        people = {
            normalise(name): roadmap_services.create_person(
                actor=who, organisation=roadmap.organisation, name=name
            )
            for name in plan.new_people
        }
        palette = list(Colour.values)
        offset = Theme.objects.filter(roadmap=roadmap).count()
        themes = {
            normalise(name): roadmap_services.create_theme(
                actor=who,
                roadmap=roadmap,
                name=name,
                colour=palette[(offset + index) % len(palette)],
            )
            for index, name in enumerate(plan.new_themes)
        }
    except ValidationError as error:
        raise ImportRefused(" ".join(error.messages)) from error

    def person(value: Person | str) -> Person:
        return value if isinstance(value, Person) else people[normalise(value)]

    quarter = Quarter.of_date(today)
    quarter = min(quarter, roadmap.last_quarter)
    created = updated = recorded = 0
    report = progress or no_progress
    to_save = [row for row in plan.rows if row.action != "unchanged"]
    for done, row in enumerate(to_save):
        report(done, len(to_save))
        values = dict(row.values)
        theme = values.pop("theme")
        owner = values.pop("owner")
        completion = values.pop("completion", None)
        theme = theme if isinstance(theme, Theme) else themes[normalise(theme)]
        owner = person(owner)
        if "collaborators" in values:
            # A collaborator who is new to the organisation may be named before the row that
            # makes them an owner: now that they exist, they are people, not units.
            collaborators = [person(value) for value in values["collaborators"]]
            units = []
            for part in str(values.get("collaborating_units", "")).split(";"):
                part = part.strip()
                if normalise(part) in people:
                    collaborators.append(people[normalise(part)])
                elif part:
                    units.append(part)
            values["collaborators"] = list(dict.fromkeys(collaborators))
            values["collaborating_units"] = "; ".join(units)
        if row.task is not None:
            data = roadmap_services.TaskInput.from_task(row.task)
            data.theme, data.owner = theme, owner
        else:
            data = roadmap_services.TaskInput(title=row.title, theme=theme, owner=owner)
        for key, value in values.items():
            setattr(data, key, value)
        try:
            if row.task is None:
                task = roadmap_services.create_task(actor=who, roadmap=roadmap, data=data)
                created += 1
            else:
                task = roadmap_services.update_task(
                    actor=who, task=row.task, expected_version=row.task.version, data=data
                )
                updated += 1
            if completion is not None and completion != task.shown_completion:
                progress_services.record_progress(
                    actor=who,
                    task=task,
                    quarter=str(quarter),
                    completion=completion,
                    status=data.status,
                    note=_("Imported from %(file)s") % {"file": plan.filename},
                    today=today,
                )
                recorded += 1
        except ConflictError as error:
            raise ImportRefused(
                _("Row %(row)s: someone changed the task while the file was being imported.")
                % {"row": row.row}
            ) from error
        except ValidationError as error:
            raise ImportRefused(
                _("Row %(row)s: %(problem)s")
                % {"row": row.row, "problem": " ".join(error.messages)}
            ) from error
    return {
        "created": created,
        "updated": updated,
        "unchanged": plan.count("unchanged"),
        "people": len(people),
        "themes": len(themes),
        "progress": recorded,
    }


class TaskImporter(Importer[ImportPlan]):
    """A town's task list into a roadmap's tasks, people and themes."""

    kind = ImportKind.TASKS
    capability = Capability.TASK_IMPORT
    url_name = "imports:tasks"
    upload_template = "imports/tasks/upload.html"
    preview_template = "imports/tasks/preview.html"
    file_label = gettext_lazy("Task list (.xlsx or .csv)")
    done_url_name = "roadmap:overview"

    def plan(
        self,
        roadmap: Roadmap,
        content: bytes,
        filename: str,
        today: datetime.date,
        answers: ImportAnswers | None = None,
    ) -> ImportPlan:
        return plan_import(roadmap, content, filename, today, answers)

    def apply(
        self,
        *,
        actor: Actor,
        roadmap: Roadmap,
        plan: ImportPlan,
        today: datetime.date,
        progress: RowProgress | None = None,
    ) -> dict[str, int]:
        return apply_import(actor=actor, roadmap=roadmap, plan=plan, today=today, progress=progress)

    def imported_message(self, summary: dict[str, int]) -> str:
        return (
            _(
                "Imported: %(created)s new tasks, %(updated)s updated, %(unchanged)s "
                "unchanged; %(people)s people and %(themes)s themes added."
            )
            % summary
        )


TASKS = TaskImporter()
