"""The changes between two versions of the plan as a Word document, for the decision maker's
papers: the same content as the comparison page, themes and tasks by theme, metrics."""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from docx import Document
from docx.shared import Mm, Pt

from tiekartta.core.spreadsheets import printable
from tiekartta.core.wordprocessing import repeat_header, set_language
from tiekartta.plans.diff import ADDED, REMOVED, Change, PlanDiff
from tiekartta.plans.models import PlanVersion
from tiekartta.roadmap.models import Roadmap


def _kind(change: Change) -> str:
    if change.kind == ADDED:
        return _("Added")
    if change.kind == REMOVED:
        return _("Removed")
    return _("Changed")


def diff_docx(
    roadmap: Roadmap,
    *,
    diff: PlanDiff,
    before_label: str,
    after_label: str,
    before_version: PlanVersion | None = None,
    after_version: PlanVersion | None = None,
) -> bytes:
    document = Document()
    set_language(document, get_language() or settings.LANGUAGE_CODE)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    document.styles["Normal"].font.size = Pt(10)
    document.core_properties.title = printable(f"{roadmap.title}: {_('Changes in the plan')}")
    document.add_heading(printable(_("Changes in the plan")), level=0)
    document.add_paragraph(printable(f"{roadmap.title}: {before_label} → {after_label}"))
    if after_version is not None:
        document.add_paragraph(
            printable(
                _("Adopted %(date)s, %(decision)s.")
                % {
                    "date": formats.date_format(after_version.decided_on, "SHORT_DATE_FORMAT"),
                    "decision": after_version.decision_label,
                }
            )
        )
    counts = diff.counts
    document.add_paragraph(
        printable(
            _(
                "Tasks added %(added)s, dropped %(removed)s, changed %(changed)s "
                "(rescheduled %(rescheduled)s, reassigned %(reassigned)s)."
            )
            % counts.__dict__
        )
    )
    if diff.is_empty:
        document.add_paragraph(_("No differences in the plan."))
    if diff.themes:
        document.add_heading(_("Themes"), level=1)
        for change in diff.themes:
            details = "; ".join(f"{f.label} {f.before} → {f.after}" for f in change.fields)
            document.add_paragraph(
                printable(f"{_kind(change)}: {change.name}" + (f" ({details})" if details else "")),
                style="List Bullet",
            )
    for group in diff.groups:
        document.add_heading(printable(group.name), level=1)
        _task_table(document, group.tasks)
    if diff.metrics:
        document.add_heading(_("Metrics"), level=1)
        for change in diff.metrics:
            details = "; ".join(
                f"{f.label} {f.before or '—'} → {f.after or '—'}" for f in change.fields
            )
            document.add_paragraph(
                printable(f"{_kind(change)}: {change.name}" + (f" ({details})" if details else "")),
                style="List Bullet",
            )
    footer = section.footer.paragraphs[0]
    footer.text = printable(
        _("Made %(date)s with Tiekartta")
        % {"date": formats.date_format(timezone.localdate(), "SHORT_DATE_FORMAT")}
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _task_table(document: Any, changes: list[Change]) -> None:
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells,
        (_("Task"), _("Change"), _("Field"), _("Before"), _("After")),
        strict=True,
    ):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    repeat_header(table.rows[0])
    for change in changes:
        if change.kind == ADDED or change.kind == REMOVED or not change.fields:
            row = table.add_row().cells
            row[0].text = printable(change.name)
            row[1].text = _kind(change)
            details = "; ".join(f"{f.label}: {f.after}" for f in change.fields)
            merged = row[2].merge(row[4])
            merged.text = printable(details)
            continue
        for index, field in enumerate(change.fields):
            row = table.add_row().cells
            if index == 0:
                row[0].text = printable(change.name)
                row[1].text = _kind(change)
            row[2].text = printable(field.label)
            row[3].text = printable(field.before or "—")
            row[4].text = printable(field.after or "—")
