"""The change log runs a fixed number of SQL queries per page however many entries there are."""

import re
from typing import Any

from conftest import World
from tiekartta.accounts.events import record_event
from tiekartta.accounts.models import EventKind, Role
from tiekartta.roadmap.tests.test_queries import add_tasks, count_queries

PATH = "/o/testikaupunki/changes/"


def next_page(client: Any, path: str) -> str:
    page = client.get(path).content.decode()
    found = re.search(r'href="([^"]*)" rel="next"', page)
    assert found, "a second page"
    return found.group(1).replace("&amp;", "&")


def test_query_count_does_not_grow_with_tasks_or_events(
    world: World, django_assert_max_num_queries: Any
) -> None:
    client = world.client_for(Role.VIEWER)
    add_tasks(world, 8)
    small = count_queries(client, PATH)
    add_tasks(world, 190)
    for n in range(150):
        record_event(
            actor=world.users[Role.ADMIN],
            organisation=world.organisation,
            kind=EventKind.SIGN_IN,
            subject=f"kirjautuminen {n}",
        )
    large = count_queries(client, PATH)
    assert small == large, f"{small} queries for 10 tasks, {large} for 200 and 150 events"
    older = next_page(client, PATH)
    assert count_queries(client, older) <= large, "a later page costs no more"
    # The session and membership (4), the filters' choices (2), one query for each of the 17
    # tracked models' rows and one for the events, the predecessors of the kinds on the page,
    # a task's collaborators and predecessors, and the related objects' names at the time
    # (themes, people, tasks, users): 40 with every kind on one page.
    with django_assert_max_num_queries(40):
        client.get(PATH)
    with django_assert_max_num_queries(40):
        client.get(older)
