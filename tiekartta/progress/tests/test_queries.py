"""The follow-up pages run a fixed number of SQL queries however many tasks and entries."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import World
from tests.factories import (
    MetricFactory,
    MetricValueFactory,
    PersonFactory,
    ProgressEntryFactory,
    TaskFactory,
)
from tiekartta.accounts.models import Role


def add_tasks(world: World, count: int) -> None:
    people = [PersonFactory(organisation=world.organisation) for _ in range(4)] + [
        world.owner_person
    ]
    for n in range(count):
        task = TaskFactory(
            theme=world.theme if n % 2 else world.other_theme,
            owner=people[n % 5],
            start=f"2026Q{1 + n % 4}",
            due=f"202{6 + n % 3}Q4",
            status="in_progress" if n % 3 else "planned",
        )
        for quarter in ("2026Q1", "2026Q2", "2026Q3")[: n % 4]:
            ProgressEntryFactory(task=task, quarter=quarter, completion=10 * (n % 9))
        if n % 5 == 0:
            ProgressEntryFactory(task=task, quarter="2026Q3", review=world.review, completion=50)
        if n % 7 == 0:
            # Metrics too (My tasks lists its owner's stale ones), some with values.
            metric = MetricFactory(roadmap=world.roadmap, owner=people[(n // 7) % 2 * 4])
            for quarter in ("2026Q1", "2026Q2")[: n % 3]:
                MetricValueFactory(metric=metric, period=quarter, value=n)


def count_queries(client: object, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)  # type: ignore[attr-defined]
        assert response.status_code == 200, path
    return len(queries)


# Each page with the most queries it may run (issue 17 lowered them: the review meeting reads
# only its page's rows as models, the dashboard its tasks as values).
PAGES = [
    ("editor", "/o/testikaupunki/r/2026-2028/reviews/{review}/", 13),
    ("viewer", "/o/testikaupunki/r/2026-2028/reviews/{review}/", 11),
    ("editor", "/o/testikaupunki/r/2026-2028/reviews/{review}/?page=2", 13),
    ("editor", "/o/testikaupunki/r/2026-2028/reviews/{review}/?all=1", 13),
    ("viewer", "/o/testikaupunki/r/2026-2028/reviews/{review}/minutes/", 10),
    ("viewer", "/o/testikaupunki/r/2026-2028/dashboard/", 12),
    ("owner", "/o/testikaupunki/my-tasks/", 9),
    ("viewer", "/o/testikaupunki/r/2026-2028/reviews/", 5),
]


@pytest.mark.parametrize(("persona", "template", "most"), PAGES)
def test_query_count_does_not_grow_with_tasks(
    world: World, persona: str, template: str, most: int, django_assert_max_num_queries: object
) -> None:
    path = template.format(review=world.review.pk)
    client = world.client_for(Role(persona))
    with time_machine.travel("2026-11-27 12:00 +0200", tick=False):
        add_tasks(world, 8)
        small = count_queries(client, path)
        add_tasks(world, 290)
        large = count_queries(client, path)
        assert small == large, f"{path}: {small} queries for 10 tasks, {large} for 300"
        with django_assert_max_num_queries(most):  # type: ignore[operator]
            client.get(path)
