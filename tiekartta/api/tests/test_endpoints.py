"""Listing metrics and values, recording and correcting values, in the documented shapes."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, cast

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import World
from tests.factories import MetricFactory, MetricValueFactory, PersonFactory, RoadmapFactory
from tiekartta.accounts.models import ApiToken
from tiekartta.api.tests.conftest import ApiClient, assert_error, values_url
from tiekartta.metrics.models import Channel, Metric, MetricValue


def test_metrics_list_describes_each_metric_and_where_it_stands(
    api_client: ApiClient, metric: Metric, world: World
) -> None:
    MetricValueFactory(metric=metric, period="2026Q2", value=Decimal("31.5"))
    MetricValueFactory(metric=metric, period="2026Q3", value=Decimal("33"))
    plain = MetricFactory(
        roadmap=world.roadmap,
        owner=world.other_person,
        name="Kertyneet säästöt",
        unit="euro",
        direction="lower",
        frequency="yearly",
        baseline_value=None,
        baseline_date=None,
        target_value=Decimal("1000"),
    )
    response = api_client.get("/api/v1/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    listed = {item["name"]: item for item in response.json()["metrics"]}
    assert listed[metric.name] == {
        "id": metric.pk,
        "name": metric.name,
        "language": "fi",
        "translations": {},
        "roadmap": "2026-2028",
        "roadmap_archived": False,
        "theme": "Tiedolla johtaminen",
        "unit": "percent",
        "unit_text": "%",
        "direction": "higher",
        "frequency": "quarterly",
        "target": {"value": 60, "date": "2028-12-31"},
        "baseline": {"value": 20, "date": "2025-12-31"},
        "latest": {"period": "2026Q3", "value": 33},
        "status": "on_track",
        "freshness": "current",
        "awaited_period": "2026Q4",
    }
    assert listed[plain.name]["baseline"] is None
    assert listed[plain.name]["latest"] is None
    assert listed[plain.name]["theme"] is None
    assert listed[plain.name]["status"] == "no_data"
    assert listed[plain.name]["unit_text"] == "€"


def test_values_come_in_period_order_as_json_numbers(api_client: ApiClient, metric: Metric) -> None:
    MetricValueFactory(metric=metric, period="2026Q3", value=Decimal("33.2500"), note="Q3")
    MetricValueFactory(metric=metric, period="2026Q1", value=Decimal("100.0000"), source="Excel")
    response = api_client.get(values_url(metric.pk))
    assert response.status_code == 200
    body = response.json()
    assert body["metric"] == metric.pk
    assert [(v["period"], v["value"]) for v in body["values"]] == [
        ("2026Q1", 100),
        ("2026Q3", 33.25),
    ]
    first = body["values"][0]
    assert isinstance(first["value"], int)
    assert first["source"] == "Excel"
    assert first["channel"] == "form"
    assert first["token"] is None
    assert datetime.datetime.fromisoformat(first["recorded_at"].replace("Z", "+00:00"))


def test_posting_records_a_new_value_with_the_token(
    api_client: ApiClient, metric: Metric, token_pair: tuple[ApiToken, str]
) -> None:
    response = api_client.post_json(
        values_url(metric.pk),
        {"period": "2026q3", "value": 41.5, "note": " Tietovarastosta ", "source": "DW"},
    )
    assert response.status_code == 201, response.content
    assert response.json() == {
        "period": "2026Q3",
        "value": 41.5,
        "note": "Tietovarastosta",
        "source": "DW",
        "channel": "api",
        "recorded_at": response.json()["recorded_at"],
        "token": "Tietovarasto",
    }
    saved = MetricValue.objects.get(metric=metric)
    assert saved.value == Decimal("41.5")
    assert saved.channel == Channel.API
    assert saved.api_token == token_pair[0]
    assert saved.recorded_by is None
    history = saved.history.get()  # type: ignore[attr-defined]
    assert history.api_token_id == token_pair[0].pk
    assert history.history_user is None


def test_posting_the_same_period_again_corrects_it_and_keeps_the_old_value(
    api_client: ApiClient, metric: Metric, token_pair: tuple[ApiToken, str]
) -> None:
    MetricValueFactory(metric=metric, period="2026Q3", value=Decimal("30"))
    response = api_client.post_json(values_url(metric.pk), {"period": "2026Q3", "value": 42})
    assert response.status_code == 200, response.content
    assert response.json()["value"] == 42
    saved = MetricValue.objects.get(metric=metric)
    assert saved.value == Decimal("42")
    assert saved.api_token == token_pair[0]
    assert saved.version == 2
    response = api_client.post_json(values_url(metric.pk), {"period": "2026Q3", "value": 43})
    assert response.status_code == 200
    rows = list(saved.history.order_by("history_date", "history_id"))  # type: ignore[attr-defined]
    assert [row.value for row in rows] == [Decimal("30"), Decimal("42"), Decimal("43")]
    assert [row.channel for row in rows] == [Channel.FORM, Channel.API, Channel.API]
    assert [row.api_token_id for row in rows] == [None, token_pair[0].pk, token_pair[0].pk]


def test_an_integer_and_four_decimals_are_kept_exactly(
    api_client: ApiClient, metric: Metric
) -> None:
    for period, raw, stored in [
        ("2026Q1", "999999999999", Decimal("999999999999")),
        ("2026Q2", "-0.0001", Decimal("-0.0001")),
        ("2026Q3", "12.50000000", Decimal("12.5")),
        ("2026Q4", "1e2", Decimal("100")),
    ]:
        body = f'{{"period": "{period}", "value": {raw}}}'
        response = api_client.raw(values_url(metric.pk), body)
        assert response.status_code == 201, (raw, response.content)
        assert MetricValue.objects.get(metric=metric, period=period).value == stored


def test_messages_follow_accept_language(api_client: ApiClient, metric: Metric) -> None:
    english = api_client.post_json(
        values_url(metric.pk), {"period": "2031Q1", "value": 1}, HTTP_ACCEPT_LANGUAGE="en"
    )
    swedish = api_client.post_json(
        values_url(metric.pk), {"period": "2031Q1", "value": 1}, HTTP_ACCEPT_LANGUAGE="sv"
    )
    in_english = assert_error(english, 400, "invalid")["fields"]["period"][0]
    in_swedish = assert_error(swedish, 400, "invalid")["fields"]["period"][0]
    assert "2026–2028" in in_english
    assert "2026–2028" in in_swedish
    assert english.headers["Content-Language"] == "en"
    assert swedish.headers["Content-Language"] == "sv"


def test_the_openapi_description_is_served_but_no_docs_page(api_client: ApiClient) -> None:
    schema = ApiClient().get("/api/v1/openapi.json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert {"/api/v1/metrics", "/api/v1/metrics/{metric_id}/values"} <= set(paths)
    assert set(paths["/api/v1/metrics/{metric_id}/values"]) == {"get", "post"}
    assert_error(ApiClient().get("/api/v1/docs"), 404, "not_found")
    assert_error(ApiClient().get("/api/v1/"), 404, "not_found")
    assert_error(ApiClient().post("/api/v1/openapi.json"), 405, "method_not_allowed")


# Query counts ---------------------------------------------------------------------------------


def add_metrics(world: World, count: int, values_each: int) -> list[Metric]:
    people = [PersonFactory(organisation=world.organisation) for _ in range(3)]
    older = RoadmapFactory(organisation=world.organisation, start_year=2023, end_year=2025)
    metrics = []
    for n in range(count):
        metric = cast(
            Metric,
            MetricFactory(
                roadmap=world.roadmap if n % 3 else older,
                theme=world.theme if n % 2 else None,
                owner=people[n % 3],
            ),
        )
        year = 2026 if n % 3 else 2024
        for quarter in range(1, values_each + 1):
            MetricValueFactory(
                metric=metric, period=f"{year + (quarter - 1) // 4}Q{1 + (quarter - 1) % 4}"
            )
        metrics.append(metric)
    return metrics


def count_queries(client: ApiClient, path: str) -> int:
    client.get(path)  # The first use of a token records it; later ones within a minute do not.
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
        assert response.status_code == 200, response.content
    return len(queries)


@pytest.mark.parametrize("endpoint", ["metrics", "values"])
def test_query_count_does_not_grow_with_metrics_and_values(
    api_client: ApiClient, world: World, endpoint: str, django_assert_max_num_queries: Any
) -> None:
    first = add_metrics(world, 2, 2)[0]
    path = "/api/v1/metrics" if endpoint == "metrics" else values_url(first.pk)
    small = count_queries(api_client, path)
    add_metrics(world, 40, 3)
    for quarter in (3, 4):
        MetricValueFactory(
            metric=first, period=f"{2026 if first.roadmap == world.roadmap else 2024}Q{quarter}"
        )
    large = count_queries(api_client, path)
    assert small == large, f"{path}: {small} queries for 2 metrics, {large} for 42"
    with django_assert_max_num_queries(5):
        api_client.get(path)


def test_a_value_for_an_archived_roadmap_is_refused_and_nothing_saved(
    api_client: ApiClient, metric: Metric
) -> None:
    metric.roadmap.is_archived = True
    metric.roadmap.save()
    response = api_client.post_json(values_url(metric.pk), {"period": "2026q3", "value": 41.5})
    assert 400 <= response.status_code < 500, response.content
    assert "This roadmap is archived and read-only." in response.content.decode()
    assert not MetricValue.objects.filter(metric=metric).exists()
