"""A successor planned to start before its predecessor ends: the task form warns and asks to
confirm, the task page, the overview and the timeline flag it, and the flags of a whole roadmap
take a fixed number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import World
from tests.factories import TaskFactory
from tiekartta.accounts.models import Role
from tiekartta.roadmap.models import Status, Task
from tiekartta.roadmap.tests.test_views import task_form

ORG, RM = "testikaupunki", "2026-2028"
CONFLICT = (
    "Schedule conflict with the predecessor “Tietoallas”: it ends Q3/2026, this task starts "
    "Q2/2026."
)


def open_(start: str, due: str) -> tuple[str, str, str]:
    return start, due, Status.IN_PROGRESS


def test_the_rule_in_quarters() -> None:
    from tiekartta.roadmap.risk import overlap  # here, so the other tests fail alone on main

    # The predecessor ends after the successor starts: a conflict, with both quarters named.
    hit = overlap(predecessor=open_("2026Q1", "2026Q3"), successor=open_("2026Q2", "2026Q4"))
    assert hit is not None and (str(hit[0]), str(hit[1])) == ("2026Q3", "2026Q2")
    # The same quarter is allowed: quarters are coarse.
    assert (
        overlap(predecessor=open_("2026Q1", "2026Q2"), successor=open_("2026Q2", "2026Q4")) is None
    )
    assert overlap(predecessor=open_("2026Q1", "2026Q1"), successor=open_("2026Q2", "")) is None
    # A one-quarter task is planned for that quarter.
    assert overlap(predecessor=open_("", "2026Q3"), successor=open_("2026Q2", "")) is not None
    # No schedule, or a closed task on either side: nothing to warn about.
    assert overlap(predecessor=open_("", ""), successor=open_("2026Q1", "2026Q1")) is None
    done = ("2026Q1", "2026Q4", Status.DONE)
    cancelled = ("2026Q2", "2026Q2", Status.CANCELLED)
    assert overlap(predecessor=done, successor=open_("2026Q2", "2026Q4")) is None
    assert overlap(predecessor=open_("2026Q1", "2026Q4"), successor=cancelled) is None


def _predecessor(world: World) -> Task:
    return TaskFactory(
        theme=world.theme,
        owner=world.other_person,
        title="Tietoallas",
        start="2026Q1",
        due="2026Q3",
    )


def test_the_form_warns_next_to_the_predecessors_and_saves_only_when_confirmed(
    world: World,
) -> None:
    predecessor = _predecessor(world)
    task = world.own_task
    client = world.client_for(Role.EDITOR)
    path = reverse("roadmap:task_edit", kwargs={"org": ORG, "roadmap": RM, "task": task.pk})
    data = task_form(world, start="2026Q2", due="2026Q4", predecessors=[predecessor.pk])
    data["version"] = task.version
    response = client.post(path, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert CONFLICT in page
    assert 'id="id_predecessors_error"' in page
    assert 'name="confirm_schedule"' in page
    task.refresh_from_db()
    assert not task.predecessors.exists() and task.start != "2026Q2"
    response = client.post(path, {**data, "confirm_schedule": "1"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert list(task.predecessors.all()) == [predecessor]
    assert task.start == "2026Q2"
    # The task page flags what was confirmed.
    detail = client.get(response["Location"]).content.decode()
    assert CONFLICT in detail
    assert "Schedule conflict</span>" in detail


def test_a_schedule_without_conflict_saves_at_once(world: World) -> None:
    predecessor = _predecessor(world)
    client = world.client_for(Role.EDITOR)
    path = reverse("roadmap:task_create", kwargs={"org": ORG, "roadmap": RM})
    # Starting in the quarter the predecessor ends in is fine.
    response = client.post(
        path, task_form(world, start="2026Q3", due="2026Q4", predecessors=[predecessor.pk])
    )
    assert response.status_code == 302


def test_moving_a_predecessor_past_its_successor_warns_next_to_the_end(world: World) -> None:
    predecessor = _predecessor(world)
    successor = TaskFactory(
        theme=world.theme,
        owner=world.other_person,
        title="Raportointi",
        start="2026Q4",
        due="2027Q2",
    )
    successor.predecessors.add(predecessor)
    client = world.client_for(Role.EDITOR)
    path = reverse("roadmap:task_edit", kwargs={"org": ORG, "roadmap": RM, "task": predecessor.pk})
    data = task_form(world, title="Tietoallas", start="2026Q1", due="2027Q1")
    data["version"] = predecessor.version
    response = client.post(path, data)
    page = response.content.decode()
    message = (
        "Schedule conflict with the successor “Raportointi”: it starts Q4/2026, this task ends "
        "Q1/2027."
    )
    assert message in page
    assert 'id="id_due_error"' in page
    predecessor.refresh_from_db()
    assert predecessor.due == "2026Q3"


def _linked_chain(world: World, count: int) -> None:
    """Pairs of tasks, each successor planned to start before its predecessor ends."""
    for _ in range(count):
        before = TaskFactory(
            theme=world.theme, owner=world.other_person, start="2026Q1", due="2027Q2"
        )
        after = TaskFactory(
            theme=world.other_theme, owner=world.owner_person, start="2026Q3", due="2027Q4"
        )
        after.predecessors.add(before)


def _queries(client: object, path: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)  # type: ignore[attr-defined]
        assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.parametrize("page", ["overview", "timeline"])
def test_the_overview_and_timeline_flag_conflicts_in_a_fixed_number_of_queries(
    world: World, page: str
) -> None:
    client = world.client_for(Role.VIEWER)
    path = reverse(f"roadmap:{page}", kwargs={"org": ORG, "roadmap": RM})
    _linked_chain(world, 2)
    few, content = _queries(client, path)
    assert content.count("Schedule conflict</span>") == 2
    assert "it ends Q2/2027, this task starts Q3/2026." in content
    _linked_chain(world, 40)
    many, content = _queries(client, path)
    assert content.count("Schedule conflict</span>") == 42
    assert few == many, f"{few} queries for 2 conflicts, {many} for 42"
