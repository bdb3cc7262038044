"""The ideas pages: the backlog, writing an idea, deciding on it (status with a reason, merging,
accepting it into a task), deleting it, and the export. Every member reads; the digital group
(idea.manage) writes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tiekartta.accounts.decorators import OrgContext, org_view
from tiekartta.accounts.pages import page_context
from tiekartta.core.forms import apply_validation_error, reloaded, unsaved_copy
from tiekartta.core.locking import ConflictError
from tiekartta.ideas import exports, selectors, services
from tiekartta.ideas.forms import FilterForm, IdeaForm, StatusForm
from tiekartta.ideas.models import Idea, IdeaStatus, ScoringSettings
from tiekartta.ideas.scoring import Scored

IDEAS_PER_PAGE = 50
CONFLICT_MESSAGE = _("Someone else changed the idea meanwhile. Check it and try again.")


def get_idea(ctx: OrgContext, pk: int) -> Idea:
    """An idea of the organisation in the URL; another organisation's is 404."""
    idea = selectors.idea_detail(ctx.organisation, pk)
    if idea is None:
        raise Http404
    return idea


@org_view("org.read")
def idea_list(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    form = FilterForm(request.GET or None, organisation=ctx.organisation)
    chosen = form.idea_filter()
    page = Paginator(selectors.backlog(ctx.organisation, chosen), IDEAS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    counts = selectors.status_counts(ctx.organisation)
    return render(
        request,
        "ideas/list.html",
        page_context(
            ctx.membership,
            form=form,
            page=page,
            filtered=not chosen.is_empty,
            counts=[(label, counts[value], value) for value, label in IdeaStatus.choices],
            total=sum(counts.values()),
            can_manage=ctx.can("idea.manage"),
        ),
    )


@org_view("idea.manage")
def idea_create(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    return _idea_form(request, ctx, None)


@org_view("idea.manage")
def idea_edit(request: HttpRequest, ctx: OrgContext, idea: int) -> HttpResponse:
    return _idea_form(request, ctx, idea)


def _idea_form(request: HttpRequest, ctx: OrgContext, pk: int | None) -> HttpResponse:
    item = get_idea(ctx, pk) if pk is not None else Idea(organisation=ctx.organisation)
    form = IdeaForm(request.POST or None, instance=item, organisation=ctx.organisation)
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            if pk is None:
                item = services.create_idea(
                    actor=ctx.actor, organisation=ctx.organisation, data=form.to_input()
                )
            else:
                services.update_idea(
                    actor=ctx.actor,
                    idea=unsaved_copy(item),
                    data=form.to_input(),
                    expected_version=form.expected_version,
                )
        except ConflictError:
            item = reloaded(item)
            form.show_conflict(item)
            conflict = True
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The idea was saved."))
            if pk is None and "another" in request.POST:
                return redirect("ideas:create", org=ctx.org)
            return redirect("ideas:detail", org=ctx.org, idea=item.pk)
    status = 409 if conflict else 400 if request.method == "POST" else 200
    return render(
        request,
        "ideas/form.html",
        page_context(ctx.membership, form=form, item=item if pk else None, conflict=conflict),
        status=status,
    )


@org_view("org.read")
def idea_detail(request: HttpRequest, ctx: OrgContext, idea: int) -> HttpResponse:
    item = get_idea(ctx, idea)
    can_manage = ctx.can("idea.manage")
    return _detail(request, ctx, item, status_form=StatusForm(idea=item) if can_manage else None)


def _detail(
    request: HttpRequest,
    ctx: OrgContext,
    item: Idea,
    *,
    status_form: StatusForm | None,
    status: int = 200,
) -> HttpResponse:
    scoring = ScoringSettings.for_organisation(ctx.organisation)
    scored = selectors.scores_of(ctx.organisation, [item.pk]).get(item.pk, Scored())
    return render(
        request,
        "ideas/detail.html",
        page_context(
            ctx.membership,
            idea=item,
            decisions=selectors.decisions_of(item),
            merged_ideas=list(item.merged_ideas.order_by("title", "pk")),
            similar=selectors.similar_to(item) if item.status != IdeaStatus.MERGED else [],
            status_form=status_form,
            can_manage=status_form is not None,
            scoring=scoring,
            scored=scored,
            priority=scored.priority(scoring),
            idea_workshops=list(item.workshops.order_by("-held_on", "pk")),
        ),
        status=status,
    )


@org_view("idea.manage")
@require_POST
def idea_status(request: HttpRequest, ctx: OrgContext, idea: int) -> HttpResponse:
    item = get_idea(ctx, idea)
    form = StatusForm(request.POST, idea=item)
    if form.is_valid():
        try:
            services.change_status(
                actor=ctx.actor,
                idea=unsaved_copy(item),
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
                merged_into=form.cleaned_data["merged_into"],
                expected_version=form.cleaned_data["version"] or 0,
            )
        except ConflictError:
            messages.error(request, CONFLICT_MESSAGE)
            return redirect("ideas:detail", org=ctx.org, idea=item.pk)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The status was changed."))
            return redirect("ideas:detail", org=ctx.org, idea=item.pk)
    return _detail(request, ctx, item, status_form=form, status=400)


@org_view("idea.manage")
def idea_delete(request: HttpRequest, ctx: OrgContext, idea: int) -> HttpResponse:
    item = get_idea(ctx, idea)
    error = ""
    if request.method == "POST":
        try:
            services.delete_idea(actor=ctx.actor, idea=item)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(request, _("The idea was deleted."))
            return redirect("ideas:list", org=ctx.org)
    return render(
        request,
        "ideas/delete.html",
        page_context(ctx.membership, idea=item, error=error),
        status=400 if error else 200,
    )


@org_view("idea.manage")
def idea_export(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    """Every idea of the organisation as .xlsx (default) or .csv (`?format=csv`)."""
    kind = request.GET.get("format", "xlsx")
    if kind not in exports.FORMATS:
        raise Http404
    content, content_type = exports.export(ctx.organisation, kind)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{exports.filename(ctx.organisation, kind)}"'
    )
    return response
