"""A web import's confirmation, done by the background worker (tiekartta.jobs).

Saving a 2,000-row task list writes tens of thousands of rows and their history: that is the
worker's work, not a web server's. The worker reads the pending file again (so that it saves
what the data is now, as the preview showed) and saves it in one transaction, all rows or none;
its progress (rows saved of the rows to save) is written beside it on a connection of its own.
A worker killed mid-import leaves nothing of it: the job goes quiet, is given up after
`TIEKARTTA_JOB_STALE_SECONDS` and is started again by the next look at its page.

The job's key is the batch, so confirming twice is the same job; a batch already imported
(say, by a worker that died after committing) is the job's result, never a second import. The
command line (`import_tasks`, `import_metric_values`) saves without the worker."""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import translation

from tiekartta.accounts.models import User
from tiekartta.core.actors import Actor
from tiekartta.core.translations import using_languages
from tiekartta.imports import services
from tiekartta.imports.models import ImportBatch, ImportStatus
from tiekartta.imports.questions import ImportAnswers
from tiekartta.imports.registry import get_importer
from tiekartta.jobs.models import Job
from tiekartta.jobs.registry import JobRefused, Output, Progress, register
from tiekartta.jobs.services import request_job

KIND = "import"
JSON = "application/json"
# Of the job's percentage: reading the file again, then the rows, then the commit.
READ, SAVED = 5, 98


def key(batch: ImportBatch) -> str:
    return f"{batch.kind}:{batch.pk}"


def request_import(
    *, user: User, batch: ImportBatch, today: datetime.date, retry: bool = False
) -> Job:
    """The user's job confirming `batch`: the one under way or finished, else a new one."""
    return request_job(
        user=user,
        organisation=batch.roadmap.organisation,
        kind=KIND,
        params={
            "batch": batch.pk,
            "user": user.pk,
            "today": today.isoformat(),
            "language": translation.get_language(),
        },
        key=key(batch),
        retry=retry,
    )


def is_confirmed(batch: ImportBatch) -> bool:
    """Whether anyone has confirmed the file (its job is theirs alone)."""
    return Job.objects.filter(
        organisation=batch.roadmap.organisation_id, kind=KIND, key=key(batch)
    ).exists()


def summary_of(job: Job) -> dict[str, int]:
    """What a finished import job saved (the import's summary)."""
    return dict(json.loads(bytes(job.content or b"{}")).get("summary", {}))


def _done(summary: Mapping[str, int]) -> Output:
    return Output(json.dumps({"summary": dict(summary)}).encode(), "", JSON)


def _apply(job_params: Mapping[str, Any], progress: Progress) -> Output:
    batch = ImportBatch.objects.select_related("roadmap__organisation").get(pk=job_params["batch"])
    user = User.objects.get(pk=job_params["user"])
    today = datetime.date.fromisoformat(job_params["today"])
    importer = get_importer(batch.kind)
    shown = -1

    def rows(done: int, total: int) -> None:
        nonlocal shown
        percent = READ + (SAVED - READ) * done // max(total, 1)
        if percent != shown:  # at most a hundred reports, however long the file
            shown = percent
            progress(percent)

    with (
        using_languages(batch.roadmap.organisation.content_languages),
        translation.override(job_params["language"]),
    ):
        if batch.status == ImportStatus.APPLIED:
            return _done(batch.summary)
        plan = importer.plan(
            batch.roadmap,
            bytes(batch.content),
            batch.filename,
            today,
            ImportAnswers.from_json(batch.answers),
        )
        progress(READ)
        try:
            summary = services.confirm_import(
                actor=Actor.for_user(user),
                batch=batch,
                importer=importer,
                plan=plan,
                today=today,
                progress=rows,
            )
        except ValidationError as refused:  # ImportRefused among them: nothing was saved
            batch.refresh_from_db(fields=["status", "summary"])
            if batch.status == ImportStatus.APPLIED:  # by another job while this one read it
                return _done(batch.summary)
            raise JobRefused(" ".join(refused.messages)) from refused
    return _done(summary)


def register_runners() -> None:
    register(KIND, _apply)
