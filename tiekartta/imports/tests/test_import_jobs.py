"""A web import's confirmation through the real queue (the database backend of django-tasks):
confirming queues the saving for the worker and opens a page with its progress, which lands on
the kind's page with what was imported; confirming twice is one import; a refused or failed
import says so and can be tried again; the job is its user's alone."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from conftest import World
from tiekartta.accounts.models import Role
from tiekartta.core.locking import ConflictError
from tiekartta.imports.models import ImportBatch, ImportStatus
from tiekartta.jobs.models import Job, JobState
from tiekartta.roadmap.models import Task

QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
TITLES = ["Etäluennan laajennus", "Karttapalvelun uudistus", "Chatbot neuvontaan"]
FILE = "Tehtävä;Vastuuhenkilö;Teema\r\n" + "".join(f"{t};Uusi Ihminen;Kartat\r\n" for t in TITLES)

pytestmark = pytest.mark.django_db(transaction=True)  # the worker commits as in production


@pytest.fixture(autouse=True)
def queue() -> Iterator[None]:
    with override_settings(TASKS=QUEUE), translation.override("en"):
        yield


def _work() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")


def _url(name: str, **kwargs: Any) -> str:
    return reverse(name, kwargs={"org": "testikaupunki", "roadmap": "2026-2028", **kwargs})


def _preview(client: Any) -> str:
    uploaded = client.post(
        _url("imports:tasks_upload"), {"file": SimpleUploadedFile("uudet.csv", FILE.encode())}
    )
    assert uploaded.status_code == 302, uploaded.content[:500]
    return str(uploaded["Location"])


def _imported() -> int:
    return Task.objects.filter(title__in=TITLES).count()


def test_the_worker_imports_the_confirmed_file_and_the_page_follows_it(world: World) -> None:
    client = world.client_for(Role.EDITOR)
    preview = _preview(client)
    batch = ImportBatch.objects.get()
    applying = _url("imports:tasks_applying", batch=batch.pk)
    confirmed = client.post(preview)
    assert confirmed.status_code == 302 and confirmed["Location"] == applying
    assert _imported() == 0, "nothing is saved in the request"

    waiting = client.get(applying)
    assert waiting.status_code == 202
    assert waiting["Retry-After"] == "2" and waiting["Tiekartta-Job-Progress"] == "0"
    page = waiting.content.decode()
    assert "Importing uudet.csv" in page and "Waiting for its turn" in page
    assert '<progress id="job-progress" max="100" value="0">' in page
    assert f'href="{applying}"' in page, "without JavaScript a link asks again"
    assert 'hx-trigger="every 2s"' in page, "with htmx the page asks again by itself"

    # A double click, or the confirmation sent again: the same job, one import.
    assert client.post(preview)["Location"] == applying
    assert Job.objects.count() == 1 and DBTaskResult.objects.count() == 1

    _work()
    done = client.get(applying)
    assert done.status_code == 302 and done["Location"] == _url("roadmap:overview")
    overview = client.get(done["Location"]).content.decode()
    assert "Imported: 3 new tasks, 0 updated, 0 unchanged; 1 people and 1 themes added." in overview
    batch.refresh_from_db()
    assert batch.status == ImportStatus.APPLIED and batch.summary["created"] == 3
    job = Job.objects.get()
    assert (job.state, job.progress, job.kind) == (JobState.DONE, 100, "import")
    assert job.requested_by == world.users[Role.EDITOR]

    # Confirming again after it is done still points at the finished job.
    assert client.post(preview)["Location"] == applying
    _work()
    assert _imported() == 3 and Job.objects.count() == 1


def test_htmx_polls_the_progress_and_is_sent_on_when_done(world: World) -> None:
    client = world.client_for(Role.EDITOR)
    preview = _preview(client)
    client.post(preview)
    applying = _url("imports:tasks_applying", batch=ImportBatch.objects.get().pk)
    polled = client.get(applying, HTTP_HX_REQUEST="true")
    assert polled.status_code == 202, "htmx swaps a 2xx answer"
    assert 'id="import-job"' in polled.content.decode()
    _work()
    done = client.get(applying, HTTP_HX_REQUEST="true")
    assert done.status_code == 200 and done["HX-Redirect"] == _url("roadmap:overview")
    assert "Imported: 3 new tasks" in client.get(_url("roadmap:overview")).content.decode()


def test_the_job_is_its_users_alone(world: World) -> None:
    editor = world.client_for(Role.EDITOR)
    preview = _preview(editor)
    applying = _url("imports:tasks_applying", batch=ImportBatch.objects.get().pk)
    # Nobody has confirmed the file yet: its page is the preview.
    assert editor.get(applying)["Location"] == preview
    editor.post(preview)
    assert world.client_for(Role.ADMIN).get(applying).status_code == 404
    assert world.client_for("outsider").get(applying).status_code == 404
    assert world.client_for(Role.VIEWER).get(applying).status_code == 403
    assert world.client_for("outsider").post(preview).status_code == 404
    assert Job.objects.count() == 1


def test_a_refused_import_says_why_in_the_users_language_and_can_be_tried_again(
    world: World, monkeypatch: Any
) -> None:
    def changed(**kwargs: Any) -> Task:
        raise ConflictError

    monkeypatch.setattr("tiekartta.roadmap.services.create_task", changed)
    editor = world.users[Role.EDITOR]
    editor.language = "sv"  # the user's saved language, as the menu sets it
    editor.save()
    client = world.client_for(Role.EDITOR)
    preview = _preview(client)
    applying = client.post(preview)["Location"]
    _work()
    refused = client.get(applying)
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "Rad 2: någon ändrade uppgiften medan filen importerades." in page
    assert "Try again" not in page and "Försök igen" in page
    assert _imported() == 0 and ImportBatch.objects.get().status == ImportStatus.PENDING
    assert client.get(applying).status_code == 400, "a polling page does not import again"
    assert Job.objects.count() == 1

    monkeypatch.undo()
    # "Try again" confirms the file anew.
    assert client.post(preview)["Location"] == applying
    assert Job.objects.filter(state=JobState.QUEUED).count() == 1
    _work()
    assert client.get(applying).status_code == 302
    assert _imported() == 3


def test_a_fault_in_the_import_says_only_that_it_failed(world: World, monkeypatch: Any) -> None:
    def broken(**kwargs: Any) -> Task:
        raise RuntimeError("connection to the search index lost")

    monkeypatch.setattr("tiekartta.roadmap.services.create_task", broken)
    client = world.client_for(Role.EDITOR)
    applying = client.post(_preview(client))["Location"]
    _work()
    failed = client.get(applying)
    assert failed.status_code == 500
    page = failed.content.decode()
    assert "The import failed." in page and "search index" not in page
    assert "Nothing was imported." in page and _imported() == 0
    # htmx reloads the whole page, which says so with its status.
    assert client.get(applying, HTTP_HX_REQUEST="true")["HX-Refresh"] == "true"
