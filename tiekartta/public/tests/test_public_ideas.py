"""The public idea form, the follow page and the public list of ideas, as an anonymous resident
uses them (CSRF checks on, no session), and the provenance on a public task's page."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from conftest import BrowserLikeClient, World
from tests.factories import IdeaFactory, OrganisationFactory, RoadmapFactory, ThemeFactory
from tiekartta.ideas import public_services, services
from tiekartta.ideas.models import Idea, IdeaSource, IdeaStatus
from tiekartta.roadmap.models import Roadmap, Task

pytestmark = pytest.mark.django_db

ORG = "testikaupunki"


@pytest.fixture(autouse=True)
def empty_rate_limit() -> Iterator[None]:
    """The proposals' counts live in the cache, which outlives a test's database."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def published(world: World) -> World:
    Roadmap.objects.filter(pk=world.roadmap.pk).update(is_public=True)
    world.roadmap.refresh_from_db()
    return world


def form_url(org: str = ORG, query: str = "") -> str:
    return reverse("public:idea_propose", kwargs={"org": org}) + query


def list_url(org: str = ORG, query: str = "") -> str:
    return reverse("public:ideas", kwargs={"org": org}) + query


def follow_url(key: str, org: str = ORG, query: str = "") -> str:
    return reverse("public:idea_follow", kwargs={"org": org, "key": key}) + query


def task_url(world: World, task: Task) -> str:
    return reverse(
        "public:task", kwargs={"org": ORG, "roadmap": world.roadmap.slug, "task": task.pk}
    )


def proposal(**changes: str) -> dict[str, str]:
    return {
        "title": "Kirjaston tilat varattaviksi verkossa",
        "description": "Kokoushuoneen voisi varata illaksi ilman soittamista.",
        "theme": "",
        "submitter": "Asukas Aaltonen",
        "website": "",
        **changes,
    }


def propose(client: BrowserLikeClient, query: str = "?lang=en", **changes: str) -> Any:
    return client.post(form_url(query=query), proposal(**changes))


def test_a_resident_proposes_an_idea_and_follows_it_to_the_decision(published: World) -> None:
    client = BrowserLikeClient()
    form = client.get(form_url(query="?lang=sv"))
    assert form.status_code == 200
    assert set(form.cookies) == {"csrftoken"}
    assert "no-store" in form["Cache-Control"] and "private" in form["Cache-Control"]
    body = form.content.decode()
    assert '<html lang="sv">' in body
    # The honeypot: out of sight, out of the tab order, out of the accessibility tree.
    assert '<div class="honeypot" aria-hidden="true">' in body
    assert 'tabindex="-1"' in body

    sent = propose(client, "?lang=sv", theme=str(published.other_theme.pk))
    assert sent.status_code == 302
    idea = Idea.objects.get()
    assert sent["Location"] == (
        reverse("public:idea_sent", kwargs={"org": ORG, "key": idea.follow_key}) + "?lang=sv"
    )
    assert "sessionid" not in sent.cookies
    assert (idea.organisation, idea.status, idea.source, idea.is_public) == (
        published.organisation,
        IdeaStatus.NEW,
        IdeaSource.PUBLIC_FORM,
        False,
    )
    assert idea.theme == published.other_theme
    assert idea.submitter == "Asukas Aaltonen"
    assert idea.received_on == timezone.localdate()
    assert idea.event == ""
    assert idea.follow_key and len(idea.follow_key) == 43
    created = idea.history.get()
    assert created.history_user is None
    assert created.history_change_reason == "Public idea form (sv)"

    thanks = client.get(sent["Location"])
    assert thanks.status_code == 200
    assert not thanks.cookies
    assert "no-store" in thanks["Cache-Control"]
    assert thanks["X-Robots-Tag"] == "noindex, nofollow"
    assert thanks["Referrer-Policy"] == "no-referrer"
    address = "http://testserver" + follow_url(idea.follow_key, query="?lang=sv")
    assert address in thanks.content.decode()
    assert idea.follow_key not in thanks.context["feedback_url"]

    page = client.get(follow_url(idea.follow_key, query="?lang=en"))
    assert page.status_code == 200
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in page["Cache-Control"] and not page.cookies
    text = page.content.decode()
    assert "Kirjaston tilat varattaviksi verkossa" in text
    assert "New" in text and "No decision yet" in text
    assert "not on the public site" in text
    assert "Asukas Aaltonen" not in text  # the name is for the group only
    assert idea.follow_key not in page.context["feedback_url"]

    editor = published.users["editor"]
    services.change_status(
        actor=editor, idea=idea, status=IdeaStatus.UNDER_REVIEW, reason="Selvitämme tilat."
    )
    services.accept_ideas(
        actor=editor, ideas=[idea], task=published.own_task, reason="Otetaan tiekarttaan."
    )
    text = client.get(follow_url(idea.follow_key, query="?lang=en")).content.decode()
    assert "Selvitämme tilat." in text and "Otetaan tiekarttaan." in text
    assert "New → Under review" in text and "Under review → Accepted" in text
    assert "It became a task that is not on the public site yet." in text
    assert published.own_task.title not in text  # an internal task is not named
    assert editor.username not in text  # nor who decided

    Task.objects.filter(pk=published.own_task.pk).update(is_public=True)
    text = client.get(follow_url(idea.follow_key, query="?lang=en")).content.decode()
    assert published.own_task.title in text
    assert task_url(published, published.own_task) in text


def test_the_form_refuses_without_the_csrf_token(published: World) -> None:
    client = BrowserLikeClient()
    response = super(BrowserLikeClient, client).post(form_url(), proposal())
    assert response.status_code == 403
    assert not Idea.objects.exists()


def test_a_robot_filling_the_honeypot_is_thanked_and_nothing_is_stored(published: World) -> None:
    client = BrowserLikeClient()
    response = propose(client, website="http://spam.example")
    assert response.status_code == 302
    assert "/ideat/kiitos/" in response["Location"]
    assert not Idea.objects.exists()
    # The thank-you page reads the same as a resident's; its address leads nowhere.
    assert client.get(response["Location"]).status_code == 200
    key = response["Location"].split("/kiitos/")[1].split("/")[0]
    assert client.get(follow_url(key)).status_code == 404


@override_settings(TIEKARTTA_IDEA_LIMIT_PER_HOUR=2)
def test_the_rate_limit_refuses_with_429_and_stores_nothing(published: World) -> None:
    client = BrowserLikeClient()
    with time_machine.travel(datetime.datetime(2026, 11, 20, 10, tzinfo=datetime.UTC), tick=False):
        assert propose(client, title="Yksi").status_code == 302
        # A robot caught in the honeypot counts too.
        assert propose(client, title="Kaksi", website="x").status_code == 302
        refused = propose(client, title="Kolme")
        assert refused.status_code == 429
        assert "Many ideas have been sent from your address" in refused.content.decode()
        assert list(Idea.objects.values_list("title", flat=True)) == ["Yksi"]
        # Another address has its own count.
        other = client.post(form_url(), proposal(title="Neljä"), REMOTE_ADDR="192.0.2.7")
        assert other.status_code == 302
    with time_machine.travel(
        datetime.datetime(2026, 11, 20, 11, 1, tzinfo=datetime.UTC), tick=False
    ):
        assert propose(client, title="Viisi").status_code == 302
    assert Idea.objects.count() == 3


def test_the_cache_holds_no_address(published: World) -> None:
    propose(BrowserLikeClient())
    keys = list(cache._cache.keys())  # type: ignore[attr-defined]  # LocMemCache
    assert keys and not any("127.0.0.1" in key for key in keys)


def test_bad_input_is_answered_next_to_the_fields_and_nothing_is_saved(
    published: World,
) -> None:
    foreign_theme = published.outsider_task.theme
    response = propose(
        BrowserLikeClient(), title="", description="x" * 10_001, theme=str(foreign_theme.pk)
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"title", "description", "theme"}
    body = response.content.decode()
    assert 'id="id_title_error"' in body and 'aria-invalid="true"' in body
    assert not Idea.objects.exists()


def test_too_large_a_submission_is_refused_unread(published: World) -> None:
    response = propose(BrowserLikeClient(), description="x" * 70_000)
    assert response.status_code == 413
    assert "too large to receive" in response.content.decode()
    assert not Idea.objects.exists()


def test_the_form_offers_the_themes_of_the_current_public_roadmaps_only(
    published: World,
) -> None:
    archived = RoadmapFactory(
        organisation=published.organisation, slug="2023-2025", is_public=True, is_archived=True
    )
    ThemeFactory(roadmap=archived, name="Vanhan kauden aihe")
    internal = RoadmapFactory(organisation=published.organisation, slug="sisainen")
    internal_theme = ThemeFactory(roadmap=internal, name="Sisäinen aihe")
    body = BrowserLikeClient().get(form_url()).content.decode()
    assert published.theme.name in body and published.other_theme.name in body
    assert "Vanhan kauden aihe" not in body and "Sisäinen aihe" not in body
    refused = propose(BrowserLikeClient(), theme=str(internal_theme.pk))
    assert refused.status_code == 400 and not Idea.objects.exists()


@pytest.mark.parametrize("name", ["public:idea_propose", "public:ideas"])
@pytest.mark.parametrize("org", ["naapurikunta", "ei-ole"])
def test_an_organisation_without_a_public_site_has_no_idea_pages(
    published: World, name: str, org: str
) -> None:
    response = BrowserLikeClient().get(reverse(name, kwargs={"org": org}))
    assert response.status_code == 404
    assert not response.cookies


def test_a_wrong_key_or_another_organisations_address_is_404(published: World) -> None:
    propose(BrowserLikeClient())
    key = Idea.objects.get().follow_key
    assert key
    other = OrganisationFactory(slug="toinen")
    RoadmapFactory(organisation=other, slug="2026-2028", is_public=True)
    client = BrowserLikeClient()
    assert client.get(follow_url(key)).status_code == 200
    assert client.get(follow_url(key, org="toinen")).status_code == 404
    assert client.get(follow_url(key, org="naapurikunta")).status_code == 404
    assert client.get(follow_url(key[:-1] + ("A" if key[-1] != "A" else "B"))).status_code == 404
    assert client.get(follow_url("lyhyt")).status_code == 404
    # An idea that did not come from the form has no key to follow it by.
    IdeaFactory(organisation=published.organisation)
    assert client.get(follow_url("x" * 43)).status_code == 404


def test_the_list_shows_published_ideas_only_with_their_decision(published: World) -> None:
    Task.objects.filter(pk=published.own_task.pk).update(is_public=True)
    shown = IdeaFactory(
        organisation=published.organisation,
        title="Julkaistu idea vesimittareista",
        description="Etäluenta säästäisi käyntejä.",
        theme=published.theme,
        submitter="Nimetty Ehdottaja",
        is_public=True,
    )
    services.accept_ideas(
        actor=published.users["editor"],
        ideas=[shown],
        task=published.own_task,
        reason="Tästä tuli tehtävä.",
    )
    internal_task_idea = IdeaFactory(
        organisation=published.organisation, title="Julkaistu, sisäiseen tehtävään", is_public=True
    )
    services.accept_ideas(
        actor=published.users["editor"],
        ideas=[internal_task_idea],
        task=published.others_task,
        reason="Sisäinen päätös.",
    )
    internal_roadmap = RoadmapFactory(organisation=published.organisation, slug="sisainen")
    IdeaFactory(
        organisation=published.organisation,
        title="Julkaistu idea sisäisellä aiheella",
        theme=ThemeFactory(roadmap=internal_roadmap, name="Sisäisen kartan aihe"),
        is_public=True,
    )
    IdeaFactory(organisation=published.organisation, title="Julkaisematon idea")
    propose(BrowserLikeClient(), title="Asukkaan odottava idea")

    response = BrowserLikeClient().get(list_url(query="?lang=en"))
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and response["ETag"]
    assert not response.cookies
    body = response.content.decode()
    assert "Julkaistu idea vesimittareista" in body and "Etäluenta säästäisi käyntejä." in body
    assert "Accepted" in body and "Tästä tuli tehtävä." in body
    assert task_url(published, published.own_task) in body
    assert published.theme.name in body
    assert "Nimetty Ehdottaja" not in body
    # Named only where public themselves: the internal task and the internal roadmap's theme.
    assert "Julkaistu, sisäiseen tehtävään" in body and published.others_task.title not in body
    assert "Julkaistu idea sisäisellä aiheella" in body and "Sisäisen kartan aihe" not in body
    # Not published: neither the group's own idea nor a resident's waiting one.
    assert "Julkaisematon idea" not in body and "Asukkaan odottava idea" not in body
    # The list links to the form.
    assert form_url() in body


def test_signed_in_members_and_outsiders_see_the_same_list(published: World) -> None:
    IdeaFactory(organisation=published.organisation, title="Julkaisematon idea")
    for persona in ("admin", "outsider"):
        body = published.client_for(persona).get(list_url()).content.decode()
        assert "Julkaisematon idea" not in body


def test_the_list_takes_constant_queries(
    published: World, django_assert_max_num_queries: Any
) -> None:
    Task.objects.filter(pk=published.own_task.pk).update(is_public=True)
    for number in range(30):
        idea = IdeaFactory(
            organisation=published.organisation,
            title=f"Idea {number}",
            theme=published.theme,
            is_public=True,
        )
        if number % 2:
            services.accept_ideas(
                actor=published.users["editor"],
                ideas=[idea],
                task=published.own_task,
                reason="Tehtäväksi.",
            )
    client = BrowserLikeClient()
    # The organisation, the validator, the count, the rows with their themes and tasks.
    with django_assert_max_num_queries(4):
        assert client.get(list_url()).status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get(list_url(query="?lang=sv&page=2")).status_code == 200


def test_the_list_is_renewed_by_what_residents_see_only(published: World) -> None:
    client = BrowserLikeClient()
    first = client.get(list_url())

    def again() -> int:
        return int(client.get(list_url(), HTTP_IF_NONE_MATCH=first["ETag"]).status_code)

    assert again() == 304
    internal = IdeaFactory(organisation=published.organisation, title="Sisäinen")
    services.change_status(
        actor=published.users["editor"], idea=internal, status=IdeaStatus.UNDER_REVIEW
    )
    assert again() == 304  # an internal idea's life is not the public site's
    public_services.publish_idea(actor=published.users["editor"], idea=internal, public=True)
    assert again() == 200
    second = client.get(list_url())
    internal.refresh_from_db()
    services.change_status(
        actor=published.users["editor"],
        idea=internal,
        status=IdeaStatus.REJECTED,
        reason="Ei tällä kaudella.",
    )
    assert client.get(list_url(), HTTP_IF_NONE_MATCH=second["ETag"]).status_code == 200
    third = client.get(list_url())
    assert "Ei tällä kaudella." in third.content.decode()
    internal.refresh_from_db()
    public_services.publish_idea(actor=published.users["editor"], idea=internal, public=False)
    hidden = client.get(list_url(), HTTP_IF_NONE_MATCH=third["ETag"])
    assert hidden.status_code == 200 and "Ei tällä kaudella." not in hidden.content.decode()


def test_the_task_page_tells_where_the_task_came_from(
    published: World, django_assert_max_num_queries: Any
) -> None:
    Task.objects.filter(pk=published.own_task.pk).update(is_public=True)
    url = task_url(published, published.own_task) + "?lang=en"
    plain = BrowserLikeClient().get(url).content.decode()
    assert "Where the task came from" not in plain
    public_one = IdeaFactory(
        organisation=published.organisation,
        title="Asukkaiden toive etäluennasta",
        source=IdeaSource.IDEATION,
        event="Toiveiden tynnyri 2022",
        is_public=True,
    )
    internal_one = IdeaFactory(
        organisation=published.organisation, title="Sisäinen idea etäluennasta"
    )
    services.accept_ideas(
        actor=published.users["editor"],
        ideas=[public_one, internal_one],
        task=published.own_task,
        reason="Yhdistetään tehtäväksi.",
    )
    # The page's five queries and one for the ideas.
    with django_assert_max_num_queries(6):
        response = BrowserLikeClient().get(url)
    body = response.content.decode()
    assert "Where the task came from" in body
    assert "Asukkaiden toive etäluennasta" in body
    assert "Ideation meeting: " in body and "Toiveiden tynnyri 2022" in body
    assert "Sisäinen idea etäluennasta" not in body
    assert list_url() in body


def test_the_organisation_and_roadmap_pages_link_to_the_ideas(published: World) -> None:
    client = BrowserLikeClient()
    site = client.get(reverse("public:organisation", kwargs={"org": ORG}) + "?lang=sv")
    body = site.content.decode()
    assert form_url() + "?lang=sv" in body and list_url() + "?lang=sv" in body
    roadmap = client.get(
        reverse("public:roadmap", kwargs={"org": ORG, "roadmap": published.roadmap.slug})
    ).content.decode()
    assert form_url() in roadmap and list_url() in roadmap
