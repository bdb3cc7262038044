"""Conditional GETs for the public site: a repeated request whose ETag still matches is
answered 304 from one aggregate query, without loading or rendering the page.

The validator covers everything an organisation's public pages show: its published roadmaps
and their themes, its tasks, metrics and metric values, the public-site setting, and its ideas
that are or ever were public (publishing, hiding, a decision or an edit of one). Each is
read as (how many, when the latest change was) from the history tables, which every service
writes, so that an edit, a deletion or a task taken off the site all change it. A change
anywhere in the organisation renews every public page of it: coarse, but one query and never
stale.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, QuerySet, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, quote_etag

from tiekartta.accessibility.public import PUBLIC_MAX_AGE, chosen_language, render_public
from tiekartta.accounts.models import Organisation
from tiekartta.core.translations import using_languages
from tiekartta.ideas.models import Idea
from tiekartta.metrics.models import Metric, MetricValue
from tiekartta.roadmap.models import FollowUpSettings, Roadmap, Task, Theme

# Raised when a page's template or projection changes, so that caches drop their copies.
PAGE_GENERATION = "3"


def _state(rows: QuerySet[Any], group: str) -> tuple[Subquery, Subquery]:
    grouped = rows.order_by().values(group)
    return (
        Subquery(grouped.annotate(n=Count("pk")).values("n")[:1]),
        Subquery(grouped.annotate(at=Max("history_date")).values("at")[:1]),
    )


def fingerprint(organisation: Organisation) -> tuple[list[object], datetime.datetime | None]:
    """(what the validator hashes, the latest change) for the organisation, in one query."""
    org = OuterRef("pk")
    # Each kind of history, with the column that leads to the organisation (its GROUP BY).
    sources: dict[str, tuple[QuerySet[Any], str]] = {
        "roadmap": (Roadmap.history.filter(organisation_id=org), "organisation_id"),
        "theme": (Theme.history.filter(roadmap__organisation=org), "roadmap__organisation_id"),
        "task": (Task.history.filter(roadmap__organisation=org), "roadmap__organisation_id"),
        "metric": (
            Metric.history.filter(roadmap__organisation=org),
            "roadmap__organisation_id",
        ),
        "value": (
            MetricValue.history.filter(metric__roadmap__organisation=org),
            "metric__roadmap__organisation_id",
        ),
        "settings": (FollowUpSettings.history.filter(organisation_id=org), "organisation_id"),
        # Only ideas that were public at some time: an internal idea's edit renews nothing, so
        # the validator does not tell when the group works on ideas residents cannot see.
        "idea": (
            Idea.history.filter(organisation_id=org).filter(
                Exists(Idea.history.filter(id=OuterRef("id"), is_public=True))
            ),
            "organisation_id",
        ),
    }
    annotations: dict[str, Subquery] = {}
    for name, (rows, group) in sources.items():
        count, latest = _state(rows, group)
        annotations[f"{name}_rows"] = count
        annotations[f"{name}_at"] = latest
    row = (
        Organisation.objects.filter(pk=organisation.pk)
        .annotate(**annotations)
        .values("name", "primary_language", "translation_languages", *annotations)[0]
    )
    moments = [value for key, value in row.items() if key.endswith("_at") and value]
    return [PAGE_GENERATION, *row.values()], max(moments, default=None)


def public_headers(request: HttpRequest, response: HttpResponse) -> None:
    """Shared caches may keep the page; its language follows the address, or else the
    browser (which `Vary` tells them)."""
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    if chosen_language(request) is None:
        patch_vary_headers(response, ("Cookie", "Accept-Language"))


def cookieless_not_found(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A public view's 404 in the public layout, without the cookie that the site's own 404
    page would set (its language form carries a CSRF token)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return render_public(
                request, "public/not_found.html", {}, organisation=None, cacheable=False, status=404
            )

    return wrapper


def conditional_public_page(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """For a view `view(request, organisation, **kwargs)` under /julkinen/<org>/: 404 for an
    organisation without a published roadmap, 304 for a matching ETag, else the page with
    its validators."""

    @wraps(view)
    def wrapper(request: HttpRequest, org: str, **kwargs: Any) -> HttpResponse:
        try:
            return _conditional(request, org, **kwargs)
        except Http404:
            # The site's own 404 would carry the signed-in layout's language form and its
            # CSRF cookie; a visitor gets the public layout, without a cookie.
            return render_public(
                request, "public/not_found.html", {}, organisation=None, cacheable=False, status=404
            )

    def _conditional(request: HttpRequest, org: str, **kwargs: Any) -> HttpResponse:
        organisation = get_object_or_404(
            Organisation.objects.filter(roadmaps__is_public=True).distinct(), slug=org
        )
        parts, latest = fingerprint(organisation)
        language = chosen_language(request) or translation.get_language()
        # The organisation's languages decide which texts a page shows.
        languages = organisation.content_languages.all
        material = "|".join([request.get_full_path(), str(language), *languages, *map(str, parts)])
        etag = quote_etag(hashlib.sha256(material.encode()).hexdigest()[:32])
        stamp = int(latest.timestamp()) if latest else None
        answer = get_conditional_response(request, etag=etag, last_modified=stamp)
        if answer is None:
            # The view's own words (statuses, quarters) in the page's language, not only the
            # template's.
            with translation.override(language), using_languages(organisation.content_languages):
                answer = view(request, organisation, **kwargs)
            if answer.status_code != 200:
                return answer
        answer["ETag"] = etag
        if latest is not None:
            answer["Last-Modified"] = http_date(latest.timestamp())
        public_headers(request, answer)
        return answer

    return wrapper
