"""Moderation of the public site's ideas through the test client with CSRF checks on: the group
publishes an idea from the public form or takes it off; the backlog and the idea's page say
which ideas wait; the follow key stays the resident's."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import BrowserLikeClient, World
from tests.factories import IdeaFactory
from tiekartta.core.locking import ConflictError
from tiekartta.ideas import public_services, services
from tiekartta.ideas.models import Idea, IdeaSource, IdeaStatus

pytestmark = pytest.mark.django_db

ORG = "testikaupunki"


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"ideas:{name}", kwargs={"org": ORG, **kwargs})


def proposed(world: World, **changes: Any) -> Idea:
    data: dict[str, Any] = {
        "organisation": world.organisation,
        "title": "Kirjaston tilat varattaviksi verkossa",
        "description": "Kokoushuoneen voisi varata illaksi.",
        "theme": None,
        "submitter": "Asukas Aaltonen",
        "address": "192.0.2.10",
        "language": "fi",
        **changes,
    }
    return public_services.propose_idea(**data)


@pytest.fixture(autouse=True)
def empty_rate_limit() -> Any:
    cache.clear()
    yield
    cache.clear()


def test_the_group_sees_what_waits_and_publishes_it(world: World) -> None:
    idea = proposed(world)
    client = world.client_for("editor")
    listing = client.get(url("list")).content.decode()
    assert "Waiting for moderation" in listing
    page = client.get(url("detail", idea=idea.pk))
    body = page.content.decode()
    assert "Waiting for moderation" in body
    assert url("publicity", idea=idea.pk) in body
    # The follow key is the resident's: not on the group's pages.
    assert idea.follow_key and idea.follow_key not in body and idea.follow_key not in listing

    response = client.post(url("publicity", idea=idea.pk), {"public": "1", "version": idea.version})
    assert response.status_code == 302
    assert response["Location"] == url("detail", idea=idea.pk)
    idea.refresh_from_db()
    assert idea.is_public and idea.version == 2
    assert idea.history.first().history_user == world.users["editor"]  # type: ignore[union-attr]
    after = client.get(response["Location"]).content.decode()
    assert "The idea is shown on the public site." in after
    assert "Take off the public site" in after
    assert "Waiting for moderation" not in client.get(url("list")).content.decode()

    hidden = client.post(url("publicity", idea=idea.pk), {"public": "0", "version": idea.version})
    assert hidden.status_code == 302
    idea.refresh_from_db()
    assert not idea.is_public


def test_a_decided_idea_no_longer_waits(world: World) -> None:
    idea = proposed(world)
    services.change_status(
        actor=world.users["editor"], idea=idea, status=IdeaStatus.REJECTED, reason="Ei nyt."
    )
    listing = world.client_for("editor").get(url("list")).content.decode()
    assert "Waiting for moderation" not in listing


def test_an_old_version_is_a_conflict_and_nothing_changes(world: World) -> None:
    idea = proposed(world)
    client = world.client_for("admin")
    # Someone edited the idea after the page was opened at version 1.
    public_services.publish_idea(actor=world.users["editor"], idea=idea, public=True)
    response = client.post(url("publicity", idea=idea.pk), {"public": "0", "version": "1"})
    assert response.status_code == 409
    assert "Someone else changed the idea meanwhile" in response.content.decode()
    idea.refresh_from_db()
    assert idea.is_public and idea.version == 2


def test_bad_input_is_400(world: World) -> None:
    idea = proposed(world)
    client = world.client_for("editor")
    assert client.post(url("publicity", idea=idea.pk), {"public": "maybe"}).status_code == 400
    already = client.post(url("publicity", idea=idea.pk), {"public": "0", "version": "1"})
    assert already.status_code == 400
    assert "already off the public site" in already.content.decode()
    idea.refresh_from_db()
    assert not idea.is_public and idea.version == 1


def test_only_the_group_moderates(world: World) -> None:
    idea = proposed(world)
    path = url("publicity", idea=idea.pk)
    data = {"public": "1", "version": "1"}
    for persona in ("viewer", "owner"):
        assert world.client_for(persona).post(path, data).status_code == 403, persona
    assert world.client_for("outsider").post(path, data).status_code == 404
    anonymous = BrowserLikeClient().post(path, data)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("accounts:login"))
    # The idea of another organisation is 404 from inside one's own.
    foreign = IdeaFactory(organisation=world.outsider_organisation)
    foreign_path = url("publicity", idea=foreign.pk)
    assert world.client_for("admin").post(foreign_path, data).status_code == 404
    assert world.client_for("editor").get(path).status_code == 405
    idea.refresh_from_db()
    foreign.refresh_from_db()
    assert not idea.is_public and not foreign.is_public
    # The viewer reads the idea's page without the moderation form.
    body = world.client_for("viewer").get(url("detail", idea=idea.pk)).content.decode()
    assert path not in body


def test_any_idea_can_be_published_not_only_the_forms(world: World) -> None:
    idea = IdeaFactory(organisation=world.organisation, source=IdeaSource.WORKSHOP)
    body = world.client_for("editor").get(url("detail", idea=idea.pk)).content.decode()
    assert "Waiting for moderation" not in body and "Publish on the public site" in body
    public_services.publish_idea(actor=world.users["editor"], idea=idea, public=True)
    idea.refresh_from_db()
    assert idea.is_public


def test_the_service_refuses_a_stale_version_and_a_change_to_the_same(world: World) -> None:
    idea = proposed(world)
    with pytest.raises(ConflictError):
        public_services.publish_idea(
            actor=world.users["editor"], idea=idea, public=True, expected_version=7
        )
    with pytest.raises(ValidationError):
        public_services.publish_idea(actor=world.users["editor"], idea=idea, public=False)
    idea.refresh_from_db()
    assert idea.version == 1 and not idea.is_public


def test_propose_idea_checks_its_input(world: World) -> None:
    with pytest.raises(ValidationError) as too_long:
        proposed(world, title="x" * 201)
    assert "title" in too_long.value.message_dict
    with pytest.raises(ValidationError):
        proposed(world, language="de")
    # A theme of an unpublished roadmap is not the resident's to choose.
    with pytest.raises(ValidationError) as theme:
        proposed(world, theme=world.theme)
    assert "theme" in theme.value.message_dict
    assert not Idea.objects.exists()
    # Failed input does not count against the address's limit.
    for _n in range(public_services.proposal_limit()):
        proposed(world)
    with pytest.raises(public_services.RateLimited):
        proposed(world)
    assert Idea.objects.count() == public_services.proposal_limit()
    keys = set(Idea.objects.values_list("follow_key", flat=True))
    assert len(keys) == Idea.objects.count()
