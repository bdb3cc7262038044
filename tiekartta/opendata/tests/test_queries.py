"""Each open-data answer costs the same number of queries for 10 tasks and metrics as for 200."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import World
from tests.factories import MetricFactory, MetricValueFactory, TaskFactory
from tiekartta.opendata.tests.conftest import BASE, ROADMAP, OpenClient
from tiekartta.roadmap.models import Task

ADDRESSES = [
    f"{BASE}/",
    f"{BASE}/organisations/testikaupunki/roadmaps",
    f"{ROADMAP}/themes",
    f"{ROADMAP}/tasks?limit=500",
    f"{ROADMAP}/tasks.csv",
    f"{ROADMAP}/metrics",
    f"{ROADMAP}/metrics.csv",
]


def _grow(world: World, count: int) -> None:
    existing = Task.objects.filter(roadmap=world.roadmap).count()
    for n in range(existing, count):
        TaskFactory(theme=world.theme if n % 2 else world.other_theme, is_public=True)
    Task.objects.filter(roadmap=world.roadmap).update(is_public=True)
    metrics = world.roadmap.metrics.count()
    for n in range(metrics, count // 10):
        metric = MetricFactory(roadmap=world.roadmap, owner=world.owner_person, is_public=True)
        MetricValueFactory(metric=metric, period="2026Q1", value=Decimal(n))
        MetricValueFactory(metric=metric, period="2026Q2", value=Decimal(n + 1))


def _counts(client: OpenClient) -> dict[str, int]:
    counts = {}
    for address in ADDRESSES:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(address).status_code == 200
        counts[address] = len(captured)
    return counts


@pytest.mark.parametrize("small, large", [(10, 200)])
def test_queries_do_not_grow_with_the_rows(
    world: World, client_open: OpenClient, small: int, large: int
) -> None:
    world.roadmap.is_public = True
    world.roadmap.save()
    _grow(world, small)
    few = _counts(client_open)
    _grow(world, large)
    many = _counts(client_open)
    assert few == many
    assert max(many.values()) <= 14
