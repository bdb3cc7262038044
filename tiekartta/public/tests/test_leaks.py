"""No internal text on any public page: the demo loaded, every internal text collected, every
public address crawled (in each language), and none of the texts may appear.

The crawl follows every link under /julkinen/ from the front page and the organisations'
public sites, and walks the addresses other apps register (`public.crawl`), so that the
news feed, the embed and open data are checked by this same test once they exist.
"""

from __future__ import annotations

import html
import json
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from tiekartta.accounts.models import Organisation, User
from tiekartta.ideas.models import Idea
from tiekartta.metrics.models import Metric
from tiekartta.progress.models import ProgressEntry, Review
from tiekartta.public.crawl import links_of, registered_urls
from tiekartta.roadmap.models import Person, Roadmap, Task
from tiekartta.roadmap.publicity import shows_names

pytestmark = pytest.mark.django_db

# Short words (a person's one-word title, "Digituki") may also be public text elsewhere.
SHORTEST_SECRET = 12
MAX_PAGES = 3000


def _add(secrets: set[str], *texts: Any) -> None:
    for text in texts:
        for line in str(text or "").splitlines():
            line = line.strip()
            if len(line) >= SHORTEST_SECRET:
                secrets.add(line)


def _versions(obj: Any, *fields: str) -> list[str]:
    """The object's texts of `fields` in every language version it has."""
    return [
        text
        for versions in (obj.translations or {}).values()
        for field, text in versions.items()
        if field in fields
    ]


def internal_texts() -> set[str]:
    secrets: set[str] = set()
    public_task_titles = set(
        Task.objects.filter(is_public=True, roadmap__is_public=True).values_list("title", flat=True)
    )
    for task in Task.objects.all():
        _add(secrets, task.description, *_versions(task, "description"))
        if not (task.is_public and task.roadmap.is_public) and task.title not in public_task_titles:
            _add(secrets, task.title, task.public_summary)
            _add(secrets, *_versions(task, "title", "public_summary"))
    for entry in ProgressEntry.objects.all():
        _add(secrets, entry.note)
    for review in Review.objects.all():
        _add(secrets, review.minutes, review.decisions)
    public_units = set(Task.objects.values_list("unit", flat=True))
    names_shown = {org.pk: shows_names(org) for org in Organisation.objects.all()}
    for person in Person.objects.all():
        _add(secrets, person.email)
        if (
            not names_shown[person.organisation_id]
            and person.name != person.title
            and person.name not in public_units
        ):
            _add(secrets, person.name)
    for user in User.objects.all():
        _add(secrets, user.email)
    for roadmap in Roadmap.objects.filter(is_public=False):
        _add(secrets, roadmap.title, roadmap.description)
        _add(secrets, *_versions(roadmap, "title", "description"))
    public_metric_names = set(
        Metric.objects.filter(is_public=True, roadmap__is_public=True).values_list(
            "name", flat=True
        )
    )
    public_idea_titles = set(Idea.objects.filter(is_public=True).values_list("title", flat=True))
    for idea in Idea.objects.all():
        # Who proposed an idea and its follow key are never public; an unpublished idea's
        # texts and reason are the group's only (a public task may carry the same title).
        _add(secrets, idea.submitter, idea.follow_key)
        if not idea.is_public and idea.title not in public_idea_titles | public_task_titles:
            _add(secrets, idea.title, idea.description, idea.status_reason)
    for metric in Metric.objects.all():
        _add(secrets, metric.measurement, metric.source)
        if not (metric.is_public and metric.roadmap.is_public) and metric.name not in (
            public_metric_names
        ):
            _add(secrets, metric.name, metric.description)
            _add(secrets, *_versions(metric, "name", "description"))
    return secrets


def crawl(client: Client) -> dict[str, str]:
    pages: dict[str, str] = {}
    queue = [f"/?lang={code}" for code, _name in settings.LANGUAGES]
    for organisation in Organisation.objects.all():
        for code, _name in settings.LANGUAGES:
            queue.append(f"/julkinen/{organisation.slug}/?lang={code}")
        queue.extend(registered_urls(organisation))
    while queue and len(pages) < MAX_PAGES:
        url = queue.pop()
        if url in pages:
            continue
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert not response.cookies, url
        body = response.content.decode()
        if response["Content-Type"].startswith("application/json"):
            # JSON may escape non-ASCII letters: compare the text itself.
            body = json.dumps(json.loads(body), ensure_ascii=False)
        pages[url] = body
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            queue.extend(link for link in links_of(url, body) if link not in pages)
    assert len(pages) < MAX_PAGES, "the crawl did not end"
    return pages


def test_no_internal_text_on_any_public_page(settings: Any) -> None:
    call_command("load_demo")
    secrets = internal_texts()
    assert len(secrets) > 50  # the demo has internal notes, descriptions and e-mails
    # ... and Swedish versions of internal texts, which must stay as internal as the Finnish.
    swedish = {t for task in Task.objects.all() for t in _versions(task, "description")}
    assert len(swedish & secrets) > 10, len(swedish & secrets)
    pages = crawl(Client())
    public_task_pages = [url for url in pages if "/tehtava/" in url]
    assert public_task_pages, "the crawl reached no task page"
    assert any("/mittarit/" in url for url in pages)
    # The addresses no page links to, registered by their apps, are walked too.
    assert any(url.endswith("feed.atom") for url in pages)
    assert any(url.endswith("/upotus/") for url in pages)
    assert any(url.startswith("/avoin-data/v1/") and url.endswith("tasks.csv") for url in pages)
    # The published ideas, and a task page that tells where the task came from.
    assert any(url.split("?")[0].endswith("/ideat/") for url in pages)
    assert any("Where the task came from" in body for body in pages.values())
    leaks = []
    for url, body in pages.items():
        text = html.unescape(body)
        leaks.extend(f"{url}: {secret!r}" for secret in secrets if secret in text)
    assert not leaks, "\n".join(leaks[:20])
