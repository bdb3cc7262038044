"""Roadmaps, the overview and the timeline."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tiekartta.accounts.decorators import OrgContext, org_view
from tiekartta.core.forms import apply_validation_error, reloaded, unsaved_copy
from tiekartta.core.locking import ConflictError
from tiekartta.roadmap import services
from tiekartta.roadmap.decorators import RoadmapContext, roadmap_view
from tiekartta.roadmap.forms import RoadmapForm, TaskFilterForm
from tiekartta.roadmap.models import Roadmap, Task
from tiekartta.roadmap.selectors import (
    OVERVIEW_PAGE_SIZE,
    build_overview,
    build_timeline,
    filter_tasks,
    margin_of,
    overview_page,
)

# Paging parameters of the overview, not filters: they must not make the filter form bound.
PAGING_PARAMETERS = ("page", "all")


@org_view("org.read")
def roadmap_list(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    membership = ctx.membership
    roadmaps = (
        Roadmap.objects.of_organisation(membership.organisation)
        .annotate(task_count=Count("tasks"))
        .order_by("is_archived", "-start_year", "title")
    )
    return render(
        request,
        "roadmap/roadmap_list.html",
        {"membership": membership, "organisation": membership.organisation, "roadmaps": roadmaps},
    )


def _roadmap_fields(form: RoadmapForm) -> dict[str, object]:
    fields: dict[str, object] = {name: form.cleaned_data[name] for name in RoadmapForm.Meta.fields}
    fields["translations"] = form.cleaned_translations()
    return fields


@org_view("roadmap.admin")
def roadmap_create(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    membership = ctx.membership
    form = RoadmapForm(request.POST or None, languages=ctx.organisation.content_languages)
    form.instance.organisation = membership.organisation
    if request.method == "POST" and form.is_valid():
        try:
            roadmap = services.create_roadmap(
                actor=ctx.actor,
                organisation=membership.organisation,
                **_roadmap_fields(form),  # type: ignore[arg-type]
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The roadmap was created."))
            return redirect("roadmap:overview", org=ctx.org, roadmap=roadmap.slug)
    return render(
        request,
        "roadmap/roadmap_form.html",
        {"membership": membership, "organisation": membership.organisation, "form": form},
    )


@roadmap_view("roadmap.admin")
def roadmap_edit(request: HttpRequest, ctx: RoadmapContext) -> HttpResponse:
    membership = ctx.membership
    current = ctx.roadmap
    form = RoadmapForm(
        request.POST or None, instance=current, languages=ctx.organisation.content_languages
    )
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.update_roadmap(
                actor=ctx.actor,
                roadmap=unsaved_copy(current),
                expected_version=form.expected_version,
                **_roadmap_fields(form),  # type: ignore[arg-type]
            )
        except ConflictError:
            current = reloaded(current)
            form.show_conflict(current)
            conflict = True
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The roadmap was saved."))
            return redirect("roadmap:overview", org=ctx.org, roadmap=saved.slug)
    return render(
        request,
        "roadmap/roadmap_form.html",
        {
            "membership": membership,
            "organisation": membership.organisation,
            "roadmap": current,
            "form": form,
            "conflict": conflict,
        },
        status=409 if conflict else 200,
    )


# Restoring is the one write an archived roadmap takes, so it has a capability of its own.
@roadmap_view("roadmap.archive")
def roadmap_archive(request: HttpRequest, ctx: RoadmapContext) -> HttpResponse:
    current = ctx.roadmap
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if "public" in request.POST:
        # Publishing changes nothing of the plan, so an archived roadmap takes it too (its edit
        # form, where an open roadmap is published, is closed).
        public = request.POST.get("public") == "1"
        services.set_roadmap_public(actor=ctx.actor, roadmap=current, public=public)
        messages.success(
            request,
            _("The roadmap was published on the public site.")
            if public
            else _("The roadmap was taken off the public site."),
        )
        return redirect("roadmap:overview", org=ctx.org, roadmap=current.slug)
    archive = request.POST.get("archived") == "1"
    services.set_roadmap_archived(actor=ctx.actor, roadmap=current, archived=archive)
    messages.success(
        request, _("The roadmap was archived.") if archive else _("The roadmap was restored.")
    )
    return redirect("roadmap:overview", org=ctx.org, roadmap=current.slug)


def _filtered(request: HttpRequest, roadmap: Roadmap) -> tuple[TaskFilterForm, object]:
    filters = request.GET.copy()
    for name in PAGING_PARAMETERS:
        filters.pop(name, None)
    form = TaskFilterForm(filters or None, roadmap=roadmap)
    tasks = Task.objects.filter(roadmap=roadmap)
    if form.is_bound and form.is_valid():
        tasks = filter_tasks(tasks, form.cleaned_data)
    return form, tasks


def _risk_filter(form: TaskFilterForm) -> str:
    if form.is_bound and form.is_valid():
        return str(form.cleaned_data.get("risk") or "")
    return ""


@roadmap_view("roadmap.read")
def overview(request: HttpRequest, ctx: RoadmapContext) -> HttpResponse:
    membership = ctx.membership
    current = ctx.roadmap
    form, tasks = _filtered(request, current)
    today = timezone.localdate()
    data = build_overview(
        current,
        tasks,  # type: ignore[arg-type]
        today,
        include_empty=not form.is_bound,
        margin=margin_of(membership),
        risk=_risk_filter(form),
    )
    whole_list = request.GET.get("all") == "1"
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 1
    page = overview_page(data, number, None if whole_list else OVERVIEW_PAGE_SIZE)
    template = "roadmap/overview.html"
    if request.htmx and not request.htmx.boosted:  # type: ignore[attr-defined]
        template += "#results"
    return render(
        request,
        template,
        {
            "membership": membership,
            "organisation": membership.organisation,
            "roadmap": current,
            "filter_form": form,
            "overview": data,
            "page": page,
            "whole_list": whole_list,
            "today": today,
        },
    )


@roadmap_view("roadmap.read")
def timeline(request: HttpRequest, ctx: RoadmapContext) -> HttpResponse:
    membership = ctx.membership
    current = ctx.roadmap
    form, tasks = _filtered(request, current)
    today = timezone.localdate()
    data = build_timeline(
        current,
        tasks,  # type: ignore[arg-type]
        today,
        margin=margin_of(membership),
        risk=_risk_filter(form),
    )
    template = "roadmap/timeline.html"
    if request.htmx and not request.htmx.boosted:  # type: ignore[attr-defined]
        template += "#results"
    return render(
        request,
        template,
        {
            "membership": membership,
            "organisation": membership.organisation,
            "roadmap": current,
            "filter_form": form,
            "timeline": data,
            "today": today,
        },
    )
