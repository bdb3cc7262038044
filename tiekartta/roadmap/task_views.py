"""Task pages: detail with history, create, edit (with optimistic locking), delete, reorder."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tiekartta.accounts.access import get_membership
from tiekartta.core.forms import apply_validation_error
from tiekartta.core.locking import ConflictError
from tiekartta.core.pages import page_context
from tiekartta.progress.views import task_panel_context
from tiekartta.roadmap import services
from tiekartta.roadmap.access import (
    can_edit_task,
    get_roadmap,
    get_task,
    require_task_editor,
    require_task_manager,
)
from tiekartta.roadmap.forms import TaskForm
from tiekartta.roadmap.history import task_history


@login_required
def task_detail(request: HttpRequest, org: str, roadmap: str, task: int) -> HttpResponse:
    membership = get_membership(request, org)
    current = get_roadmap(membership, roadmap)
    item = get_task(current, task)
    collaborators = list(item.collaborators.order_by("name"))
    predecessors = list(item.predecessors.select_related("owner").order_by("title"))
    successors = list(item.successors.select_related("owner").order_by("title"))
    carried_to = list(item.carried_over_to.select_related("roadmap"))
    return render(
        request,
        "roadmap/task_detail.html",
        page_context(
            membership,
            current,
            task=item,
            collaborators=collaborators,
            predecessors=predecessors,
            successors=successors,
            carried_to=carried_to,
            metrics=list(item.metrics.order_by("name")),
            history=task_history(item),
            can_edit=can_edit_task(membership, item),
            overdue=item.is_overdue(timezone.localdate()),
            **task_panel_context(membership, item),
        ),
    )


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
            return redirect("roadmap:task_detail", org=org, roadmap=roadmap, task=created.pk)
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
            return redirect("roadmap:task_detail", org=org, roadmap=roadmap, task=item.pk)
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
