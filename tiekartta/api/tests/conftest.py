"""A data warehouse of the test organisation: its token, a metric, and a client that sends
the token with every request. The clock stands in late 2026, inside the roadmap 2026–2028."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, cast

import pytest
import time_machine
from django.test import Client

from conftest import World
from tests.factories import MetricFactory
from tiekartta.accounts.models import ApiToken
from tiekartta.accounts.services import create_api_token
from tiekartta.metrics.models import Metric

NOW = "2026-11-27 12:00 +0200"


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def token_pair(world: World) -> tuple[ApiToken, str]:
    return create_api_token(actor=None, organisation=world.organisation, name="Tietovarasto")


@pytest.fixture
def secret(token_pair: tuple[ApiToken, str]) -> str:
    return token_pair[1]


@pytest.fixture
def metric(world: World) -> Metric:
    created = MetricFactory(
        roadmap=world.roadmap,
        theme=world.theme,
        owner=world.owner_person,
        name="Sähköisten asiointien osuus",
    )
    return cast(Metric, created)


class ApiClient(Client):
    """Sends JSON and the token; `raw` sends a body as it is."""

    def __init__(self, secret: str | None = None, **kwargs: Any) -> None:
        # English messages for the assertions, unless a test asks for another language.
        headers = {"Accept-Language": "en"}
        if secret:
            headers["Authorization"] = f"Bearer {secret}"
        super().__init__(headers=headers, **kwargs)

    def post_json(self, path: str, data: Any, **kwargs: Any) -> Any:
        return self.post(path, json.dumps(data), content_type="application/json", **kwargs)

    def raw(self, path: str, body: bytes | str, **kwargs: Any) -> Any:
        return self.post(path, body, content_type="application/json", **kwargs)


@pytest.fixture
def api_client(secret: str) -> ApiClient:
    return ApiClient(secret)


def values_url(metric_id: int | str) -> str:
    return f"/api/v1/metrics/{metric_id}/values"


def assert_error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    """A 4xx in the documented shape; returns the error for further checks."""
    assert response.status_code == status, (response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert set(error) == {"code", "message", "fields"}, error
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["fields"], dict)
    for messages in error["fields"].values():
        assert isinstance(messages, list) and all(isinstance(m, str) and m for m in messages)
    if code is not None:
        assert error["code"] == code, error
    return error
