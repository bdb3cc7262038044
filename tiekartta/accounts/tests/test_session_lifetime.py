"""A signed-in session ends after its idle time and, whatever the activity, its lifetime
(TIEKARTTA_SESSION_IDLE_MINUTES, TIEKARTTA_SESSION_MAX_HOURS); the user is then asked to log in
again, with a message saying why."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from conftest import PASSWORD, BrowserLikeClient, World
from tests.factories import verify_email
from tiekartta.accounts import session_lifetime
from tiekartta.accounts.models import Role, SignInLink
from tiekartta.accounts.services import create_sign_in_link

pytestmark = pytest.mark.django_db

T0 = datetime.datetime.fromisoformat("2026-12-01 08:00 +02:00")
LOGIN = reverse("accounts:login")


@pytest.fixture(autouse=True)
def production_limits(settings: Any) -> None:
    settings.TIEKARTTA_SESSION_IDLE_MINUTES = 120
    settings.TIEKARTTA_SESSION_MAX_HOURS = 12


def at(minutes: float) -> Any:
    return time_machine.travel(T0 + datetime.timedelta(minutes=minutes), tick=False)


def members(world: World) -> str:
    return reverse("accounts:member_list", kwargs={"org": world.organisation.slug})


def signed_in_at_t0(world: World, persona: str = "admin") -> BrowserLikeClient:
    client = BrowserLikeClient(HTTP_ACCEPT_LANGUAGE="en")
    with at(0):
        response = client.post(
            LOGIN, {"username": world.users[persona].username, "password": PASSWORD}
        )
        assert response.status_code == 302, response.content.decode()[:300]
    return client


def is_sent_to_log_in(response: Any, back_to: str) -> bool:
    return response.status_code == 302 and response.url == f"{LOGIN}?next={back_to}"


def test_activity_keeps_the_session_and_idleness_ends_it(world: World) -> None:
    client = signed_in_at_t0(world)
    with at(119):
        assert client.get(members(world)).status_code == 200
    with at(119 + 119):  # two hours after sign-in, but only 119 minutes idle
        assert client.get(members(world)).status_code == 200
    with at(119 + 119 + 120):
        response = client.get(members(world))
        assert is_sent_to_log_in(response, members(world))
        assert "_auth_user_id" not in client.session
        page = client.get(response.url).content.decode()
    assert "You were signed out after 120 minutes without activity. Log in again." in page


def test_the_session_ends_at_its_lifetime_however_active(world: World) -> None:
    client = signed_in_at_t0(world)
    for minutes in range(60, 12 * 60, 60):
        with at(minutes):
            assert client.get(members(world)).status_code == 200
    with at(12 * 60 - 1):
        assert client.get(members(world)).status_code == 200
    with at(12 * 60):
        response = client.get(members(world))
        assert is_sent_to_log_in(response, members(world))
        assert "_auth_user_id" not in client.session
        page = client.get(response.url).content.decode()
    assert "Your session ended 12 hours after you signed in. Log in again." in page


def test_signing_in_again_starts_a_new_session(world: World) -> None:
    client = signed_in_at_t0(world)
    with at(13 * 60):
        assert is_sent_to_log_in(client.get(members(world)), members(world))
        client.post(LOGIN, {"username": world.users["admin"].username, "password": PASSWORD})
        assert client.get(members(world)).status_code == 200


def test_the_limits_come_from_the_settings(world: World, settings: Any) -> None:
    settings.TIEKARTTA_SESSION_IDLE_MINUTES = 15
    client = signed_in_at_t0(world)
    with at(14):
        assert client.get(members(world)).status_code == 200
    with at(14 + 15):
        assert is_sent_to_log_in(client.get(members(world)), members(world))


def test_the_stored_session_ends_a_day_after_its_lifetime(world: World) -> None:
    client = signed_in_at_t0(world)
    end = T0 + datetime.timedelta(hours=12 + 24)
    with at(0):
        assert client.session.get_expiry_date() == end
    with at(60):
        client.get(members(world))
        assert client.session.get_expiry_date() == end
        assert client.cookies["sessionid"]["max-age"] == (12 + 24 - 1) * 3600


def test_a_user_back_the_next_morning_is_told_why(world: World) -> None:
    client = signed_in_at_t0(world)
    with at(60):
        assert client.get(members(world)).status_code == 200
    with at(24 * 60):  # idle since 9:00, so idleness ended it first
        response = client.get(members(world))
        assert is_sent_to_log_in(response, members(world))
        page = client.get(response.url).content.decode()
    assert "You were signed out after 120 minutes without activity." in page


def test_activity_is_written_at_most_once_a_minute(world: World) -> None:
    client = signed_in_at_t0(world)

    def seen() -> datetime.datetime:
        return datetime.datetime.fromisoformat(client.session[session_lifetime.SEEN_KEY])

    with at(0.5):
        client.get(members(world))
        assert seen() == T0
    with at(1):
        client.get(members(world))
        assert seen() == T0 + datetime.timedelta(minutes=1)


def test_a_session_without_a_recorded_start_has_ended(world: World) -> None:
    client = signed_in_at_t0(world)
    with at(1):
        session = client.session
        del session[session_lifetime.STARTED_KEY]
        session.save()
        assert is_sent_to_log_in(client.get(members(world)), members(world))


def test_an_htmx_request_takes_the_whole_page_to_the_log_in(world: World) -> None:
    client = signed_in_at_t0(world)
    page = members(world)
    with at(121):
        response = client.get(
            page + "?fragment=1",
            headers={"HX-Request": "true", "HX-Current-URL": f"http://testserver{page}"},
        )
    assert response.status_code == 200
    assert response["HX-Redirect"] == f"{LOGIN}?next={page}"
    assert "_auth_user_id" not in client.session


def test_a_visitor_is_not_touched(world: World) -> None:
    client = BrowserLikeClient()
    with at(0):
        client.get(LOGIN)
    with at(24 * 60):
        assert client.get(LOGIN).status_code == 200


def test_a_sign_in_link_session_ends_at_the_earlier_of_both_limits(
    world: World, settings: Any
) -> None:
    settings.TIEKARTTA_LINK_SESSION_MINUTES = 30
    owner = verify_email(world.users[Role.OWNER], "omistaja@example.fi")
    my_tasks = reverse("progress:my_tasks", kwargs={"org": world.organisation.slug})
    client = BrowserLikeClient(HTTP_ACCEPT_LANGUAGE="en")
    with at(0):
        _link, token = create_sign_in_link(
            user=owner,
            organisation=world.organisation,
            next_path=my_tasks,
            valid_for=datetime.timedelta(hours=72),
        )
        assert client.post(reverse("accounts:sign_in_link"), {"token": token}).status_code == 302
        assert SignInLink.objects.get().used_at is not None
    with at(5):
        assert client.get(my_tasks).status_code == 200
        # The link's own, shorter expiry stands.
        assert client.session.get_expiry_date() == T0 + datetime.timedelta(minutes=30)
        assert session_lifetime.STARTED_KEY in client.session
    with at(30):
        assert is_sent_to_log_in(client.get(my_tasks), my_tasks)
