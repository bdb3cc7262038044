"""Workshop mode: the group opens a workshop, writes ideas one after another and scores each
on the shared screen; every form is saved on its own (htmx, or a plain post without
JavaScript). A closed workshop shows its record."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tiekartta.accounts.decorators import OrgContext, org_view
from tiekartta.accounts.pages import page_context
from tiekartta.core.forms import apply_validation_error, reloaded, unsaved_copy
from tiekartta.core.htmx import is_htmx
from tiekartta.core.locking import ConflictError
from tiekartta.ideas import selectors, workshops
from tiekartta.ideas.models import Voting, Workshop
from tiekartta.ideas.scoring import Scored
from tiekartta.ideas.selectors import WorkshopRow
from tiekartta.ideas.workshop_forms import (
    DotsForm,
    QuickIdeaForm,
    ScoreForm,
    TakeUpForm,
    WorkshopDetailsForm,
    WorkshopOpenForm,
)


def get_workshop(ctx: OrgContext, pk: int) -> Workshop:
    """A workshop of the organisation in the URL; another organisation's is 404."""
    found = selectors.workshop_detail(ctx.organisation, pk)
    if found is None:
        raise Http404
    return found


def _workshop_url(ctx: OrgContext, workshop: Workshop, anchor: str = "") -> str:
    url = reverse("ideas:workshop", kwargs={"org": ctx.org, "workshop": workshop.pk})
    return f"{url}#{anchor}" if anchor else url


@org_view("idea.manage")
def workshop_list(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    return render(
        request,
        "ideas/workshops.html",
        page_context(ctx.membership, workshops=list(selectors.workshops_of(ctx.organisation))),
    )


@org_view("idea.manage")
def workshop_open(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    form = WorkshopOpenForm(
        request.POST or None,
        instance=Workshop(organisation=ctx.organisation),
        organisation=ctx.organisation,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            workshop = workshops.open_workshop(
                actor=ctx.actor,
                organisation=ctx.organisation,
                title=data["title"],
                theme=data["theme"],
                held_on=data["held_on"],
                voting=data["voting"],
                attendees=list(data["attendees"]),
                take_up_open_ideas=data["take_up_open_ideas"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The workshop is open."))
            return redirect(_workshop_url(ctx, workshop))
    return render(
        request,
        "ideas/workshop_open.html",
        page_context(ctx.membership, form=form),
        status=400 if request.method == "POST" else 200,
    )


def _row_form(workshop: Workshop, row: WorkshopRow, data: Any = None) -> ScoreForm | DotsForm:
    if workshop.voting == Voting.DOTS:
        return DotsForm(
            data, workshop=workshop, idea=row.idea, initial={"dots": row.own.dots if row.own else 0}
        )
    own = row.own
    initial: dict[str, int | None] = (
        {"impact": own.impact, "effort": own.effort, "fit": own.fit} if own else {}
    )
    return ScoreForm(data, workshop=workshop, idea=row.idea, initial=initial)


def _page(
    request: HttpRequest,
    ctx: OrgContext,
    workshop: Workshop,
    *,
    write_form: QuickIdeaForm | None = None,
    details_form: WorkshopDetailsForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    rows = selectors.workshop_rows(workshop, user)
    return render(
        request,
        "ideas/workshop.html",
        page_context(
            ctx.membership,
            workshop=workshop,
            rows=[(row, _row_form(workshop, row)) for row in rows],
            write_form=write_form or QuickIdeaForm(),
            details_form=details_form or WorkshopDetailsForm(instance=workshop),
            take_up_form=TakeUpForm(workshop=workshop),
            attendees=list(workshop.attendees.order_by("name")),
            dots_left=workshop.dots - selectors.dots_used(workshop, user),
        ),
        status=status,
    )


@org_view("idea.manage")
def workshop_detail(request: HttpRequest, ctx: OrgContext, workshop: int) -> HttpResponse:
    found = get_workshop(ctx, workshop)
    if not found.is_open:
        return render(
            request,
            "ideas/workshop_record.html",
            page_context(ctx.membership, workshop=found, record=found.record or {}),
        )
    return _page(request, ctx, found)


@org_view("idea.manage")
@require_POST
def workshop_details(request: HttpRequest, ctx: OrgContext, workshop: int) -> HttpResponse:
    found = get_workshop(ctx, workshop)
    form = WorkshopDetailsForm(request.POST, instance=found)
    conflict = False
    if form.is_valid():
        data = form.cleaned_data
        try:
            workshops.update_workshop(
                actor=ctx.actor,
                workshop=unsaved_copy(found),
                title=data["title"],
                held_on=data["held_on"],
                attendees=list(data["attendees"]),
                notes=data["notes"],
                expected_version=form.expected_version,
            )
        except ConflictError:
            form.show_conflict(reloaded(found))
            conflict = True
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The workshop's details were saved."))
            return redirect(_workshop_url(ctx, found))
    return _page(request, ctx, found, details_form=form, status=409 if conflict else 400)


@org_view("idea.manage")
@require_POST
def workshop_write_idea(request: HttpRequest, ctx: OrgContext, workshop: int) -> HttpResponse:
    """One idea written on the shared screen. With htmx the answer is the new idea's card and a
    fresh, focused form, so the next idea can be typed straight away."""
    found = get_workshop(ctx, workshop)
    form = QuickIdeaForm(request.POST)
    idea = None
    if form.is_valid():
        try:
            idea = workshops.write_workshop_idea(
                actor=ctx.actor,
                workshop=found,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
    if not is_htmx(request):
        if idea is None:
            return _page(request, ctx, found, write_form=form, status=400)
        messages.success(request, _("The idea was saved."))
        return redirect(_workshop_url(ctx, found, "write"))
    context = page_context(ctx.membership, workshop=found, write_form=form, written=idea)
    if idea is not None:
        row = WorkshopRow(idea=idea, scored=Scored(), own=None)
        context.update(write_form=QuickIdeaForm(), row=row, form=_row_form(found, row))
    return render(request, "ideas/workshop.html#write", context)


@org_view("idea.manage")
@require_POST
def workshop_take_up(request: HttpRequest, ctx: OrgContext, workshop: int) -> HttpResponse:
    found = get_workshop(ctx, workshop)
    form = TakeUpForm(request.POST, workshop=found)
    if form.is_valid():
        try:
            workshops.take_up_ideas(
                actor=ctx.actor, workshop=found, ideas=list(form.cleaned_data["ideas"])
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The ideas are on the workshop's list."))
    else:
        messages.error(request, _("Choose at least one idea."))
    return redirect(_workshop_url(ctx, found, "ideas"))


@org_view("idea.manage")
@require_POST
def workshop_score(request: HttpRequest, ctx: OrgContext, workshop: int, idea: int) -> HttpResponse:
    """The viewer's own score (or dots) for one idea; with htmx the answer is the idea's card
    with the new averages."""
    found = get_workshop(ctx, workshop)
    found_rows = selectors.workshop_rows(found, request.user, idea)
    if not found_rows:
        raise Http404
    current = found_rows[0]
    form = _row_form(found, current, request.POST)
    saved = False
    if form.is_valid():
        try:
            if isinstance(form, DotsForm):
                workshops.vote_dots(
                    actor=ctx.actor,
                    workshop=found,
                    idea=current.idea,
                    dots=form.cleaned_data["dots"],
                )
            else:
                workshops.score_idea(
                    actor=ctx.actor,
                    workshop=found,
                    idea=current.idea,
                    impact=form.cleaned_data["impact"],
                    effort=form.cleaned_data["effort"],
                    fit=form.cleaned_data["fit"],
                )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            saved = True
    if not is_htmx(request):
        if saved:
            messages.success(request, _("Your score was saved."))
            return redirect(_workshop_url(ctx, found, f"idea-{idea}"))
        messages.error(request, " ".join(_errors(form)))
        return redirect(_workshop_url(ctx, found, f"idea-{idea}"))
    row = selectors.workshop_rows(found, request.user, idea)[0]
    return render(
        request,
        "ideas/workshop.html#card",
        page_context(
            ctx.membership,
            workshop=found,
            row=row,
            form=form if not saved else _row_form(found, row),
            saved=saved,
            dots_left=found.dots - selectors.dots_used(found, request.user),
            refresh_dots=found.voting == Voting.DOTS,
        ),
    )


def _errors(form: ScoreForm | DotsForm) -> list[str]:
    return [str(error) for errors in form.errors.values() for error in errors]


@org_view("idea.manage")
def workshop_close(request: HttpRequest, ctx: OrgContext, workshop: int) -> HttpResponse:
    found = get_workshop(ctx, workshop)
    if not found.is_open:
        return redirect(_workshop_url(ctx, found))
    if request.method == "POST":
        try:
            workshops.close_workshop(actor=ctx.actor, workshop=found)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The workshop is closed and its record is kept."))
        return redirect(_workshop_url(ctx, found))
    return render(
        request,
        "ideas/workshop_close.html",
        page_context(
            ctx.membership,
            workshop=found,
            idea_count=found.ideas.count(),
            score_count=found.scores.count(),
        ),
    )


@org_view("idea.manage")
def workshop_delete(request: HttpRequest, ctx: OrgContext, workshop: int) -> HttpResponse:
    found = get_workshop(ctx, workshop)
    error = ""
    if request.method == "POST":
        try:
            workshops.delete_workshop(actor=ctx.actor, workshop=found)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(request, _("The workshop was deleted; its ideas stay in the list."))
            return redirect("ideas:workshops", org=ctx.org)
    return render(
        request,
        "ideas/workshop_delete.html",
        page_context(ctx.membership, workshop=found, error=error),
        status=400 if error else 200,
    )
