"""The pages of every kind of import: upload a file, preview how each row is read, confirm
(all rows or none) or discard. Each kind gets its own views (`import_pages`), guarded by the
kind's capability; the kind also comes from the URL (see urls.import_paths).

Confirming hands the saving to the background worker (imports.jobs) and opens a page that
says how far it has got until it lands on the kind's page with what was imported."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tiekartta.accounts.decorators import View
from tiekartta.accounts.pages import page_context
from tiekartta.core.actors import Actor
from tiekartta.core.htmx import is_htmx
from tiekartta.imports import jobs as import_jobs
from tiekartta.imports import services
from tiekartta.imports.forms import AnswersForm, ImportUploadForm
from tiekartta.imports.models import ImportBatch, ImportKind, ImportStatus
from tiekartta.imports.questions import ImportAnswers
from tiekartta.imports.registry import Importer, get_importer
from tiekartta.imports.tables import TablePlan
from tiekartta.jobs.models import Job, JobState
from tiekartta.jobs.selectors import latest_job
from tiekartta.jobs.services import is_stale
from tiekartta.roadmap.decorators import RoadmapContext, roadmap_view
from tiekartta.roadmap.models import Roadmap


def keep_upload(
    actor: Actor,
    form: ImportUploadForm,
    roadmap: Roadmap,
    plan: Callable[[Roadmap, bytes, str, datetime.date], TablePlan[Any]],
    kind: ImportKind,
) -> ImportBatch | None:
    """Keep the valid form's file as a pending batch of `kind` to preview, or, when `plan`
    finds the file as a whole unusable, say why next to the field and keep nothing."""
    upload = form.cleaned_data["file"]
    content = upload.read()
    problems = plan(roadmap, content, upload.name, timezone.localdate()).problems
    if problems:
        for problem in problems:
            form.add_error("file", problem.message)
        return None
    return services.upload_import(
        actor=actor,
        roadmap=roadmap,
        filename=upload.name,
        content=content,
        kind=kind,
    )


def _get_batch(roadmap: Roadmap, importer: Importer[Any], pk: int) -> ImportBatch:
    # Only files of the page's own kind: a task list is never confirmed as metric values.
    return get_object_or_404(ImportBatch, roadmap=roadmap, kind=importer.kind, pk=pk)


def _url(importer: Importer[Any], page: str, org: str, roadmap: str, **kwargs: Any) -> str:
    return reverse(f"{importer.url_name}_{page}", kwargs={"org": org, "roadmap": roadmap, **kwargs})


def import_upload(request: HttpRequest, ctx: RoadmapContext, kind: str) -> HttpResponse:
    membership, current, importer = ctx.membership, ctx.roadmap, get_importer(kind)
    org, roadmap = ctx.org, current.slug
    form = ImportUploadForm(request.POST or None, request.FILES or None, label=importer.file_label)
    if request.method == "POST" and form.is_valid():
        batch = keep_upload(ctx.actor, form, current, importer.plan, ImportKind(importer.kind))
        if batch is not None:
            return redirect(_url(importer, "preview", org, roadmap, batch=batch.pk))
    return render(
        request,
        importer.upload_template,
        page_context(
            membership, current, form=form, **importer.upload_context(current, timezone.localdate())
        ),
        status=400 if form.errors else 200,
    )


def import_preview(
    request: HttpRequest, ctx: RoadmapContext, batch: int, kind: str
) -> HttpResponse:
    membership, current, importer = ctx.membership, ctx.roadmap, get_importer(kind)
    org, roadmap = ctx.org, current.slug
    item = _get_batch(current, importer, batch)
    confirming = request.method == "POST" and "answer" not in request.POST
    if confirming and item.status == ImportStatus.PENDING:
        # The worker saves it. Confirming again while it is at it (a double click) is the same
        # job; after a failure ("try again", or after answering the preview's questions) the
        # file is imported anew.
        import_jobs.request_import(
            user=ctx.membership.user, batch=item, today=timezone.localdate(), retry=True
        )
        return redirect(_url(importer, "applying", org, roadmap, batch=item.pk))
    if confirming and _job_of(ctx, item) is not None:
        return redirect(_url(importer, "applying", org, roadmap, batch=item.pk))
    if item.status != ImportStatus.PENDING:
        messages.info(request, _("This file has already been imported or discarded."))
        return redirect(_url(importer, "upload", org, roadmap))
    today = timezone.localdate()
    answers = ImportAnswers.from_json(item.answers)
    plan = importer.plan(current, bytes(item.content), item.filename, today, answers)
    error = ""
    answering = request.method == "POST"
    questions = AnswersForm(plan.questions, request.POST if answering else None)
    if answering and questions.is_valid():
        try:
            services.answer_import(actor=ctx.actor, batch=item, answers=questions.answers())
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            return redirect(_url(importer, "preview", org, roadmap, batch=item.pk))
    bad = error or questions.errors or (importer.problems_are_bad_request and not plan.ok)
    return render(
        request,
        importer.preview_template,
        page_context(
            membership,
            current,
            batch=item,
            plan=plan,
            questions_form=questions,
            error=error,
            discard_url=_url(importer, "discard", org, roadmap, batch=item.pk),
        ),
        status=400 if bad else 200,
    )


def _job_of(ctx: RoadmapContext, batch: ImportBatch) -> Job | None:
    return latest_job(
        ctx.membership.user, ctx.roadmap.organisation, import_jobs.KIND, import_jobs.key(batch)
    )


def import_applying(
    request: HttpRequest, ctx: RoadmapContext, batch: int, kind: str
) -> HttpResponse:
    """How far the worker has got with the user's confirmed file: 202 with the progress while
    it works, then on to the kind's page with what was imported; 400 with the reasons when the
    file could not be imported (nothing was), 500 when the import failed otherwise. A job
    whose worker died is started again here. With htmx the page asks again by itself."""
    membership, current, importer = ctx.membership, ctx.roadmap, get_importer(kind)
    org, roadmap = ctx.org, current.slug
    item = _get_batch(current, importer, batch)
    job = _job_of(ctx, item)
    if job is None:
        # Another member's import is theirs alone; a file nobody has confirmed is previewed.
        if import_jobs.is_confirmed(item):
            raise Http404
        return redirect(_url(importer, "preview", org, roadmap, batch=item.pk))
    if is_stale(job):
        job = import_jobs.request_import(
            user=membership.user, batch=item, today=timezone.localdate()
        )
        job.refresh_from_db()  # the worker may have finished it already
    if job.state == JobState.DONE:
        messages.success(request, importer.imported_message(import_jobs.summary_of(job)))
        done = reverse(importer.done_url_name, kwargs={"org": org, "roadmap": roadmap})
        if is_htmx(request):
            response = HttpResponse()
            response["HX-Redirect"] = done
            return response
        return redirect(done)
    failed = job.state == JobState.FAILED
    if failed and is_htmx(request):
        response = HttpResponse()
        response["HX-Refresh"] = "true"  # the whole page, with its status, says it failed
        return response
    response = render(
        request,
        "imports/applying.html",
        page_context(
            membership,
            current,
            batch=item,
            job=job,
            failed=failed,
            error=job.error if job.error_for_user else "",
            can_retry=item.status == ImportStatus.PENDING,
            preview_url=_url(importer, "preview", org, roadmap, batch=item.pk),
        ),
        status=(400 if job.error_for_user else 500) if failed else 202,
    )
    response["Tiekartta-Job-Progress"] = str(job.progress)
    if not failed:
        response["Retry-After"] = "2"
    return response


def import_discard(
    request: HttpRequest, ctx: RoadmapContext, batch: int, kind: str
) -> HttpResponse:
    current, importer = ctx.roadmap, get_importer(kind)
    item = _get_batch(current, importer, batch)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.discard_import(actor=ctx.actor, batch=item)
    messages.success(request, _("The file was discarded; nothing was imported."))
    return redirect(_url(importer, "upload", ctx.org, current.slug))


@dataclass(frozen=True)
class ImportPages:
    """One kind's upload, preview, import-in-progress and discard views, each declaring the
    kind's capability."""

    upload: View
    preview: View
    applying: View
    discard: View


@functools.cache
def import_pages(kind: str) -> ImportPages:
    """The pages of a registered kind of import, guarded by its capability (sign-in, then 404
    outside the organisation or for another's roadmap, then 403 without the capability, then
    404 for a file that is not the roadmap's or not of the kind)."""
    capability = get_importer(kind).capability
    return ImportPages(
        upload=roadmap_view(capability)(import_upload),
        preview=roadmap_view(capability)(import_preview),
        applying=roadmap_view(capability)(import_applying),
        discard=roadmap_view(capability)(import_discard),
    )
