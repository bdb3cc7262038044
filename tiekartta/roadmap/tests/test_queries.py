"""Pages run a fixed number of SQL queries however many tasks the roadmap has."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import World
from tests.factories import PersonFactory, TaskFactory
from tiekartta.accounts.models import Role

PAGES = [
    "/o/testikaupunki/r/2026-2028/",
    "/o/testikaupunki/r/2026-2028/timeline/",
]


def add_tasks(world: World, count: int) -> None:
    people = [PersonFactory(organisation=world.organisation) for _ in range(5)]
    for n in range(count):
        task = TaskFactory(
            theme=world.theme if n % 2 else world.other_theme,
            owner=people[n % 5],
            start=f"202{6 + n % 3}Q{1 + n % 4}",
            due="2028Q4",
            quick_win=bool(n % 3),
        )
        task.collaborators.add(people[(n + 1) % 5])


def count_queries(client: object, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)  # type: ignore[attr-defined]
        assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", PAGES)
def test_query_count_does_not_grow_with_tasks(
    world: World, path: str, django_assert_max_num_queries: object
) -> None:
    client = world.client_for(Role.VIEWER)
    add_tasks(world, 8)
    small = count_queries(client, path)
    add_tasks(world, 290)
    large = count_queries(client, path)
    assert small == large, f"{path}: {small} queries for 10 tasks, {large} for 300"
    # The change log's count is pinned in tiekartta/activity/tests/test_queries.py.
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        client.get(path + "?quick_win=on&quarter=2027Q2")


@pytest.mark.parametrize("path", PAGES)
def test_the_filters_selects_open_no_server_side_cursor(world: World, path: str) -> None:
    """A form's select reads its queryset with .iterator(), which on PostgreSQL would open a
    server-side cursor: three round trips (DECLARE, FETCH, CLOSE) for a few rows. The settings
    turn them off (config/settings.py); on SQLite there are none to begin with."""
    add_tasks(world, 8)
    with CaptureQueriesContext(connection) as queries:
        response = world.client_for(Role.EDITOR).get(path + "?theme=&owner=")
        assert response.status_code == 200
    assert b'name="owner"' in response.content
    cursors = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("DECLARE")]
    assert not cursors, cursors
