"""The digital group's news pages through the test client with CSRF checks on."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from conftest import World
from tiekartta.accounts.models import AuditEvent, EventKind
from tiekartta.news.models import NewsItem
from tiekartta.news.tests.conftest import Public

ORG = "testikaupunki"


def form_data(world: World, **changes: Any) -> dict[str, Any]:
    return {
        "title": "Kaupunkisovellus otettu käyttöön",
        "body": "Sovellus on ladattavissa.",
        "language": "fi",
        "roadmap": str(world.roadmap.pk),
        "tasks": [str(world.own_task.pk)],
        **changes,
    }


def test_an_editor_writes_publishes_withdraws_and_deletes_news(world: World) -> None:
    client = world.client_for("editor")
    response = client.post(reverse("news:create", kwargs={"org": ORG}), form_data(world))
    assert response.status_code == 302
    item = NewsItem.objects.get()
    assert item.author == world.users["editor"] and item.published_at is None
    assert list(item.tasks.all()) == [world.own_task]
    assert item.history.count() >= 1
    publish = reverse("news:publish", kwargs={"org": ORG, "news": item.pk})
    assert client.post(publish, {"publish": "1", "version": item.version}).status_code == 302
    item.refresh_from_db()
    assert item.published_at is not None
    assert AuditEvent.objects.filter(kind=EventKind.NEWS_PUBLISHED, subject=item.title).exists()
    listing = client.get(reverse("news:list", kwargs={"org": ORG})).content.decode()
    assert item.title in listing
    assert client.post(publish, {"publish": "0", "version": item.version}).status_code == 302
    item.refresh_from_db()
    assert item.published_at is None
    assert AuditEvent.objects.filter(kind=EventKind.NEWS_UNPUBLISHED).count() == 1
    delete = reverse("news:delete", kwargs={"org": ORG, "news": item.pk})
    assert client.get(delete).status_code == 200
    assert client.post(delete).status_code == 302
    assert not NewsItem.objects.exists()


def test_the_task_page_shows_the_news_linked_to_the_task(world: World) -> None:
    client = world.client_for("editor")
    client.post(reverse("news:create", kwargs={"org": ORG}), form_data(world))
    page = client.get(
        reverse(
            "progress:task_detail",
            kwargs={"org": ORG, "roadmap": world.roadmap.slug, "task": world.own_task.pk},
        )
    ).content.decode()
    assert "Kaupunkisovellus otettu käyttöön" in page


def test_a_stale_save_is_refused_and_shows_the_other_change(world: World) -> None:
    client = world.client_for("editor")
    client.post(reverse("news:create", kwargs={"org": ORG}), form_data(world))
    item = NewsItem.objects.get()
    edit = reverse("news:edit", kwargs={"org": ORG, "news": item.pk})
    started = item.version
    admin = world.client_for("admin")
    saved = admin.post(edit, form_data(world, title="Ylläpitäjän otsikko", version=started))
    assert saved.status_code == 302
    stale = client.post(edit, form_data(world, title="Toimittajan otsikko", version=started))
    assert stale.status_code == 409
    assert "Ylläpitäjän otsikko" in stale.content.decode()
    item.refresh_from_db()
    assert item.title == "Ylläpitäjän otsikko"
    # A stale publish is refused too.
    publish = reverse("news:publish", kwargs={"org": ORG, "news": item.pk})
    client.post(publish, {"publish": "1", "version": started})
    item.refresh_from_db()
    assert item.published_at is None


def test_tasks_of_another_organisation_cannot_be_linked(world: World) -> None:
    client = world.client_for("editor")
    response = client.post(
        reverse("news:create", kwargs={"org": ORG}),
        form_data(world, tasks=[str(world.outsider_task.pk)], roadmap=""),
    )
    assert response.status_code == 400
    assert not NewsItem.objects.exists()
    foreign_roadmap = client.post(
        reverse("news:create", kwargs={"org": ORG}),
        form_data(world, roadmap=str(world.outsider_roadmap.pk)),
    )
    assert foreign_roadmap.status_code == 400


def test_a_too_long_text_is_refused_next_to_the_field(world: World) -> None:
    client = world.client_for("editor")
    response = client.post(
        reverse("news:create", kwargs={"org": ORG}), form_data(world, body="x" * 10_001)
    )
    assert response.status_code == 400
    assert 'id="id_body_error"' in response.content.decode()
    assert not NewsItem.objects.exists()


def test_viewers_are_refused_and_outsiders_see_nothing(world: World) -> None:
    world.client_for("editor").post(reverse("news:create", kwargs={"org": ORG}), form_data(world))
    item = NewsItem.objects.get()
    edit = reverse("news:edit", kwargs={"org": ORG, "news": item.pk})
    assert world.client_for("viewer").get(edit).status_code == 403
    assert (
        world.client_for("owner").get(reverse("news:list", kwargs={"org": ORG})).status_code == 403
    )
    assert world.client_for("outsider").get(edit).status_code == 404
    # The outsider's own organisation's URL with this organisation's item: 404 as well.
    foreign = reverse("news:edit", kwargs={"org": "naapurikunta", "news": item.pk})
    assert world.client_for("outsider").get(foreign).status_code == 404


def test_the_embed_page_gives_the_code_to_copy(public: Public, settings: Any) -> None:
    settings.TIEKARTTA_BASE_URL = "https://tiekartta.example.fi"
    page = public.world.client_for("editor").get(reverse("news:embed_code", kwargs={"org": ORG}))
    text = page.content.decode()
    assert (
        "&lt;iframe src=&quot;https://tiekartta.example.fi/julkinen/testikaupunki/upotus/" in text
    )
    assert f"/julkinen/testikaupunki/{public.world.roadmap.slug}/upotus/" in text
    assert "https://tiekartta.example.fi/julkinen/testikaupunki/feed.atom" in text
