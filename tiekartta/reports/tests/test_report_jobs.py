"""The interim report's files come from the background worker: the link answers 202 with the
progress until the worker has built the file, then the file; an edit means a new file."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from conftest import World
from tiekartta.jobs.models import Job, JobState
from tiekartta.roadmap.models import Task

QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
PDF = "/o/testikaupunki/r/2026-2028/report.pdf?date=2026-11-20&language=en"
DOCX = "/o/testikaupunki/r/2026-2028/report.docx?date=2026-11-20&language=fi"

pytestmark = pytest.mark.django_db(transaction=True)  # the worker commits as in production


@pytest.fixture(autouse=True)
def queue() -> Iterator[None]:
    with override_settings(TASKS=QUEUE), translation.override("en"):
        yield


def _work() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")


def test_the_pdf_is_built_by_the_worker_and_then_downloaded(world: World) -> None:
    client = world.client_for("admin")
    waiting = client.get(PDF, HTTP_ACCEPT_LANGUAGE="en")
    assert waiting.status_code == 202
    assert waiting["Retry-After"] == "2" and waiting["Tiekartta-Job-Progress"] == "0"
    page = waiting.content.decode()
    assert "Waiting for its turn" in page and "<progress" in page
    assert client.get(PDF).status_code == 202
    assert Job.objects.count() == 1  # asking again is the same job
    _work()
    ready = client.get(PDF)
    assert ready.status_code == 200, ready.content[:300]
    assert ready["Content-Type"] == "application/pdf"
    assert ready["Content-Disposition"].endswith('.pdf"')
    assert ready.content.startswith(b"%PDF")
    assert "no-store" in ready["Cache-Control"]
    # An edit changes what the report shows: the next download is built anew.
    task = Task.objects.get(pk=world.own_task.pk)
    task.title = "Uusi nimi"
    task.save()
    assert client.get(PDF).status_code == 202
    assert Job.objects.count() == 2


def test_each_user_gets_their_own_job_and_an_outsider_none(world: World) -> None:
    world.client_for("admin").get(DOCX)
    world.client_for("viewer").get(DOCX)
    assert Job.objects.values("requested_by").distinct().count() == 2
    assert world.client_for("outsider").get(DOCX).status_code == 404
    assert Job.objects.count() == 2


def test_a_document_that_cannot_be_built_says_so(world: World, monkeypatch: Any) -> None:
    def broken(*args: Any) -> bytes:
        raise RuntimeError("WeasyPrint ran out of memory")

    # Where the job imports it from when it runs (documents load lazily, outside the web workers).
    monkeypatch.setattr("tiekartta.reports.documents.interim_pdf", broken)
    client = world.client_for("admin")
    client.get(PDF)
    _work()
    failed = client.get(PDF)
    assert failed.status_code == 500
    assert "could not be built" in failed.content.decode()
    assert Job.objects.count() == 1  # the polling page does not start it again
    retried = client.get(PDF + "&retry=1")
    assert retried.status_code == 202
    assert Job.objects.filter(state=JobState.QUEUED).count() == 1


def test_the_task_list_attachment_is_built_by_the_worker_too(world: World) -> None:
    client = world.client_for("viewer")
    address = "/o/testikaupunki/r/2026-2028/task-list.pdf"
    waiting = client.get(address)
    assert waiting.status_code == 202
    assert "Task list attachment (PDF)" in waiting.content.decode()
    _work()
    ready = client.get(address)
    assert ready.status_code == 200 and ready.content.startswith(b"%PDF")
    assert Job.objects.get().kind == "task_list_pdf"
