"""Log-in throttling: per user name and per address, locks that end, the client's real address
behind a proxy, and a log of failures without passwords."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.urls import reverse

from conftest import PASSWORD, BrowserLikeClient, World
from tiekartta.accounts.throttling import client_address

LOGIN = "accounts:login"
WRONG = "Wr0ng-Guess-7731"


@pytest.fixture(autouse=True)
def quick_hashing(settings: Any) -> None:
    """Made-up user names still cost a password hash (against timing attacks): a fast one here,
    so that the many attempts below take no minutes. The personas' Argon2 hashes still verify."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        *settings.PASSWORD_HASHERS,
    ]


def sign_in(client: BrowserLikeClient, username: str, password: str, **meta: str) -> Any:
    return client.post(reverse(LOGIN), {"username": username, "password": password}, **meta)


def test_one_address_trying_many_user_names_is_locked_out(world: World, settings: Any) -> None:
    limit = settings.TIEKARTTA_LOGIN_ADDRESS_FAILURE_LIMIT
    assert limit > settings.AXES_FAILURE_LIMIT  # an office behind one NAT shares an address
    sprayer = BrowserLikeClient(REMOTE_ADDR="203.0.113.5")
    for number in range(limit - 1):
        assert sign_in(sprayer, f"guess-{number}", WRONG).status_code == 200
    # The limit-th failure locks the address, whatever user name it tries next.
    assert sign_in(sprayer, "guess-last", WRONG).status_code == 429
    locked = sign_in(sprayer, "editor-user", PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in sprayer.session
    # The user names themselves are not locked: their owners sign in from elsewhere.
    elsewhere = BrowserLikeClient(REMOTE_ADDR="198.51.100.20")
    assert sign_in(elsewhere, "editor-user", PASSWORD).status_code == 302


def test_signing_in_to_ones_own_account_does_not_reset_the_address(
    world: World, settings: Any
) -> None:
    limit = settings.TIEKARTTA_LOGIN_ADDRESS_FAILURE_LIMIT
    client = BrowserLikeClient(REMOTE_ADDR="203.0.113.6")
    for number in range(limit - 1):
        sign_in(client, f"guess-{number}", WRONG)
    assert sign_in(client, "editor-user", PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    assert sign_in(client, "guess-again", WRONG).status_code == 429


def test_a_successful_sign_in_clears_the_user_names_failures(world: World, settings: Any) -> None:
    client = BrowserLikeClient(REMOTE_ADDR="203.0.113.7")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "viewer-user", WRONG)
    assert sign_in(client, "viewer-user", PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    assert sign_in(client, "viewer-user", WRONG).status_code == 200
    assert sign_in(client, "viewer-user", PASSWORD).status_code == 302


def test_one_user_name_from_many_addresses_is_locked_out(world: World, settings: Any) -> None:
    for number in range(settings.AXES_FAILURE_LIMIT):
        attacker = BrowserLikeClient(REMOTE_ADDR=f"203.0.113.{10 + number}")
        sign_in(attacker, "viewer-user", WRONG)
    owner = BrowserLikeClient(REMOTE_ADDR="198.51.100.20")
    assert sign_in(owner, "viewer-user", PASSWORD).status_code == 429
    assert sign_in(owner, "editor-user", PASSWORD).status_code == 302


def test_attempts_during_a_lock_do_not_extend_it(world: World, settings: Any) -> None:
    cool_off = timedelta(hours=settings.AXES_COOLOFF_TIME)
    start = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    client = BrowserLikeClient(REMOTE_ADDR="192.0.2.44")
    with time_machine.travel(start, tick=False) as traveller:
        for _ in range(settings.AXES_FAILURE_LIMIT):
            sign_in(client, "viewer-user", WRONG)
        # Someone keeps trying all through the lock, to keep the user out.
        for minutes in range(1, int(cool_off.total_seconds() // 60)):
            traveller.move_to(start + timedelta(minutes=minutes))
            assert sign_in(client, "viewer-user", WRONG).status_code == 429
        traveller.move_to(start + cool_off - timedelta(seconds=5))
        assert sign_in(client, "viewer-user", PASSWORD).status_code == 429
        # The lock ends when the cool-off after the failure that set it is over.
        traveller.move_to(start + cool_off + timedelta(seconds=1))
        assert sign_in(client, "viewer-user", PASSWORD).status_code == 302


def test_the_lockout_page_says_how_long(world: World, settings: Any) -> None:
    client = BrowserLikeClient(REMOTE_ADDR="192.0.2.45")
    client.cookies["django_language"] = "en"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(client, "viewer-user", WRONG)
    assert response.status_code == 429
    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    assert f"Try again in {minutes} minutes" in " ".join(response.content.decode().split())


def test_a_spoofed_forwarded_for_is_ignored_without_a_trusted_proxy(
    world: World, settings: Any
) -> None:
    assert settings.TIEKARTTA_TRUSTED_PROXY_COUNT == 0
    client = BrowserLikeClient(REMOTE_ADDR="203.0.113.9")
    limit = settings.TIEKARTTA_LOGIN_ADDRESS_FAILURE_LIMIT
    for number in range(limit):
        response = sign_in(
            client, f"guess-{number}", WRONG, HTTP_X_FORWARDED_FOR=f"198.51.100.{number + 1}"
        )
    # A new made-up address on every try does not help: the connection's address counts.
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}


def test_the_forwarded_for_of_a_trusted_proxy_is_honoured(world: World, settings: Any) -> None:
    settings.TIEKARTTA_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    sprayer = BrowserLikeClient(**proxy)
    limit = settings.TIEKARTTA_LOGIN_ADDRESS_FAILURE_LIMIT
    for number in range(limit):
        # What the client put in the header itself stays on the left and is not believed.
        sign_in(
            sprayer,
            f"guess-{number}",
            WRONG,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number + 1}, 198.51.100.7",
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.7"}
    assert (
        sign_in(sprayer, "editor-user", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code
        == 429
    )
    # Everyone else behind the same proxy still signs in.
    colleague = BrowserLikeClient(**proxy)
    response = sign_in(colleague, "editor-user", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.8")
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "198.51.100.7", "10.0.0.2"),
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "1.2.3.4, 198.51.100.7", "198.51.100.7"),
        (2, "1.2.3.4, 198.51.100.7, 10.0.0.1", "198.51.100.7"),
        (2, "198.51.100.7", "10.0.0.2"),  # fewer entries than proxies: not from the proxies
        (1, "", "10.0.0.2"),
        (1, "not-an-address", "10.0.0.2"),
        (1, " 2001:db8::1 ", "2001:db8::1"),
    ],
)
def test_client_address(settings: Any, proxies: int, forwarded: str, expected: str) -> None:
    settings.TIEKARTTA_TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().post(
        "/login/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded
    )
    assert client_address(request) == expected


def test_failures_and_lockouts_are_logged_without_the_password(
    world: World, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="axes")
    caplog.set_level(logging.DEBUG, logger="tiekartta.security")
    client = BrowserLikeClient(REMOTE_ADDR="192.0.2.77")
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        sign_in(client, "viewer-user", WRONG)

    security = [r for r in caplog.records if r.name == "tiekartta.security"]
    messages = [r.getMessage() for r in security]
    assert len(messages) == settings.AXES_FAILURE_LIMIT + 1
    assert all("viewer-user" in m and "192.0.2.77" in m for m in messages)
    assert [r.levelno for r in security] == [logging.INFO] * (settings.AXES_FAILURE_LIMIT - 1) + [
        logging.WARNING
    ] * 2
    assert "locked" in messages[-2] and "during a lockout" in messages[-1]

    everything = "\n".join(f"{r.getMessage()} {r.args!r} {r.__dict__!r}" for r in caplog.records)
    assert WRONG not in everything
    assert not AccessAttempt.objects.filter(post_data__contains=WRONG).exists()
