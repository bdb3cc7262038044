"""The task page: the task with its links and history (roadmap), its follow-up (progress) and
its metrics. It shows several apps' data, so it is composed here, above roadmap."""

from __future__ import annotations

from django.db.models import Count, Q, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tiekartta.accounts.pages import page_context
from tiekartta.progress.models import Experiment
from tiekartta.progress.views import load_task, task_panel_context
from tiekartta.roadmap.access import can_edit_task
from tiekartta.roadmap.decorators import RoadmapContext, roadmap_view
from tiekartta.roadmap.history import task_history
from tiekartta.roadmap.models import Kind, Task
from tiekartta.roadmap.risk import conflicts_of


@roadmap_view("roadmap.read", load=load_task)
def task_detail(request: HttpRequest, ctx: RoadmapContext, task: int) -> HttpResponse:
    membership, current = ctx.membership, ctx.roadmap
    item: Task = ctx.object
    collaborators = list(item.collaborators.order_by("name"))
    predecessors = list(item.predecessors.select_related("owner").order_by("title"))
    successors = list(item.successors.select_related("owner").order_by("title"))
    carried_to = list(item.carried_over_to.select_related("roadmap"))
    conflicts = conflicts_of(
        (item.start, item.due, item.status),
        predecessors=[(t.pk, t.title, (t.start, t.due, t.status)) for t in predecessors],
        successors=[(t.pk, t.title, (t.start, t.due, t.status)) for t in successors],
    )
    can_edit = can_edit_task(membership, item)
    # A pilot's experiment; another kind of task shows one only if it had one as a pilot.
    experiment = Experiment.objects.filter(task=item).first()
    is_pilot = item.kind == Kind.PILOT
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
            schedule_conflicts=conflicts,
            metrics=list(item.metrics.order_by("name")),
            # The news app's reverse relation, read by name as the metrics' is (no import).
            task_news=list(item.news_items.order_by("-published_at", "-pk")),
            # Where the task came from: the ideas app's reverse relation, likewise by name.
            # With their votes: the dots they got and how many people scored them.
            source_ideas=list(
                item.source_ideas.annotate(
                    dot_total=Sum("scores__dots"),
                    scorer_count=Count(
                        "scores",
                        filter=Q(scores__impact__isnull=False)
                        | Q(scores__effort__isnull=False)
                        | Q(scores__fit__isnull=False),
                    ),
                ).order_by("received_on", "pk")
            ),
            history=task_history(item),
            can_edit=can_edit,
            experiment=experiment,
            shows_experiment=is_pilot or experiment is not None,
            can_edit_experiment=can_edit and is_pilot,
            overdue=item.is_overdue(timezone.localdate()),
            **task_panel_context(membership, item),
        ),
    )
