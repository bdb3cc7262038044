"""The interim report and the task list attachment as files: PDF (WeasyPrint) and Word
(python-docx). The PDF renders the same template body as the web page; the Word document walks
the same report object with the same translated wording."""

from __future__ import annotations

import functools
import io
import re
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from PIL import Image, ImageDraw

from tiekartta.progress.charts import LineChart
from tiekartta.reports.exports import printable
from tiekartta.reports.interim import InterimReport, ReportMetric, ReportMetrics, ReportTask
from tiekartta.roadmap.models import Roadmap, Status, Task


@functools.cache
def _stylesheet() -> Any:
    """Parsed once per process: parsing the stylesheet costs more than a small document."""
    from weasyprint import CSS  # imported here: loading Pango costs time at start-up

    return CSS(filename=finders.find("css/document.css"))


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template, context)
    # PDF/UA: tagged headings, tables and reading order, with the document's language.
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(  # type: ignore[no-any-return]
        stylesheets=[_stylesheet()], pdf_variant="pdf/ua-1"
    )


def interim_pdf(report: InterimReport) -> bytes:
    return render_pdf("reports/interim_document.html", {"report": report})


def attachment_context(roadmap: Roadmap) -> tuple[str, dict[str, Any]]:
    """The task list attachment's template and context."""
    tasks = list(
        Task.objects.filter(roadmap=roadmap).for_listing().prefetch_related("collaborators")
    )
    groups: dict[int, dict[str, Any]] = {}
    for task in tasks:
        groups.setdefault(task.theme_id, {"theme": task.theme, "tasks": []})["tasks"].append(task)
    return (
        "reports/attachment_document.html",
        {
            "roadmap": roadmap,
            "organisation": roadmap.organisation,
            "groups": list(groups.values()),
            "generated": timezone.localdate(),
        },
    )


def attachment_pdf(roadmap: Roadmap) -> bytes:
    return render_pdf(*attachment_context(roadmap))


# Word -----------------------------------------------------------------------------------------


def _date(value: Any) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def _short_date(value: Any) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


WORD_LANGUAGES = {"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}


def _set_language(document: Any, language: str) -> None:
    """The text's language in Word's own terms, so proofing and screen readers read it right
    (the template says en-US)."""
    code = WORD_LANGUAGES.get(language[:2], language)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_properties.append(lang)
    lang.set(qn("w:val"), code)


def _repeat_header(row: Any) -> None:
    """Mark a table's first row as a header row: Word repeats it on each page and screen
    readers announce it as the column headings."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _table(document: Any, headers: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = printable(text)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    _repeat_header(table.rows[0])
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = printable(text)


def _task_rows(tasks: list[ReportTask], columns: str = "full") -> tuple[list[str], list[list[str]]]:
    """The same columns as the web page's and the PDF's task tables (reports/_task_table.html):
    by theme with the risk flag (or the status of a closed task); for late tasks without it;
    only who and when for completed ones."""
    headers = [_("Task"), _("Responsible person"), _("Schedule")]
    if columns != "completed":
        headers.append(_("Completion"))
    if columns == "full":
        headers.append(_("Schedule risk"))
    if columns != "completed":
        headers.append(_("Latest note"))
    rows = []
    for t in tasks:
        row = [t.title, t.owner, t.schedule or "–"]
        if columns != "completed":
            row.append(f"{t.completion} %")
        if columns == "full":
            # Done and cancelled tasks have no risk flag: their status says where they stand.
            closed = t.status in (Status.DONE, Status.CANCELLED)
            row.append(t.status_label if closed else t.flag_label or "–")
        if columns != "completed":
            row.append(t.note or "–")
        rows.append(row)
    return headers, rows


def _metric_rows(metrics: list[ReportMetric]) -> tuple[list[str], list[list[str]]]:
    """The same columns as the web page's and the PDF's metric tables
    (reports/_metric_table.html)."""
    headers = [
        _("Metric"),
        _("Responsible person"),
        _("Baseline"),
        _("Latest value"),
        _("Change since baseline"),
        _("Target"),
        _("Status"),
        pgettext("whether a metric's values are up to date", "Values"),
    ]
    rows = [
        [
            m.name,
            m.owner,
            f"{m.baseline} ({_short_date(m.baseline_date)})" if m.baseline else "–",
            f"{m.latest} ({m.latest_period})" if m.latest else "–",
            m.change or "–",
            f"{m.target} ({_short_date(m.target_date)})",
            m.status_label,
            m.freshness_label,
        ]
        for m in metrics
    ]
    return headers, rows


def _metrics_section(document: Any, metrics: ReportMetrics) -> None:
    document.add_heading(_("Metrics"), level=1)
    _table(document, [_("Status"), _("Metrics")], [[label, str(n)] for label, n in metrics.counts])
    for group in metrics.groups:
        name = group.name + (f" ({_('Spearhead')})" if group.is_spearhead else "")
        document.add_heading(printable(name), level=2)
        _table(document, *_metric_rows(group.metrics))


def chart_png(chart: LineChart, scale: int = 2) -> bytes:
    """The SVG chart's geometry drawn again as a PNG, for documents that take no SVG."""
    image = Image.new("RGB", (chart.width * scale, chart.height * scale), "white")
    draw = ImageDraw.Draw(image)
    colours = {"actual": (11, 92, 173), "planned": (107, 116, 128)}
    for tick in chart.y_ticks:
        y = tick.position * scale
        draw.line([(chart.left * scale, y), (chart.right * scale, y)], fill=(221, 225, 230))
        draw.text((4 * scale, y - 6 * scale), tick.label, fill=(74, 80, 88))
    for tick in chart.x_ticks:
        x = tick.position * scale
        draw.text((x - 8 * scale, (chart.bottom + 6) * scale), tick.label, fill=(74, 80, 88))
        if tick.sublabel:
            draw.text(
                (x - 12 * scale, (chart.bottom + 20) * scale), tick.sublabel, fill=(74, 80, 88)
            )
    if chart.marker_x is not None:
        x = chart.marker_x * scale
        draw.line([(x, chart.top * scale), (x, chart.bottom * scale)], fill=(179, 38, 30), width=2)
    for line in chart.lines:
        points = [(p.x * scale, p.y * scale) for p in line.points]
        colour = colours.get(line.key, (0, 0, 0))
        if len(points) > 1:
            draw.line(points, fill=colour, width=3 * scale)
        for x, y in points:
            draw.ellipse([x - 4, y - 4, x + 4, y + 4], fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def interim_docx(report: InterimReport) -> bytes:
    document = Document()
    core = document.core_properties
    core.title = printable(f"{report.roadmap}: {report.title}")
    core.author = report.organisation
    core.language = get_language() or settings.LANGUAGE_CODE
    document.styles["Normal"].font.size = Pt(10)
    _set_language(document, core.language)

    document.add_paragraph(printable(report.organisation))
    document.add_heading(printable(f"{report.roadmap}: {report.title}"), level=0)
    document.add_paragraph(
        _("Situation on %(date)s · planning period %(period)s")
        % {"date": _date(report.as_of), "period": report.period}
    )
    if report.foreword:
        document.add_heading(_("Foreword"), level=1)
        # Paragraphs as the web page's linebreaks filter makes them: split on blank lines,
        # whichever line ends the browser sent.
        text = report.foreword.replace("\r\n", "\n").replace("\r", "\n")
        for paragraph in re.split(r"\n\s*\n", text):
            if paragraph.strip():
                document.add_paragraph(printable(paragraph.strip()))

    document.add_heading(_("Summary"), level=1)
    headers = [_("Figure"), _short_date(report.as_of)]
    previous = report.previous
    if previous and report.previous_as_of:
        headers += [
            _short_date(report.previous_as_of),
            pgettext("difference in percentage points", "Change"),
        ]

    def line(label: str, now: str, then: str = "", change: str = "") -> list[str]:
        return [label, now, then, change] if previous else [label, now]

    def signed(value: int | None) -> str:
        return "" if value is None else f"{'+' if value > 0 else ''}{value}"

    figures = report.figures
    rows = [
        line(
            _("Overall completion"),
            f"{figures.overall} %",
            f"{previous.overall} %" if previous else "",
            signed(report.change_overall),
        ),
        line(
            _("Weighted by planned duration"),
            f"{figures.weighted} %",
            f"{previous.weighted} %" if previous else "",
        ),
        line(_("Tasks"), str(figures.total)),
        line(
            _("Done"),
            str(figures.done),
            str(previous.done) if previous else "",
            signed(report.change_done),
        ),
        line(
            _("In progress"),
            str(figures.in_progress),
            str(previous.in_progress) if previous else "",
        ),
        line(_("Late"), str(figures.late), str(previous.late) if previous else ""),
        line(
            _("Not started"),
            str(figures.not_started),
            str(previous.not_started) if previous else "",
        ),
    ]
    _table(document, headers, rows)

    document.add_heading(_("Completion over the period"), level=1)
    picture = document.add_picture(io.BytesIO(chart_png(report.burn_up)), width=Cm(16))
    description = _("Average completion at the end of each quarter, recorded and planned")
    picture._inline.docPr.set("descr", description)
    _table(
        document,
        [_("Quarter"), _("Recorded"), _("Planned")],
        [
            [q.label(), f"{actual} %" if actual is not None else "–", f"{planned} %"]
            for q, actual, planned in report.burn_up_rows
        ],
    )

    if report.metrics:
        _metrics_section(document, report.metrics)

    document.add_heading(_("Tasks by theme"), level=1)
    for theme in report.themes:
        name = theme.name + (f" ({_('Spearhead')})" if theme.is_spearhead else "")
        document.add_heading(printable(f"{name} · {theme.completion} %"), level=2)
        _table(document, *_task_rows(theme.tasks))

    document.add_heading(_("Completed tasks"), level=1)
    if report.completed:
        _table(document, *_task_rows(report.completed, "completed"))
    else:
        document.add_paragraph(_("No task has been completed yet."))
    document.add_heading(_("Late tasks"), level=1)
    if report.late:
        _table(document, *_task_rows(report.late, "late"))
    else:
        document.add_paragraph(_("No late tasks."))
    document.add_heading(_("Changes to the plan"), level=1)
    if report.plan_changes:
        _table(
            document,
            [_("Date"), _("Task"), _("What changed"), _("By")],
            [[_short_date(c.when), c.task, c.description, c.who] for c in report.plan_changes],
        )
    else:
        document.add_paragraph(_("The plan has not changed since the period began."))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
