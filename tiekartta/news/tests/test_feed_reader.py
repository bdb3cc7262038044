"""The feeds as a feed reader sees them: parsed with feedparser, the library most readers and
aggregators in Python use, which reports any fault in the document as `bozo`."""

from __future__ import annotations

import feedparser
from django.test import Client

from tiekartta.accounts.models import Organisation
from tiekartta.news.tests.conftest import Public
from tiekartta.roadmap.models import Roadmap, Task

ORG = "/julkinen/testikaupunki/"


def _bilingual(public: Public) -> None:
    Organisation.objects.filter(pk=public.world.organisation.pk).update(
        translation_languages=["sv"]
    )
    Task.objects.filter(pk=public.public_task.pk).update(
        translations={"sv": {"title": "Stadens app i bruk"}}
    )


def _read(address: str) -> feedparser.FeedParserDict:
    response = Client().get(address)
    assert response.status_code == 200
    parsed = feedparser.parse(
        response.content, response_headers={k.lower(): v for k, v in response.headers.items()}
    )
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def test_a_feed_reader_reads_the_swedish_feed_in_swedish(public: Public) -> None:
    _bilingual(public)
    public.news("Kaupunkisovellus otettu käyttöön", tasks=[public.public_task])
    parsed = _read(f"{ORG}feed.atom?lang=sv")
    assert parsed.feed.language == "sv"
    assert parsed.feed.title and parsed.feed.link.startswith("http")
    titles = [entry.title for entry in parsed.entries]
    assert "Kaupunkisovellus otettu käyttöön" in titles  # a news item stays in its language
    # One entry recorded (status, completion and public summary together) is one feed entry.
    progress = [title for title in titles if title.startswith("Stadens app i bruk")]
    assert len(progress) == 1, titles
    assert "Pågår" in progress[0], progress
    ids = [entry.id for entry in parsed.entries]
    assert len(ids) == len(set(ids)) and all(i.startswith("tag:") for i in ids)
    assert all(entry.updated_parsed and entry.link.startswith("http") for entry in parsed.entries)
    # The Finnish feed of the same organisation keeps the primary title.
    finnish = _read(f"{ORG}feed.atom?lang=fi")
    assert any(e.title.startswith(public.public_task.title) for e in finnish.entries)
    assert not any(e.title.startswith("Stadens") for e in finnish.entries)


def test_the_roadmap_feed_is_titled_in_the_readers_language(public: Public) -> None:
    _bilingual(public)
    roadmap = public.world.roadmap
    Roadmap.objects.filter(pk=roadmap.pk).update(translations={"sv": {"title": "Färdplan"}})
    parsed = _read(f"{ORG}{roadmap.slug}/feed.atom?lang=sv")
    assert parsed.feed.title.endswith("Färdplan")


def test_renaming_the_roadmap_in_a_language_changes_the_feeds_etag(public: Public) -> None:
    _bilingual(public)
    roadmap = public.world.roadmap
    address = f"{ORG}{roadmap.slug}/feed.atom?lang=sv"
    client = Client()
    etag = client.get(address)["ETag"]
    assert client.get(address, HTTP_IF_NONE_MATCH=etag).status_code == 304
    Roadmap.objects.filter(pk=roadmap.pk).update(
        translations={"sv": {"title": "Färdplan"}}, version=roadmap.version + 1
    )
    renamed = client.get(address, HTTP_IF_NONE_MATCH=etag)
    assert renamed.status_code == 200
    assert "Färdplan" in renamed.content.decode()
    # Taking Swedish out of use changes the texts shown, so the feed is sent again too.
    etag = renamed["ETag"]
    Organisation.objects.filter(pk=public.world.organisation.pk).update(translation_languages=[])
    assert client.get(address, HTTP_IF_NONE_MATCH=etag).status_code == 200
