"""The residents' news pages and the embeddable view. No sign-in and no session: rendered
through `accessibility.public.render_public` (language from `?lang=`, cache headers)."""

from __future__ import annotations

from typing import Any

from csp.decorators import csp_replace
from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.http import urlencode
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from tiekartta.accessibility.public import (
    LANGUAGE_PARAMETER,
    chosen_language,
    in_page_language,
    render_public,
)
from tiekartta.accounts.models import Organisation
from tiekartta.core.translations import using_languages
from tiekartta.news import feeds, selectors
from tiekartta.news.models import NewsItem
from tiekartta.public.caching import cookieless_not_found
from tiekartta.roadmap.models import Roadmap
from tiekartta.roadmap.publicity import overall_progress

NEWS_PER_PAGE = 10
EMBED_NEWS = 3


def _feed_link(request: HttpRequest, organisation: Organisation, roadmap: Roadmap | None) -> str:
    language = chosen_language(request) or translation.get_language()
    return f"{feeds.feed_path(organisation, roadmap)}?{urlencode({LANGUAGE_PARAMETER: language})}"


def _with_feed_header(response: HttpResponse, feed_link: str) -> HttpResponse:
    """Feed autodiscovery by header too (RFC 8288), which readers follow like the page's link."""
    response["Link"] = f'<{feed_link}>; rel="alternate"; type="application/atom+xml"'
    return response


def _rows(items: Any) -> list[dict[str, Any]]:
    return [{"item": item, "tasks": selectors.public_tasks_of_item(item)} for item in items]


@require_safe
@cookieless_not_found
@in_page_language
def news_list(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = selectors.public_organisation(org_slug)
    # The tasks' texts are chosen before rendering: in the organisation's languages.
    with using_languages(organisation.content_languages):
        return _news_list(request, organisation)


def _news_list(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    items = selectors.public_news(organisation)
    task = None
    task_param = request.GET.get("tehtava", "")
    if task_param.isdigit():
        # The news about one public task (and its status): a non-public task is 404.
        task = selectors.public_task(organisation, int(task_param))
        items = items.filter(tasks__pk=task.id)
    page = Paginator(items, NEWS_PER_PAGE).get_page(request.GET.get("sivu"))
    feed_link = _feed_link(request, organisation, None)
    response = render_public(
        request,
        "news/public_list.html",
        {
            "page": page,
            "rows": _rows(page.object_list),
            "task": task,
            "feed_link": feed_link,
            "page_query": {"tehtava": task.id} if task else {},
        },
        organisation=organisation,
        cacheable=True,
    )
    return _with_feed_header(response, feed_link)


@require_safe
@cookieless_not_found
@in_page_language
def news_detail(request: HttpRequest, org_slug: str, news: int) -> HttpResponse:
    organisation = selectors.public_organisation(org_slug)
    with using_languages(organisation.content_languages):
        return _news_detail(request, organisation, news)


def _news_detail(request: HttpRequest, organisation: Organisation, news: int) -> HttpResponse:
    item: NewsItem | None = selectors.public_news(organisation).filter(pk=news).first()
    if item is None:
        raise Http404
    feed_link = _feed_link(request, organisation, None)
    response = render_public(
        request,
        "news/public_detail.html",
        {"item": item, "tasks": selectors.public_tasks_of_item(item), "feed_link": feed_link},
        organisation=organisation,
        cacheable=True,
    )
    return _with_feed_header(response, feed_link)


def _embed(
    request: HttpRequest,
    organisation: Organisation,
    roadmap: Roadmap | None,
    *,
    news_of_roadmap: bool,
) -> HttpResponse:
    """The progress of `roadmap` and the latest news: the roadmap's own, or for the
    organisation's embed all of the organisation's."""
    with using_languages(organisation.content_languages):
        return _embed_page(request, organisation, roadmap, news_of_roadmap=news_of_roadmap)


def _embed_page(
    request: HttpRequest,
    organisation: Organisation,
    roadmap: Roadmap | None,
    *,
    news_of_roadmap: bool,
) -> HttpResponse:
    tasks = selectors.public_tasks_for(organisation, roadmap) if roadmap else []
    news = selectors.public_news(organisation, roadmap if news_of_roadmap else None)[:EMBED_NEWS]
    response = render_public(
        request,
        "news/embed.html",
        {
            "roadmap": roadmap,
            "overall": overall_progress(tasks),
            "themes": selectors.theme_progress(tasks),
            "news": list(news),
            "news_url": feeds.list_url(organisation, chosen_language(request) or ""),
        },
        organisation=organisation,
        cacheable=True,
    )
    # Only this page may be framed (X-Frame-Options is off below): it is meant for the town's
    # own pages, by default on any site. The rest of the site's policy stays. django-csp's view
    # decorator, applied here so that the setting is read at request time.
    frameable = csp_replace({"frame-ancestors": settings.TIEKARTTA_EMBED_FRAME_ANCESTORS})
    frameable(lambda _request: response)(request)
    return response


@require_safe
@cookieless_not_found
@in_page_language
@xframe_options_exempt
def embed(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = selectors.public_organisation(org_slug)
    roadmap = selectors.latest_public_roadmap(organisation)
    return _embed(request, organisation, roadmap, news_of_roadmap=False)


@require_safe
@cookieless_not_found
@in_page_language
@xframe_options_exempt
def roadmap_embed(request: HttpRequest, org_slug: str, roadmap_slug: str) -> HttpResponse:
    organisation = selectors.public_organisation(org_slug)
    roadmap = selectors.public_roadmap(organisation, roadmap_slug)
    return _embed(request, organisation, roadmap, news_of_roadmap=True)
