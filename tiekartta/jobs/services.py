"""Asking for a job, and running it in the worker.

A job belongs to the user who asked for it. Asking again for the same thing (the same key:
what was asked and the state of the data) gives the same job, finished or under way, so a
second click or a reload does not queue the work twice. A running job whose worker has gone
quiet for longer than `TIEKARTTA_JOB_STALE_SECONDS` (the worker was stopped or killed) is
given up and asked again: its file is written only when it has been built whole, so nothing
partial is left behind.

A runner may do its work in one transaction (an import: all rows or none). Its progress is then
written on a connection of its own, committed at once, so that the page sees it and the job's
heartbeat goes on while the work is not yet committed; if the worker dies, the work is rolled
back and only the progress remains, on a job that is given up when it goes quiet.

The job row is the record of who asked for what and when (the documents themselves change
nothing), so no audit event is written for it."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone
from django.utils.translation import gettext as _

from tiekartta.accounts.models import Organisation, User
from tiekartta.jobs.models import ERROR_LIMIT, Job, JobState
from tiekartta.jobs.registry import JobRefused, Progress, runner_for

logger = logging.getLogger(__name__)


def stale_after() -> datetime.timedelta:
    return datetime.timedelta(seconds=getattr(settings, "TIEKARTTA_JOB_STALE_SECONDS", 600))


def is_stale(job: Job, now: datetime.datetime | None = None) -> bool:
    # A queued job waits its turn however long the queue is; only a running one can go quiet.
    if job.state != JobState.RUNNING:
        return False
    return (now or timezone.now()) - job.heartbeat_at > stale_after()


@transaction.atomic
def request_job(
    *,
    user: User,
    organisation: Organisation,
    kind: str,
    params: Mapping[str, Any],
    key: str,
    retry: bool = False,
) -> Job:
    """The user's latest job for `key`: finished, under way or failed, else a new one, queued
    for the worker when this transaction commits. A failed one is started anew only when
    `retry` says so (the user asked to try again), so a page that polls does not build a
    broken document over and over."""
    # Imported here: the task module imports this one.
    from tiekartta.jobs.tasks import run_job

    runner_for(kind)  # an unknown kind fails here, not later in the worker
    found = (
        Job.objects.select_for_update()
        .filter(organisation=organisation, requested_by=user, kind=kind, key=key)
        .order_by("-created_at")
        .first()
    )
    if found is not None:
        if is_stale(found):
            _give_up(found, _("The worker stopped before the job was finished."))
        elif found.state != JobState.FAILED or not retry:
            return found
    job = Job(organisation=organisation, requested_by=user, kind=kind, params=dict(params), key=key)
    job.full_clean()
    job.save()
    run_job.enqueue(str(job.pk))
    return job


def _give_up(job: Job, reason: str) -> None:
    job.state, job.error, job.finished_at = JobState.FAILED, reason, timezone.now()
    job.save(update_fields=["state", "error", "finished_at"])


def run(job_id: str) -> None:
    """Build the job's file (in the worker). Progress is written as it goes, each report
    on its own, so the page sees it; the file is written in one go at the end."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.state in (JobState.DONE, JobState.FAILED):
            return  # done already, or given up while it waited
        job.state, job.attempts = JobState.RUNNING, job.attempts + 1
        job.heartbeat_at = timezone.now()
        job.save(update_fields=["state", "attempts", "heartbeat_at"])

    try:
        with _progress(job_id) as report:
            output = runner_for(job.kind)(job.params, report)
    except JobRefused as refused:  # the user is told why, in their words
        logger.info("Background job %s (%s) refused: %s", job_id, job.kind, refused.message)
        Job.objects.filter(pk=job_id).update(
            state=JobState.FAILED,
            error=refused.message[:ERROR_LIMIT],
            error_for_user=True,
            finished_at=timezone.now(),
        )
        return
    except Exception as error:  # the job says so; the worker goes on with the next one
        logger.exception("Background job %s (%s) failed", job_id, job.kind)
        Job.objects.filter(pk=job_id).update(
            state=JobState.FAILED, error=str(error)[:ERROR_LIMIT], finished_at=timezone.now()
        )
        return
    Job.objects.filter(pk=job_id, state=JobState.RUNNING).update(
        state=JobState.DONE,
        progress=100,
        content=output.content,
        filename=output.filename,
        content_type=output.content_type,
        finished_at=timezone.now(),
        heartbeat_at=timezone.now(),
    )


@contextmanager
def _progress(job_id: str) -> Iterator[Progress]:
    """How a runner reports its progress. Outside a transaction the report is written at once;
    inside one (a runner's all-or-nothing work) it goes through a connection of its own, so
    that it is seen before the work commits and stays if the work is rolled back. SQLite
    allows one writer at a time: there, a report inside a transaction is left out."""
    own: BaseDatabaseWrapper | None = None

    def report(percent: int) -> None:
        nonlocal own
        percent, now = max(0, min(99, percent)), timezone.now()
        if not transaction.get_connection().in_atomic_block:
            Job.objects.filter(pk=job_id, state=JobState.RUNNING).update(
                progress=percent, heartbeat_at=now
            )
            return
        if transaction.get_connection().vendor == "sqlite":
            return
        if own is None:
            own = connections.create_connection(DEFAULT_DB_ALIAS)
        fields = {f.name: f for f in Job._meta.concrete_fields}
        with own.cursor() as cursor:
            cursor.execute(
                f"UPDATE {own.ops.quote_name(Job._meta.db_table)}"  # noqa: S608  # nosec B608
                " SET progress = %s, heartbeat_at = %s WHERE id = %s AND state = %s",
                [
                    percent,
                    fields["heartbeat_at"].get_db_prep_value(now, own),
                    fields["id"].get_db_prep_value(job_id, own),
                    JobState.RUNNING.value,
                ],
            )

    try:
        yield report
    finally:
        if own is not None:
            own.close()


@transaction.atomic
def give_up_stale_jobs(*, now: datetime.datetime | None = None) -> int:
    """Mark the jobs whose worker went quiet as failed (the next request starts them anew)."""
    now = now or timezone.now()
    quiet = Job.objects.filter(state=JobState.RUNNING, heartbeat_at__lt=now - stale_after())
    return quiet.update(
        state=JobState.FAILED,
        error=_("The worker stopped before the job was finished."),
        finished_at=now,
    )


@transaction.atomic
def delete_old_jobs(*, older_than: datetime.timedelta, now: datetime.datetime | None = None) -> int:
    """The files are kept for a while for a repeated download, then removed."""
    cutoff = (now or timezone.now()) - older_than
    deleted, _counts = Job.objects.filter(created_at__lt=cutoff).delete()
    return deleted
