"""The interim report, the attachment and exports."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tiekartta.accounts.pages import page_context
from tiekartta.accounts.policy import Capability
from tiekartta.core.locking import ConflictError
from tiekartta.core.translations import ContentLanguages, page_language
from tiekartta.jobs.models import JobState
from tiekartta.jobs.services import request_job
from tiekartta.reports import jobs as report_jobs
from tiekartta.reports import services
from tiekartta.reports.exports import (
    PERSONAL_DATA_EXPORTS,
    attachment_xlsx,
    record_personal_data_export,
    roadmap_csv,
    roadmap_xlsx,
)
from tiekartta.reports.forms import ForewordForm, ReportDateForm
from tiekartta.reports.interim import build_interim_report, final_report_date
from tiekartta.reports.models import Foreword
from tiekartta.roadmap.decorators import RoadmapContext, roadmap_view
from tiekartta.roadmap.models import Roadmap

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: bytes, content_type: str, name: str, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{slugify(name)}.{extension}"'
    return response


def _as_of(
    request: HttpRequest, roadmap: Roadmap, *, final: bool = False
) -> tuple[ReportDateForm, datetime.date]:
    """The report's date and, in the form, its language: the reader's by default. Any interface
    language can be chosen, the organisation's own first; the headings are then in it and each
    text in its version in it, or in the primary language marked as such."""
    languages = roadmap.organisation.content_languages
    interface_languages = [code for code, _name in settings.LANGUAGES]
    offered = ContentLanguages(
        languages.primary,
        tuple(
            code
            for code in dict.fromkeys([*languages.others, *interface_languages])
            if code != languages.primary
        ),
    )
    form = ReportDateForm(
        request.GET or None,
        roadmap=roadmap,
        languages=offered,
        default_language=page_language(),
    )
    today = timezone.localdate()
    if form.is_bound and form.is_valid() and form.cleaned_data["date"]:
        return form, form.cleaned_data["date"]
    return form, final_report_date(roadmap, today) if final else today


@roadmap_view("roadmap.read")
def interim_report(request: HttpRequest, ctx: RoadmapContext) -> HttpResponse:
    return _report_page(request, ctx, final=False)


@roadmap_view("roadmap.read")
def final_report(request: HttpRequest, ctx: RoadmapContext) -> HttpResponse:
    """The final report (loppuraportti): the interim report's structure for the whole period,
    plus what was carried over to the next one."""
    return _report_page(request, ctx, final=True)


def _report_page(request: HttpRequest, ctx: RoadmapContext, *, final: bool) -> HttpResponse:
    membership, current = ctx.membership, ctx.roadmap
    date_form, as_of = _as_of(request, current, final=final)
    # The report is in its own language, words and texts; the page around it in the reader's.
    with translation.override(date_form.chosen_language()):
        report = build_interim_report(current, as_of, timezone.localdate(), final=final)
    foreword_form = None
    if ctx.can(Capability.REPORT_FOREWORD):
        saved = Foreword.objects.filter(roadmap=current).first()
        foreword_form = ForewordForm(
            initial={
                "text": saved.text if saved else "",
                "version": saved.version if saved else None,
            }
        )
    return render(
        request,
        "reports/interim.html",
        page_context(
            membership,
            current,
            report=report,
            date_form=date_form,
            foreword_form=foreword_form,
            pdf_url="reports:final_pdf" if final else "reports:interim_pdf",
            docx_url="reports:final_docx" if final else "reports:interim_docx",
        ),
        status=400 if date_form.errors else 200,
    )


@roadmap_view("report.foreword")
def foreword(request: HttpRequest, ctx: RoadmapContext) -> HttpResponse:
    membership, current = ctx.membership, ctx.roadmap
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = ForewordForm(request.POST)
    conflict = False
    if form.is_valid():
        try:
            services.save_foreword(
                actor=ctx.actor,
                roadmap=current,
                text=form.cleaned_data["text"],
                expected_version=form.cleaned_data["version"],
            )
        except ConflictError:
            conflict = True
        else:
            messages.success(request, _("The foreword was saved."))
            return redirect("reports:interim", org=ctx.org, roadmap=current.slug)
    date_form, as_of = _as_of(request, current)
    with translation.override(date_form.chosen_language()):
        report = build_interim_report(current, as_of, timezone.localdate())
    return render(
        request,
        "reports/interim.html",
        page_context(
            membership,
            current,
            report=report,
            date_form=date_form,
            foreword_form=form,
            foreword_conflict=conflict,
            pdf_url="reports:interim_pdf",
            docx_url="reports:interim_docx",
        ),
        status=409 if conflict else 400,
    )


def _report_file(
    request: HttpRequest, ctx: RoadmapContext, kind: str, *, final: bool = False
) -> HttpResponse:
    current = ctx.roadmap
    date_form, as_of = _as_of(request, current, final=final)
    if date_form.errors:
        return HttpResponse(" ".join(str(e) for e in date_form.errors["date"]), status=400)
    job_params = report_jobs.params(
        current, as_of, date_form.chosen_language(), timezone.localdate(), final=final
    )
    if final:
        title = _("Final report as PDF") if kind == "pdf" else _("Final report as Word")
    else:
        title = _("Interim report as PDF") if kind == "pdf" else _("Interim report as Word")
    return _document(request, ctx, report_jobs.KINDS[kind], job_params, title)


def _document(
    request: HttpRequest,
    ctx: RoadmapContext,
    job_kind: str,
    job_params: dict[str, Any],
    title: str,
) -> HttpResponse:
    """The document, built by the worker: the file once it is ready, until then a page that
    says how far it has got (202; the page's script asks again and saves the file)."""
    current = ctx.roadmap
    job = request_job(
        user=ctx.membership.user,
        organisation=current.organisation,
        kind=job_kind,
        params=job_params,
        key=report_jobs.data_key(current, job_params),
        retry=request.GET.get("retry") == "1",
    )
    job.refresh_from_db()  # the worker may have finished it already
    if job.state == JobState.DONE:
        response = HttpResponse(bytes(job.content or b""), content_type=job.content_type)
        response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
        return response
    failed = job.state == JobState.FAILED
    response = render(
        request,
        "reports/document_pending.html",
        page_context(
            ctx.membership,
            current,
            job=job,
            failed=failed,
            document_title=title,
            retry_url=f"{request.path}?{_with_retry(request)}",
        ),
        status=500 if failed else 202,
    )
    response["Tiekartta-Job-Progress"] = str(job.progress)
    if not failed:
        response["Retry-After"] = "2"
    return response


def _with_retry(request: HttpRequest) -> str:
    query = request.GET.copy()
    query["retry"] = "1"
    return query.urlencode()


@roadmap_view("roadmap.read")
def interim_pdf_view(request: HttpRequest, ctx: RoadmapContext) -> HttpResponse:
    return _report_file(request, ctx, "pdf")


@roadmap_view("roadmap.read")
def interim_docx_view(request: HttpRequest, ctx: RoadmapContext) -> HttpResponse:
    return _report_file(request, ctx, "docx")


@roadmap_view("roadmap.read")
def final_pdf_view(request: HttpRequest, ctx: RoadmapContext) -> HttpResponse:
    return _report_file(request, ctx, "pdf", final=True)


@roadmap_view("roadmap.read")
def final_docx_view(request: HttpRequest, ctx: RoadmapContext) -> HttpResponse:
    return _report_file(request, ctx, "docx", final=True)


@roadmap_view("roadmap.read")
def export_file(request: HttpRequest, ctx: RoadmapContext, kind: str) -> HttpResponse:
    current = ctx.roadmap
    today = timezone.localdate().isoformat()
    if kind in PERSONAL_DATA_EXPORTS:
        content = roadmap_xlsx(current) if kind == "xlsx" else roadmap_csv(current)
        # The whole roadmap names its people (and the .xlsx lists them with their e-mail).
        record_personal_data_export(actor=ctx.actor, roadmap=current, kind=kind)
        if kind == "xlsx":
            return _download(content, XLSX, f"{current.slug} {today}", "xlsx")
        return _download(content, "text/csv; charset=utf-8", f"{current.slug} {today}", "csv")
    name = f"{_('task list')} {current.slug}"
    if kind == "attachment-xlsx":
        return _download(attachment_xlsx(current), XLSX, name, "xlsx")
    # As long as the interim report for a large roadmap: the worker builds it.
    job_params = report_jobs.attachment_params(current, translation.get_language())
    return _document(
        request, ctx, report_jobs.TASK_LIST_PDF, job_params, _("Task list attachment (PDF)")
    )
