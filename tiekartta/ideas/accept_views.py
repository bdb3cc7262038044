"""Accepting one or several ideas into a task: an existing task of an open roadmap, or a new
one with its theme, owner and schedule. The ideas come from the backlog's check boxes
(`?idea=1&idea=2`) or from one idea's page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tiekartta.accounts.decorators import OrgContext, org_view
from tiekartta.accounts.pages import page_context
from tiekartta.core.forms import apply_validation_error, unsaved_copy
from tiekartta.core.locking import ConflictError
from tiekartta.ideas import selectors, services
from tiekartta.ideas.forms import AcceptForm
from tiekartta.ideas.models import Idea, IdeaStatus
from tiekartta.ideas.workshop_forms import NewTaskForm

CONFLICT_MESSAGE = _("Someone else changed one of the ideas meanwhile. Check them and try again.")
# One decision is about a handful of ideas; a longer list is a mistake, not a plan.
MAX_IDEAS = 50


def _chosen(request: HttpRequest, ctx: OrgContext) -> list[Idea]:
    raw = request.POST.getlist("idea") if request.method == "POST" else request.GET.getlist("idea")
    try:
        pks = sorted({int(value) for value in raw})[:MAX_IDEAS]
    except ValueError:
        raise Http404 from None
    ideas = list(
        selectors.ideas_of(ctx.organisation)
        .filter(pk__in=pks)
        .select_related("theme__roadmap", "task")
        .order_by("title", "pk")
    )
    if len(ideas) != len(pks):
        # Another organisation's idea, or one that does not exist: as if none of them did.
        raise Http404
    return ideas


def _open_theme(idea: Idea) -> int | None:
    """The idea's theme as the new task's first choice, if its roadmap is still open."""
    theme = idea.theme
    return theme.pk if theme is not None and not theme.roadmap.is_archived else None


def _versions(request: HttpRequest, ideas: list[Idea]) -> dict[int, int]:
    """The version of each idea the user started from (0, refused, when not sent)."""
    versions = {}
    for idea in ideas:
        try:
            versions[idea.pk] = int(request.POST.get(f"version-{idea.pk}", "0"))
        except ValueError:
            versions[idea.pk] = 0
    return versions


@org_view("idea.manage")
def accept_ideas(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    ideas = _chosen(request, ctx)
    if not ideas:
        # The button pressed with no box checked: back to the list, which says so.
        messages.error(request, _("Choose at least one idea."))
        return redirect("ideas:list", org=ctx.org)
    return _accept(request, ctx, ideas)


@org_view("idea.manage")
def accept_idea(request: HttpRequest, ctx: OrgContext, idea: int) -> HttpResponse:
    found = selectors.idea_detail(ctx.organisation, idea)
    if found is None:
        raise Http404
    return _accept(request, ctx, [found])


def _accept(request: HttpRequest, ctx: OrgContext, ideas: list[Idea]) -> HttpResponse:
    scored = selectors.scores_of(ctx.organisation, [idea.pk for idea in ideas])
    quick_win = any(scored[idea.pk].is_quick_win for idea in ideas if idea.pk in scored)
    mode = request.POST.get("mode", "existing")
    posted = request.method == "POST"
    existing = AcceptForm(
        request.POST if posted and mode == "existing" else None,
        idea=ideas[0],
        prefix="existing",
        initial={"quick_win": quick_win},
    )
    new = NewTaskForm(
        request.POST if posted and mode == "new" else None,
        organisation=ctx.organisation,
        prefix="new",
        initial={
            "title": ideas[0].title,
            "quick_win": quick_win,
            "theme": _open_theme(ideas[0]),
        },
    )
    merged = [idea for idea in ideas if idea.status == IdeaStatus.MERGED]
    if posted:
        form = existing if mode == "existing" else new
        if form.is_valid():
            try:
                if mode == "existing":
                    task = form.cleaned_data["task"]
                    services.accept_ideas(
                        actor=ctx.actor,
                        ideas=[unsaved_copy(idea) for idea in ideas],
                        task=task,
                        reason=form.cleaned_data["reason"],
                        expected_versions=_versions(request, ideas),
                        quick_win=form.cleaned_data["quick_win"],
                    )
                else:
                    data = form.cleaned_data
                    task = services.accept_ideas_into_new_task(
                        actor=ctx.actor,
                        ideas=[unsaved_copy(idea) for idea in ideas],
                        theme=data["theme"],
                        title=data["title"],
                        owner=data["owner"],
                        start=data["start"],
                        due=data["due"],
                        quick_win=data["quick_win"],
                        reason=data["reason"],
                        expected_versions=_versions(request, ideas),
                    )
            except ConflictError:
                messages.error(request, CONFLICT_MESSAGE)
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(
                    request,
                    ngettext(
                        "The idea was accepted into the task.",
                        "%(count)d ideas were accepted into the task.",
                        len(ideas),
                    )
                    % {"count": len(ideas)},
                )
                return redirect(
                    "progress:task_detail", org=ctx.org, roadmap=task.roadmap.slug, task=task.pk
                )
    return render(
        request,
        "ideas/accept.html",
        page_context(
            ctx.membership,
            ideas=ideas,
            idea=ideas[0],
            existing_form=existing,
            new_form=new,
            mode=mode,
            merged=merged,
            quick_win=quick_win,
        ),
        status=400 if posted else 200,
    )
