"""A sign-in link is no key to the account: it goes only to a verified address, never to staff
or superusers, and the session it opens reaches one organisation, one purpose, a short time."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, BrowserLikeClient, World
from tests.factories import MembershipFactory, verify_email
from tiekartta.accounts.models import Role, SignInLink, User
from tiekartta.accounts.services import create_sign_in_link

NOW = "2026-12-01 09:00 +0200"
LINK_PAGE = reverse("accounts:sign_in_link")
MY_TASKS = reverse("progress:my_tasks", kwargs={"org": "testikaupunki"})


def link_for(world: World, user: User, hours: int = 72) -> str:
    _link, token = create_sign_in_link(
        user=user,
        organisation=world.organisation,
        next_path=MY_TASKS,
        valid_for=datetime.timedelta(hours=hours),
    )
    return token


def signed_in_by_link(world: World, user: User) -> BrowserLikeClient:
    client = BrowserLikeClient()
    response = client.post(LINK_PAGE, {"token": link_for(world, user)})
    assert response.status_code == 302, response.content.decode()[:500]
    assert client.session["_auth_user_id"] == str(user.pk)
    return client


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def is_sent_to_log_in(response: Any) -> bool:
    return response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


# Who may get a link --------------------------------------------------------------------------


@pytest.mark.parametrize("flag", ["is_staff", "is_superuser"])
def test_staff_and_superusers_never_get_a_link(world: World, flag: str) -> None:
    admin = verify_email(world.users[Role.ADMIN], "cio@testikaupunki.fi")
    setattr(admin, flag, True)
    admin.save()
    with pytest.raises(ValidationError, match="password only"):
        link_for(world, admin)
    assert not SignInLink.objects.exists()


def test_a_user_without_a_verified_address_gets_no_link(world: World) -> None:
    owner = world.users[Role.OWNER]
    owner.email = "omistaja@example.fi"  # typed in, never confirmed
    owner.save()
    with pytest.raises(ValidationError, match="verified"):
        link_for(world, owner)


def test_changing_the_address_takes_its_verification_away(world: World) -> None:
    owner = verify_email(world.users[Role.OWNER], "omistaja@example.fi")
    assert owner.verified_email == "omistaja@example.fi"
    owner.email = "hyokkaaja@example.fi"
    owner.save()
    owner.refresh_from_db()
    assert owner.email_verified_at is None and owner.verified_email == ""


def test_a_link_of_a_user_who_became_staff_no_longer_works(world: World) -> None:
    owner = verify_email(world.users[Role.OWNER], "omistaja@example.fi")
    token = link_for(world, owner)
    owner.is_staff = True
    owner.save()
    client = BrowserLikeClient()
    assert client.post(LINK_PAGE, {"token": token}).status_code == 404
    assert not signed_in(client)


@time_machine.travel(NOW, tick=False)
def test_a_link_works_at_most_the_installations_maximum(world: World, settings: Any) -> None:
    settings.TIEKARTTA_SIGN_IN_LINK_MAX_HOURS = 72
    owner = verify_email(world.users[Role.OWNER], "omistaja@example.fi")
    link, _token = create_sign_in_link(
        user=owner,
        organisation=world.organisation,
        next_path=MY_TASKS,
        valid_for=datetime.timedelta(hours=336),
    )
    assert link.expires_at - link.created_at == datetime.timedelta(hours=72)


# The token never in a URL --------------------------------------------------------------------


def test_no_address_takes_the_token_in_its_path(world: World) -> None:
    owner = verify_email(world.users[Role.OWNER], "omistaja@example.fi")
    token = link_for(world, owner)
    client = BrowserLikeClient()
    assert client.get(f"/login/link/{token}/").status_code == 404
    assert client.get(f"{LINK_PAGE}?token={token}").status_code == 200  # the form, unused
    assert not signed_in(client)
    assert SignInLink.objects.get().used_at is None


# What the session reaches --------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_the_session_reaches_the_owners_own_pages(world: World) -> None:
    owner = verify_email(world.users[Role.OWNER], "omistaja@example.fi")
    client = signed_in_by_link(world, owner)
    assert client.get(MY_TASKS).status_code == 200
    record = reverse(
        "progress:record",
        kwargs={"org": "testikaupunki", "roadmap": "2026-2028", "task": world.own_task.pk},
    )
    assert client.get(record).status_code == 200


@time_machine.travel(NOW, tick=False)
def test_the_session_cannot_open_another_organisations_pages(world: World) -> None:
    owner = verify_email(world.users[Role.OWNER], "omistaja@example.fi")
    # The owner is also a member of the other town, where the link was not issued.
    MembershipFactory(user=owner, organisation=world.outsider_organisation, role=Role.ADMIN)
    client = signed_in_by_link(world, owner)
    other_town = reverse("progress:my_tasks", kwargs={"org": "naapurikunta"})
    response = client.get(other_town)
    assert is_sent_to_log_in(response)
    assert not signed_in(client), "a request beyond the link ends its session"
    members = reverse("accounts:member_list", kwargs={"org": "naapurikunta"})
    assert is_sent_to_log_in(client.get(members))


@time_machine.travel(NOW, tick=False)
def test_the_cios_link_opens_neither_admin_pages_nor_others_tasks(world: World) -> None:
    cio = verify_email(world.users[Role.ADMIN], "cio@testikaupunki.fi")
    for page in (
        reverse("accounts:member_list", kwargs={"org": "testikaupunki"}),
        reverse("api_tokens:token_list", kwargs={"org": "testikaupunki"}),
        reverse("roadmap:roadmap_list", kwargs={"org": "testikaupunki"}),
        "/admin/",
        reverse("accounts:account"),
        reverse("accounts:home"),
    ):
        client = signed_in_by_link(world, cio)
        assert is_sent_to_log_in(client.get(page)), page
        assert not signed_in(client), page
    # Within the purpose's pages the administrator acts as a task owner: own tasks only.
    client = signed_in_by_link(world, cio)
    others = reverse(
        "progress:record",
        kwargs={"org": "testikaupunki", "roadmap": "2026-2028", "task": world.others_task.pk},
    )
    assert client.get(others).status_code == 403
    assert client.post(others, {"completion": "90", "status": "in_progress"}).status_code == 403
    assert not world.others_task.progress_entries.exists()


def test_the_session_ends_after_its_minutes(world: World, settings: Any) -> None:
    settings.TIEKARTTA_LINK_SESSION_MINUTES = 30
    owner = verify_email(world.users[Role.OWNER], "omistaja@example.fi")
    with time_machine.travel(NOW, tick=False):
        client = signed_in_by_link(world, owner)
    with time_machine.travel("2026-12-01 09:29 +0200", tick=False):
        assert client.get(MY_TASKS).status_code == 200
    with time_machine.travel("2026-12-01 09:30 +0200", tick=False):
        assert is_sent_to_log_in(client.get(MY_TASKS))
        assert not signed_in(client)


@time_machine.travel(NOW, tick=False)
def test_a_password_sign_in_afterwards_opens_a_full_session(world: World) -> None:
    cio = verify_email(world.users[Role.ADMIN], "cio@testikaupunki.fi")
    client = signed_in_by_link(world, cio)
    members = reverse("accounts:member_list", kwargs={"org": "testikaupunki"})
    response = client.get(members)
    assert is_sent_to_log_in(response)
    response = client.post(
        reverse("accounts:login"), {"username": cio.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(members).status_code == 200
