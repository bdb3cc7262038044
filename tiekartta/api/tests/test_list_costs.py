"""What the interface's lists cost, pinned: the exact number of queries of the metric list,
a metric's values, a page of tasks and a 304 repeat (bench/api_server.py times them through
the production server), and the metric list's plain rows agree with its schema."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from conftest import World
from tiekartta.accounts.models import ApiToken
from tiekartta.api.access import metrics_of_token
from tiekartta.api.api import metric_row
from tiekartta.api.schemas import MetricList, MetricOut
from tiekartta.api.tests.conftest import ApiClient, values_url
from tiekartta.api.tests.test_endpoints import add_metrics
from tiekartta.api.tests.test_roadmap_reads import _tasks_with_everything, tasks_url
from tiekartta.metrics.selectors import build_rows, grace_days_of, metric_states, with_values

# The token (1), the organisation's follow-up settings for the grace days (1), the metrics
# with their roadmaps and themes (1) and all their values as plain rows (1).
METRICS_QUERIES = 4
# The token, the metric, its values with their tokens.
VALUES_QUERIES = 3
# The token, the roadmap, the validators' aggregates (3), the tasks with their owners, their
# collaborators and their predecessors.
TASKS_QUERIES = 8
# The token, the roadmap, the validators' aggregates.
NOT_MODIFIED_QUERIES = 5


@pytest.mark.parametrize("count", [3, 30])
def test_metric_list_queries(
    api_client: ApiClient, world: World, count: int, django_assert_num_queries: Any
) -> None:
    first = add_metrics(world, count, 3)[0]
    api_client.get("/api/v1/metrics")  # the token's first use of the minute records it
    with django_assert_num_queries(METRICS_QUERIES):
        assert len(api_client.get("/api/v1/metrics").json()["metrics"]) == count
    with django_assert_num_queries(VALUES_QUERIES):
        assert len(api_client.get(values_url(first.pk)).json()["values"]) == 3


@pytest.mark.parametrize("count", [5, 60])
def test_task_page_queries(
    api_client: ApiClient, world: World, count: int, django_assert_num_queries: Any
) -> None:
    _tasks_with_everything(world, count)
    url = tasks_url(world)
    etag = api_client.get(url)["ETag"]
    with django_assert_num_queries(TASKS_QUERIES):
        assert len(api_client.get(url).json()["results"]) > count
    with django_assert_num_queries(NOT_MODIFIED_QUERIES):
        assert api_client.get(url, headers={"If-None-Match": etag}).status_code == 304


def test_plain_metric_rows_are_what_the_schema_writes(
    world: World, token_pair: tuple[ApiToken, str]
) -> None:
    add_metrics(world, 12, 5)
    token = token_pair[0]
    today = timezone.localdate()
    grace = grace_days_of(world.organisation)
    languages = world.organisation.content_languages
    metrics = list(metrics_of_token(token))
    plain = [
        metric_row(metric, state, languages)
        for metric, state in zip(metrics, metric_states(metrics, today, grace), strict=True)
    ]
    # As the list was built before: every value as a model, each row through the schema.
    rows, _summary = build_rows(with_values(metrics_of_token(token)), today, grace)
    validated = MetricList(
        metrics=[MetricOut(**metric_row(row.metric, row.state, languages)) for row in rows]
    ).model_dump()
    assert plain == validated["metrics"]
    assert [list(row) for row in plain] == [list(MetricOut.model_fields)] * len(plain)
