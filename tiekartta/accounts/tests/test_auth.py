"""Log-in, log-out, throttling, password hashing and the remembered language."""

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, BrowserLikeClient, World
from tiekartta.accounts.models import Role, User


def test_login_with_password_and_land_on_organisation(world: World) -> None:
    client = BrowserLikeClient()
    response = client.post(
        reverse("accounts:login"), {"username": "editor-user", "password": PASSWORD}
    )
    assert response.status_code == 302
    response = client.get(response.url, follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "roadmap:roadmap_list", kwargs={"org": "testikaupunki"}
    )
    assert b"Tiekartta 2026" in response.content


def test_wrong_password_is_refused_with_a_message(world: World) -> None:
    client = BrowserLikeClient()
    client.cookies["django_language"] = "en"
    response = client.post(reverse("accounts:login"), {"username": "editor-user", "password": "x"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "correct username and password" in response.content.decode()


def test_login_post_without_csrf_token_is_forbidden(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("accounts:login"), {"username": "editor-user", "password": PASSWORD}
    )
    assert response.status_code == 403


def test_passwords_are_hashed_with_argon2(world: World) -> None:
    user = User.objects.get(username="editor-user")
    assert identify_hasher(user.password).algorithm == "argon2"


def test_repeated_failures_lock_the_user_name_out(world: World, settings: object) -> None:
    client = BrowserLikeClient()
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": "viewer-user", "password": "wrong"})
    response = client.post(
        reverse("accounts:login"), {"username": "viewer-user", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another user name from the same address is not punished for someone else's mistakes.
    ok = client.post(reverse("accounts:login"), {"username": "editor-user", "password": PASSWORD})
    assert ok.status_code == 302


def test_logout_needs_post_and_ends_the_session(world: World) -> None:
    client = world.client_for(Role.VIEWER)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert (
        client.get(reverse("roadmap:roadmap_list", kwargs={"org": "testikaupunki"})).status_code
        == 302
    )


def test_pages_require_login(world: World) -> None:
    response = Client().get(
        reverse("roadmap:overview", kwargs={"org": "testikaupunki", "roadmap": "2026-2028"})
    )
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_language_switch_is_remembered_for_the_user(world: World) -> None:
    client = world.client_for(Role.VIEWER)
    overview = reverse("roadmap:overview", kwargs={"org": "testikaupunki", "roadmap": "2026-2028"})
    response = client.post(reverse("accounts:set_language"), {"language": "sv", "next": overview})
    assert response.status_code == 302 and response.url == overview
    assert User.objects.get(username="viewer-user").language == "sv"
    # A new browser (no cookie) gets the saved language after signing in.
    fresh = BrowserLikeClient()
    fresh.force_login(User.objects.get(username="viewer-user"))
    page = fresh.get(overview)
    assert page.headers["Content-Language"] == "sv"
    assert '<html lang="sv">' in page.content.decode()


def test_language_switch_refuses_foreign_redirects(world: World) -> None:
    client = world.client_for(Role.VIEWER)
    response = client.post(
        reverse("accounts:set_language"), {"language": "fi", "next": "https://evil.example/"}
    )
    assert response.url == "/"


def test_anonymous_language_choice_uses_cookie() -> None:
    client = BrowserLikeClient()
    response = client.post(reverse("accounts:set_language"), {"language": "en", "next": "/login/"})
    assert response.cookies["django_language"].value == "en"
    assert '<html lang="en">' in client.get("/login/").content.decode()


@pytest.mark.django_db
def test_unknown_language_is_ignored() -> None:
    client = BrowserLikeClient()
    response = client.post(reverse("accounts:set_language"), {"language": "xx", "next": "/login/"})
    assert "django_language" not in response.cookies
