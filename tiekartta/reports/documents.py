"""The interim report and the task list attachment as files: PDF (WeasyPrint) and Word
(python-docx). The PDF renders the same template body as the web page; the Word document walks
the same report object with the same translated wording."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import get_language, ngettext, pgettext
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Mm, Pt, Twips
from PIL import Image, ImageDraw

from tiekartta.core import pdf
from tiekartta.core.charts import LineChart
from tiekartta.core.context_processors import content_language
from tiekartta.core.translations import TranslatedText, current_languages, using_languages
from tiekartta.core.wordprocessing import WORD_LANGUAGES, repeat_header, set_language
from tiekartta.reports.exports import printable
from tiekartta.reports.interim import (
    InterimReport,
    ReportExperiments,
    ReportMetric,
    ReportMetrics,
    ReportTask,
)
from tiekartta.reports.plan_life import baseline_text, carry_over_text
from tiekartta.reports.provenance import ReportProvenance
from tiekartta.roadmap.models import Roadmap, Status, Task


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    # No request here, so no context processors: the content's language is added by hand.
    context = {**content_language(), **context}
    return pdf.render_pdf(render_to_string(template, context), base_url=str(settings.BASE_DIR))


def interim_pdf(report: InterimReport) -> bytes:
    """In the active language (the report's): its versions of the texts, the primary text of
    a missing one marked with its language."""
    with using_languages(report.languages):
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


def _language_of(text: Any) -> str:
    """A language version's own language; anything else users typed is in the organisation's
    primary language."""
    if isinstance(text, TranslatedText):
        return text.lang
    return current_languages().primary


def _in_content_language(runs: Any, text: Any = None) -> None:
    """What users typed is in its own language (`text`'s, else the organisation's primary
    one): when the document is in another, its runs say so (the Word counterpart of the PDF's
    lang="fi", WCAG 3.1.2)."""
    language = _language_of(text)
    if (get_language() or settings.LANGUAGE_CODE)[:2] == language:
        return
    for run in runs:
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), WORD_LANGUAGES.get(language, language))
        run._r.get_or_add_rPr().append(lang)


def _content_paragraph(paragraph: Any, text: str) -> Any:
    _in_content_language([paragraph.add_run(printable(text))], text)
    return paragraph


def _page_setup(document: Any) -> None:
    """A4 portrait with 2 cm margins (python-docx's template is US Letter)."""
    for section in document.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin = section.bottom_margin = Mm(20)
        section.left_margin = section.right_margin = Mm(20)
        section.header_distance = section.footer_distance = Mm(10)


def _field(paragraph: Any, instruction: str, shown: str, *, dirty: bool = False) -> None:
    """A field as Word writes one (begin, instruction, separate, result, end). Word and
    LibreOffice show the result until the fields are updated; a dirty field is updated on
    opening."""

    def mark(kind: str) -> None:
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        if dirty and kind == "begin":
            char.set(qn("w:dirty"), "true")
        paragraph.add_run()._r.append(char)

    mark("begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    mark("separate")
    paragraph.add_run(shown)
    mark("end")


def _footer(document: Any, title: str) -> None:
    """The title on the left, "page / pages" on the right, as in the PDF."""
    section = document.sections[0]
    paragraph = section.footer.paragraphs[0]
    paragraph.style = "Footer"
    # The template's Footer style has its tab stops where US Letter's text ends: one right stop
    # at A4's text edge instead.
    tabs = document.styles["Footer"].paragraph_format.tab_stops
    tabs.clear_all()
    width = section.page_width - section.left_margin - section.right_margin
    tabs.add_tab_stop(Length(width), WD_TAB_ALIGNMENT.RIGHT)
    paragraph.add_run(f"{title}\t")
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(" / ")
    _field(paragraph, "NUMPAGES", "1")
    for run in paragraph.runs:
        run.font.size = Pt(8)


def _contents(document: Any) -> None:
    """A table of contents over the headings (levels 1–2). Word fills it in when it updates the
    fields, which it offers to do on opening; until then the note says how."""
    document.add_paragraph(_("Contents"), style="TOC Heading")
    note = _(
        "Update the fields to fill in the contents: in Word, right-click here and choose "
        "Update Field; in LibreOffice, choose Tools > Update > Update All."
    )
    _field(document.add_paragraph(), r'TOC \o "1-2" \h \z \u', note, dirty=True)
    document.add_page_break()


# Where the settings that are added go among those of python-docx's template: Word reads
# w:settings in the schema's order.
SETTINGS_ORDER = (
    "w:zoom",
    "w:proofState",
    "w:defaultTabStop",
    "w:autoHyphenation",
    "w:characterSpacingControl",
    "w:savePreviewPicture",
    "w:updateFields",
    "w:compat",
    "w:rsids",
    "m:mathPr",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotAutoCompressPictures",
    "w:shapeDefaults",
    "w:decimalSymbol",
    "w:listSeparator",
)


def _setting(document: Any, name: str) -> None:
    """Turn a setting on: w:updateFields (Word offers to update the fields, and so the
    contents, on opening), w:autoHyphenation (long words hyphenated in narrow columns)."""
    settings_element = document.settings.element
    if settings_element.find(qn(name)) is not None:
        return
    element = OxmlElement(name)
    element.set(qn("w:val"), "true")
    later = {qn(tag) for tag in SETTINGS_ORDER[SETTINGS_ORDER.index(name) + 1 :]}
    following = next((child for child in settings_element if child.tag in later), None)
    if following is None:
        settings_element.append(element)
    else:
        following.addprevious(element)


# The columns' shares of the text width, as in the PDF (css/document.css): titles and notes
# wide, percentages and statuses narrow. Word lays a table out by its cells' widths (w:tcW) and
# LibreOffice by its grid (w:gridCol): both are set, to the same widths.
TASK_WIDTHS = {
    "full": (25, 17, 13, 10, 11, 24),
    "late": (29, 18, 13, 10, 30),
    "completed": (55, 27, 18),
}
METRIC_WIDTHS = (19, 14, 12, 12, 10, 12, 11, 10)
CHANGE_WIDTHS = (12, 30, 38, 20)
EXPERIMENT_WIDTHS = (20, 23, 23, 21, 13)
# Tables of this many columns or more are set in a smaller size.
DENSE_COLUMNS = 6
CELL_MARGIN = 72  # twentieths of a point: 1.27 mm


def _text_width(document: Any) -> int:
    """The width between the margins, in twentieths of a point (Word's table unit)."""
    section = document.sections[-1]
    width = section.page_width - section.left_margin - section.right_margin
    return round(width / Twips(1))


def _shares(total: int, weights: Sequence[int]) -> list[int]:
    """`total` split in proportion to `weights`, in whole units that add up to `total`."""
    widths = [total * weight // sum(weights) for weight in weights]
    widths[widths.index(max(widths))] += total - sum(widths)
    return widths


def _fit_columns(document: Any, table: Any, weights: Sequence[int]) -> None:
    widths = _shares(_text_width(document), weights)
    table.autofit = False  # w:tblLayout fixed: the widths below, not the text, decide
    properties = table._tbl.tblPr
    table_width = properties.find(qn("w:tblW"))
    if table_width is None:
        table_width = OxmlElement("w:tblW")
        properties.append(table_width)
    table_width.set(qn("w:type"), "dxa")
    table_width.set(qn("w:w"), str(sum(widths)))
    # Narrower cell margins than Table Grid's 1.9 mm: more of each column for its text.
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(CELL_MARGIN))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties.find(qn("w:tblLayout")).addnext(margins)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Twips(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Twips(width)


def _table(
    document: Any,
    headers: list[str],
    rows: list[list[str]],
    widths: Sequence[int],
    content_columns: Sequence[int] = (),
) -> None:
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = printable(text)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    repeat_header(table.rows[0])
    for values in rows:
        cells = table.add_row().cells
        for column, (cell, text) in enumerate(zip(cells, values, strict=True)):
            cell.text = printable(text)
            if column in content_columns:
                _in_content_language(cell.paragraphs[0].runs, text)
    _fit_columns(document, table, widths)
    if len(headers) >= DENSE_COLUMNS:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = Pt(8)


def _task_rows(
    tasks: list[ReportTask], columns: str = "full"
) -> tuple[list[str], list[list[str]], Sequence[int], Sequence[int]]:
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
    content = (0, 1) if columns == "completed" else (0, 1, len(headers) - 1)
    return headers, rows, TASK_WIDTHS[columns], content


def _metric_rows(
    metrics: list[ReportMetric],
) -> tuple[list[str], list[list[str]], Sequence[int], Sequence[int]]:
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
    return headers, rows, METRIC_WIDTHS, (0, 1)


def _metrics_section(document: Any, metrics: ReportMetrics) -> None:
    document.add_heading(_("Metrics"), level=1)
    counts = [[label, str(n)] for label, n in metrics.counts]
    _table(document, [_("Status"), _("Metrics")], counts, (70, 30))
    for group in metrics.groups:
        heading = document.add_heading(level=2)
        if group.is_theme:
            _content_paragraph(heading, group.name)
        else:
            heading.add_run(printable(group.name))
        if group.is_spearhead:
            heading.add_run(f" ({_('Spearhead')})")
        _table(document, *_metric_rows(group.metrics))


def _experiments_section(document: Any, experiments: ReportExperiments) -> None:
    """The same counts and list as the web page's and the PDF's section
    (reports/_experiments_section.html)."""
    document.add_heading(_("Experiments"), level=1)
    counts = [[label, str(n)] for label, n in experiments.counts]
    _table(document, [_("Decision"), _("Pilots")], counts, (70, 30))
    rows = []
    for item in experiments.experiments:
        decision = item.decision_label
        if item.decided_at:
            decision = f"{decision} ({_short_date(item.decided_at)})"
        texts = [item.hypothesis or "–", item.result or "–", item.lesson or "–"]
        rows.append([item.task, *texts, decision])
    headers = [_("Task"), _("Hypothesis"), _("Result"), _("Lesson learned"), _("Decision")]
    _table(document, headers, rows, EXPERIMENT_WIDTHS, content_columns=(0, 1, 2, 3))


def _provenance_section(document: Any, provenance: ReportProvenance) -> None:
    """The same as the web page's and the PDF's section (reports/_provenance_section.html)."""
    document.add_heading(_("Where the tasks came from"), level=1)
    document.add_paragraph(
        ngettext(
            "%(from_ideas)s of the roadmap's %(counter)s task grew from recorded ideas.",
            "%(from_ideas)s of the roadmap's %(counter)s tasks grew from recorded ideas.",
            provenance.tasks_total,
        )
        % {"from_ideas": provenance.tasks_from_ideas, "counter": provenance.tasks_total}
    )
    if provenance.sources:
        rows = [[row.label, str(row.tasks), str(row.ideas)] for row in provenance.sources]
        _table(document, [_("Source"), _("Tasks"), _("Ideas")], rows, (60, 20, 20))
    document.add_heading(_("Ideas parked for later"), level=2)
    if provenance.parked:
        parked = [
            [
                idea.title,
                f"{idea.source}{': ' + idea.event if idea.event else ''}"
                f" ({_short_date(idea.received_on)})",
                idea.reason or "–",
            ]
            for idea in provenance.parked
        ]
        _table(
            document,
            [_("Idea"), _("Source"), _("Reason")],
            parked,
            (35, 30, 35),
            content_columns=(0, 2),
        )
    else:
        document.add_paragraph(_("No ideas are parked."))


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
    """In the active language (the report's), as `interim_pdf`."""
    with using_languages(report.languages):
        return _interim_docx(report)


def _interim_docx(report: InterimReport) -> bytes:
    document = Document()
    core = document.core_properties
    core.title = printable(f"{report.roadmap}: {report.title}")
    core.author = report.organisation
    core.language = get_language() or settings.LANGUAGE_CODE
    document.styles["Normal"].font.size = Pt(10)
    set_language(document, core.language)
    _page_setup(document)
    _footer(document, core.title)
    _setting(document, "w:autoHyphenation")
    _setting(document, "w:updateFields")

    _content_paragraph(document.add_paragraph(), str(report.organisation))
    title = _content_paragraph(document.add_heading(level=0), report.roadmap)
    title.add_run(printable(f": {report.title}"))
    document.add_paragraph(
        _("Situation on %(date)s · planning period %(period)s")
        % {"date": _date(report.as_of), "period": report.period}
    )
    _contents(document)
    if report.foreword:
        document.add_heading(_("Foreword"), level=1)
        # Paragraphs as the web page's linebreaks filter makes them: split on blank lines,
        # whichever line ends the browser sent.
        text = report.foreword.replace("\r\n", "\n").replace("\r", "\n")
        for paragraph in re.split(r"\n\s*\n", text):
            if paragraph.strip():
                _content_paragraph(document.add_paragraph(), paragraph.strip())

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
    _table(document, headers, rows, (46, 18, 18, 18) if previous else (64, 36))

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
        (40, 30, 30),
    )

    if report.metrics:
        _metrics_section(document, report.metrics)

    document.add_heading(_("Tasks by theme"), level=1)
    for theme in report.themes:
        heading = _content_paragraph(document.add_heading(level=2), theme.name)
        spearhead = f" ({_('Spearhead')})" if theme.is_spearhead else ""
        heading.add_run(printable(f"{spearhead} · {theme.completion} %"))
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
    if report.experiments:
        _experiments_section(document, report.experiments)
    if report.provenance:
        _provenance_section(document, report.provenance)
    document.add_heading(_("Changes to the plan"), level=1)
    if report.baseline:
        document.add_paragraph(baseline_text(report.baseline))
    if report.plan_changes:
        _table(
            document,
            [_("Date"), _("Task"), _("What changed"), _("By")],
            [[_short_date(c.when), c.task, c.description, c.who] for c in report.plan_changes],
            CHANGE_WIDTHS,
            content_columns=(1, 3),
        )
    else:
        document.add_paragraph(_("The plan has not changed since the period began."))
    if report.carry_over:
        carry = report.carry_over
        document.add_heading(_("Carried over to the next period"), level=1)
        document.add_paragraph(printable(carry_over_text(carry)))
        if carry.tasks:
            _table(
                document,
                [_("Task"), _("Completion"), _("Schedule"), _("New schedule")],
                [
                    [t.title, f"{t.completion} %", t.old_schedule, t.new_schedule]
                    for t in carry.tasks
                ],
                (52, 16, 16, 16),
                content_columns=(0,),
            )
        if carry.left:
            document.add_paragraph(
                printable(_("Unfinished and not carried over:") + " " + ", ".join(carry.left))
            )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
