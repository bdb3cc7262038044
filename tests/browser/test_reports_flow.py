"""Reports and spreadsheets in Chromium: import a town's file through its preview, then
download the interim report and every export."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
import openpyxl
from pypdf import PdfReader

from conftest import World
from tests.browser.conftest import assert_accessible, log_in
from tiekartta.imports.models import ImportBatch, ImportStatus
from tiekartta.roadmap.models import Task

ROADMAP = "/o/testikaupunki/r/2026-2028/"


def town_file() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Digitiekartan tehtävät 2026–2028"])
    sheet.append([])
    sheet.append(["Tehtävä", "Vastuuhenkilö", "Teema", "Aikataulu", "Tila", "Valmiusaste"])
    sheet.append(["Sähköinen kokoushallinta", "Tekninen johtaja", "Hallinto", "kevät 2027", "", ""])
    sheet.append(
        ["Vesimittarien etäluenta", "Tekninen johtaja", "", "2026 Q1–Q4", "käynnissä", 0.6]
    )
    sheet.cell(row=sheet.max_row, column=6).number_format = "0%"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_editor_imports_a_town_file_through_the_preview(world: World, page: Any) -> None:
    log_in(page, "editor-user")
    page.goto(ROADMAP)
    page.get_by_role("link", name="Import tasks").click()
    assert_accessible(page, "import upload")
    page.get_by_label("Task list (.xlsx or .csv)").set_input_files(
        files=[
            {"name": "tehtavat.xlsx", "mimeType": "application/octet-stream", "buffer": town_file()}
        ]
    )
    page.get_by_role("button", name="Read the file").click()
    page.get_by_role("heading", name="Check the import").wait_for()
    assert_accessible(page, "import preview")
    table = page.get_by_role("table", name="How each row was read")
    assert "Sähköinen kokoushallinta" in table.inner_text()
    assert "Q1/2027–Q2/2027" in table.inner_text()
    assert "60 %" in table.inner_text()
    assert "Hallinto" in page.locator(".facts").inner_text(), "the new theme is announced"
    assert not Task.objects.filter(title="Sähköinen kokoushallinta").exists()
    page.get_by_role("button", name="Import 2 rows").click()
    page.get_by_text("Imported: 1 new tasks, 1 updated").wait_for()
    page.get_by_role("link", name="Sähköinen kokoushallinta").wait_for()
    assert ImportBatch.objects.get().status == ImportStatus.APPLIED
    assert Task.objects.get(pk=world.own_task.pk).completion == 60


def test_reports_and_exports_download(world: World, page: Any, tmp_path: Path) -> None:
    log_in(page, "admin-user")
    page.goto(ROADMAP)
    page.get_by_role("link", name="Interim report").first.click()
    page.get_by_role("heading", name="Contents").wait_for()
    page.get_by_role("textbox", name="Foreword").fill("Tiekartta etenee hyvin.")
    page.get_by_role("button", name="Save the foreword").click()
    page.get_by_text("The foreword was saved.").wait_for()
    assert "Tiekartta etenee hyvin." in page.locator("article.report").inner_text()
    assert_accessible(page, "interim report")
    # 200 % zoom on a 1280 px screen: the report's wide tables scroll in their own regions.
    page.set_viewport_size({"width": 640, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.set_viewport_size({"width": 1280, "height": 900})

    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Download PDF").click()
    page.get_by_text("The document is ready.").wait_for()
    pages = PdfReader(pdf_download.value.path()).pages
    pdf_text = " ".join(" ".join(p.extract_text().split()) for p in pages)
    assert "Tiekartta etenee hyvin." in pdf_text and world.own_task.title in pdf_text
    with page.expect_download() as word_download:
        page.get_by_role("link", name="Download Word").click()
    document = docx.Document(word_download.value.path())
    assert any(p.text == "Tiekartta etenee hyvin." for p in document.paragraphs)

    page.goto(ROADMAP)
    for name, check in [
        (
            "Roadmap as Excel",
            lambda path: openpyxl.load_workbook(io.BytesIO(Path(path).read_bytes())).sheetnames,
        ),
        ("Tasks as CSV", lambda path: Path(path).read_bytes()[:3] == b"\xef\xbb\xbf"),
        ("Task list attachment (PDF)", lambda path: len(PdfReader(path).pages)),
        (
            "Task list attachment (Excel)",
            lambda path: openpyxl.load_workbook(io.BytesIO(Path(path).read_bytes())).sheetnames,
        ),
    ]:
        with page.expect_download() as download:
            page.get_by_role("link", name=name).click()
        assert check(download.value.path()), name
