"""The Atom feeds: an organisation's and a roadmap's published news and its public tasks'
progress changes. Django's syndication framework writes the Atom; this module only chooses the
entries, all of them from `selectors` (so only public content)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_safe

from tiekartta.accessibility.public import LANGUAGE_PARAMETER, PUBLIC_MAX_AGE, chosen_language
from tiekartta.accounts.models import Organisation
from tiekartta.core.translations import text_in, using_languages
from tiekartta.news import selectors
from tiekartta.public.caching import cookieless_not_found
from tiekartta.roadmap.models import Roadmap
from tiekartta.roadmap.publicity import PublicTask

# The day in the feeds' own tag: URIs: any fixed day the site's name was held on will do,
# and it must never change.
FEED_ID_DATE = datetime.date(2026, 1, 1)


def absolute(path: str) -> str:
    return f"{settings.TIEKARTTA_BASE_URL}{path}"


def tag_uri(when: datetime.datetime | datetime.date, specific: str) -> str:
    """A stable entry id (RFC 4151): the site's host, the day the thing came to be, and what
    it is. It never changes when the entry is edited, so readers do not show it twice."""
    host = urlsplit(settings.TIEKARTTA_BASE_URL).hostname or "localhost"
    day = when.date() if isinstance(when, datetime.datetime) else when
    return f"tag:{host},{day.isoformat()}:{specific}"


def news_url(organisation: Organisation, pk: int, language: str) -> str:
    path = reverse("news:public_detail", kwargs={"org_slug": organisation.slug, "news": pk})
    return f"{path}?{urlencode({LANGUAGE_PARAMETER: language})}"


def task_url(organisation: Organisation, task: PublicTask, language: str) -> str:
    """A public task's page on the public site."""
    path = reverse(
        "public:task",
        kwargs={"org": organisation.slug, "roadmap": task.roadmap_slug, "task": task.id},
    )
    return f"{path}?{urlencode({LANGUAGE_PARAMETER: language})}"


def list_url(organisation: Organisation, language: str) -> str:
    path = reverse("news:public_list", kwargs={"org_slug": organisation.slug})
    return f"{path}?{urlencode({LANGUAGE_PARAMETER: language})}"


def feed_path(organisation: Organisation, roadmap: Roadmap | None) -> str:
    if roadmap is None:
        return reverse("news:feed", kwargs={"org_slug": organisation.slug})
    return reverse(
        "news:roadmap_feed", kwargs={"org_slug": organisation.slug, "roadmap_slug": roadmap.slug}
    )


@dataclass(frozen=True)
class Entry:
    guid: str
    title: str
    link: str
    published: datetime.datetime
    summary: str


@dataclass(frozen=True)
class Source:
    organisation: Organisation
    roadmap: Roadmap | None
    language: str


class NewsFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, **kwargs: Any) -> Source:
        return request.news_source  # type: ignore[attr-defined, no-any-return]

    def title(self, source: Source) -> str:
        if source.roadmap is None:
            return _("%(organisation)s: digital roadmap news") % {
                "organisation": source.organisation.name
            }
        return f"{source.organisation.name}: {text_in(source.roadmap, 'title')}"

    def subtitle(self, source: Source) -> str:
        return _("News and the progress of the public tasks.")

    def link(self, source: Source) -> str:
        return absolute(list_url(source.organisation, source.language))

    def feed_url(self, source: Source) -> str:
        return absolute(feed_path(source.organisation, source.roadmap))

    def feed_guid(self, source: Source) -> str:
        scope = f"roadmap/{source.roadmap.pk}" if source.roadmap else "news"
        return tag_uri(FEED_ID_DATE, f"organisation/{source.organisation.pk}/{scope}")

    def author_name(self, source: Source) -> str:
        return source.organisation.name

    def items(self, source: Source) -> list[Entry]:
        organisation, language = source.organisation, source.language
        entries = [
            Entry(
                guid=tag_uri(item.created_at, f"news/{item.pk}"),
                title=item.title,
                link=absolute(news_url(organisation, item.pk, language)),
                published=item.published_at or item.updated_at,
                summary=item.body,
            )
            for item in selectors.public_news(organisation, source.roadmap)[: selectors.FEED_NEWS]
        ]
        tasks = selectors.public_tasks_for(organisation, source.roadmap)
        for change in selectors.progress_changes(tasks):
            detail = _("%(status)s, %(completion)s %% complete") % {
                "status": change.status_label,
                "completion": change.completion,
            }
            entries.append(
                Entry(
                    guid=tag_uri(change.at, f"task/{change.task.id}/change/{change.change_id}"),
                    title=f"{change.task.title}: {detail}",
                    link=absolute(task_url(organisation, change.task, language)),
                    published=change.at,
                    summary=change.public_summary or detail,
                )
            )
        entries.sort(key=lambda entry: entry.published, reverse=True)
        return entries

    def item_title(self, item: Entry) -> str:
        return item.title

    def item_description(self, item: Entry) -> str:
        return item.summary

    def item_link(self, item: Entry) -> str:
        return item.link

    def item_guid(self, item: Entry) -> str:
        return item.guid

    def item_guid_is_permalink(self, item: Entry) -> bool:
        return False

    def item_pubdate(self, item: Entry) -> datetime.datetime:
        return item.published

    def item_updateddate(self, item: Entry) -> datetime.datetime:
        return item.published


news_feed = NewsFeed()


def _source(request: HttpRequest, org_slug: str, roadmap_slug: str | None) -> Source:
    """Resolved once per request (the conditional checks and the feed all need it)."""
    cached: Source | None = getattr(request, "news_source", None)
    if cached is None:
        organisation = selectors.public_organisation(org_slug)
        roadmap = selectors.public_roadmap(organisation, roadmap_slug) if roadmap_slug else None
        language = chosen_language(request) or translation.get_language()
        cached = Source(organisation, roadmap, language)
        request.news_source = cached  # type: ignore[attr-defined]
        request.news_state = selectors.feed_state(organisation, roadmap)  # type: ignore[attr-defined]
    return cached


def _etag(request: HttpRequest, org_slug: str, roadmap_slug: str | None = None) -> str:
    source = _source(request, org_slug, roadmap_slug)
    fingerprint, _last = request.news_state  # type: ignore[attr-defined]
    return f"{fingerprint}-{source.language}"


def _last_modified(
    request: HttpRequest, org_slug: str, roadmap_slug: str | None = None
) -> datetime.datetime:
    _source(request, org_slug, roadmap_slug)
    return request.news_state[1]  # type: ignore[attr-defined, no-any-return]


@require_safe
@cookieless_not_found
@condition(etag_func=_etag, last_modified_func=_last_modified)
def feed(request: HttpRequest, org_slug: str, roadmap_slug: str | None = None) -> HttpResponse:
    source = _source(request, org_slug, roadmap_slug)
    organisation = source.organisation
    with translation.override(source.language), using_languages(organisation.content_languages):
        response = news_feed(request)
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    if chosen_language(request) is None:
        patch_vary_headers(response, ("Cookie", "Accept-Language"))
    return response
