"""The public site in the reader's language: the organisation's language versions where written,
else the primary text marked with its language (WCAG 3.1.2)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World
from tiekartta.accounts.models import Organisation
from tiekartta.roadmap.models import Roadmap, Task, Theme

pytestmark = pytest.mark.django_db

SV_TITLE = "Fjärravläsning av vattenmätare"
SV_SUMMARY = "Mätarna byts ut under hösten."
SV_THEME = "Smidiga tjänster på svenska"
SV_SECRET = "Intern svensk beskrivning av budgeten"
FI_SUMMARY = "Mittarit vaihdetaan syksyllä."


class _Langs(HTMLParser):
    """For each text of the page, the language it is in (the nearest `lang` attribute)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []
        self.texts: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"meta", "link", "input", "br", "img"}:
            return
        lang = dict(attrs).get("lang") or (self.stack[-1][1] if self.stack else "")
        self.stack.append((tag, lang or ""))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if data.strip() and self.stack:
            self.texts.append((data.strip(), self.stack[-1][1]))


def language_of(body: str, text: str) -> str:
    parser = _Langs()
    parser.feed(body)
    found = [lang for data, lang in parser.texts if data == text]
    assert found, f"{text!r} is not on the page"
    return found[0]


@pytest.fixture
def bilingual(world: World) -> World:
    Organisation.objects.filter(pk=world.organisation.pk).update(translation_languages=["sv"])
    world.organisation.refresh_from_db()
    Roadmap.objects.filter(pk=world.roadmap.pk).update(is_public=True)
    world.roadmap.refresh_from_db()
    Task.objects.filter(pk=world.own_task.pk).update(
        is_public=True,
        public_summary=FI_SUMMARY,
        translations={"sv": {"title": SV_TITLE, "description": SV_SECRET}},
    )
    Task.objects.filter(pk=world.others_task.pk).update(
        is_public=True, translations={"sv": {"description": SV_SECRET}}
    )
    Theme.objects.filter(pk=world.own_task.theme_id).update(translations={"sv": {"name": SV_THEME}})
    return world


def _roadmap_url(world: World) -> str:
    return reverse(
        "public:roadmap", kwargs={"org": world.organisation.slug, "roadmap": world.roadmap.slug}
    )


def _task_url(world: World, task: Task) -> str:
    return reverse(
        "public:task",
        kwargs={"org": world.organisation.slug, "roadmap": world.roadmap.slug, "task": task.pk},
    )


def test_a_swedish_page_shows_the_swedish_version_and_marks_the_fallback(bilingual: World) -> None:
    body = Client().get(_roadmap_url(bilingual) + "?lang=sv").content.decode()
    assert language_of(body, SV_TITLE) == "sv"  # in the page's language: no lang of its own
    assert language_of(body, SV_THEME) == "sv"
    # No Swedish summary and no Swedish title for the other task: the Finnish text, marked.
    assert language_of(body, FI_SUMMARY) == "fi"
    assert language_of(body, bilingual.others_task.title) == "fi"
    assert 'lang="fi"' in body
    assert SV_SECRET not in body

    task_page = Client().get(_task_url(bilingual, bilingual.own_task) + "?lang=sv").content.decode()
    assert language_of(task_page, SV_TITLE) == "sv"
    assert language_of(task_page, FI_SUMMARY) == "fi"
    assert SV_SECRET not in task_page

    timeline = reverse(
        "public:timeline",
        kwargs={"org": bilingual.organisation.slug, "roadmap": bilingual.roadmap.slug},
    )
    assert language_of(Client().get(timeline + "?lang=sv").content.decode(), SV_TITLE) == "sv"


def test_a_finnish_page_shows_the_primary_text_without_marks(bilingual: World) -> None:
    body = Client().get(_roadmap_url(bilingual) + "?lang=fi").content.decode()
    assert SV_TITLE not in body
    assert language_of(body, bilingual.own_task.title) == "fi"
    assert 'lang="fi"' not in body.split("<main", 1)[1]


def test_an_english_page_of_an_organisation_without_english_shows_the_primary_text(
    bilingual: World,
) -> None:
    body = Client().get(_roadmap_url(bilingual) + "?lang=en").content.decode()
    assert SV_TITLE not in body  # a Swedish version is no English one
    assert language_of(body, bilingual.own_task.title) == "fi"
    assert language_of(body, FI_SUMMARY) == "fi"


def test_search_finds_a_task_by_its_text_in_the_pages_language(bilingual: World) -> None:
    client = Client()
    found = client.get(_roadmap_url(bilingual) + "?lang=sv&q=fjärravläsning").content.decode()
    assert SV_TITLE in found
    assert bilingual.others_task.title not in found
    # The Finnish page does not search the Swedish versions.
    finnish = client.get(_roadmap_url(bilingual) + "?lang=fi&q=fjärravläsning").content.decode()
    assert bilingual.own_task.title not in finnish
    # An internal version is not searched either.
    secret = client.get(_roadmap_url(bilingual) + "?lang=sv&q=budgeten").content.decode()
    assert SV_TITLE not in secret


def test_the_etag_changes_when_a_swedish_version_is_edited(bilingual: World) -> None:
    client = Client()
    url = _roadmap_url(bilingual) + "?lang=sv"
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    task = Task.objects.get(pk=bilingual.own_task.pk)
    task.translations = {"sv": {"title": "Ny svensk rubrik"}}
    task.save()
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200
    assert "Ny svensk rubrik" in again.content.decode()


def test_the_etag_changes_when_the_organisation_stops_writing_in_swedish(
    bilingual: World,
) -> None:
    client = Client()
    url = _roadmap_url(bilingual) + "?lang=sv"
    etag = client.get(url)["ETag"]
    Organisation.objects.filter(pk=bilingual.organisation.pk).update(translation_languages=[])
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200
    assert SV_TITLE not in again.content.decode()


def test_public_pages_link_to_their_feeds(bilingual: World) -> None:
    org = bilingual.organisation.slug
    site = Client().get(reverse("public:organisation", kwargs={"org": org}) + "?lang=sv")
    feed = reverse("news:feed", kwargs={"org_slug": org})
    assert '<link rel="alternate" type="application/atom+xml" title="' in site.content.decode()
    assert f'href="{feed}?lang=sv"' in site.content.decode()
    roadmap_feed = reverse(
        "news:roadmap_feed", kwargs={"org_slug": org, "roadmap_slug": bilingual.roadmap.slug}
    )
    page = Client().get(_roadmap_url(bilingual) + "?lang=sv").content.decode()
    assert f'href="{roadmap_feed}?lang=sv"' in page
    assert Client().get(f"{roadmap_feed}?lang=sv").status_code == 200
