"""The residents' side: the news pages, the Atom feeds and the embed hold only public content,
answer 404 for what is unknown or not public, set no cookie and may be cached."""

from __future__ import annotations

from typing import Any

import pytest
from defusedxml import ElementTree
from django.test import Client

from tiekartta.news import services
from tiekartta.news.tests.conftest import PUBLIC_SUMMARY, SECRET_NOTE, SECRET_TITLE, Public
from tiekartta.roadmap.models import Roadmap, Task

ORG = "/julkinen/testikaupunki/"
ATOM = "{http://www.w3.org/2005/Atom}"
SECRETS = (SECRET_TITLE, SECRET_NOTE, "Salainen yhteenveto", "Salainen tiedote")


def every_public_address(public: Public, item_pk: int) -> list[str]:
    slug = public.world.roadmap.slug
    return [
        f"{ORG}tiedotteet/",
        f"{ORG}tiedotteet/{item_pk}/",
        f"{ORG}tiedotteet/?tehtava={public.public_task.pk}",
        f"{ORG}feed.atom",
        f"{ORG}{slug}/feed.atom",
        f"{ORG}upotus/",
        f"{ORG}{slug}/upotus/",
    ]


def parse_atom(content: bytes) -> Any:
    """The feed against RFC 4287's required elements, parsed with defusedxml (no entities)."""
    feed = ElementTree.fromstring(content)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert (feed.findtext(f"{ATOM}{required}") or "").strip(), required
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None  # covers entries without one
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    assert feed.find(f"{ATOM}link[@rel='alternate']") is not None
    entries = feed.findall(f"{ATOM}entry")
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{required}") or "").strip(), required
        assert entry.findtext(f"{ATOM}id", "").startswith("tag:")
        link = entry.find(f"{ATOM}link[@rel='alternate']")
        assert link is not None and link.get("href", "").startswith("http")
    return feed


def test_nothing_internal_reaches_any_public_page_feed_or_embed(public: Public) -> None:
    item = public.news(
        "Kaupunkisovellus otettu käyttöön", tasks=[public.public_task, public.secret_task]
    )
    public.news("Salainen tiedote", tasks=[public.public_task], published=False)
    client = Client()
    for address in every_public_address(public, item.pk):
        response = client.get(address)
        assert response.status_code == 200, address
        text = response.content.decode()
        for secret in SECRETS:
            assert secret not in text, (address, secret)
        assert "Set-Cookie" not in response.headers, address
        assert not response.cookies, address
        assert "public" in response["Cache-Control"], address
    detail = client.get(f"{ORG}tiedotteet/{item.pk}/").content.decode()
    assert "Kaupunkisovellus otettu käyttöön" in detail
    assert public.public_task.title in detail  # the public task linked to the news is shown
    assert PUBLIC_SUMMARY in client.get(f"{ORG}feed.atom").content.decode()


def test_the_feed_is_valid_atom_with_news_and_progress_changes(public: Public) -> None:
    item = public.news("Kaupunkisovellus otettu käyttöön", tasks=[public.public_task])
    response = Client().get(f"{ORG}feed.atom?lang=fi")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = parse_atom(response.content)
    entries = {e.findtext(f"{ATOM}title"): e for e in feed.findall(f"{ATOM}entry")}
    news = entries["Kaupunkisovellus otettu käyttöön"]
    assert news.findtext(f"{ATOM}id").endswith(f":news/{item.pk}")
    assert f"/tiedotteet/{item.pk}/" in news.find(f"{ATOM}link").get("href")
    progress = [title for title in entries if title.startswith(public.public_task.title)]
    assert len(progress) == 1 and "40 %" in progress[0], progress  # planned 0 % → 40 %
    # Stable ids: the same entries again carry the same ids.
    again = parse_atom(Client().get(f"{ORG}feed.atom?lang=fi").content)
    assert [e.findtext(f"{ATOM}id") for e in again.findall(f"{ATOM}entry")] == [
        e.findtext(f"{ATOM}id") for e in feed.findall(f"{ATOM}entry")
    ]


def test_the_roadmap_feed_leaves_out_other_roadmaps_news(public: Public) -> None:
    public.news("Tiekartan tiedote", tasks=[])
    other = Roadmap.objects.create(
        organisation=public.world.organisation,
        slug="2029-2031",
        title="Seuraava",
        start_year=2029,
        end_year=2031,
        is_public=True,
    )
    services.create_news(
        actor=public.world.users["editor"],
        organisation=public.world.organisation,
        data=services.NewsInput(title="Toisen tiekartan", body="x", language="fi", roadmap=other),
    )
    item = public.world.organisation.news_items.get(title="Toisen tiekartan")
    services.set_published(actor=public.world.users["editor"], item=item, published=True)
    roadmap_feed = Client().get(f"{ORG}{public.world.roadmap.slug}/feed.atom").content.decode()
    assert "Tiekartan tiedote" in roadmap_feed
    assert "Toisen tiekartan" not in roadmap_feed
    assert "Toisen tiekartan" in Client().get(f"{ORG}feed.atom").content.decode()


def test_feeds_answer_304_while_nothing_changed_and_200_after_a_change(public: Public) -> None:
    item = public.news("Ensimmäinen", tasks=[])
    client = Client()
    first = client.get(f"{ORG}feed.atom?lang=fi")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get(f"{ORG}feed.atom?lang=fi", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(f"{ORG}feed.atom?lang=fi", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    # Another language is another representation.
    assert client.get(f"{ORG}feed.atom?lang=sv", HTTP_IF_NONE_MATCH=etag).status_code == 200
    services.set_published(actor=public.world.users["editor"], item=item, published=False)
    after = client.get(f"{ORG}feed.atom?lang=fi", HTTP_IF_NONE_MATCH=etag)
    assert after.status_code == 200
    assert "Ensimmäinen" not in after.content.decode()
    # A task leaving the public changes the feed too.
    etag = after["ETag"]
    Task.objects.filter(pk=public.public_task.pk).update(is_public=False)
    hidden = client.get(f"{ORG}feed.atom?lang=fi", HTTP_IF_NONE_MATCH=etag)
    assert hidden.status_code == 200
    assert public.public_task.title not in hidden.content.decode()


def test_unknown_or_unpublished_things_are_404(public: Public) -> None:
    draft = public.news("Luonnos", tasks=[], published=False)
    client = Client()
    assert client.get("/julkinen/eiole/tiedotteet/").status_code == 404
    assert client.get("/julkinen/eiole/feed.atom").status_code == 404
    assert client.get(f"{ORG}eiole/feed.atom").status_code == 404
    assert client.get(f"{ORG}eiole/upotus/").status_code == 404
    assert client.get(f"{ORG}tiedotteet/{draft.pk}/").status_code == 404
    assert client.get(f"{ORG}tiedotteet/?tehtava={public.secret_task.pk}").status_code == 404
    # The neighbouring organisation has no public roadmap: no public pages at all.
    assert client.get("/julkinen/naapurikunta/feed.atom").status_code == 404
    # A news item of a roadmap taken off the public is not public either.
    item = public.news("Julkaistu", tasks=[])
    assert client.get(f"{ORG}tiedotteet/{item.pk}/").status_code == 200
    Roadmap.objects.filter(pk=public.world.roadmap.pk).update(is_public=False)
    assert client.get(f"{ORG}tiedotteet/{item.pk}/").status_code == 404
    assert client.get(f"{ORG}{public.world.roadmap.slug}/feed.atom").status_code == 404


def test_a_linked_task_made_private_later_disappears_from_the_news(public: Public) -> None:
    item = public.news("Tiedote", tasks=[public.public_task])
    client = Client()
    assert public.public_task.title in client.get(f"{ORG}tiedotteet/{item.pk}/").content.decode()
    Task.objects.filter(pk=public.public_task.pk).update(is_public=False)
    assert (
        public.public_task.title not in client.get(f"{ORG}tiedotteet/{item.pk}/").content.decode()
    )


def test_only_the_embed_may_be_framed(public: Public) -> None:
    client = Client()
    for address in (f"{ORG}upotus/", f"{ORG}{public.world.roadmap.slug}/upotus/"):
        response = client.get(address)
        assert "X-Frame-Options" not in response.headers
        policy = response["Content-Security-Policy"]
        assert "frame-ancestors *" in policy
        assert "script-src 'self'" in policy  # the rest of the site's policy stays
        assert 'target="_top"' in response.content.decode()
    news_page = client.get(f"{ORG}tiedotteet/")
    assert news_page["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in news_page["Content-Security-Policy"]


def test_the_embed_may_be_framed_only_by_the_sites_the_setting_lists(
    public: Public, settings: pytest.FixtureRequest
) -> None:
    settings.TIEKARTTA_EMBED_FRAME_ANCESTORS = ["https://www.testikaupunki.fi"]  # type: ignore[attr-defined]
    policy = Client().get(f"{ORG}upotus/")["Content-Security-Policy"]
    assert "frame-ancestors https://www.testikaupunki.fi;" in policy + ";"


def test_the_embed_shows_progress_and_the_latest_news(public: Public) -> None:
    public.news("Uusin tiedote", tasks=[])
    text = Client().get(f"{ORG}upotus/?lang=fi").content.decode()
    assert "Uusin tiedote" in text
    assert public.world.roadmap.title in text
    assert 'value="40"' in text  # the one public task is 40 % complete
    assert public.world.theme.name in text


def test_public_pages_and_feeds_send_a_link_to_the_feed(public: Public) -> None:
    response = Client().get(f"{ORG}tiedotteet/?lang=sv")
    assert response["Link"] == (
        f'<{ORG}feed.atom?lang=sv>; rel="alternate"; type="application/atom+xml"'
    )
    assert 'type="application/atom+xml"' in response.content.decode()


@pytest.mark.parametrize("count", [1, 12])
def test_query_counts_do_not_grow_with_the_news(
    public: Public, count: int, django_assert_max_num_queries: Any
) -> None:
    for number in range(count):
        public.news(f"Tiedote {number}", tasks=[public.public_task, public.secret_task])
    client = Client()
    for address in (f"{ORG}tiedotteet/", f"{ORG}feed.atom", f"{ORG}upotus/"):
        with django_assert_max_num_queries(8):
            assert client.get(address).status_code == 200


def test_a_tasks_status_speaks_the_language_of_the_address(public: Public) -> None:
    """The browser asks for English, the address for Swedish: the status the view builds for
    the linked task is Swedish like the rest of the page."""
    item = public.news("Tiedote", tasks=[public.public_task])
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    for address in (f"{ORG}tiedotteet/?lang=sv", f"{ORG}tiedotteet/{item.pk}/?lang=sv"):
        text = client.get(address).content.decode()
        assert "Pågår" in text, address
        assert "In progress" not in text, address
