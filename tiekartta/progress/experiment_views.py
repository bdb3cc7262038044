"""A pilot task's experiment: its own form page, opened from the task page's Experiment
section by whoever may edit the task, with optimistic locking like the task's form."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tiekartta.accounts.pages import page_context
from tiekartta.core.forms import apply_validation_error
from tiekartta.core.locking import ConflictError
from tiekartta.progress.experiments import experiment_of, save_experiment
from tiekartta.progress.forms import ExperimentForm
from tiekartta.progress.models import Experiment
from tiekartta.roadmap.access import get_task
from tiekartta.roadmap.decorators import RoadmapContext, roadmap_view
from tiekartta.roadmap.models import Kind, Task


def load_pilot(ctx: RoadmapContext, kwargs: Mapping[str, Any]) -> Task:
    """The `task` URL argument as one of the roadmap's pilot tasks: only a pilot has an
    experiment to write, so any other task's experiment address is not found (404)."""
    task = get_task(ctx.roadmap, kwargs["task"])
    if task.kind != Kind.PILOT:
        raise Http404
    return task


def experiment_url(org: str, roadmap: str, task: int) -> str:
    address = reverse("progress:task_detail", kwargs={"org": org, "roadmap": roadmap, "task": task})
    return f"{address}#experiment"


@roadmap_view("task.edit", load=load_pilot)
def experiment_edit(request: HttpRequest, ctx: RoadmapContext, task: int) -> HttpResponse:
    """Saved: back to the task page. A stale save (someone saved meanwhile) answers 409 with
    what differs, the form keeping what this user wrote; invalid input 400, nothing saved."""
    item: Task = ctx.object
    saved = experiment_of(item)
    form = ExperimentForm(
        request.POST or None, instance=saved or Experiment(task=item), roadmap=ctx.roadmap
    )
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            save_experiment(
                actor=ctx.actor,
                task=item,
                data=form.to_input(),
                expected_version=form.expected_version,
            )
        except ConflictError:
            # What is saved now (or nothing, version 0): saving again replaces it.
            saved = Experiment.objects.filter(task=item).first()
            form.show_conflict(saved or Experiment(task=item, version=0))
            conflict = True
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The experiment was saved."))
            return redirect(experiment_url(ctx.org, ctx.roadmap.slug, item.pk))
    status = 200
    if conflict:
        status = 409
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "progress/experiment_form.html",
        page_context(
            ctx.membership,
            ctx.roadmap,
            task=item,
            form=form,
            experiment=saved,
            conflict=conflict,
        ),
        status=status,
    )
