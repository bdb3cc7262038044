"""A worker process killed (SIGKILL) in the middle of saving an import: nothing of the file is
saved, the page shows how far it had got until the job is given up as stale, and the next look
at the page starts it again, which imports every row exactly once.

The worker is a real `db_worker` in a process of its own (slow_worker.py, which saves one task
every fifth of a second so that it is killed mid-import), on the test database: PostgreSQL
only, as an in-memory SQLite database is not shared between processes."""

from __future__ import annotations

import datetime
import os
import signal
import subprocess  # nosec B404  # the test's own worker process
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import time_machine
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from conftest import World
from tiekartta.accounts.models import Role
from tiekartta.imports.models import ImportBatch, ImportStatus
from tiekartta.jobs.models import Job, JobState
from tiekartta.roadmap.models import Task

QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
ROOT = Path(settings.BASE_DIR)
ROWS = 40
TITLES = [f"Tuotuna {n:02}" for n in range(ROWS)]
FILE = "Tehtävä;Vastuuhenkilö;Teema\r\n" + "".join(f"{t};Uusi Ihminen;Kartat\r\n" for t in TITLES)

pytestmark = [
    pytest.mark.django_db(transaction=True),  # the worker process sees only what is committed
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="a worker process needs a shared database"
    ),
]


@pytest.fixture(autouse=True)
def queue() -> Iterator[None]:
    with override_settings(TASKS=QUEUE), translation.override("en"):
        yield


def _database_url() -> str:
    db = connection.settings_dict
    user, password = quote(db["USER"] or "", safe=""), quote(db["PASSWORD"] or "", safe="")
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    return f"postgres://{user}:{password}@{host}:{port}/{db['NAME']}"


def _start_slow_worker() -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": _database_url(), "SLOW_WORKER_DELAY": "0.2"}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings_test"
    return subprocess.Popen(  # nosec B603  # this interpreter, a fixed module
        [sys.executable, "-m", "tiekartta.imports.tests.slow_worker"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _wait_for_rows_saved(worker: subprocess.Popen[bytes], job: Job) -> int:
    """The job's progress once the worker has saved some rows (not yet committed)."""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.state == JobState.RUNNING and job.progress >= 20:
            return job.progress
        assert worker.poll() is None, (worker.stderr.read() if worker.stderr else b"").decode()
        time.sleep(0.05)
    pytest.fail(f"the worker did not get far enough: {job.state} {job.progress} %")


def _url(name: str, **kwargs: Any) -> str:
    return reverse(name, kwargs={"org": "testikaupunki", "roadmap": "2026-2028", **kwargs})


def test_a_worker_killed_mid_import_leaves_nothing_and_the_import_is_done_again_once(
    world: World,
) -> None:
    client = world.client_for(Role.EDITOR)
    preview = client.post(
        _url("imports:tasks_upload"), {"file": SimpleUploadedFile("iso.csv", FILE.encode())}
    )["Location"]
    applying = client.post(preview)["Location"]
    job = Job.objects.get()
    tasks_before = Task.objects.count()

    worker = _start_slow_worker()
    try:
        progress = _wait_for_rows_saved(worker, job)
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
        if worker.stderr:
            worker.stderr.close()
    assert 20 <= progress < 98, "killed in the middle of the rows"

    # Nothing of the file was saved: the rows written so far were rolled back with the worker.
    assert Task.objects.count() == tasks_before
    assert not Task.objects.filter(title__in=TITLES).exists()
    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.PENDING and bytes(batch.content)
    job.refresh_from_db()
    assert job.state == JobState.RUNNING and job.progress >= progress

    # While the worker could still be at it, the page shows how far it had got.
    waiting = client.get(applying)
    assert waiting.status_code == 202 and waiting["Tiekartta-Job-Progress"] == str(job.progress)
    assert Job.objects.count() == 1

    later = timezone.now() + datetime.timedelta(seconds=settings.TIEKARTTA_JOB_STALE_SECONDS + 60)
    with time_machine.travel(later, tick=False):
        # The job has gone quiet: the next look at the page gives it up and starts it again.
        again = client.get(applying)
        assert again.status_code == 202
        job.refresh_from_db()
        assert job.state == JobState.FAILED and job.error
        retried = Job.objects.exclude(pk=job.pk).get()
        assert retried.state == JobState.QUEUED and retried.key == job.key
        call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
        done = client.get(applying)
    assert done.status_code == 302 and done["Location"] == _url("roadmap:overview")
    retried.refresh_from_db()
    assert retried.state == JobState.DONE and retried.attempts == 1
    # Every row exactly once.
    assert sorted(Task.objects.filter(title__in=TITLES).values_list("title", flat=True)) == TITLES
    assert Task.objects.count() == tasks_before + ROWS
    batch.refresh_from_db()
    assert batch.status == ImportStatus.APPLIED and batch.summary["created"] == ROWS
