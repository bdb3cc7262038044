"""Every idea of an organisation as a spreadsheet (.xlsx) or CSV, for the page's download and
`manage.py export_ideas`. Headers in the reader's language; the CSV is UTF-8 with a BOM and
semicolons, as the roadmap's, so that Finnish Excel opens it by double-click; text that a
spreadsheet would run as a formula is kept as text."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

from django.utils.translation import gettext as _

from tiekartta.accounts.models import Organisation
from tiekartta.core.spreadsheets import DATE_FORMAT, safe_text, workbook_bytes, write_sheet
from tiekartta.ideas.selectors import export_rows

FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
# (key of export_rows, column width in the workbook)
COLUMNS = (
    ("id", 10),
    ("title", 48),
    ("description", 60),
    ("theme", 24),
    ("source", 24),
    ("event", 30),
    ("received_on", 12),
    ("submitter", 24),
    ("status", 14),
    ("reason", 48),
    ("merged_into", 12),
    ("task", 40),
    ("roadmap", 24),
    ("public", 10),
    ("impact", 10),
    ("effort", 10),
    ("fit", 10),
    ("scorers", 10),
    ("dots", 10),
    ("priority", 10),
)


def headers() -> list[str]:
    titles = {
        "id": _("Identifier"),
        "title": _("Title"),
        "description": _("Description"),
        "theme": _("Theme"),
        "source": _("Source"),
        "event": _("Source event"),
        "received_on": _("Date"),
        "submitter": _("Proposed by"),
        "status": _("Status"),
        "reason": _("Reason"),
        "merged_into": _("Merged into"),
        "task": _("Task"),
        "roadmap": _("Roadmap"),
        "public": _("Public"),
        "impact": _("Impact"),
        "effort": _("Effort"),
        "fit": _("Strategic fit"),
        "scorers": _("Scored by"),
        "dots": _("Dots"),
        "priority": _("Priority"),
    }
    return [str(titles[key]) for key, _width in COLUMNS]


def _plain(value: Any) -> Any:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return value


def filename(organisation: Organisation, kind: str) -> str:
    return f"{organisation.slug}-ideas.{kind}"


def export(organisation: Organisation, kind: str) -> tuple[bytes, str]:
    """The file's bytes and its content type."""
    rows = ([_plain(row[key]) for key, _width in COLUMNS] for row in export_rows(organisation))
    if kind == "csv":
        return _csv(rows), FORMATS["csv"]
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    date_column = [key for key, _width in COLUMNS].index("received_on")
    write_sheet(
        workbook,
        str(_("Ideas")),
        headers(),
        [width for _key, width in COLUMNS],
        rows,
        {date_column: DATE_FORMAT},
    )
    return workbook_bytes(workbook), FORMATS["xlsx"]


def _csv(rows: Any) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(headers())
    for row in rows:
        writer.writerow(
            [
                value.isoformat()
                if isinstance(value, datetime.date)
                else safe_text(str(value))
                if isinstance(value, str)
                else value
                for value in row
            ]
        )
    return buffer.getvalue().encode("utf-8")
