"""The public site: what residents read without signing in.

Every page is a GET that sets no cookie (no session, no CSRF token: no form posts here), may be
kept by shared caches, and answers 304 to a repeat with its ETag (`caching`). Tasks and
metrics come only from `roadmap.publicity`, as its projections.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from tiekartta.accessibility.public import render_public
from tiekartta.accounts.models import Organisation
from tiekartta.accounts.views import home as staff_home
from tiekartta.ideas.public_selectors import task_sources
from tiekartta.public import pages
from tiekartta.public.caching import conditional_public_page
from tiekartta.roadmap import publicity
from tiekartta.roadmap.models import Status


@require_safe
def front(request: HttpRequest) -> HttpResponse:
    """The installation's front page. A signed-in user goes on to their organisations as
    before; a visitor finds the organisations' public sites and the staff sign-in."""
    if request.user.is_authenticated:
        return staff_home(request)
    return render_public(
        request,
        "public/front.html",
        {
            "organisations": list(publicity.organisations_with_public_site()),
            "login_url": reverse("accounts:login"),
        },
        organisation=None,
        cacheable=False,
    )


@require_safe
@conditional_public_page
def organisation_site(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    roadmaps = list(publicity.public_roadmaps(organisation))
    return render_public(
        request,
        "public/organisation.html",
        {"roadmaps": roadmaps, **pages.feed_context(organisation)},
        organisation=organisation,
        cacheable=True,
    )


@require_safe
@conditional_public_page
def roadmap_page(request: HttpRequest, organisation: Organisation, roadmap: str) -> HttpResponse:
    found = pages.get_public_roadmap(organisation, roadmap)
    themes = list(publicity.public_themes(found))
    progress = publicity.public_progress(found)
    filters = pages.read_filters(request.GET, themes)
    # Only the page's rows are read and projected; the themes' progress is one aggregate.
    matching = publicity.search(
        publicity.public_tasks(found), theme=filters.theme, status=filters.status, q=filters.q
    )
    page = pages.page_of(request, matching)
    page.object_list = publicity.project_all(
        page.object_list, names_shown=publicity.shows_names(organisation)
    )
    return render_public(
        request,
        "public/roadmap.html",
        {
            **pages.roadmap_context(found),
            "task_base": pages.task_base(found),
            "themes": pages.theme_rows(themes, progress),
            "theme_choices": themes,
            "overall": pages.total(progress),
            "filters": filters,
            "statuses": Status.choices,
            "page": page,
            "page_query": pages.query_without(request, "page"),
        },
        organisation=organisation,
        cacheable=True,
    )


@require_safe
@conditional_public_page
def task_page(
    request: HttpRequest, organisation: Organisation, roadmap: str, task: int
) -> HttpResponse:
    found = pages.get_public_roadmap(organisation, roadmap)
    item = publicity.public_tasks(found).filter(pk=task).first()
    if item is None:
        raise Http404
    projected = publicity.project(item, names_shown=publicity.shows_names(organisation))
    return render_public(
        request,
        "public/task.html",
        {
            **pages.roadmap_context(found),
            "task": projected,
            # Where the task came from: its published ideas (one query).
            "sources": task_sources(item.pk),
            "ideas_url": reverse("public:ideas", kwargs={"org": organisation.slug}),
        },
        organisation=organisation,
        cacheable=True,
    )


@require_safe
@conditional_public_page
def timeline_page(request: HttpRequest, organisation: Organisation, roadmap: str) -> HttpResponse:
    found = pages.get_public_roadmap(organisation, roadmap)
    themes = list(publicity.public_themes(found))
    filters = pages.read_filters(request.GET, themes)
    # The same search as the roadmap page's, in the database (the page language's versions too).
    matching = publicity.search(
        publicity.public_tasks(found), theme=filters.theme, status=filters.status, q=filters.q
    )
    tasks = publicity.project_all(matching, names_shown=publicity.shows_names(organisation))
    return render_public(
        request,
        "public/timeline.html",
        {
            **pages.roadmap_context(found),
            "task_base": pages.task_base(found),
            "groups": pages.timeline(tasks),
            "filters": filters,
            "theme_choices": themes,
            "statuses": Status.choices,
        },
        organisation=organisation,
        cacheable=True,
    )


@require_safe
@conditional_public_page
def metrics_page(request: HttpRequest, organisation: Organisation, roadmap: str) -> HttpResponse:
    found = pages.get_public_roadmap(organisation, roadmap)
    return render_public(
        request,
        "public/metrics.html",
        {
            **pages.roadmap_context(found),
            "metrics": pages.public_metric_charts(found, timezone.localdate()),
        },
        organisation=organisation,
        cacheable=True,
    )
