"""Headers that protect what a signed-in user sees: HTTPS (redirect, HSTS) when the settings
say so, and `Cache-Control: private, no-store` on signed-in pages and downloads, while the
public site and open data keep their own caching and static files WhiteNoise's."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World
from tiekartta.roadmap.models import Roadmap

pytestmark = pytest.mark.django_db


def _directives(response: object) -> set[str]:
    header = response["Cache-Control"]  # type: ignore[index]
    return {part.strip() for part in header.split(",")}


def test_plain_http_is_redirected_to_https_when_the_settings_say_so(
    world: World, settings: pytest.FixtureRequest
) -> None:
    settings.SECURE_SSL_REDIRECT = True  # type: ignore[attr-defined]
    response = Client().get(reverse("accounts:login") + "?next=/o/x/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver" + reverse("accounts:login") + "?next=/o/x/"


def test_the_health_check_answers_over_plain_http_all_the_same(
    db: None, settings: pytest.FixtureRequest
) -> None:
    settings.SECURE_SSL_REDIRECT = True  # type: ignore[attr-defined]
    assert Client().get(reverse("core:healthz")).status_code == 200


def test_https_answers_carry_hsts(world: World, settings: pytest.FixtureRequest) -> None:
    settings.SECURE_HSTS_SECONDS = 31536000  # type: ignore[attr-defined]
    response = Client().get(reverse("accounts:login"), secure=True)
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")


def test_the_proxy_header_makes_a_request_secure(settings: pytest.FixtureRequest, db: None) -> None:
    settings.SECURE_SSL_REDIRECT = True  # type: ignore[attr-defined]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # type: ignore[attr-defined]
    behind_proxy = Client(headers={"X-Forwarded-Proto": "https"})
    assert behind_proxy.get(reverse("accounts:login")).status_code == 200
    assert Client().get(reverse("accounts:login")).status_code == 301


def test_a_signed_in_page_is_private_and_not_stored(world: World) -> None:
    response = world.client_for("editor").get(
        reverse("roadmap:overview", kwargs={"org": world.organisation.slug, "roadmap": "2026-2028"})
    )
    assert response.status_code == 200
    assert _directives(response) == {"private", "no-store"}


@pytest.mark.parametrize(
    ("name", "kind"),
    [("reports:export_csv", "text/csv"), ("reports:export_xlsx", "spreadsheetml")],
)
def test_a_download_is_private_and_not_stored(world: World, name: str, kind: str) -> None:
    url = reverse(name, kwargs={"org": world.organisation.slug, "roadmap": world.roadmap.slug})
    response = world.client_for("admin").get(url)
    assert response.status_code == 200
    assert kind in response["Content-Type"]
    assert "attachment" in response["Content-Disposition"]
    assert _directives(response) == {"private", "no-store"}


def test_the_change_log_csv_is_private_and_not_stored(world: World) -> None:
    url = reverse("activity:change_log_csv", kwargs={"org": world.organisation.slug})
    response = world.client_for("viewer").get(url)
    assert response.status_code == 200
    assert _directives(response) == {"private", "no-store"}


def test_an_answer_to_a_visitor_gets_no_private_header(world: World) -> None:
    response = Client().get(
        reverse("roadmap:overview", kwargs={"org": world.organisation.slug, "roadmap": "2026-2028"})
    )
    assert response.status_code == 302  # to the log-in page
    assert not response.has_header("Cache-Control")


@pytest.fixture
def published(world: World) -> World:
    Roadmap.objects.filter(pk=world.roadmap.pk).update(is_public=True)
    return world


@pytest.mark.parametrize("persona", [None, "editor"])
def test_the_public_site_keeps_its_shared_caching(published: World, persona: str | None) -> None:
    client = published.client_for(persona) if persona else Client()
    url = reverse(
        "public:roadmap",
        kwargs={"org": published.organisation.slug, "roadmap": published.roadmap.slug},
    )
    response = client.get(url + "?lang=fi")
    assert response.status_code == 200
    directives = _directives(response)
    assert "public" in directives
    assert "private" not in directives
    assert "no-store" not in directives


@pytest.mark.parametrize("persona", [None, "editor"])
def test_open_data_keeps_its_shared_caching(published: World, persona: str | None) -> None:
    client = published.client_for(persona) if persona else Client()
    response = client.get(f"/avoin-data/v1/organisations/{published.organisation.slug}/roadmaps")
    assert response.status_code == 200
    directives = _directives(response)
    assert "public" in directives
    assert "no-store" not in directives


def test_static_files_keep_whitenoise_s_caching(
    world: World, settings: pytest.FixtureRequest
) -> None:
    settings.WHITENOISE_USE_FINDERS = True  # type: ignore[attr-defined]
    response = world.client_for("editor").get("/static/css/tiekartta.css")
    assert response.status_code == 200
    assert "no-store" not in _directives(response)
    assert "public" in _directives(response)
