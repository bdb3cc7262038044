"""The rate limit per token: over it, 429 in the documented shape with Retry-After; another
token keeps its own count; the count starts again when the period has passed."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
import time_machine
from django.core.cache import cache
from django.test import override_settings

from conftest import World
from tests.test_configuration import load_settings
from tiekartta.accounts.services import create_api_token
from tiekartta.api.tests.conftest import NOW, ApiClient, assert_error

URL = "/api/v1/roadmaps"


@pytest.fixture(autouse=True)
def three_a_minute() -> Iterator[None]:
    cache.clear()
    with override_settings(TIEKARTTA_API_RATE="3/m"):
        yield
    cache.clear()


def test_the_fourth_request_in_a_minute_is_refused(api_client: ApiClient) -> None:
    for _ in range(3):
        assert api_client.get(URL).status_code == 200
    response = api_client.get(URL)
    error = assert_error(response, 429, "rate_limited")
    assert "Retry-After" in error["message"]
    # The oldest of the three requests leaves the window a minute after it was made.
    assert response["Retry-After"] == "60"


def test_writes_count_too(api_client: ApiClient, world: World) -> None:
    for _ in range(3):
        api_client.get(URL)
    path = f"/api/v1/roadmaps/{world.roadmap.pk}/tasks/{world.own_task.pk}/progress"
    assert_error(api_client.post_json(path, {}), 429, "rate_limited")


def test_another_token_is_not_affected(api_client: ApiClient, world: World) -> None:
    for _ in range(4):
        api_client.get(URL)
    assert api_client.get(URL).status_code == 429
    _other, secret = create_api_token(actor=None, organisation=world.organisation, name="Toinen")
    assert ApiClient(secret).get(URL).status_code == 200


def test_the_limit_resets_after_the_period(api_client: ApiClient) -> None:
    for _ in range(3):
        api_client.get(URL)
    assert api_client.get(URL).status_code == 429
    later = datetime.datetime.fromisoformat("2026-11-27T12:01:01+02:00")
    assert later - datetime.datetime.fromisoformat(NOW.replace(" +", "+")) > datetime.timedelta(
        minutes=1
    )
    with time_machine.travel(later, tick=False):
        assert api_client.get(URL).status_code == 200


def test_a_missing_token_is_refused_before_it_is_counted() -> None:
    client = ApiClient()
    for _ in range(5):
        assert_error(client.get(URL), 401)


@pytest.mark.parametrize("value", ["lots", "0/m", "120/week", "120"])
def test_a_wrong_rate_stops_the_start_up(value: str) -> None:
    result = load_settings("s.TIEKARTTA_API_RATE", DJANGO_DEBUG="1", TIEKARTTA_API_RATE=value)
    assert result.returncode != 0
    assert "TIEKARTTA_API_RATE" in result.stderr


def test_the_rate_and_the_shared_cache_come_from_the_environment() -> None:
    result = load_settings(
        "s.TIEKARTTA_API_RATE, s.CACHES['default']['BACKEND']",
        DJANGO_DEBUG="1",
        TIEKARTTA_API_RATE="5000/d",
        TIEKARTTA_CACHE="database",
    )
    assert result.stdout.split() == [
        "5000/d",
        "django.core.cache.backends.db.DatabaseCache",
    ], result.stderr
    default = load_settings(
        "s.TIEKARTTA_API_RATE, s.CACHES['default']['BACKEND']", DJANGO_DEBUG="1"
    )
    assert default.stdout.split() == ["120/m", "django.core.cache.backends.locmem.LocMemCache"]


def test_the_openapi_document_names_the_429(db: object) -> None:
    document = ApiClient().get("/api/v1/openapi.json").json()
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            assert "429" in operation["responses"], (path, method)
