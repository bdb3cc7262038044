"""Open data is cacheable and anonymous: public Cache-Control, an ETag and a Last-Modified time
on every answer, a 304 for a repeat request (If-None-Match or If-Modified-Since) that costs
only the validators' queries, a new ETag after a change, no cookie, and CORS for any site."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date

from tiekartta.opendata.tests.conftest import BASE, ROADMAP, OpenClient, Published

ADDRESSES = [
    f"{BASE}/",
    f"{BASE}/organisations/testikaupunki/roadmaps",
    f"{ROADMAP}/themes",
    f"{ROADMAP}/tasks",
    f"{ROADMAP}/tasks.csv",
    f"{ROADMAP}/metrics",
    f"{ROADMAP}/metrics.csv",
]


@pytest.mark.parametrize("address", ADDRESSES)
def test_every_answer_is_public_cacheable_cookieless_and_open_to_any_site(
    published: Published, client_open: OpenClient, address: str
) -> None:
    response = client_open.get(address)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"]
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Set-Cookie" not in response and not response.cookies
    assert "sessionid" not in client_open.cookies and "csrftoken" not in client_open.cookies


@pytest.mark.parametrize("address", ADDRESSES)
def test_a_repeat_request_with_the_etag_is_304_without_the_body(
    published: Published, client_open: OpenClient, address: str
) -> None:
    first = client_open.get(address)
    with CaptureQueriesContext(connection) as captured:
        repeat = client_open.get(address, headers={"If-None-Match": first["ETag"]})
    assert repeat.status_code == 304
    assert repeat.content == b""
    assert repeat["ETag"] == first["ETag"]
    assert repeat["Access-Control-Allow-Origin"] == "*"
    # The validators' aggregates over the history, never the rows themselves.
    read = " ".join(q["sql"] for q in captured.captured_queries)
    for table in ('"roadmap_task"', '"metrics_metricvalue"', '"roadmap_theme"'):
        assert f"FROM {table}" not in read, table
    assert len(captured) <= 10


def test_if_modified_since(published: Published, client_open: OpenClient) -> None:
    first = client_open.get(f"{ROADMAP}/tasks")
    repeat = client_open.get(
        f"{ROADMAP}/tasks", headers={"If-Modified-Since": first["Last-Modified"]}
    )
    assert repeat.status_code == 304
    older = http_date(0)
    assert (
        client_open.get(f"{ROADMAP}/tasks", headers={"If-Modified-Since": older}).status_code == 200
    )


def test_a_change_gives_a_new_etag(published: Published, client_open: OpenClient) -> None:
    first = client_open.get(f"{ROADMAP}/tasks")
    task = published.public_task
    task.title = "Uusi nimi"
    task.save()
    again = client_open.get(f"{ROADMAP}/tasks", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200
    assert again.json()["results"][0]["title"] == "Uusi nimi"


def test_a_task_made_non_public_changes_the_answer(
    published: Published, client_open: OpenClient
) -> None:
    first = client_open.get(f"{ROADMAP}/tasks")
    task = published.public_task
    task.is_public = False
    task.save()
    again = client_open.get(f"{ROADMAP}/tasks", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200 and again.json()["count"] == 0


def test_a_new_metric_value_changes_the_metrics(
    published: Published, client_open: OpenClient
) -> None:
    from decimal import Decimal

    from tests.factories import MetricValueFactory

    first = client_open.get(f"{ROADMAP}/metrics.csv")
    MetricValueFactory(metric=published.public_metric, period="2026Q3", value=Decimal("35"))
    again = client_open.get(f"{ROADMAP}/metrics.csv", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200 and "2026Q3" in again.content.decode()


def test_another_page_or_filter_has_another_etag(
    published: Published, client_open: OpenClient
) -> None:
    plain = client_open.get(f"{ROADMAP}/tasks")["ETag"]
    paged = client_open.get(f"{ROADMAP}/tasks?limit=5")["ETag"]
    assert plain != paged
