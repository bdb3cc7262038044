"""Survey answers in, on the web: upload the export with its source, choose the columns that
hold ideas (and the respondent's group), preview every idea with the answers left empty and the
ideas already there that look alike, then import all of them or discard the file."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tiekartta.accounts.decorators import OrgContext, org_view
from tiekartta.accounts.pages import page_context
from tiekartta.core.spreadsheet_reading import SpreadsheetError
from tiekartta.ideas import survey_services as services
from tiekartta.ideas.forms import ColumnsForm, SurveyUploadForm
from tiekartta.ideas.models import IdeaSource, IdeaStatus, SurveyImport, SurveyImportStatus
from tiekartta.ideas.selectors import ideas_of
from tiekartta.ideas.similarity import similar_pairs
from tiekartta.ideas.survey import survey_columns

PREVIEW_ROWS = 200


def get_upload(ctx: OrgContext, pk: int) -> SurveyImport:
    """An upload of the organisation in the URL; another organisation's is 404."""
    upload = SurveyImport.objects.filter(pk=pk, organisation=ctx.organisation).first()
    if upload is None:
        raise Http404
    return upload


def get_pending(ctx: OrgContext, pk: int) -> SurveyImport:
    """A pending upload of the organisation: one already imported or discarded has no columns
    or preview left (its file is emptied), so it is 404 too."""
    upload = get_upload(ctx, pk)
    if upload.status != SurveyImportStatus.PENDING:
        raise Http404
    return upload


def _already_done(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    # A second click on Import or Discard: the first one did it, nothing more happens.
    messages.info(request, _("This file was already imported or discarded."))
    return redirect("ideas:list", org=ctx.org)


@org_view("idea.manage")
def survey_upload(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    form = SurveyUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        content = file.read()
        try:
            columns = survey_columns(content, file.name)
        except SpreadsheetError as error:
            form.add_error("file", error.message)
        else:
            if not columns.headers:
                form.add_error("file", _("The file has no columns with headings."))
            else:
                upload = services.upload_survey(
                    actor=ctx.actor,
                    organisation=ctx.organisation,
                    filename=file.name,
                    content=content,
                    choices=services.SurveyChoices(
                        source=form.cleaned_data["source"],
                        event=form.cleaned_data["event"],
                        received_on=form.cleaned_data["received_on"],
                    ),
                )
                return redirect("ideas:survey_columns", org=ctx.org, upload=upload.pk)
    return render(
        request,
        "ideas/survey_upload.html",
        page_context(ctx.membership, form=form),
        status=400 if request.method == "POST" else 200,
    )


@org_view("idea.manage")
def survey_choose_columns(request: HttpRequest, ctx: OrgContext, upload: int) -> HttpResponse:
    pending = get_pending(ctx, upload)
    columns = survey_columns(bytes(pending.content), pending.filename)
    chosen = services.SurveyChoices.from_json(pending.choices)
    form = ColumnsForm(
        request.POST or None,
        headers=columns.headers,
        organisation=ctx.organisation,
        initial={
            "idea_columns": chosen.idea_columns,
            "group_column": chosen.group_column,
            "theme": chosen.theme,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.choose_columns(
                actor=ctx.actor,
                upload=pending,
                idea_columns=form.cleaned_data["idea_columns"],
                group_column=form.cleaned_data["group_column"],
                theme=form.cleaned_data["theme"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("ideas:survey_preview", org=ctx.org, upload=pending.pk)
    return render(
        request,
        "ideas/survey_columns.html",
        page_context(
            ctx.membership,
            upload=pending,
            form=form,
            columns=columns,
            samples=[(heading, columns.samples[heading]) for heading in columns.headers],
        ),
        status=400 if request.method == "POST" else 200,
    )


@org_view("idea.manage")
def survey_preview(request: HttpRequest, ctx: OrgContext, upload: int) -> HttpResponse:
    pending = get_pending(ctx, upload)
    if not pending.choices.get("idea_columns"):
        return redirect("ideas:survey_columns", org=ctx.org, upload=pending.pk)
    plan = services.plan_of(pending)
    return _preview(request, ctx, pending, plan, status=400 if plan.problems else 200)


def _preview(
    request: HttpRequest,
    ctx: OrgContext,
    pending: SurveyImport,
    plan: services.SurveyPlan,
    *,
    status: int,
) -> HttpResponse:
    # Keyed by the idea's place in the file: a respondent's row may hold several ideas.
    new = {index: idea.title for index, (_number, idea) in enumerate(plan.ideas)}
    rows_of = [number for number, _idea in plan.ideas]
    existing = dict(
        ideas_of(ctx.organisation).exclude(status=IdeaStatus.MERGED).values_list("pk", "title")
    )
    like_existing = similar_pairs(new, against=existing)
    like_each_other = similar_pairs(new)
    choices = services.SurveyChoices.from_json(pending.choices)
    return render(
        request,
        "ideas/survey_preview.html",
        page_context(
            ctx.membership,
            upload=pending,
            plan=plan,
            choices=choices,
            source_label=dict(IdeaSource.choices).get(choices.source, ""),
            rows=plan.ideas[:PREVIEW_ROWS],
            more=max(0, len(plan.ideas) - PREVIEW_ROWS),
            like_existing=[
                (rows_of[match.key], new[match.key], match.other, existing[match.other])
                for match in like_existing[:50]
            ],
            like_each_other=[
                (rows_of[match.key], new[match.key], rows_of[match.other], new[match.other])
                for match in like_each_other[:50]
            ],
        ),
        status=status,
    )


@org_view("idea.manage")
@require_POST
def survey_confirm(request: HttpRequest, ctx: OrgContext, upload: int) -> HttpResponse:
    pending = get_upload(ctx, upload)
    if pending.status != SurveyImportStatus.PENDING:
        return _already_done(request, ctx)
    try:
        count = services.confirm_survey(actor=ctx.actor, upload=pending)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages) + " " + _("Nothing was imported."))
        return redirect("ideas:survey_preview", org=ctx.org, upload=pending.pk)
    messages.success(request, _("%(count)s ideas were imported.") % {"count": count})
    return redirect("ideas:list", org=ctx.org)


@org_view("idea.manage")
@require_POST
def survey_discard(request: HttpRequest, ctx: OrgContext, upload: int) -> HttpResponse:
    pending = get_upload(ctx, upload)
    if pending.status != SurveyImportStatus.PENDING:
        return _already_done(request, ctx)
    services.discard_survey(actor=ctx.actor, upload=pending)
    messages.success(request, _("The file was discarded; nothing was imported."))
    return redirect("ideas:list", org=ctx.org)
