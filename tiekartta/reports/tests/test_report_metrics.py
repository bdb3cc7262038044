"""Metrics in the interim report (web page, PDF, Word) and in the Excel export: the same figures
in every format, values counted up to the report's date, typed cells and neutralised formulas."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import docx
import openpyxl
import pytest
import time_machine
from django.utils import timezone, translation
from docx.oxml.ns import qn
from openpyxl.utils import get_column_letter

from conftest import World
from tests.factories import MetricFactory, MetricValueFactory
from tiekartta.metrics import services
from tiekartta.metrics.models import Channel, Metric, MetricValue, Milestone
from tiekartta.metrics.periods import Period
from tiekartta.reports.exports import roadmap_xlsx
from tiekartta.reports.interim import build_interim_report
from tiekartta.reports.tests.test_documents import (
    FORMATS,
    finnish_client,
    from_html,
    pdf_lines,
    url,
)

TODAY = datetime.date(2026, 11, 27)
NOON = datetime.time(12)
EVIL = '=HYPERLINK("http://evil.example","x")'
SHARE = "Sähköisten asiointien osuus"
PAPER = "Paperilaskujen määrä"
CHAT = "Chatbotin tyytyväisyys"
BOOKS = "E-kirjojen lainat"


@pytest.fixture(autouse=True)
def english_too(frozen: None, request: pytest.FixtureRequest) -> None:
    """The organisation writes in English too, so that a report read in English is in
    English (a report is in one of the organisation's languages)."""
    if "world" in request.fixturenames:
        world = request.getfixturevalue("world")
        world.organisation.translation_languages = ["en"]
        world.organisation.save(update_fields=["translation_languages"])


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel("2026-11-27 12:00 +0200", tick=False):
        yield


def aware(moment: datetime.datetime) -> datetime.datetime:
    return timezone.make_aware(moment)


def values(metric: Metric, **by_period: str) -> None:
    for period, value in by_period.items():
        MetricValueFactory(metric=metric, period=period, value=Decimal(value))


def populate_metrics(world: World) -> dict[str, Metric]:
    """Four metrics, one of each status; the paper bills' value for 2026Q2 is long overdue.

    - Share of e-services (spearhead theme): 38 % in 2026Q3, above the line from 20 to 60 %.
    - E-book loans (spearhead theme): 65 in 2026Q3, past the target of 60: achieved.
    - Chatbot satisfaction (the other theme): no values yet.
    - Paper bills (the whole roadmap, lower is better): 4 900 in 2026Q1 where 4 672 was expected.

    Within a theme the metrics come by name: E-book loans before the share of e-services.
    """
    share = MetricFactory(
        roadmap=world.roadmap, theme=world.theme, owner=world.owner_person, name=SHARE
    )
    values(share, **{"2026Q1": "25", "2026Q2": "30", "2026Q3": "38"})
    books = MetricFactory(
        roadmap=world.roadmap, theme=world.theme, owner=world.other_person, name=BOOKS, unit="count"
    )
    values(books, **{"2026Q3": "65"})
    chat = MetricFactory(
        roadmap=world.roadmap,
        theme=world.other_theme,
        owner=world.other_person,
        name=CHAT,
        unit="score",
        baseline_value=None,
        baseline_date=None,
        target_value=Decimal("4.5"),
    )
    paper = MetricFactory(
        roadmap=world.roadmap,
        owner=world.owner_person,
        name=PAPER,
        unit="count",
        direction="lower",
        baseline_value=Decimal("5000"),
        target_value=Decimal("1000"),
    )
    values(paper, **{"2026Q1": "4900"})
    return {"share": share, "books": books, "chat": chat, "paper": paper}


# The interim report ------------------------------------------------------------------------------


def test_the_report_groups_the_metrics_by_theme_with_counts(world: World) -> None:
    populate_metrics(world)
    metrics = build_interim_report(world.roadmap, TODAY, TODAY).metrics
    assert metrics is not None
    assert [(g.name, g.is_spearhead, [m.name for m in g.metrics]) for g in metrics.groups] == [
        (world.theme.name, True, [BOOKS, SHARE]),
        (world.other_theme.name, False, [CHAT]),
        ("The whole roadmap", False, [PAPER]),
    ]
    assert metrics.counts == [
        ("All metrics", 4),
        ("On track", 1),
        ("Behind", 1),
        ("Achieved", 1),
        ("No data", 1),
        ("Stale", 1),
    ]
    books, share = metrics.groups[0].metrics
    assert (share.baseline, share.baseline_date) == ("20\u00a0%", datetime.date(2025, 12, 31))
    assert (share.latest, share.latest_period, share.change) == (
        "38\u00a0%",
        "Q3/2026",
        "+18\u00a0percentage points",
    )
    assert (share.target, share.target_date) == ("60\u00a0%", datetime.date(2028, 12, 31))
    assert (share.status_label, share.freshness_label, share.is_stale) == (
        "On track",
        "Up to date",
        False,
    )
    assert books.status == "achieved"
    (chat,) = metrics.groups[1].metrics
    assert (chat.baseline, chat.latest, chat.change, chat.status) == ("", "", "", "no_data")
    (paper,) = metrics.groups[2].metrics
    assert (paper.latest, paper.change, paper.status) == ("4,900", "\u2212100", "behind")
    assert paper.is_stale and paper.freshness_label == "Stale"


def test_a_roadmap_without_metrics_has_no_metrics_section(world: World) -> None:
    MetricFactory()  # another roadmap's metric
    assert build_interim_report(world.roadmap, TODAY, TODAY).metrics is None
    page = from_html(world.client_for("viewer").get(url("interim")).content)
    assert "Metrics" not in page.headings
    assert 'href="#metrics"' not in world.client_for("viewer").get(url("interim")).content.decode()


ROWS = [
    # What each format must show of a metric, in table order.
    f"{SHARE} Tekninen johtaja 20 % (12/31/2025) 38 % (Q3/2026) +18 percentage points "
    "60 % (12/31/2028) On track Up to date",
    f"{CHAT} Museonjohtaja – – – 4.5 points (12/31/2028) No data Up to date",
    f"{PAPER} Tekninen johtaja 5,000 (12/31/2025) 4,900 (Q1/2026) \u2212100 1,000 (12/31/2028) "
    "Behind Stale",
]


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_shows_the_metrics_section(world: World, fmt: str) -> None:
    populate_metrics(world)
    name, extract = FORMATS[fmt]
    response = world.client_for("viewer").get(url(name))
    assert response.status_code == 200
    rendered = extract(response.content)
    headings = rendered.headings
    assert "Metrics" in headings
    assert headings.index("Completion over the period") < headings.index("Metrics")
    assert headings.index("Metrics") < headings.index("Tasks by theme")
    text = rendered.text
    for label, count in [("All metrics", 4), ("On track", 1), ("Behind", 1), ("Stale", 1)]:
        assert f"{label} {count}" in text
    assert "The whole roadmap" in text
    assert f"{world.theme.name} (Spearhead)" in text
    if fmt == "pdf":
        # A table cell may wrap over lines in the PDF's text: each piece is there.
        for row in ROWS:
            for piece in row.split(" "):
                assert piece in text
    else:
        for row in ROWS:
            assert row in text


def test_the_pdf_contents_list_the_metrics_on_their_page(world: World) -> None:
    populate_metrics(world)
    content = world.client_for("viewer").get(url("interim_pdf")).content
    pages = pdf_lines(content)
    contents = {}
    for line in pages[0]:
        if match := re.fullmatch(r"(.+?)\s*\.{3,}\s*(\d+)", line):
            contents[match[1]] = int(match[2])
    assert list(contents)[:3] == ["Summary", "Completion over the period", "Metrics"]
    assert "Metrics" in pages[contents["Metrics"] - 1]


def test_the_word_metrics_tables_have_header_rows(world: World) -> None:
    populate_metrics(world)
    content = world.client_for("viewer").get(url("interim_docx")).content
    document = docx.Document(io.BytesIO(content))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    start = headings.index(("Heading 1", "Metrics"))
    end = headings.index(("Heading 1", "Tasks by theme"))
    assert headings[start + 1 : end] == [
        ("Heading 2", f"{world.theme.name} (Spearhead)"),
        ("Heading 2", world.other_theme.name),
        ("Heading 2", "The whole roadmap"),
    ]
    metric_tables = [t for t in document.tables if t.rows[0].cells[0].text == "Metric"]
    assert len(metric_tables) == 3
    for table in metric_tables:
        header = table.rows[0]._tr.trPr.find(qn("w:tblHeader"))
        assert header is not None and header.get(qn("w:val")) == "true"
        assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
        assert [c.text for c in table.rows[0].cells][-2:] == ["Status", "Values"]


def test_a_past_date_shows_the_metrics_as_they_were_recorded_by_then(world: World) -> None:
    metrics = populate_metrics(world)
    # As it happened: the metrics were defined in December and each value arrived ten days
    # after its quarter ended.
    Metric.objects.update(created_at=aware(datetime.datetime(2025, 12, 1, 9)))
    for value in MetricValue.objects.all():
        arrived = Period.parse(value.period).last_day + datetime.timedelta(days=10)
        value.history.update(history_date=aware(datetime.datetime.combine(arrived, NOON)))
    # Recorded only now, although for 2026Q2; and the first quarter's share corrected now.
    values(metrics["chat"], **{"2026Q2": "3.9"})
    share_q1 = MetricValue.objects.get(metric=metrics["share"], period="2026Q1")
    services.record_value(actor=None, metric=metrics["share"], period="2026Q1", value=Decimal("26"))
    MetricFactory(roadmap=world.roadmap, owner=world.owner_person, name="Defined later")

    past = build_interim_report(world.roadmap, datetime.date(2026, 5, 15), TODAY).metrics
    assert past is not None
    shown = {m.name: m for group in past.groups for m in group.metrics}
    assert "Defined later" not in shown
    assert (shown[SHARE].latest, shown[SHARE].latest_period) == ("25 %", "Q1/2026")
    assert shown[BOOKS].latest == "" and shown[BOOKS].status == "no_data"
    assert shown[CHAT].latest == "", "entered in November: not known in May"
    # On 15 May the paper bills' value for 2026Q2 was not yet due.
    assert not shown[PAPER].is_stale and shown[PAPER].freshness == "current"
    assert ("Achieved", 0) in past.counts and ("Stale", 0) in past.counts
    now = build_interim_report(world.roadmap, TODAY, TODAY).metrics
    assert now is not None
    assert {m.name: m.latest for g in now.groups for m in g.metrics}[CHAT] == "3.9 points"
    assert MetricValue.objects.get(pk=share_q1.pk).value == Decimal("26")

    client = world.client_for("viewer")
    page = client.get(url("interim", "?date=2026-05-15")).content.decode()
    assert "38 %" not in page and "25 % (Q1/2026)" in page
    word = client.get(url("interim_docx", "?date=2026-05-15"))
    document = docx.Document(io.BytesIO(word.content))
    rows = {row.cells[0].text: row for table in document.tables for row in table.rows}
    assert rows[SHARE].cells[3].text == "25 % (Q1/2026)"
    assert rows[BOOKS].cells[3].text == "–"


def test_the_metrics_follow_the_readers_language(world: World) -> None:
    populate_metrics(world)
    page = finnish_client(world).get(url("interim")).content.decode()
    assert "20\u00a0% (31.12.2025)" in page
    assert "4\u00a0900 (1/2026)" in page or "4\u00a0900 (Q1/2026)" in page
    with translation.override("fi"):
        status = translation.pgettext("metric status", "On track")
    assert status in page


# The Excel export --------------------------------------------------------------------------------


def test_the_export_has_a_metrics_sheet_with_typed_cells(world: World) -> None:
    metrics = populate_metrics(world)
    share = metrics["share"]
    share.tasks.add(world.own_task, world.others_task)
    Milestone.objects.create(metric=share, year=2026, value=Decimal("30"))
    Milestone.objects.create(metric=share, year=2027, value=Decimal("45.5"))
    response = finnish_client(world).get(url("export_xlsx"))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert len(workbook.worksheets) == 6
    sheet = workbook.worksheets[4]
    with translation.override("fi"):
        assert sheet.title == translation.gettext("Metrics")
        identifier, yes, no = (translation.gettext(t) for t in ("Identifier", "Yes", "No"))
    header = [cell.value for cell in sheet[1]]
    assert header[0] == identifier and len(header) == 18
    rows = {row[1].value: row for row in sheet.iter_rows(min_row=2)}
    assert list(rows) == [BOOKS, SHARE, CHAT, PAPER]

    row = rows[SHARE]
    assert row[0].value == share.pk
    assert (row[2].value, row[3].value) == (world.theme.name, "Tekninen johtaja")
    assert row[7].value == 20 and type(row[7].value) is int
    assert row[8].value == datetime.datetime(2025, 12, 31) and row[8].number_format == "yyyy-mm-dd"
    assert row[9].value == 60 and row[10].value == datetime.datetime(2028, 12, 31)
    assert row[11].value == "2026: 30; 2027: 45.5"
    assert row[12].value == f"{world.own_task.pk}; {world.others_task.pk}"
    assert row[13].value == f"{world.own_task.title}; {world.others_task.title}"
    assert (row[14].value, row[15].value, row[17].value) == (38, "2026Q3", no)
    assert rows[PAPER][17].value == yes
    chat = rows[CHAT]
    assert chat[7].value is None and chat[8].value is None and chat[14].value is None
    assert chat[9].value == 4.5 and type(chat[9].value) is float

    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:R{len(rows) + 1}"
    assert sheet.column_dimensions["B"].width == 40


def test_the_export_lists_every_metric_value(world: World) -> None:
    metrics = populate_metrics(world)
    MetricValueFactory(
        metric=metrics["chat"],
        period="2026Q3",
        value=Decimal("4.25"),
        note="Kysely syyskuussa",
        source="Palautejärjestelmä",
        channel=Channel.API,
        recorded_by=world.users["editor"],
    )
    workbook = openpyxl.load_workbook(io.BytesIO(roadmap_xlsx(world.roadmap)))
    sheet = workbook.worksheets[5]
    assert sheet.title == "Metric values"
    assert [c.value for c in sheet[1]] == [
        "Identifier",
        "Metric",
        "Period",
        "Value",
        "Note",
        "Source",
        "Recorded through",
        "Recorded",
        "Recorded by",
    ]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[2], r[3]) for r in rows] == [
        (BOOKS, "2026Q3", 65),
        (SHARE, "2026Q1", 25),
        (SHARE, "2026Q2", 30),
        (SHARE, "2026Q3", 38),
        (CHAT, "2026Q3", 4.25),
        (PAPER, "2026Q1", 4900),
    ]
    chat = rows[4]
    assert chat[0] == metrics["chat"].pk
    assert chat[4:7] == ("Kysely syyskuussa", "Palautejärjestelmä", "Interface (API)")
    assert chat[7] == datetime.datetime(2026, 11, 27, 12, 0)
    assert chat[8] == str(world.users["editor"])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:I{len(rows) + 1}"
    for row in sheet.iter_rows(min_row=2):
        assert row[7].number_format == "yyyy-mm-dd hh:mm"
    assert sheet.column_dimensions[get_column_letter(5)].width == 60


def test_formulas_in_a_metric_name_or_note_stay_text(world: World) -> None:
    metric = MetricFactory(roadmap=world.roadmap, owner=world.owner_person, name=EVIL)
    MetricValueFactory(metric=metric, note=EVIL, source="@SUM(A1)")
    content = roadmap_xlsx(world.roadmap)
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    metric_row = workbook.worksheets[4][2]
    assert metric_row[1].value == EVIL and metric_row[1].data_type == "s"
    value_row = workbook.worksheets[5][2]
    assert [(c.value, c.data_type) for c in (value_row[1], value_row[4], value_row[5])] == [
        (EVIL, "s"),
        (EVIL, "s"),
        ("@SUM(A1)", "s"),
    ]
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert all(b"<f>" not in archive.read(name) for name in sheets)


def test_the_export_leaves_other_roadmaps_metrics_out(world: World) -> None:
    populate_metrics(world)
    other: Any = MetricFactory(name="Naapurin mittari")
    MetricValueFactory(metric=other)
    workbook = openpyxl.load_workbook(io.BytesIO(roadmap_xlsx(world.roadmap)))
    names = {
        row[1] for sheet in workbook.worksheets[4:] for row in sheet.iter_rows(values_only=True)
    }
    assert "Naapurin mittari" not in names
