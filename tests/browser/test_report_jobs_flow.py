"""A long document through the real queue, in Chromium: the admin asks for the interim report
as PDF, the page says it is being built while the worker is at it, and the file is saved
when the worker has finished; without JavaScript the link opens a page with the progress."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.test import override_settings
from pypdf import PdfReader

from conftest import World
from tests.browser.conftest import assert_accessible, log_in
from tiekartta.jobs.models import Job, JobState

ROADMAP = "/o/testikaupunki/r/2026-2028/"
QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture(autouse=True)
def queue() -> Iterator[None]:
    with override_settings(TASKS=QUEUE):
        yield


def test_the_pdf_waits_for_the_worker_then_downloads(world: World, page: Any) -> None:
    log_in(page, "admin-user")
    # The page a link opens while the document waits for the worker.
    page.goto(f"{ROADMAP}report.docx?date=2026-11-20&language=en")
    page.get_by_role("heading", name="Interim report as Word").wait_for()
    assert_accessible(page, "document being built")
    page.goto(f"{ROADMAP}report/")
    with page.expect_download(timeout=30_000) as pdf_download:
        page.get_by_role("link", name="Download PDF").click()
        # The page polls; the worker (here, in the test's own process) takes the job.
        page.get_by_text("Being built: 0 % complete.").wait_for()
        assert Job.objects.get(kind="interim_report_pdf").state == JobState.QUEUED
        call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
    page.get_by_text("The document is ready.").wait_for()
    reader = PdfReader(pdf_download.value.path())
    assert world.own_task.title in " ".join(p.extract_text() for p in reader.pages)
    assert Job.objects.get(kind="interim_report_pdf").state == JobState.DONE


def test_without_javascript_the_link_shows_the_progress(
    world: World, browser: Any, live_server: Any
) -> None:
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, "admin-user")
        page.goto(f"{ROADMAP}report/")
        page.get_by_role("link", name="Download Word").click()
        page.get_by_role("heading", name="Interim report as Word").wait_for()
        assert page.get_by_role("progressbar").get_attribute("value") == "0"
        page.get_by_text("Waiting for its turn").wait_for()
        call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
        with page.expect_download() as word_download:
            page.get_by_role("link", name="Download when ready").click()
        assert word_download.value.suggested_filename.endswith(".docx")
    finally:
        context.close()
