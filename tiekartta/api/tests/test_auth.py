"""Who the interface lets in: a valid token of the organisation, and only to its own metrics."""

from __future__ import annotations

from typing import cast

import pytest
from django.utils import timezone

from conftest import World
from tests.factories import MetricFactory, MetricValueFactory
from tiekartta.accounts.models import ApiToken
from tiekartta.accounts.services import create_api_token, revoke_api_token
from tiekartta.api.tests.conftest import ApiClient, assert_error, values_url
from tiekartta.metrics.models import Metric, MetricValue

BODY = {"period": "2026Q3", "value": 41.5}


def every_request(client: ApiClient, metric: Metric) -> list[object]:
    return [
        client.get("/api/v1/metrics"),
        client.get(values_url(metric.pk)),
        client.post_json(values_url(metric.pk), BODY),
    ]


def test_without_a_token_every_endpoint_answers_401_with_a_bearer_challenge(
    metric: Metric,
) -> None:
    for response in every_request(ApiClient(), metric):
        error = assert_error(response, 401, "not_authenticated")
        assert "Authorization: Bearer" in error["message"]
        assert response["WWW-Authenticate"] == 'Bearer realm="tiekartta"'  # type: ignore[index]
    assert not MetricValue.objects.exists()


@pytest.mark.parametrize(
    "header",
    [
        "tk_nothing",  # no scheme
        "Token tk_nothing",
        "Basic dXNlcjpwYXNz",
        "Bearer",
        "Bearer ",
        "Bearer tk_wrong",
        "Bearer not-a-tiekartta-token",
        "Bearer tk_" + "x" * 5000,
        "Bearer tk_\u00e4\u00e4kk\u00f6set",
    ],
)
def test_a_malformed_or_wrong_token_is_refused(metric: Metric, secret: str, header: str) -> None:
    client = ApiClient()
    for response in [
        client.get("/api/v1/metrics", headers={"Authorization": header}),
        client.post_json(values_url(metric.pk), BODY, headers={"Authorization": header}),
    ]:
        error = assert_error(response, 401, "invalid_token")
        assert response["WWW-Authenticate"].startswith("Bearer")  # type: ignore[index]
        assert "invalid_token" in response["WWW-Authenticate"]  # type: ignore[index]
        assert error["message"]
    assert not MetricValue.objects.exists()


def test_the_scheme_is_case_insensitive(metric: Metric, secret: str) -> None:
    response = ApiClient().get("/api/v1/metrics", headers={"Authorization": f"bearer {secret}"})
    assert response.status_code == 200


def test_a_revoked_token_no_longer_works(metric: Metric, token_pair: tuple[ApiToken, str]) -> None:
    token, secret = token_pair
    client = ApiClient(secret)
    assert client.get("/api/v1/metrics").status_code == 200
    revoke_api_token(actor=None, token=token)
    for response in every_request(client, metric):
        assert_error(response, 401, "invalid_token")
    assert not MetricValue.objects.exists()


def test_using_a_token_marks_it_used(
    metric: Metric, token_pair: tuple[ApiToken, str], api_client: ApiClient
) -> None:
    token, _secret = token_pair
    assert token.last_used_at is None
    api_client.get("/api/v1/metrics")
    token.refresh_from_db()
    assert token.last_used_at == timezone.now()


@pytest.fixture
def foreign_metric(world: World) -> Metric:
    return cast(Metric, MetricFactory(roadmap=world.outsider_roadmap, name="Naapurin mittari"))


def test_another_organisations_metric_is_404_exactly_like_an_unknown_one(
    api_client: ApiClient, foreign_metric: Metric
) -> None:
    MetricValueFactory(metric=foreign_metric, period="2026Q2")
    unknown = Metric.objects.order_by("pk").last().pk + 1000  # type: ignore[union-attr]
    foreign_get = api_client.get(values_url(foreign_metric.pk))
    unknown_get = api_client.get(values_url(unknown))
    assert_error(foreign_get, 404, "not_found")
    assert foreign_get.content == unknown_get.content
    foreign_post = api_client.post_json(values_url(foreign_metric.pk), BODY)
    unknown_post = api_client.post_json(values_url(unknown), BODY)
    assert_error(foreign_post, 404, "not_found")
    assert foreign_post.content == unknown_post.content
    assert MetricValue.objects.filter(metric=foreign_metric).count() == 1


def test_the_list_holds_only_the_tokens_organisation(
    api_client: ApiClient, metric: Metric, foreign_metric: Metric, world: World
) -> None:
    names = [m["name"] for m in api_client.get("/api/v1/metrics").json()["metrics"]]
    assert names == [metric.name]
    _token, outsider_secret = create_api_token(
        actor=None, organisation=world.outsider_organisation, name="Naapurin tietovarasto"
    )
    outsider = ApiClient(outsider_secret)
    names = [m["name"] for m in outsider.get("/api/v1/metrics").json()["metrics"]]
    assert names == [foreign_metric.name]
    assert_error(outsider.post_json(values_url(metric.pk), BODY), 404, "not_found")
    assert outsider.post_json(values_url(foreign_metric.pk), BODY).status_code == 201
    assert not MetricValue.objects.filter(metric=metric).exists()


def test_a_signed_in_session_is_not_a_token(world: World, metric: Metric) -> None:
    """The interface ignores the session cookie: an admin's browser cannot be used for it."""
    client = world.client_for("admin")
    assert_error(client.get("/api/v1/metrics"), 401, "not_authenticated")
    assert_error(client.post(values_url(metric.pk), BODY), 401)
