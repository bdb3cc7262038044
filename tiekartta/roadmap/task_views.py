"""Task pages: create, edit (with optimistic locking), delete, reorder. The task page itself
shows follow-up and metrics too and so is composed in progress (progress/task_page.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tiekartta.accounts.pages import page_context
from tiekartta.core.forms import apply_validation_error, reloaded, unsaved_copy
from tiekartta.core.locking import ConflictError
from tiekartta.roadmap import services
from tiekartta.roadmap.access import get_task
from tiekartta.roadmap.decorators import RoadmapContext, roadmap_view
from tiekartta.roadmap.forms import TaskForm
from tiekartta.roadmap.models import Task


def _task(ctx: Any, kwargs: Mapping[str, Any]) -> Task:
    return get_task(ctx.roadmap, kwargs["task"])


@roadmap_view("task.manage")
def task_create(request: HttpRequest, ctx: RoadmapContext) -> HttpResponse:
    membership = ctx.membership
    current = ctx.roadmap
    initial = {}
    if theme := request.GET.get("theme"):
        initial["theme"] = theme
    form = TaskForm(request.POST or None, roadmap=current, membership=membership, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.create_task(
                actor=ctx.actor,
                roadmap=current,
                data=form.to_input(),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The task was created."))
            return redirect(
                "progress:task_detail", org=ctx.org, roadmap=current.slug, task=created.pk
            )
    return render(request, "roadmap/task_form.html", page_context(membership, current, form=form))


@roadmap_view("task.edit", load=_task)
def task_edit(request: HttpRequest, ctx: RoadmapContext, task: int) -> HttpResponse:
    membership = ctx.membership
    current = ctx.roadmap
    item = ctx.object
    form = TaskForm(request.POST or None, instance=item, roadmap=current, membership=membership)
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            services.update_task(
                actor=ctx.actor,
                task=unsaved_copy(item),
                expected_version=form.expected_version,
                data=form.to_input(),
            )
        except ConflictError:
            # The form keeps what this user typed, so nothing is lost; they can compare and retry.
            item = reloaded(item)
            form.show_conflict(item)
            conflict = True
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The task was saved."))
            return redirect("progress:task_detail", org=ctx.org, roadmap=current.slug, task=item.pk)
    return render(
        request,
        "roadmap/task_form.html",
        page_context(membership, current, form=form, task=item, conflict=conflict),
        status=409 if conflict else 200,
    )


# The task is looked up before the capability is checked, so a missing task is a 404.
@roadmap_view("task.manage", load=_task)
def task_delete(request: HttpRequest, ctx: RoadmapContext, task: int) -> HttpResponse:
    membership = ctx.membership
    current = ctx.roadmap
    item = ctx.object
    if request.method == "POST":
        title = item.title
        services.delete_task(actor=ctx.actor, task=item)
        messages.success(request, _("The task “%(title)s” was deleted.") % {"title": title})
        return redirect("roadmap:overview", org=ctx.org, roadmap=current.slug)
    successors = item.successors.count()
    return render(
        request,
        "roadmap/task_delete.html",
        page_context(membership, current, task=item, successor_count=successors),
    )


# The task is looked up before the capability is checked, so a missing task is a 404.
@roadmap_view("task.manage", load=_task)
def task_move(request: HttpRequest, ctx: RoadmapContext, task: int) -> HttpResponse:
    current = ctx.roadmap
    item = ctx.object
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    direction: Literal["up", "down"] = "up" if request.POST.get("direction") == "up" else "down"
    services.move_task(actor=ctx.actor, task=item, direction=direction)
    target = request.POST.get("next", "")
    if target.startswith("/") and not target.startswith("//"):
        return redirect(f"{target}#task-{item.pk}")
    return redirect("roadmap:overview", org=ctx.org, roadmap=current.slug)
