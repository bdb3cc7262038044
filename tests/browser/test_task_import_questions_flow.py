"""Importing a Planner export in Chromium whose status column has a word the import does not
know: the preview asks which status it means, the editor answers, and the import uses the
answer for every row with that word."""

from __future__ import annotations

from typing import Any

from conftest import World
from tests.browser.conftest import assert_accessible, log_in
from tiekartta.imports.models import ImportBatch, ImportStatus
from tiekartta.roadmap.models import ExternalSource, Status, Task

OVERVIEW = "/o/testikaupunki/r/2026-2028/"


def test_editor_answers_an_unknown_status_and_imports(world: World, page: Any) -> None:
    content = (
        "Task ID,Task Name,Bucket Name,Progress,Assigned To,Start date,Due date\r\n"
        "t-1,Chatbotin pilotti,Digituki,Parkeerattu,Tekninen johtaja,9/1/2026,12/15/2026\r\n"
        "t-2,Digitukipiste,Digituki,In progress,Museonjohtaja,1/15/2026,6/30/2027\r\n"
        "t-3,Vanha ajanvaraus,Digituki,parkeerattu,Museonjohtaja,,\r\n"
    ).encode("utf-8-sig")

    log_in(page, "editor-user")
    page.goto(OVERVIEW)
    page.get_by_role("link", name="Import tasks").first.click()
    page.get_by_label("Task list (.xlsx or .csv)").set_input_files(
        files=[{"name": "planner.csv", "mimeType": "text/csv", "buffer": content}]
    )
    page.get_by_role("button", name="Read the file").click()
    page.get_by_role("heading", name="1 question about the file").wait_for()
    assert "Microsoft Planner" in page.locator("dl.facts").inner_text()
    assert page.get_by_role("button", name="Import 3 rows").count() == 0
    assert_accessible(page, "task import question")

    question = page.get_by_role("group", name="Which status does “parkeerattu” mean? (rows 2, 4)")
    question.get_by_label("Postponed").check()
    page.get_by_role("button", name="Save the answers").click()
    page.get_by_text("parkeerattu → Postponed").wait_for()
    assert not Task.objects.filter(title="Chatbotin pilotti").exists(), "nothing saved yet"

    page.get_by_role("button", name="Import 3 rows").click()
    page.get_by_text("Imported: 3 new tasks").wait_for()
    assert ImportBatch.objects.get().status == ImportStatus.APPLIED
    tasks = {task.title: task for task in Task.objects.filter(roadmap=world.roadmap)}
    assert tasks["Chatbotin pilotti"].status == Status.POSTPONED
    assert tasks["Vanha ajanvaraus"].status == Status.POSTPONED
    assert tasks["Digitukipiste"].status == Status.IN_PROGRESS
    assert (tasks["Chatbotin pilotti"].start, tasks["Chatbotin pilotti"].due) == (
        "2026Q3",
        "2026Q4",
    )
    assert tasks["Digitukipiste"].external_source == ExternalSource.PLANNER
