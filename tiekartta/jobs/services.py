"""Asking for a job, and running it in the worker.

A job belongs to the user who asked for it. Asking again for the same thing (the same key:
what was asked and the state of the data) gives the same job, finished or under way, so a
second click or a reload does not queue the work twice. A running job whose worker has gone
quiet for longer than `TIEKARTTA_JOB_STALE_SECONDS` (the worker was stopped or killed) is
given up and asked again: its file is written only when it has been built whole, so nothing
partial is left behind.

The job row is the record of who asked for what and when (the documents themselves change
nothing), so no audit event is written for it."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiekartta.accounts.models import Organisation, User
from tiekartta.jobs.models import ERROR_LIMIT, Job, JobState
from tiekartta.jobs.registry import runner_for

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

    def report(percent: int) -> None:
        Job.objects.filter(pk=job_id, state=JobState.RUNNING).update(
            progress=max(0, min(99, percent)), heartbeat_at=timezone.now()
        )

    try:
        output = runner_for(job.kind)(job.params, report)
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
