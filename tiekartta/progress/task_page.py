"""The task page: the task with its links and history (roadmap), its follow-up (progress) and
its metrics. It shows several apps' data, so it is composed here, above roadmap."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tiekartta.accounts.access import get_membership
from tiekartta.accounts.pages import page_context
from tiekartta.progress.views import task_panel_context
from tiekartta.roadmap.access import can_edit_task, get_roadmap, get_task
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
