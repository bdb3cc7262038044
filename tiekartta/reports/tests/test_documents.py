"""The interim report and the exports as files: the same content in the web page, the PDF and
the Word document; the documents' structure; the spreadsheets; the export command; queries."""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from docx.oxml.ns import qn
from docx.table import Table
from openpyxl.utils import get_column_letter
from pypdf import PdfReader

from conftest import World
from tests.factories import (
    MetricFactory,
    MetricValueFactory,
    OrganisationFactory,
    PersonFactory,
    ProgressEntryFactory,
    RoadmapFactory,
    TaskFactory,
)
from tiekartta.progress.services import record_progress
from tiekartta.reports.exports import TASK_COLUMNS, column_titles
from tiekartta.reports.interim import build_interim_report
from tiekartta.reports.services import save_foreword
from tiekartta.roadmap.models import Person, Roadmap, Task

TODAY = datetime.date(2026, 11, 27)
FOREWORD = "Hyvä lukija, tässä on tiekartan väliraportti."
EVIL = '=HYPERLINK("http://evil.example","x")'
SECTIONS = ("Summary", "Tasks by theme", "Completed tasks", "Late tasks", "Changes to the plan")
CONTENTS = ["Foreword", "Summary", "Completion over the period", *SECTIONS[1:]]
LATE = "Myöhästynyt hanke"
DONE = "Valmis palvelu"
IN = "In progress"


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
    """Today is 27 November 2026 (2026Q4), also while the world is created."""
    with time_machine.travel("2026-11-27 12:00 +0200", tick=False):
        yield


def url(name: str, query: str = "") -> str:
    path = reverse(f"reports:{name}", kwargs={"org": "testikaupunki", "roadmap": "2026-2028"})
    return path + query


def record(world: World, task: Task, quarter: str, completion: int, status: str = "") -> None:
    record_progress(
        actor=world.users["admin"],
        task=task,
        quarter=quarter,
        completion=completion,
        status=status or ("done" if completion == 100 else "in_progress"),
    )


def populate(world: World) -> None:
    """Four tasks, two done: overall (100 + 30 + 42 + 100) / 4 = 68 %. One is late: planned for
    2026Q1–Q2 and at 42 % in 2026Q4."""
    late = TaskFactory(
        theme=world.theme,
        owner=world.other_person,
        title=LATE,
        start="2026Q1",
        due="2026Q2",
        collaborating_units="Toimittaja Oy",
    )
    late.collaborators.add(world.owner_person)
    done = TaskFactory(theme=world.other_theme, owner=world.owner_person, title=DONE)
    record(world, world.own_task, "2026Q3", 100)
    record(world, world.others_task, "2026Q1", 10)
    record(world, world.others_task, "2026Q3", 30)
    record(world, late, "2026Q2", 42)
    record(world, done, "2026Q2", 100)


@dataclass
class Rendered:
    text: str  # whitespace squashed
    headings: list[str]  # the section headings (h2 / lines of their own / Heading 1)
    late: str  # the text of the late tasks' section


def squash(text: str) -> str:
    return " ".join(text.split())


def from_html(content: bytes) -> Rendered:
    match = re.search(r'<article class="report">(.*?)</article>', content.decode(), re.S)
    assert match, "no report on the page"
    article = match[1]
    late = re.search(r'<section id="late".*?</section>', article, re.S)
    assert late

    def text(html: str) -> str:
        return squash(unescape(re.sub(r"<[^>]+>", " ", html)))

    headings = [text(h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", article, re.S)]
    return Rendered(text(article), headings, text(late[0]))


def pdf_lines(content: bytes) -> list[list[str]]:
    reader = PdfReader(io.BytesIO(content))
    return [[line.strip() for line in page.extract_text().splitlines()] for page in reader.pages]


def from_pdf(content: bytes) -> Rendered:
    lines = [line for page in pdf_lines(content) for line in page]
    # A heading is a line of its own; its contents line carries dots and a page number.
    start = lines.index("Late tasks")
    end = lines.index("Changes to the plan", start)

    # Words hyphenated at a line end ("per‐ centage") read as one word again.
    def joined(part: list[str]) -> str:
        return squash(" ".join(part)).replace("\u2010 ", "")

    return Rendered(joined(lines), lines, joined(lines[start:end]))


def from_docx(content: bytes) -> Rendered:
    document = docx.Document(io.BytesIO(content))
    blocks: list[tuple[str, str]] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            cells = (cell.text for row in block.rows for cell in row.cells)
            blocks.append(("table", " ".join(cells)))
        else:
            blocks.append((block.style.name, block.text))
    start = blocks.index(("Heading 1", "Late tasks"))
    end = blocks.index(("Heading 1", "Changes to the plan"))
    return Rendered(
        squash(" ".join(text for _style, text in blocks)),
        [text for style, text in blocks if style == "Heading 1"],
        squash(" ".join(text for _style, text in blocks[start:end])),
    )


FORMATS: dict[str, tuple[str, Callable[[bytes], Rendered]]] = {
    "html": ("interim", from_html),
    "pdf": ("interim_pdf", from_pdf),
    "docx": ("interim_docx", from_docx),
}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_interim_report_says_the_same_in_every_format(world: World, fmt: str) -> None:
    populate(world)
    saved = world.client_for("admin").post(url("foreword"), {"text": FOREWORD, "version": ""})
    assert saved.status_code == 302
    name, extract = FORMATS[fmt]
    response = world.client_for("viewer").get(url(name))
    assert response.status_code == 200
    rendered = extract(response.content)
    assert FOREWORD in rendered.text
    for title in Task.objects.filter(roadmap=world.roadmap).values_list("title", flat=True):
        assert title in rendered.text
    assert "Overall completion 68 %" in rendered.text
    assert set(SECTIONS) <= set(rendered.headings)
    assert LATE in rendered.late
    for title in (world.own_task.title, world.others_task.title, DONE):
        assert title not in rendered.late


def test_interim_pdf_is_tagged_a4_with_page_numbers_and_contents(world: World) -> None:
    populate(world)
    save_foreword(actor=None, roadmap=world.roadmap, text=FOREWORD, expected_version=None)
    content = world.client_for("viewer").get(url("interim_pdf")).content
    reader = PdfReader(io.BytesIO(content))
    pages = pdf_lines(content)
    assert len(pages) >= 2
    for number, page in enumerate(reader.pages, start=1):
        size = (round(float(page.mediabox.width)), round(float(page.mediabox.height)))
        assert size == (595, 842)
        assert f"{number} / {len(pages)}" in " ".join(pages[number - 1])
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"]
    assert catalog["/Lang"] == "en"

    contents = {}
    for line in pages[0]:
        if match := re.fullmatch(r"(.+?)\s*\.{3,}\s*(\d+)", line):
            contents[match[1]] = int(match[2])
    assert list(contents) == CONTENTS
    for heading, number in contents.items():
        assert heading in pages[number - 1], f"{heading} is not on page {number}"


def test_attachment_pdf_is_landscape_and_lists_every_task(world: World) -> None:
    populate(world)
    content = world.client_for("viewer").get(url("attachment_pdf")).content
    reader = PdfReader(io.BytesIO(content))
    for page in reader.pages:
        size = (round(float(page.mediabox.width)), round(float(page.mediabox.height)))
        assert size == (842, 595)
    text = squash(" ".join(" ".join(page) for page in pdf_lines(content)))
    for task in Task.objects.filter(roadmap=world.roadmap).select_related("owner"):
        assert f"{task.title} {task.owner.name}" in text
    assert f"{LATE} Museonjohtaja Tekninen johtaja; Toimittaja Oy" in text
    assert world.outsider_task.title not in text
    assert "1 / 1" in text


def test_interim_docx_structure(world: World) -> None:
    populate(world)
    save_foreword(actor=None, roadmap=world.roadmap, text=FOREWORD, expected_version=None)
    content = world.client_for("viewer").get(url("interim_docx")).content
    document = docx.Document(io.BytesIO(content))

    def styled(style: str) -> list[str]:
        return [p.text for p in document.paragraphs if p.style.name == style]

    title = "Tiekartta 2026–2028: Interim report Q4/2026"
    assert styled("Title") == [title]
    assert styled("Heading 1") == CONTENTS
    # Theme completion: (100 + 30 + 42) / 3 = 57.3 and 100.
    assert styled("Heading 2") == ["Tiedolla johtaminen (Spearhead) · 57 %", "Digituki · 100 %"]
    assert all(p.style.builtin for p in document.paragraphs if p.style.name != "Normal")

    assert len(document.tables) >= 5
    for table in document.tables:
        first, *others = table.rows
        assert first._tr.trPr is not None
        header = first._tr.trPr.find(qn("w:tblHeader"))
        assert header is not None and header.get(qn("w:val")) == "true"
        assert all(row._tr.trPr is None for row in others)
        assert all(run.bold for cell in first.cells for run in cell.paragraphs[0].runs)

    assert len(document.inline_shapes) == 1
    assert document.inline_shapes[0]._inline.docPr.get("descr")
    assert document.core_properties.title == title
    assert document.core_properties.author == "Testikaupunki"


def test_docx_foreword_saved_from_the_form_keeps_its_paragraphs(world: World) -> None:
    text = "Ensimmäinen kappale.\r\n\r\nToinen kappale."
    saved = world.client_for("admin").post(url("foreword"), {"text": text, "version": ""})
    assert saved.status_code == 302
    content = world.client_for("viewer").get(url("interim_docx")).content
    paragraphs = [(p.style.name, p.text) for p in docx.Document(io.BytesIO(content)).paragraphs]
    start = paragraphs.index(("Heading 1", "Foreword"))
    end = paragraphs.index(("Heading 1", "Summary"))
    assert [text for _style, text in paragraphs[start + 1 : end]] == [
        "Ensimmäinen kappale.",
        "Toinen kappale.",
    ]


def finnish_client(world: World) -> Any:
    viewer = world.users["viewer"]
    viewer.language = "fi"
    viewer.save(update_fields=["language"])
    return world.client_for("viewer")


def test_documents_follow_the_users_language(world: World) -> None:
    with translation.override("fi"):
        summary = translation.gettext("Summary")
    client = finnish_client(world)
    pdf = client.get(url("interim_pdf"))
    word = client.get(url("interim_docx"))
    assert pdf.status_code == word.status_code == 200
    lines = [line for page in pdf_lines(pdf.content) for line in page]
    document = docx.Document(io.BytesIO(word.content))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    if summary != "Summary":
        assert summary in lines and "Summary" not in lines
        assert summary in headings and "Summary" not in headings
        assert document.core_properties.language == "fi"


def test_a_past_date_shows_each_tasks_entries_up_to_its_quarter(world: World) -> None:
    record(world, world.own_task, "2026Q1", 20)
    record(world, world.own_task, "2026Q3", 70)
    record(world, world.others_task, "2026Q3", 100)
    past = datetime.date(2026, 5, 15)
    client = world.client_for("viewer")

    now = build_interim_report(world.roadmap, TODAY, TODAY)
    assert {t.title: t.completion for t in now.themes[0].tasks}[world.own_task.title] == 70

    response = client.get(url("interim", "?date=2026-05-15"))
    assert response.status_code == 200
    report = response.context["report"]
    assert report.as_of == past
    shown = {t.title: (t.completion, t.status) for theme in report.themes for t in theme.tasks}
    assert shown == {
        world.own_task.title: (20, "in_progress"),
        world.others_task.title: (0, "planned"),
    }
    assert report.completed == []
    assert (report.figures.overall, report.figures.done) == (10, 0)

    word = client.get(url("interim_docx", "?date=2026-05-15"))
    document = docx.Document(io.BytesIO(word.content))
    rows = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    assert [row[3] for row in rows if row[0] == world.own_task.title] == ["20 %"]


@pytest.mark.parametrize("name", ["interim", "interim_pdf", "interim_docx"])
def test_a_date_before_the_period_is_refused(world: World, name: str) -> None:
    response = world.client_for("viewer").get(url(name, "?date=2025-12-31"))
    assert response.status_code == 400
    assert "Choose a date on or after the start of the period 2026–2028." in (
        response.content.decode()
    )


def test_plan_changes_are_cut_at_the_end_of_the_local_report_date(world: World) -> None:
    Roadmap.objects.filter(pk=world.roadmap.pk).update(
        created_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    )
    world.roadmap.refresh_from_db()
    with time_machine.travel("2026-01-01 12:00 +0200", tick=False):
        task = TaskFactory(theme=world.theme, owner=world.owner_person, title="Vanha nimi")
    with time_machine.travel("2026-05-16 01:00 +0300", tick=False):
        task.title = "Uusi nimi"
        task.save()
    later = build_interim_report(world.roadmap, datetime.date(2026, 5, 16), TODAY)
    assert [change.task for change in later.plan_changes] == ["Uusi nimi"]
    report = build_interim_report(world.roadmap, datetime.date(2026, 5, 15), TODAY)
    assert report.plan_changes == []


def test_excel_export(world: World) -> None:
    populate(world)
    TaskFactory(theme=world.other_theme, owner=world.other_person, title=EVIL)
    response = finnish_client(world).get(url("export_xlsx"))
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert len(workbook.worksheets) == 6
    tasks, progress, people, themes, metrics, values = workbook.worksheets
    with translation.override("fi"):
        expected = list(column_titles().values())
    with translation.override("en"):
        english = list(column_titles().values())
    header = [cell.value for cell in tasks[1]]
    assert header == expected
    assert header != english

    count = Task.objects.filter(roadmap=world.roadmap).count()
    assert tasks.max_row == count + 1
    completion = {
        row[2].value: row[12] for row in tasks.iter_rows(min_row=2) if row[2].value is not None
    }
    assert {title: cell.value for title, cell in completion.items()} == {
        world.own_task.title: 100,
        world.others_task.title: 30,
        LATE: 42,
        DONE: 100,
        EVIL: 0,
    }
    for cell in completion.values():
        assert type(cell.value) is int and "%" in cell.number_format
    evil = next(row[2] for row in tasks.iter_rows(min_row=2) if row[2].value == EVIL)
    assert evil.data_type == "s"
    assert tasks.freeze_panes == "A2"
    assert tasks.auto_filter.ref == f"A1:P{count + 1}"
    for index, column in enumerate(TASK_COLUMNS, start=1):
        assert tasks.column_dimensions[get_column_letter(index)].width == column.width
    for sheet in (progress, people, themes, metrics, values):
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:{get_column_letter(sheet.max_column)}{sheet.max_row}"

    recorded = [row[6].value for row in progress.iter_rows(min_row=2)]
    assert len(recorded) == 5
    assert all(value == datetime.datetime(2026, 11, 27, 12, 0) for value in recorded)

    names = [row[0].value for row in people.iter_rows(min_row=2)]
    organisation_people = Person.objects.filter(organisation=world.organisation)
    assert sorted(names) == sorted(p.name for p in organisation_people)
    assert world.outsider_task.owner.name not in names
    theme_names = [row[0].value for row in themes.iter_rows(min_row=2)]
    assert theme_names == [world.theme.name, world.other_theme.name]


def test_csv_export(world: World) -> None:
    populate(world)
    TaskFactory(theme=world.other_theme, owner=world.other_person, title=EVIL)
    response = finnish_client(world).get(url("export_csv"))
    assert response.status_code == 200
    assert response.content.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    with translation.override("fi"):
        assert rows[0] == list(column_titles().values())
    assert len(rows) == Task.objects.filter(roadmap=world.roadmap).count() + 1
    assert all(len(row) == len(TASK_COLUMNS) for row in rows)
    by_title = {row[2]: row for row in rows[1:]}
    assert "'" + EVIL in by_title
    assert EVIL not in by_title
    assert by_title[LATE][12] == "42"


def test_attachment_xlsx(world: World) -> None:
    populate(world)
    response = world.client_for("viewer").get(url("attachment_xlsx"))
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert len(workbook.worksheets) == 1
    sheet = workbook.worksheets[0]
    keys = ("theme", "title", "owner", "collaborators", "start", "due", "status", "completion")
    names = column_titles()
    assert [cell.value for cell in sheet[1]] == [names[key] for key in keys]
    theme, other = world.theme.name, world.other_theme.name
    people = "Tekninen johtaja; Toimittaja Oy"  # collaborators: people, then free-text units
    assert list(sheet.iter_rows(min_row=2, values_only=True)) == [
        (theme, world.own_task.title, "Tekninen johtaja", None, *("2026Q1", "2026Q4", "Done", 100)),
        (theme, world.others_task.title, "Museonjohtaja", None, "2026Q1", "2026Q4", IN, 30),
        (theme, LATE, "Museonjohtaja", people, "2026Q1", "2026Q2", IN, 42),
        (other, DONE, "Tekninen johtaja", None, "2026Q1", "2026Q4", "Done", 100),
    ]
    assert all("%" in row[7].number_format for row in sheet.iter_rows(min_row=2))


COMMAND_FORMATS = ["pdf", "docx", "xlsx", "csv", "attachment-pdf", "attachment-xlsx"]


def export(*args: str) -> str:
    out = io.StringIO()
    call_command("export_roadmap", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("fmt", COMMAND_FORMATS)
def test_export_command_writes_each_format(world: World, tmp_path: Path, fmt: str) -> None:
    populate(world)
    output = tmp_path / f"{fmt}.{fmt.split('-')[-1]}"
    export("2026-2028", "--organisation", "testikaupunki", "--format", fmt, "--output", str(output))
    content = output.read_bytes()
    assert content
    if output.suffix == ".pdf":
        assert content.startswith(b"%PDF")
        text = " ".join(" ".join(page) for page in pdf_lines(content))
        assert LATE in squash(text)
    elif fmt == "docx":
        document = docx.Document(io.BytesIO(content))
        assert LATE in [c.text for table in document.tables for c in table.column_cells(0)]
    elif output.suffix == ".xlsx":
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        assert len(workbook.worksheets) == (1 if fmt.startswith("attachment") else 6)
        assert LATE in [cell.value for cell in workbook.worksheets[0]["B" if "-" in fmt else "C"]]
    else:
        assert content.startswith(codecs.BOM_UTF8) and LATE in content.decode("utf-8-sig")


def test_export_command_refuses_what_it_cannot_find(world: World, tmp_path: Path) -> None:
    other = OrganisationFactory(slug="toinen-kunta")
    RoadmapFactory(organisation=other, slug="2026-2028")
    output = ["--format", "csv", "--output", str(tmp_path / "out.csv")]
    in_testikaupunki = ["2026-2028", "--organisation", "testikaupunki", *output]
    with pytest.raises(CommandError, match="No roadmap 'no-such'"):
        export("no-such", "--organisation", "testikaupunki", *output)
    with pytest.raises(CommandError, match=r"Several organisations.*testikaupunki, toinen-kunta"):
        export("2026-2028", *output)
    with pytest.raises(CommandError, match="--date must be YYYY-MM-DD"):
        export(*in_testikaupunki, "--date", "27.11.2026")
    with pytest.raises(CommandError, match="before the roadmap's period"):
        export(*in_testikaupunki, "--date", "2025-12-31")
    assert not (tmp_path / "out.csv").exists()
    assert "testikaupunki" in export(*in_testikaupunki)  # the organisation tells them apart
    assert (tmp_path / "out.csv").exists()


def test_export_command_refuses_a_digit_like_roadmap_name(world: World, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="No roadmap"):
        export("²", "--format", "csv", "--output", str(tmp_path / "out.csv"))


def add_tasks(world: World, count: int) -> None:
    people = [PersonFactory(organisation=world.organisation) for _ in range(3)]
    for n in range(count):
        task = TaskFactory(
            theme=world.theme if n % 2 else world.other_theme,
            owner=people[n % 3],
            start=f"2026Q{1 + n % 4}",
            due=f"202{6 + n % 3}Q4",
            collaborating_units="Yksikkö" if n % 4 else "",
        )
        task.collaborators.add(people[(n + 1) % 3])
        for quarter in ("2026Q1", "2026Q2", "2026Q3")[: n % 4]:
            ProgressEntryFactory(task=task, quarter=quarter, completion=10 * (n % 9))


def add_metrics(world: World, count: int) -> None:
    """Metrics in every theme and of the whole roadmap, with values, tasks and milestones."""
    people = [PersonFactory(organisation=world.organisation) for _ in range(2)]
    for n in range(count):
        metric = MetricFactory(
            roadmap=world.roadmap,
            theme=(world.theme, world.other_theme, None)[n % 3],
            owner=people[n % 2],
        )
        metric.tasks.add(world.own_task)
        metric.milestones.create(year=2027, value=40)
        for quarter in ("2026Q1", "2026Q2", "2026Q3")[: 1 + n % 3]:
            MetricValueFactory(metric=metric, period=quarter, value=20 + n, note="Huomio")


def count_queries(client: Any) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url("interim"))
        assert response.status_code == 200
    return len(queries)


def test_interim_page_query_count_does_not_grow_with_tasks(world: World) -> None:
    save_foreword(actor=None, roadmap=world.roadmap, text=FOREWORD, expected_version=None)
    client = world.client_for("admin")
    add_tasks(world, 8)
    add_metrics(world, 3)
    small = count_queries(client)
    add_tasks(world, 90)
    add_metrics(world, 30)
    assert Task.objects.filter(roadmap=world.roadmap).count() == 100
    assert count_queries(client) == small
