"""The roadmap as a spreadsheet (.xlsx with tasks, progress history, people, themes, metrics and
metric values; .csv of the tasks) and the task list attachment (.xlsx). The task sheet is also
the import format: its headers are in the user's language and the importer recognises them in
every language."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tiekartta.accounts.events import record_event
from tiekartta.accounts.models import EventKind
from tiekartta.core.spreadsheets import (  # noqa: F401  # the exports' public names
    DATE_FORMAT,
    DATETIME_FORMAT,
    FORMULA_STARTS,
    printable,
    safe_text,
    workbook_bytes,
    write_sheet,
)
from tiekartta.metrics.formatting import plain
from tiekartta.metrics.models import Channel, Direction, Metric, Unit
from tiekartta.metrics.periods import Frequency
from tiekartta.metrics.rules import MetricStatus
from tiekartta.metrics.selectors import build_rows, metrics_with_values
from tiekartta.progress.models import ProgressEntry
from tiekartta.roadmap.columns import column_titles
from tiekartta.roadmap.models import (
    FollowUpSettings,
    Kind,
    Person,
    Priority,
    Roadmap,
    Status,
    Task,
    Theme,
)

# openpyxl is imported where a workbook is written: a web worker that serves no spreadsheet
# does not load it (tests/test_startup_imports.py).
if TYPE_CHECKING:
    from openpyxl import Workbook


# Completion is a whole number of percentage points shown with a percent sign: a true Excel
# percentage would store 100 % as 1, which reads back as 1 %.
PERCENT_FORMAT = '0" %"'


@dataclass(frozen=True)
class Column:
    key: str
    width: int


TASK_COLUMNS = (
    Column("id", 10),
    Column("theme", 28),
    Column("title", 48),
    Column("description", 60),
    Column("kind", 16),
    Column("owner", 28),
    Column("collaborators", 36),
    Column("collaborating_units", 30),
    Column("unit", 20),
    Column("start", 11),
    Column("due", 11),
    Column("status", 14),
    Column("completion", 13),
    Column("priority", 11),
    Column("quick_win", 11),
    Column("public", 10),
)


def _tasks(roadmap: Roadmap) -> list[Task]:
    return list(
        Task.objects.filter(roadmap=roadmap).for_listing().prefetch_related("collaborators")
    )


class _Labels:
    """Choice labels translated once per export, not once per cell."""

    def __init__(self) -> None:
        self.kind = {value: str(label) for value, label in Kind.choices}
        self.status = {value: str(label) for value, label in Status.choices}
        self.priority = {value: str(label) for value, label in Priority.choices}
        self.yes_no = {True: str(_("Yes")), False: str(_("No"))}


def task_values(task: Task, labels: _Labels | None = None) -> dict[str, Any]:
    labels = labels or _Labels()
    return {
        "id": task.pk,
        "theme": task.theme.name,
        "title": task.title,
        "description": task.description,
        "kind": labels.kind[task.kind],
        "owner": task.owner.name,
        "collaborators": "; ".join(p.name for p in task.collaborators.all()),
        "collaborating_units": task.collaborating_units,
        "unit": task.unit,
        "start": task.start,
        "due": task.due,
        "status": labels.status[task.status],
        "completion": task.shown_completion,
        "priority": labels.priority[task.priority],
        "quick_win": labels.yes_no[task.quick_win],
        "public": labels.yes_no[task.is_public],
    }


def roadmap_xlsx(roadmap: Roadmap) -> bytes:
    """Six sheets: tasks (the import format, so first), progress history, people, themes,
    metrics and metric values."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    titles = column_titles()
    tasks = _tasks(roadmap)
    labels = _Labels()
    completion_index = [c.key for c in TASK_COLUMNS].index("completion")
    write_sheet(
        workbook,
        str(_("Tasks")),
        [titles[c.key] for c in TASK_COLUMNS],
        [c.width for c in TASK_COLUMNS],
        ([task_values(task, labels)[c.key] for c in TASK_COLUMNS] for task in tasks),
        {completion_index: PERCENT_FORMAT},
    )
    entries = (
        ProgressEntry.objects.filter(task__roadmap=roadmap)
        .select_related("task", "author", "review")
        .order_by("task__title", "quarter", "recorded_at", "pk")
    )
    write_sheet(
        workbook,
        str(_("Progress history")),
        [
            _("Identifier"),
            _("Task"),
            _("Quarter"),
            _("Completion (%)"),
            _("Status"),
            _("Note"),
            _("Recorded"),
            _("Recorded by"),
            _("Review meeting"),
        ],
        [10, 48, 10, 13, 14, 60, 18, 24, 14],
        (
            [
                entry.task_id,
                entry.task.title,
                entry.quarter,
                entry.completion,
                labels.status[entry.status],
                entry.note,
                timezone.localtime(entry.recorded_at).replace(tzinfo=None),
                str(entry.author) if entry.author else "",
                entry.review.meeting_date if entry.review else None,
            ]
            for entry in entries
        ),
        {3: PERCENT_FORMAT, 6: DATETIME_FORMAT, 8: DATE_FORMAT},
    )
    people = Person.objects.filter(organisation=roadmap.organisation).order_by("name")
    write_sheet(
        workbook,
        str(_("People")),
        [_("Name"), _("Title or role"), _("Unit"), _("E-mail")],
        [32, 32, 24, 32],
        ([p.name, p.title, p.unit, p.email] for p in people),
    )
    themes = Theme.objects.filter(roadmap=roadmap).in_display_order()
    write_sheet(
        workbook,
        str(_("Themes")),
        [_("Name"), _("Strategic spearhead"), _("Description")],
        [36, 14, 80],
        ([t.name, labels.yes_no[t.is_spearhead], t.description] for t in themes),
    )
    _metric_sheets(workbook, roadmap, labels)
    return workbook_bytes(workbook)


def _number(value: Decimal | None) -> Decimal | None:
    """41.5000 is written as 41.5: the cell holds the number as it was entered."""
    return plain(value) if value is not None else None


def _metric_sheets(workbook: Workbook, roadmap: Roadmap, labels: _Labels) -> None:
    """The metrics with where each stands today, then every recorded value: five queries."""
    metrics = metrics_with_values(roadmap).prefetch_related(
        Prefetch("tasks", queryset=Task.objects.order_by("theme__order", "order", "pk"))
    )
    grace_days = FollowUpSettings.for_organisation(roadmap.organisation).metric_grace_days
    rows, _summary = build_rows(metrics, timezone.localdate(), grace_days)
    unit = {value: str(label) for value, label in Unit.choices}
    direction = {value: str(label) for value, label in Direction.choices}
    frequency = {value: str(label) for value, label in Frequency.choices}
    status = {value: str(label) for value, label in MetricStatus.choices}
    channel = {value: str(label) for value, label in Channel.choices}

    def definition(metric: Metric) -> list[Any]:
        tasks = list(metric.tasks.all())
        return [
            metric.pk,
            metric.name,
            metric.theme.name if metric.theme else "",
            metric.owner.name,
            metric.unit_label or unit[metric.unit],
            direction[metric.direction],
            frequency[metric.frequency],
            _number(metric.baseline_value),
            metric.baseline_date,
            _number(metric.target_value),
            metric.target_date,
            "; ".join(f"{m.year}: {plain(m.value)}" for m in metric.milestones.all()),
            "; ".join(str(task.pk) for task in tasks),
            "; ".join(task.title for task in tasks),
        ]

    write_sheet(
        workbook,
        str(_("Metrics")),
        [
            _("Identifier"),
            _("Metric"),
            _("Theme"),
            _("Responsible person"),
            pgettext("unit of measurement", "Unit"),
            _("Direction"),
            _("Update frequency"),
            _("Baseline value"),
            _("Baseline date"),
            _("Target value"),
            _("Target date"),
            _("Intermediate targets"),
            _("Linked task identifiers"),
            _("Linked tasks"),
            _("Latest value"),
            _("Latest period"),
            _("Status"),
            _("Stale"),
        ],
        [10, 40, 28, 28, 14, 18, 14, 13, 12, 13, 12, 28, 16, 48, 13, 11, 14, 9],
        (
            [
                *definition(row.metric),
                _number(row.state.latest.value) if row.state.latest else None,
                str(row.state.latest.period) if row.state.latest else "",
                status[row.state.status],
                labels.yes_no[row.state.is_stale],
            ]
            for row in rows
        ),
        {8: DATE_FORMAT, 10: DATE_FORMAT},
    )
    write_sheet(
        workbook,
        str(_("Metric values")),
        [
            _("Identifier"),
            _("Metric"),
            _("Period"),
            _("Value"),
            _("Note"),
            _("Source"),
            _("Recorded through"),
            _("Recorded"),
            _("Recorded by"),
        ],
        [10, 40, 10, 13, 60, 28, 16, 18, 24],
        (
            [
                row.metric.pk,
                row.metric.name,
                value.period,
                _number(value.value),
                value.note,
                value.source,
                channel[value.channel],
                timezone.localtime(value.recorded_at).replace(tzinfo=None),
                str(value.recorded_by) if value.recorded_by else "",
            ]
            for row in rows
            # Every recorded value, also one for a period that has not begun.
            for value in getattr(row.metric, "value_list", [])
        ),
        {7: DATETIME_FORMAT},
    )


def roadmap_csv(roadmap: Roadmap) -> bytes:
    """The task sheet as CSV: UTF-8 with a byte order mark and semicolons, as Finnish Excel
    opens it by double-click; percentages as whole numbers."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    titles = column_titles()
    writer.writerow([titles[c.key] for c in TASK_COLUMNS])
    labels = _Labels()
    for task in _tasks(roadmap):
        values = task_values(task, labels)
        writer.writerow(
            [
                safe_text(value) if isinstance(value, str) else value
                for value in (values[c.key] for c in TASK_COLUMNS)
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


ATTACHMENT_KEYS = ("theme", "title", "owner", "collaborators", "start", "due", "status")


def attachment_xlsx(roadmap: Roadmap) -> bytes:
    """The task list attachment (liite): every task by theme, one sheet."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    titles = column_titles()
    widths = {c.key: c.width for c in TASK_COLUMNS}
    keys = [*ATTACHMENT_KEYS, "completion"]
    labels = _Labels()
    write_sheet(
        workbook,
        str(_("Task list")),
        [titles[key] for key in keys],
        [widths[key] for key in keys],
        (_attachment_row(task_values(task, labels), keys) for task in _tasks(roadmap)),
        {len(keys) - 1: PERCENT_FORMAT},
    )
    return workbook_bytes(workbook)


def _attachment_row(values: dict[str, Any], keys: list[str]) -> list[Any]:
    units = values["collaborating_units"]
    values["collaborators"] = "; ".join(v for v in (values["collaborators"], units) if v)
    return [values[key] for key in keys]


# The exports that carry people's personal data: the .xlsx has the people sheet (names, titles,
# e-mail addresses), the .csv the tasks' owners and collaborators by name.
PERSONAL_DATA_EXPORTS = ("xlsx", "csv")


def record_personal_data_export(*, actor: Any, roadmap: Roadmap, kind: str) -> None:
    """Leave an audit event for an export of personal data (call it in the export's
    transaction); `actor` is a user, an Actor or None."""
    record_event(
        actor=actor,
        organisation=roadmap.organisation,
        kind=EventKind.PERSONAL_DATA_EXPORT,
        subject=f"{roadmap.slug}.{kind}",
        data={"roadmap": roadmap.pk, "format": kind},
    )
