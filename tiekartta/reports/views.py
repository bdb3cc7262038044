"""The interim report, the attachment, exports and the task import."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tiekartta.accounts.access import get_membership, require_admin
from tiekartta.accounts.models import Membership
from tiekartta.core.locking import ConflictError
from tiekartta.core.pages import page_context
from tiekartta.reports import services
from tiekartta.reports.documents import attachment_pdf, interim_docx, interim_pdf
from tiekartta.reports.exports import attachment_xlsx, roadmap_csv, roadmap_xlsx
from tiekartta.reports.forms import ForewordForm, ImportUploadForm, ReportDateForm
from tiekartta.reports.importer import plan_import
from tiekartta.reports.interim import build_interim_report
from tiekartta.reports.models import Foreword, ImportBatch, ImportKind, ImportStatus
from tiekartta.reports.tables import ImportRefused, TablePlan
from tiekartta.roadmap.access import get_roadmap
from tiekartta.roadmap.models import Roadmap

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _download(content: bytes, content_type: str, name: str, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{slugify(name)}.{extension}"'
    return response


def _as_of(request: HttpRequest, roadmap: Roadmap) -> tuple[ReportDateForm, datetime.date]:
    form = ReportDateForm(request.GET or None, roadmap=roadmap)
    today = timezone.localdate()
    if form.is_bound and form.is_valid() and form.cleaned_data["date"]:
        return form, form.cleaned_data["date"]
    return form, today


@login_required
def interim_report(request: HttpRequest, org: str, roadmap: str) -> HttpResponse:
    membership = get_membership(request, org)
    current = get_roadmap(membership, roadmap)
    date_form, as_of = _as_of(request, current)
    report = build_interim_report(current, as_of, timezone.localdate())
    foreword_form = None
    if membership.is_admin:
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
        ),
        status=400 if date_form.errors else 200,
    )


@login_required
def foreword(request: HttpRequest, org: str, roadmap: str) -> HttpResponse:
    membership = get_membership(request, org)
    current = get_roadmap(membership, roadmap)
    require_admin(membership)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = ForewordForm(request.POST)
    conflict = False
    if form.is_valid():
        try:
            services.save_foreword(
                actor=request.user,  # type: ignore[arg-type]
                roadmap=current,
                text=form.cleaned_data["text"],
                expected_version=form.cleaned_data["version"],
            )
        except ConflictError:
            conflict = True
        else:
            messages.success(request, _("The foreword was saved."))
            return redirect("reports:interim", org=org, roadmap=roadmap)
    date_form, as_of = _as_of(request, current)
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
        ),
        status=409 if conflict else 400,
    )


def _report_file(request: HttpRequest, org: str, roadmap: str, kind: str) -> HttpResponse:
    membership = get_membership(request, org)
    current = get_roadmap(membership, roadmap)
    date_form, as_of = _as_of(request, current)
    if date_form.errors:
        return HttpResponse(" ".join(str(e) for e in date_form.errors["date"]), status=400)
    report = build_interim_report(current, as_of, timezone.localdate())
    name = f"{_('interim report')} {current.slug} {as_of.isoformat()}"
    if kind == "pdf":
        return _download(interim_pdf(report), "application/pdf", name, "pdf")
    return _download(interim_docx(report), DOCX, name, "docx")


@login_required
def interim_pdf_view(request: HttpRequest, org: str, roadmap: str) -> HttpResponse:
    return _report_file(request, org, roadmap, "pdf")


@login_required
def interim_docx_view(request: HttpRequest, org: str, roadmap: str) -> HttpResponse:
    return _report_file(request, org, roadmap, "docx")


@login_required
def export_file(request: HttpRequest, org: str, roadmap: str, kind: str) -> HttpResponse:
    membership = get_membership(request, org)
    current = get_roadmap(membership, roadmap)
    today = timezone.localdate().isoformat()
    if kind == "xlsx":
        return _download(roadmap_xlsx(current), XLSX, f"{current.slug} {today}", "xlsx")
    if kind == "csv":
        return _download(
            roadmap_csv(current), "text/csv; charset=utf-8", f"{current.slug} {today}", "csv"
        )
    name = f"{_('task list')} {current.slug}"
    if kind == "attachment-xlsx":
        return _download(attachment_xlsx(current), XLSX, name, "xlsx")
    return _download(attachment_pdf(current), "application/pdf", name, "pdf")


# Import ----------------------------------------------------------------------------------------


def _require_importer(membership: Membership) -> None:
    if not membership.can_edit_all_tasks:
        raise PermissionDenied


def keep_upload(
    request: HttpRequest,
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
        actor=request.user,  # type: ignore[arg-type]
        roadmap=roadmap,
        filename=upload.name,
        content=content,
        kind=kind,
    )


@login_required
def import_upload(request: HttpRequest, org: str, roadmap: str) -> HttpResponse:
    membership = get_membership(request, org)
    current = get_roadmap(membership, roadmap)
    _require_importer(membership)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        batch = keep_upload(request, form, current, plan_import, ImportKind.TASKS)
        if batch is not None:
            return redirect("reports:import_preview", org=org, roadmap=roadmap, batch=batch.pk)
    return render(
        request,
        "reports/import_upload.html",
        page_context(membership, current, form=form),
        status=400 if form.errors else 200,
    )


def _get_batch(roadmap: Roadmap, pk: int) -> ImportBatch:
    # Only task lists: a file of metric values is previewed and confirmed by its own pages.
    return get_object_or_404(ImportBatch, roadmap=roadmap, kind=ImportKind.TASKS, pk=pk)


@login_required
def import_preview(request: HttpRequest, org: str, roadmap: str, batch: int) -> HttpResponse:
    membership = get_membership(request, org)
    current = get_roadmap(membership, roadmap)
    _require_importer(membership)
    item = _get_batch(current, batch)
    if item.status != ImportStatus.PENDING:
        messages.info(request, _("This file has already been imported or discarded."))
        return redirect("reports:import_upload", org=org, roadmap=roadmap)
    today = timezone.localdate()
    plan = plan_import(current, bytes(item.content), item.filename, today)
    error = ""
    if request.method == "POST":
        try:
            summary = services.confirm_import(
                actor=request.user,  # type: ignore[arg-type]
                batch=item,
                plan=plan,
                today=today,
            )
        except (ImportRefused, ValidationError) as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(
                request,
                _(
                    "Imported: %(created)s new tasks, %(updated)s updated, %(unchanged)s "
                    "unchanged; %(people)s people and %(themes)s themes added."
                )
                % summary,
            )
            return redirect("roadmap:overview", org=org, roadmap=roadmap)
    return render(
        request,
        "reports/import_preview.html",
        page_context(membership, current, batch=item, plan=plan, error=error),
        status=400 if error else 200,
    )


@login_required
def import_discard(request: HttpRequest, org: str, roadmap: str, batch: int) -> HttpResponse:
    membership = get_membership(request, org)
    current = get_roadmap(membership, roadmap)
    _require_importer(membership)
    item = _get_batch(current, batch)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.discard_import(batch=item)
    messages.success(request, _("The file was discarded; nothing was imported."))
    return redirect("reports:import_upload", org=org, roadmap=roadmap)
