"""Task pages: create, edit (with optimistic locking), delete, reorder. The task page itself
shows follow-up and metrics too and so is composed in progress (progress/task_page.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tiekartta.accounts.access import get_membership
from tiekartta.accounts.pages import page_context
from tiekartta.core.forms import apply_validation_error
from tiekartta.core.locking import ConflictError
from tiekartta.roadmap import services
from tiekartta.roadmap.access import (
    get_roadmap,
    get_task,
    require_task_editor,
    require_task_manager,
)
from tiekartta.roadmap.forms import TaskForm


@login_required
def task_create(request: HttpRequest, org: str, roadmap: str) -> HttpResponse:
    membership = get_membership(request, org)
    current = get_roadmap(membership, roadmap)
    require_task_manager(membership)
    initial = {}
    if theme := request.GET.get("theme"):
        initial["theme"] = theme
    form = TaskForm(request.POST or None, roadmap=current, membership=membership, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.create_task(
                actor=request.user,  # type: ignore[arg-type]
                roadmap=current,
                data=form.to_input(),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The task was created."))
            return redirect("progress:task_detail", org=org, roadmap=roadmap, task=created.pk)
    return render(request, "roadmap/task_form.html", page_context(membership, current, form=form))


@login_required
def task_edit(request: HttpRequest, org: str, roadmap: str, task: int) -> HttpResponse:
    membership = get_membership(request, org)
    current = get_roadmap(membership, roadmap)
    item = get_task(current, task)
    require_task_editor(membership, item)
    form = TaskForm(request.POST or None, instance=item, roadmap=current, membership=membership)
    conflict = False
    if request.method == "POST" and form.is_valid():
        expected = form.cleaned_data.get("version") or 0
        try:
            services.update_task(
                actor=request.user,  # type: ignore[arg-type]
                task=item,
                expected_version=expected,
                data=form.to_input(),
            )
        except ConflictError:
            # The form keeps what this user typed, so nothing is lost; they can compare and retry.
            conflict = True
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The task was saved."))
            return redirect("progress:task_detail", org=org, roadmap=roadmap, task=item.pk)
    return render(
        request,
        "roadmap/task_form.html",
        page_context(membership, current, form=form, task=item, conflict=conflict),
        status=409 if conflict else 200,
    )


@login_required
def task_delete(request: HttpRequest, org: str, roadmap: str, task: int) -> HttpResponse:
    membership = get_membership(request, org)
    current = get_roadmap(membership, roadmap)
    item = get_task(current, task)
    require_task_manager(membership)
    if request.method == "POST":
        title = item.title
        services.delete_task(actor=request.user, task=item)  # type: ignore[arg-type]
        messages.success(request, _("The task “%(title)s” was deleted.") % {"title": title})
        return redirect("roadmap:overview", org=org, roadmap=roadmap)
    successors = item.successors.count()
    return render(
        request,
        "roadmap/task_delete.html",
        page_context(membership, current, task=item, successor_count=successors),
    )


@login_required
def task_move(request: HttpRequest, org: str, roadmap: str, task: int) -> HttpResponse:
    membership = get_membership(request, org)
    current = get_roadmap(membership, roadmap)
    item = get_task(current, task)
    require_task_manager(membership)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    direction = "up" if request.POST.get("direction") == "up" else "down"
    services.move_task(actor=request.user, task=item, direction=direction)  # type: ignore[arg-type]
    target = request.POST.get("next", "")
    if target.startswith("/") and not target.startswith("//"):
        return redirect(f"{target}#task-{item.pk}")
    return redirect("roadmap:overview", org=org, roadmap=roadmap)
