"""One-time sign-in links: the token is posted (never in a URL), used once, expires, and only
its hash is stored."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import BrowserLikeClient, World
from tests.factories import verify_email
from tiekartta.accounts.models import Role, SignInLink, User
from tiekartta.accounts.services import (
    SignInLinkError,
    create_sign_in_link,
    hash_sign_in_token,
    redeem_sign_in_link,
)

NOW = "2026-12-01 09:00 +0200"
VALID_FOR = datetime.timedelta(hours=72)
EXPIRED_MESSAGE = "This sign-in link has expired."
USED_MESSAGE = "This sign-in link has already been used."
UNKNOWN_MESSAGE = "This sign-in link is not valid."


def next_path(world: World) -> str:
    return reverse(
        "progress:record",
        kwargs={"org": "testikaupunki", "roadmap": "2026-2028", "task": world.own_task.pk},
    )


def new_link(world: World, user: User | None = None) -> tuple[SignInLink, str]:
    user = verify_email(user or world.users[Role.OWNER], "omistaja@example.fi")
    return create_sign_in_link(
        user=user, organisation=world.organisation, next_path=next_path(world), valid_for=VALID_FOR
    )


LINK_PAGE = reverse("accounts:sign_in_link")


def use(client: Client, token: str, method: str = "post") -> object:
    """What the page does with the token from the link's fragment: post it."""
    if method == "get":
        return client.get(LINK_PAGE)
    return client.post(LINK_PAGE, {"token": token})


def anonymous() -> BrowserLikeClient:
    client = BrowserLikeClient()
    client.cookies["django_language"] = "en"
    return client


def signed_in_user_id(client: Client) -> str | None:
    return client.session.get("_auth_user_id")


# The page and the button ---------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_opening_a_link_only_asks_for_confirmation(world: World) -> None:
    link, _token = new_link(world)
    client = anonymous()
    response = client.get(LINK_PAGE)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Sign in and continue" in content
    assert '<form method="post" data-token-form' in content
    assert 'name="token"' in content
    assert "js/token-from-fragment.js" in content
    assert signed_in_user_id(client) is None
    link.refresh_from_db()
    assert link.used_at is None
    # Opening it again (a mail scanner, then the owner) still leaves it usable.
    assert client.get(LINK_PAGE).status_code == 200


@time_machine.travel(NOW, tick=False)
def test_confirming_signs_in_and_goes_to_the_links_address(world: World) -> None:
    link, token = new_link(world)
    client = anonymous()
    response = use(client, token)
    assert response.status_code == 302
    assert response.url == next_path(world)
    assert signed_in_user_id(client) == str(world.users[Role.OWNER].pk)
    link.refresh_from_db()
    assert link.used_at == timezone.now()
    assert client.get(response.url).status_code == 200


@time_machine.travel(NOW, tick=False)
def test_a_used_link_is_gone_and_signs_nobody_in(world: World) -> None:
    _link, token = new_link(world)
    assert use(anonymous(), token).status_code == 302

    for method in ("once", "twice"):
        client = anonymous()
        response = use(client, token)
        assert response.status_code == 410, method
        assert USED_MESSAGE in response.content.decode()
        assert "Sign in and continue" not in response.content.decode()
        assert signed_in_user_id(client) is None, method


def test_an_expired_link_is_gone_and_signs_nobody_in(world: World) -> None:
    with time_machine.travel(NOW, tick=False):
        link, token = new_link(world)
    with time_machine.travel(link.expires_at + datetime.timedelta(seconds=1), tick=False):
        for method in ("once", "twice"):
            client = anonymous()
            response = use(client, token)
            assert response.status_code == 410, method
            assert EXPIRED_MESSAGE in response.content.decode()
            assert signed_in_user_id(client) is None, method
    link.refresh_from_db()
    assert link.used_at is None


def test_a_link_works_until_just_before_it_expires(world: World) -> None:
    with time_machine.travel(NOW, tick=False):
        link, token = new_link(world)
    with time_machine.travel(link.expires_at - datetime.timedelta(seconds=1), tick=False):
        client = anonymous()
        assert use(client, token).status_code == 302
        assert signed_in_user_id(client) == str(world.users[Role.OWNER].pk)


@time_machine.travel(NOW, tick=False)
def test_an_unknown_token_is_not_found(world: World) -> None:
    new_link(world)
    for method in ("once", "twice"):
        client = anonymous()
        response = use(client, "not-a-real-token")
        assert response.status_code == 404, method
        assert UNKNOWN_MESSAGE in response.content.decode()
        assert signed_in_user_id(client) is None, method


@time_machine.travel(NOW, tick=False)
def test_a_post_without_the_csrf_token_is_refused(world: World) -> None:
    link, token = new_link(world)
    client = Client(enforce_csrf_checks=True)
    assert use(client, token).status_code == 403
    assert signed_in_user_id(client) is None
    link.refresh_from_db()
    assert link.used_at is None


@time_machine.travel(NOW, tick=False)
def test_a_link_replaces_another_signed_in_user(world: World) -> None:
    _link, token = new_link(world)
    client = world.client_for(Role.VIEWER)
    response = use(client, token)
    assert response.status_code == 302
    assert signed_in_user_id(client) == str(world.users[Role.OWNER].pk)


# Inactive users ------------------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_a_link_of_an_inactive_user_is_refused(world: World) -> None:
    owner = world.users[Role.OWNER]
    link, token = new_link(world, owner)
    owner.is_active = False
    owner.save()

    with pytest.raises(SignInLinkError) as refused:
        redeem_sign_in_link(token=token)
    assert refused.value.reason == "unknown"

    for method in ("once", "twice"):
        client = anonymous()
        response = use(client, token)
        assert response.status_code == 404, method
        assert "Sign in and continue" not in response.content.decode()
        assert signed_in_user_id(client) is None, method
    link.refresh_from_db()
    assert link.used_at is None


# The service ---------------------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_only_the_hash_of_the_token_is_stored(world: World) -> None:
    link, token = new_link(world)
    assert link.token_hash == hash_sign_in_token(token)
    assert len(link.token_hash) == 64 and token not in link.token_hash
    row = SignInLink.objects.filter(pk=link.pk).values().get()
    assert row["token_hash"] == hash_sign_in_token(token)
    assert all(token not in str(value) for value in row.values())


@time_machine.travel(NOW, tick=False)
def test_each_link_has_its_own_token(world: World) -> None:
    first, first_token = new_link(world)
    second, second_token = new_link(world)
    assert first_token != second_token
    assert first.token_hash != second.token_hash
    assert len(first_token) >= 40  # 32 random bytes


@time_machine.travel(NOW, tick=False)
def test_a_link_expires_after_the_given_time(world: World) -> None:
    link, _token = new_link(world)
    link.refresh_from_db()
    assert link.expires_at == timezone.now() + VALID_FOR
    assert link.used_at is None


@pytest.mark.parametrize(
    "address",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "evil.example/path",
        "javascript:alert(1)",
        "",
        # On this site, but beyond what a reminder is for, or in another organisation.
        "/admin/",
        "/o/testikaupunki/members/",
        "/o/naapurikunta/my-tasks/",
    ],
)
def test_a_link_only_leads_to_a_path_on_this_site(world: World, address: str) -> None:
    with pytest.raises(ValidationError) as refused:
        create_sign_in_link(
            user=verify_email(world.users[Role.OWNER], "omistaja@example.fi"),
            organisation=world.organisation,
            next_path=address,
            valid_for=VALID_FOR,
        )
    assert "next_path" in refused.value.message_dict
    assert not SignInLink.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_redeeming_twice_is_refused_as_used(world: World) -> None:
    _link, token = new_link(world)
    used = redeem_sign_in_link(token=token)
    assert used.user == world.users[Role.OWNER]
    assert used.used_at == timezone.now()
    with pytest.raises(SignInLinkError) as refused:
        redeem_sign_in_link(token=token)
    assert refused.value.reason == "used"
    assert str(refused.value) == "used"


def test_redeeming_an_expired_link_is_refused_as_expired(world: World) -> None:
    with time_machine.travel(NOW, tick=False):
        link, token = new_link(world)
    with (
        time_machine.travel(link.expires_at, tick=False),
        pytest.raises(SignInLinkError) as refused,
    ):
        redeem_sign_in_link(token=token)
    assert refused.value.reason == "expired"
    link.refresh_from_db()
    assert link.used_at is None


@time_machine.travel(NOW, tick=False)
def test_redeeming_an_unknown_token_is_refused(world: World) -> None:
    new_link(world)
    with pytest.raises(SignInLinkError) as refused:
        redeem_sign_in_link(token="not-a-real-token")
    assert refused.value.reason == "unknown"
