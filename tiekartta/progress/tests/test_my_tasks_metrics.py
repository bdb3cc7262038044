"""My tasks lists the user's own metrics that await a value, the same ones the reminder
e-mail lists (one selection for both), each with a link to record the value."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from conftest import World
from tests.factories import PersonFactory
from tiekartta.accounts.models import Role
from tiekartta.progress.reminders import plan_reminders
from tiekartta.progress.tests.test_reminders import IN_WINDOW
from tiekartta.progress.tests.test_reminders_metrics import (
    METRIC,
    metric,
    metric_record_url,
    ready,
    stale,
)

MY_TASKS = reverse("progress:my_tasks", kwargs={"org": "testikaupunki"})


@pytest.fixture(autouse=True)
def in_window() -> Any:
    with time_machine.travel(IN_WINDOW, tick=False):
        yield


def section(page: str) -> str:
    found = re.search(r'<section class="own-metrics".*?</section>', page, re.S)
    assert found, "no metrics section"
    return found.group(0)


def test_my_tasks_lists_the_metrics_the_reminder_lists(world: World) -> None:
    ready(world)
    overdue = stale(world)
    # Values up to 2026Q3: the next one is for 2026Q4, not due before the quarter ends.
    current = metric(
        world.owner_person, "Avoin data", ("2026Q1", "2026Q2", "2026Q3"), world.roadmap
    )
    others = stale(world, name="Kirjaston lainaukset", owner=world.other_person)
    [plan] = plan_reminders(datetime.date(2026, 12, 1), world.organisation.slug)
    [reminder] = [r for r in plan.reminders if r.person == world.owner_person]
    in_mail = {row.metric.pk for row in reminder.metrics}

    page = world.client_for(Role.OWNER).get(MY_TASKS).content.decode()
    listed = section(page)
    assert "Metrics awaiting a value" in listed
    shown = {int(pk) for pk in re.findall(r'id="own-metric-(\d+)"', listed)}
    assert shown == in_mail, "the page lists what the e-mail lists"
    assert overdue.pk in shown and current.pk not in shown and others.pk not in shown
    assert METRIC in listed and "the value for Q3/2026 is overdue" in listed
    assert "latest 30\u00a0% for Q2/2026" in listed
    assert f'href="{metric_record_url(overdue)}"' in listed and "Record a value" in listed


def test_a_viewer_owning_a_metric_sees_it_without_a_record_link(world: World) -> None:
    ready(world)
    person = PersonFactory(organisation=world.organisation, user=world.users[Role.VIEWER])
    item = stale(world, name="Asiakastyytyväisyys", owner=person)
    page = world.client_for(Role.VIEWER).get(MY_TASKS).content.decode()
    listed = section(page)
    assert "Asiakastyytyväisyys" in listed and metric_record_url(item) not in listed
    assert "You are not responsible for any task" in page


def test_no_section_without_metrics_awaiting_a_value(world: World) -> None:
    ready(world)
    page = world.client_for(Role.OWNER).get(MY_TASKS).content.decode()
    assert "own-metrics" not in page
