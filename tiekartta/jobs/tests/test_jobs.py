"""Background jobs through the real queue: the database backend of django-tasks and its
`db_worker`, as production runs them (the suite's other tests run jobs inside the request)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from conftest import World
from tiekartta.accounts.models import Organisation
from tiekartta.jobs import registry
from tiekartta.jobs.models import Job, JobState
from tiekartta.jobs.selectors import job_of
from tiekartta.jobs.services import give_up_stale_jobs, request_job, run

QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# The worker closes and reopens connections between tasks, as in production: the tests that run
# it commit their data rather than keep it in a test transaction.
worker_tests = pytest.mark.django_db(transaction=True)

calls: list[str] = []


class ProcessKilled(BaseException):
    """The worker's process dying mid-document (SIGKILL, the machine going down): nothing
    after it runs in that process, neither the job's failure handling nor the worker's."""


def _killed_mid_document(job: Job) -> None:
    # The job as the worker runs it, up to the moment its process dies.
    with pytest.raises(ProcessKilled):
        run(str(job.pk))


def _document(params: Mapping[str, Any], progress: registry.Progress) -> registry.Output:
    calls.append(params["text"])
    progress(50)
    if params["text"] == "broken":
        raise ValueError("the template is broken")
    if params["text"] == "killed":
        raise ProcessKilled
    return registry.Output(params["text"].encode(), "raportti.pdf", "application/pdf")


@pytest.fixture(autouse=True)
def queue() -> Iterator[None]:
    registry.register("test_document", _document)
    calls.clear()
    with override_settings(TASKS=QUEUE):
        yield


def _ask(world: World, text: str, persona: str = "admin", *, retry: bool = False) -> Job:
    return request_job(
        user=world.users[persona],
        organisation=world.organisation,
        kind="test_document",
        params={"text": text},
        key=f"key-{text}",
        retry=retry,
    )


def _work() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")


@worker_tests
def test_a_job_waits_in_the_queue_and_the_worker_builds_it(world: World) -> None:
    job = _ask(world, "sisältö")
    assert job.state == JobState.QUEUED and not calls  # nothing is built in the request
    assert DBTaskResult.objects.count() == 1
    assert _ask(world, "sisältö") == job  # asking again queues nothing more
    assert DBTaskResult.objects.count() == 1
    _work()
    job.refresh_from_db()
    assert (job.state, job.progress, job.attempts) == (JobState.DONE, 100, 1)
    assert bytes(job.content) == "sisältö".encode() and job.filename == "raportti.pdf"
    assert calls == ["sisältö"]
    # The finished job is the answer to the same request, until the data changes (a new key).
    assert _ask(world, "sisältö") == job
    assert _ask(world, "uusi") != job


@worker_tests
def test_a_failing_job_says_so_until_the_user_tries_again(world: World) -> None:
    job = _ask(world, "broken")
    _work()
    job.refresh_from_db()
    assert job.state == JobState.FAILED and "the template is broken" in job.error
    assert job.content is None
    # A page polling for it is told it failed; it is not built again and again.
    assert _ask(world, "broken") == job
    again = _ask(world, "broken", retry=True)
    assert again != job and again.state == JobState.QUEUED


@worker_tests
def test_a_job_whose_worker_died_leaves_nothing_partial_and_is_started_again(
    world: World,
) -> None:
    job = _ask(world, "killed")
    _killed_mid_document(job)
    job.refresh_from_db()
    assert job.state == JobState.RUNNING and job.progress == 50
    assert job.content is None and not job.filename  # no partial file
    # While the worker could still be at it, asking again waits for the same job.
    assert _ask(world, "killed") == job
    later = timezone.now() + datetime.timedelta(minutes=11)
    with time_machine.travel(later, tick=False):
        again = _ask(world, "killed")
        assert again != job and again.state == JobState.QUEUED
        job.refresh_from_db()
        assert job.state == JobState.FAILED and job.error
    # Retried, it is built whole.
    registry.register("test_document", lambda params, progress: _document({"text": "ok"}, progress))
    _work()
    again.refresh_from_db()
    assert again.state == JobState.DONE and bytes(again.content) == b"ok"


@worker_tests
def test_the_daily_round_gives_up_jobs_whose_worker_went_quiet(world: World) -> None:
    _killed_mid_document(_ask(world, "killed"))
    job = Job.objects.get()
    assert give_up_stale_jobs() == 0
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=11), tick=False):
        assert give_up_stale_jobs() == 1
    job.refresh_from_db()
    assert job.state == JobState.FAILED


@worker_tests
def test_two_workers_share_the_queue_and_build_each_job_once(world: World) -> None:
    jobs = [_ask(world, f"asiakirja {n}") for n in range(4)]
    call_command("db_worker", "--max-tasks", "2", "--no-startup-delay", "--interval", "0")
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
    assert sorted(calls) == sorted(f"asiakirja {n}" for n in range(4))
    assert {Job.objects.get(pk=j.pk).state for j in jobs} == {JobState.DONE}


def test_a_job_is_found_only_by_who_asked_for_it_in_its_organisation(world: World) -> None:
    job = _ask(world, "oma")
    assert job_of(world.users["admin"], world.organisation, str(job.pk)) == job
    assert job_of(world.users["editor"], world.organisation, str(job.pk)) is None
    assert job_of(world.users["admin"], world.outsider_organisation, str(job.pk)) is None


def test_an_unknown_kind_is_refused_before_anything_is_queued(world: World) -> None:
    with pytest.raises(LookupError):
        request_job(
            user=world.users["admin"],
            organisation=world.organisation,
            kind="no_such_kind",
            params={},
            key="k",
        )
    assert not Job.objects.exists() and not DBTaskResult.objects.exists()


def _refused(params: Mapping[str, Any], progress: registry.Progress) -> registry.Output:
    raise registry.JobRefused("Rivi 3: joku muutti tehtävää.")


def _rolled_back(params: Mapping[str, Any], progress: registry.Progress) -> registry.Output:
    # A runner's all-or-nothing work: its progress is written beside it, not inside it.
    with transaction.atomic():
        Organisation.objects.filter(pk=params["organisation"]).update(name="Kesken")
        progress(40)
        raise ValueError("the import was refused at the last row")


@worker_tests
def test_a_refused_job_keeps_its_message_for_the_user(world: World) -> None:
    registry.register("test_refused", _refused)
    job = request_job(
        user=world.users["admin"],
        organisation=world.organisation,
        kind="test_refused",
        params={"row": 3},
        key="k",
    )
    _work()
    job.refresh_from_db()
    assert job.state == JobState.FAILED and job.error_for_user
    assert job.error == "Rivi 3: joku muutti tehtävää."
    fault = _ask(world, "broken")
    _work()
    fault.refresh_from_db()
    assert fault.state == JobState.FAILED and not fault.error_for_user


@worker_tests
@pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite has one writer at a time")
def test_progress_inside_a_transaction_is_written_on_its_own_and_stays_after_a_rollback(
    world: World,
) -> None:
    registry.register("test_rolled_back", _rolled_back)
    job = request_job(
        user=world.users["admin"],
        organisation=world.organisation,
        kind="test_rolled_back",
        params={"organisation": world.organisation.pk},
        key="k",
    )
    _work()
    job.refresh_from_db()
    assert (job.state, job.progress) == (JobState.FAILED, 40)
    assert Organisation.objects.get(pk=world.organisation.pk).name == world.organisation.name
