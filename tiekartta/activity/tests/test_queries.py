"""The change log runs a fixed number of SQL queries however many tasks and events there are."""

from typing import Any

from conftest import World
from tiekartta.accounts.events import record_event
from tiekartta.accounts.models import EventKind, Role
from tiekartta.roadmap.tests.test_queries import add_tasks, count_queries

PATH = "/o/testikaupunki/changes/"


def test_query_count_does_not_grow_with_tasks_or_events(
    world: World, django_assert_max_num_queries: Any
) -> None:
    client = world.client_for(Role.VIEWER)
    add_tasks(world, 8)
    small = count_queries(client, PATH)
    add_tasks(world, 290)
    for n in range(150):
        record_event(
            actor=world.users[Role.ADMIN],
            organisation=world.organisation,
            kind=EventKind.SIGN_IN,
            subject=f"kirjautuminen {n}",
        )
    large = count_queries(client, PATH)
    assert small == large, f"{small} queries for 10 tasks, {large} for 300 and 150 events"
    # Two queries for each of the eight kinds of object, the roadmaps and metrics that name
    # and link them, and the events: 22 with every kind changed (the demo).
    with django_assert_max_num_queries(21):
        client.get(PATH + "?quick_win=on&quarter=2027Q2")
