"""The send_reminders command and metrics: owners of metrics that await a value (due or stale)
are reminded too, in the same e-mail as their tasks, with a link to each metric's value form.
Kept apart from test_reminders.py, whose helpers it uses, to keep each file readable."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from conftest import BrowserLikeClient, World
from tests.factories import (
    MembershipFactory,
    MetricFactory,
    MetricValueFactory,
    PersonFactory,
    ProgressEntryFactory,
    RoadmapFactory,
    UserFactory,
)
from tiekartta.accounts.models import Role, SignInLink
from tiekartta.metrics.models import Metric
from tiekartta.progress.models import ReminderLog
from tiekartta.progress.tests.test_reminders import (
    BASE_URL,
    IN_WINDOW,
    OWNER_EMAIL,
    SIGN_IN_URL,
    follow_link,
    follow_up,
    record_url,
    run,
    with_owner_email,
)
from tiekartta.roadmap.models import Person, Roadmap

# The metrics are defined early in the year, so that values are expected from 2026Q1 on.
DEFINED = "2026-01-15 12:00 +0200"
METRIC = "Sähköisten asiointien osuus"


@pytest.fixture(autouse=True)
def base_url(settings: Any) -> None:
    settings.TIEKARTTA_BASE_URL = BASE_URL


@pytest.fixture(autouse=True)
def empty_outbox() -> None:
    mail.outbox = []


def metric(
    owner: Person, name: str, periods: tuple[str, ...], roadmap: Roadmap, value: str = "30"
) -> Metric:
    with time_machine.travel(DEFINED, tick=False):
        made: Metric = MetricFactory(roadmap=roadmap, owner=owner, name=name)
    for period in periods:
        MetricValueFactory(metric=made, period=period, value=Decimal(value))
    return made


def stale(world: World, name: str = METRIC, owner: Person | None = None) -> Metric:
    """Values up to 2026Q2: the value for 2026Q3 was due on 30 September and, with the default
    45 days' grace, stale from 15 November; the reminder goes on 1 December."""
    return metric(owner or world.owner_person, name, ("2026Q1", "2026Q2"), world.roadmap)


def tasks_updated(world: World) -> None:
    """The owner's task has this quarter's entry, so only metrics can need them."""
    ProgressEntryFactory(task=world.own_task, quarter="2026Q4", completion=50)


def metric_record_url(item: Metric) -> str:
    return reverse(
        "metrics:record",
        kwargs={"org": "testikaupunki", "roadmap": item.roadmap.slug, "metric": item.pk},
    )


def ready(world: World, **settings: Any) -> None:
    follow_up(world, **settings)
    with_owner_email(world)


def test_an_owner_of_only_a_stale_metric_is_reminded(world: World) -> None:
    ready(world)
    tasks_updated(world)
    item = stale(world)
    with time_machine.travel(IN_WINDOW, tick=False):
        output = run()
    assert f"sent Tekninen johtaja <{OWNER_EMAIL}>: 1 metric(s)" in output
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [OWNER_EMAIL]
    assert message.subject == (
        "Tiekartta: please record the values of your metrics before the review on 12/10/2026"
    )
    body = message.body
    assert "This metric of yours awaits a value:" in body
    assert (
        f"- {METRIC} (Tiekartta 2026–2028): the value for Q3/2026 is overdue; "
        "latest 30\u00a0% for Q2/2026" in body
    )
    assert BASE_URL + metric_record_url(item) in body
    assert "tasks of yours" not in body and "Vesimittarien etäluenta" not in body
    assert "Afterwards you find all your tasks here" not in body
    assert SIGN_IN_URL.search(body)
    log = ReminderLog.objects.get()
    assert (log.person, log.task_count) == (world.owner_person, 0)


def test_the_sign_in_link_of_a_single_metric_opens_its_value_form(world: World) -> None:
    ready(world)
    tasks_updated(world)
    item = stale(world)
    with time_machine.travel(IN_WINDOW, tick=False):
        run()
        found = SIGN_IN_URL.search(mail.outbox[0].body)
        assert found is not None
        assert SignInLink.objects.get().next_path == metric_record_url(item)

        client = BrowserLikeClient()
        response = follow_link(client, found)
        assert response.status_code == 302
        assert response.url == metric_record_url(item)
        assert client.session["_auth_user_id"] == str(world.users[Role.OWNER].pk)
        page = client.get(response.url)
        assert page.status_code == 200
        assert METRIC in page.content.decode()


def test_tasks_and_metrics_come_in_one_mail(world: World) -> None:
    # With 90 days' grace, the value for 2026Q3 is due but not yet stale on 1 December.
    ready(world, metric_grace_days=90)
    overdue = metric(world.owner_person, "Paperilaskut", ("2026Q1",), world.roadmap, "4900")
    due = stale(world)
    with time_machine.travel(IN_WINDOW, tick=False):
        output = run()
    assert f"sent Tekninen johtaja <{OWNER_EMAIL}>: 1 task(s), 2 metric(s)" in output
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == (
        "Tiekartta: please update your tasks for Q4/2026 and your metrics before the review "
        "on 12/10/2026"
    )
    body = message.body
    assert "This task of yours has no progress recorded for Q4/2026 yet:" in body
    assert BASE_URL + record_url(world.own_task) in body
    assert "These 2 metrics of yours also await a value:" in body
    assert "- Paperilaskut (Tiekartta 2026–2028): the value for Q2/2026 is overdue" in body
    assert f"- {METRIC} (Tiekartta 2026–2028): the value for Q3/2026 is due" in body
    assert BASE_URL + metric_record_url(overdue) in body
    assert BASE_URL + metric_record_url(due) in body
    assert body.index("Vesimittarien etäluenta") < body.index(METRIC)
    # Several things to update: the link lands on the owner's own list.
    assert SignInLink.objects.get().next_path == reverse(
        "progress:my_tasks", kwargs={"org": "testikaupunki"}
    )
    log = ReminderLog.objects.get()
    assert (log.person, log.task_count) == (world.owner_person, 1)


def test_a_metric_whose_value_is_not_due_is_left_out(world: World) -> None:
    ready(world)
    metric(world.owner_person, "Ajan tasalla", ("2026Q1", "2026Q2", "2026Q3"), world.roadmap)
    # Someone who owns only an up-to-date metric gets nothing.
    user = UserFactory(username="metric-owner", email="mittari@testikaupunki.fi")
    MembershipFactory(user=user, organisation=world.organisation, role=Role.OWNER)
    person = PersonFactory(organisation=world.organisation, name="Mittarin omistaja", user=user)
    metric(person, "Myös ajan tasalla", ("2026Q1", "2026Q2", "2026Q3"), world.roadmap)
    with time_machine.travel(IN_WINDOW, tick=False):
        output = run()
    assert "Mittarin omistaja" not in output
    assert [message.to for message in mail.outbox] == [[OWNER_EMAIL]]
    body = mail.outbox[0].body
    assert "Vesimittarien etäluenta" in body
    assert "Ajan tasalla" not in body and "metric" not in body


def test_metrics_of_an_archived_roadmap_are_ignored(world: World) -> None:
    ready(world)
    tasks_updated(world)
    archived = RoadmapFactory(organisation=world.organisation, slug="2023-2025", is_archived=True)
    metric(world.owner_person, "Vanha mittari", ("2026Q1",), archived)
    with time_machine.travel(IN_WINDOW, tick=False):
        output = run()
    assert "Tekninen johtaja" not in output
    assert mail.outbox == []
    assert not ReminderLog.objects.exists()


def test_dry_run_lists_the_metrics(world: World) -> None:
    ready(world)
    stale(world)
    stale(world, "Muiden mittari", owner=world.other_person)
    with time_machine.travel(IN_WINDOW, tick=False):
        output = run("--dry-run")
    assert (
        f"would send Tekninen johtaja <{OWNER_EMAIL}>: 1 task(s): Vesimittarien etäluenta | "
        f"1 metric(s): {METRIC} (stale, 2026Q3)" in output
    )
    assert (
        "skip Museonjohtaja <->: no user account in the organisation that may record progress "
        "(1 task(s), 1 metric(s))" in output
    )
    assert mail.outbox == []
    assert not ReminderLog.objects.exists()
    assert not SignInLink.objects.exists()


def test_a_metric_only_reminder_is_sent_once_per_review(world: World) -> None:
    ready(world)
    tasks_updated(world)
    stale(world)
    with time_machine.travel(IN_WINDOW, tick=False):
        run()
    with time_machine.travel("2026-12-08 09:00 +0200", tick=False):
        output = run()
    assert len(mail.outbox) == 1
    assert "skip Tekninen johtaja" in output and "already reminded for this review" in output


def test_the_metric_lines_follow_the_users_language(world: World) -> None:
    ready(world)
    tasks_updated(world)
    owner = world.users[Role.OWNER]
    owner.language = "fi"
    owner.save()
    metric(world.owner_person, METRIC, ("2026Q2",), world.roadmap, "1234.5")
    with time_machine.travel(IN_WINDOW, tick=False):
        run()
    body = mail.outbox[0].body
    assert "1\u00a0234,5\u00a0%" in body
    assert "10.12.2026" in mail.outbox[0].subject


def test_the_metrics_of_one_roadmap_land_on_its_metrics_page(world: World) -> None:
    ready(world)
    tasks_updated(world)
    stale(world)
    stale(world, "Toinen mittari")
    with time_machine.travel(IN_WINDOW, tick=False):
        run()
    assert SignInLink.objects.get().next_path == reverse(
        "metrics:overview", kwargs={"org": "testikaupunki", "roadmap": "2026-2028"}
    )
    assert "These 2 metrics of yours await a value:" in mail.outbox[0].body


def test_a_viewer_owning_a_metric_is_not_sent_a_link(world: World) -> None:
    ready(world)
    tasks_updated(world)
    stale(world)
    Person.objects.filter(pk=world.owner_person.pk).update(user=world.users[Role.VIEWER])
    with time_machine.travel(IN_WINDOW, tick=False):
        output = run()
    assert "that may record progress (1 metric(s))" in output
    assert mail.outbox == []


def test_the_review_date_window_applies_to_metrics_too(world: World) -> None:
    ready(world)
    tasks_updated(world)
    stale(world)
    with time_machine.travel("2026-11-20 09:00 +0200", tick=False):
        output = run()
    assert "is not yet within the reminder window" in output
    assert mail.outbox == []
