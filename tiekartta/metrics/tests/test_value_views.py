"""Recording and correcting metric values on their pages, the grace for late values in the
follow-up settings, and the query counts of the metric pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import BrowserLikeClient, World
from tests.factories import MetricValueFactory, PersonFactory, TaskFactory
from tiekartta.accounts.models import Role
from tiekartta.metrics import services
from tiekartta.metrics.models import Metric, MetricValue, Milestone
from tiekartta.metrics.tests.view_helpers import (
    NOW,
    ORG,
    RM,
    add_values,
    field_error,
    make_metric,
    record,
    status_of,
    url,
)
from tiekartta.roadmap.models import FollowUpSettings


@pytest.fixture(autouse=True)
def late_2026() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


# Values ----------------------------------------------------------------------------------------


def test_values_arrive_and_the_status_follows(world: World) -> None:
    metric = make_metric(world, owner=world.owner_person)
    client = world.client_for(Role.OWNER)
    detail = url("detail", metric=metric.pk)
    form = client.get(detail).content.decode()
    assert status_of(form) == "No data"
    # Only periods that have begun, the awaited one chosen.
    assert '<option value="2026Q4">' in form and 'value="2027Q1"' not in form
    assert '<option value="2026Q1" selected>' in form
    response = record(client, metric, period="2026Q2", value="22", note="Kevät")
    assert response.status_code == 302 and response["Location"] == detail
    page = client.get(detail).content.decode()
    assert "Value recorded: 22\u00a0% for Q2/2026." in page
    assert status_of(page) == "Behind", "expected 26.6 at the end of June"
    assert '<option value="2026Q2"' not in page, "a recorded period is corrected, not re-entered"
    record(client, metric, period="2026Q3", value="40")
    assert status_of(client.get(detail).content.decode()) == "On track"
    record(client, metric, period="2026Q4", value="60,0")
    assert status_of(client.get(detail).content.decode()) == "Achieved"
    saved = MetricValue.objects.get(period="2026Q2")
    assert (saved.note, saved.recorded_by, saved.channel) == ("Kevät", world.users["owner"], "form")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"period": "2026Q3", "value": "abc"}, "value", "Enter a number."),
        ({"period": "2026Q3", "value": ""}, "value", "This field is required."),
        ({"period": "2026Q3", "value": "1,234"}, "value", "without a thousands separator"),
        ({"period": "2027Q1", "value": "30"}, "period", "Select a valid choice."),
        ({"period": "2025Q4", "value": "30"}, "period", "Select a valid choice."),
        ({"period": "2026H2", "value": "30"}, "period", "Select a valid choice."),
    ],
)
def test_bad_value_is_answered_next_to_the_field(
    world: World, data: dict[str, str], field: str, message: str
) -> None:
    metric = make_metric(world)
    response = record(world.client_for(Role.EDITOR), metric, **data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in field_error(page, field)
    if data["value"]:
        assert f'value="{data["value"]}"' in page, "the input is kept"
    assert not MetricValue.objects.exists()


def test_a_value_recorded_meanwhile_is_explained_not_overwritten(world: World) -> None:
    metric = make_metric(world)
    client = world.client_for(Role.EDITOR)
    form = client.get(url("detail", metric=metric.pk)).content.decode()
    assert '<option value="2026Q3">' in form
    # Someone else records the quarter after the form was loaded.
    services.record_value(
        actor=world.users[Role.ADMIN], metric=metric, period="2026Q3", value=Decimal(30)
    )
    response = record(client, metric, period="2026Q3", value="45", note="Minun arvioni")
    assert response.status_code == 400
    page = response.content.decode()
    error = field_error(page, "period")
    assert f"Meanwhile {world.users[Role.ADMIN]} recorded 30\u00a0% for this period." in error
    assert 'value="45"' in page and "Minun arvioni" in page, "the input is kept"
    kept = MetricValue.objects.get()
    assert (kept.value, kept.recorded_by, kept.version) == (30, world.users[Role.ADMIN], 1)


def test_correction_keeps_the_history_and_a_stale_version_is_refused(world: World) -> None:
    metric = make_metric(world)
    add_values(metric, **{"2026Q3": "30"})
    value = MetricValue.objects.get()
    path = url("value_edit", metric=metric.pk, value=value.pk)
    first, second = world.client_for(Role.EDITOR), world.client_for(Role.OWNER)
    for client in (first, second):
        page = client.get(path).content.decode()
        assert 'name="version" value="1"' in page and 'value="30"' in page
    response = first.post(path, {"version": "1", "value": "32", "note": "Korjattu"})
    assert response.status_code == 302
    assert (
        "The value for Q3/2026 was corrected." in first.get(response["Location"]).content.decode()
    )
    response = second.post(path, {"version": "1", "value": "35", "note": "Toinen"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "The value was changed while you were editing it." in page
    assert f"Meanwhile {world.users[Role.EDITOR]} recorded 32\u00a0%" in page
    assert 'value="35"' in page and "Toinen" in page
    assert 'name="version" value="2"' in page, "saving again is judged against the value shown"
    corrected = MetricValue.objects.get()
    assert (corrected.value, corrected.note, corrected.version) == (32, "Korjattu", 2)
    assert MetricValue.history.filter(id=value.pk).count() == 2
    # Saving again, having seen the value now in place, goes through.
    assert second.post(path, {"version": "2", "value": "35"}).status_code == 302
    assert MetricValue.history.filter(id=value.pk).count() == 3
    response = first.post(path, {"version": "2", "value": "abc"})
    assert response.status_code == 400 and "Enter a number." in field_error(
        response.content.decode(), "value"
    )


def test_remove_a_value_names_its_version(world: World) -> None:
    metric = make_metric(world)
    add_values(metric, **{"2026Q3": "30"})
    value = MetricValue.objects.get()
    path = url("value_delete", metric=metric.pk, value=value.pk)
    client = world.client_for(Role.EDITOR)
    assert "The value 30\u00a0% is removed." in client.get(path).content.decode()
    MetricValue.objects.filter(pk=value.pk).update(version=2)  # corrected meanwhile
    response = client.post(path, {"version": "1"})
    assert response.status_code == 409
    assert "for this period" in response.content.decode()
    assert MetricValue.objects.exists()
    response = client.post(path, {"version": "2"})
    assert response["Location"] == url("detail", metric=metric.pk)
    assert not MetricValue.objects.exists()
    assert MetricValue.history.filter(id=value.pk, history_type="-").count() == 1


# Follow-up settings: the grace for values -------------------------------------------------------


def test_grace_days_from_the_settings_decide_staleness(world: World) -> None:
    metric = make_metric(world, name="Avoin data")
    add_values(metric, **{"2026Q2": "30"})  # Q3 ended 30 Sep: 58 days before 27 Nov
    admin = world.client_for(Role.ADMIN)
    settings_url = reverse("progress:settings", kwargs={"org": ORG})
    assert 'name="metric_grace_days" value="45"' in admin.get(settings_url).content.decode()

    def save(grace: str) -> Any:
        saved = FollowUpSettings.objects.first()
        return admin.post(
            settings_url,
            {
                "version": saved.version if saved else 0,
                "risk_margin": "15",
                "next_review_date": "",
                "reminder_days_before": "7",
                "sign_in_link_hours": "72",
                "metric_grace_days": grace,
            },
        )

    def stale_listed() -> bool:
        page = admin.get(url("overview") + "?freshness=stale").content.decode()
        return f'id="metric-{metric.pk}"' in page

    assert save("10").status_code == 302
    assert FollowUpSettings.objects.get().metric_grace_days == 10
    assert stale_listed()
    assert save("90").status_code == 302
    assert FollowUpSettings.objects.get().metric_grace_days == 90
    assert not stale_listed()
    detail = admin.get(url("detail", metric=metric.pk)).content.decode()
    assert "Value due" in detail and "stale after 12/29/2026" in detail
    response = save("400")
    assert "less than or equal to 365" in field_error(
        response.content.decode(), "metric_grace_days"
    )
    assert FollowUpSettings.objects.get().metric_grace_days == 90


# Query counts ----------------------------------------------------------------------------------


def add_metrics(world: World, count: int, values_each: int) -> list[Metric]:
    people = [PersonFactory(organisation=world.organisation) for _ in range(3)]
    themes = [world.theme, world.other_theme, None]
    periods = [f"{year}Q{q}" for year in (2026, 2027, 2028) for q in (1, 2, 3, 4)]
    metrics = []
    for n in range(count):
        metric = make_metric(world, owner=people[n % 3], theme=themes[n % 3])
        metric.tasks.set([world.own_task, world.others_task][: n % 3])
        for year in (2026, 2027)[: n % 3]:
            Milestone.objects.create(metric=metric, year=year, value=Decimal(30 + 10 * (n % 3)))
        for period in periods[:values_each]:
            MetricValueFactory(metric=metric, period=period, value=Decimal(20 + n % 7))
        metrics.append(metric)
    return metrics


def grow_one(world: World, metric: Metric) -> None:
    """The metric on the detail page gets every quarter, corrections, targets and tasks."""
    have = set(metric.values.values_list("period", flat=True))
    for period in [f"{year}Q{q}" for year in (2026, 2027, 2028) for q in (1, 2, 3, 4)]:
        if period not in have:
            MetricValueFactory(metric=metric, period=period, value=Decimal(25))
    for value in metric.values.all()[:5]:
        value.value += 1
        value.save()
    for task in range(4):
        metric.tasks.add(TaskFactory.create(theme=world.other_theme, title=f"Lisätehtävä {task}"))
    Milestone.objects.get_or_create(metric=metric, year=2028, defaults={"value": Decimal(55)})


def count_queries(client: BrowserLikeClient, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
        assert response.status_code == 200, path
    return len(queries)


@pytest.mark.parametrize("page", ["overview", "detail", "dashboard"])
def test_query_count_does_not_grow_with_metrics_and_values(
    world: World, page: str, django_assert_max_num_queries: Any
) -> None:
    client = world.client_for(Role.EDITOR)
    first = add_metrics(world, 3, 3)[0]
    # One linked task from the start: its name in the history is one query however many.
    first.tasks.add(world.own_task)
    paths = {
        "overview": url("overview"),
        "detail": url("detail", metric=first.pk),
        "dashboard": reverse("progress:dashboard", kwargs={"org": ORG, "roadmap": RM}),
    }
    path = paths[page]
    # The metric page also reads its change history: two queries per model, the linked tasks
    # of its rows, and the names as they were of its theme, owner and tasks (core.history).
    limit = {"overview": 12, "detail": 18, "dashboard": 12}[page]
    with django_assert_max_num_queries(limit):
        small = count_queries(client, path)
    add_metrics(world, 27, 12)
    grow_one(world, first)
    with django_assert_max_num_queries(limit):
        large = count_queries(client, path)
    assert large <= small, f"{path}: {small} queries for 3 metrics, {large} for 30 × 12 values"


def test_a_value_posted_to_an_archived_roadmap_is_refused_with_a_message(world: World) -> None:
    metric = make_metric(world, owner=world.owner_person)
    client = world.client_for(Role.EDITOR)
    world.roadmap.is_archived = True
    world.roadmap.save()
    response = record(client, metric, period="2026Q2", value="22")
    assert response.status_code == 403
    assert "This roadmap is archived and read-only." in response.content.decode()
    page = client.get(url("detail", metric=metric.pk)).content.decode()
    assert "This roadmap is archived and read-only." in page
    assert 'name="period"' not in page
    assert not MetricValue.objects.filter(metric=metric).exists()
