"""The Django admin of metrics: staff see and choose only their own organisations' objects."""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.test import Client

from conftest import World
from tests.factories import MetricFactory, MetricValueFactory
from tiekartta.accounts.models import Role
from tiekartta.metrics.models import MetricValue


def staff_client(world: World) -> Client:
    staff = world.users[Role.ADMIN]
    staff.is_staff = True
    staff.save()
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="metrics"))
    client = Client()
    client.force_login(staff)
    return client


def test_staff_cannot_see_or_choose_another_organisations_objects(world: World) -> None:
    own = MetricFactory(roadmap=world.roadmap, owner=world.owner_person, name="Oma mittari")
    foreign = MetricFactory(roadmap=world.outsider_roadmap, name="Naapurin mittari")
    value = MetricValueFactory(metric=own, period="2026Q2")
    client = staff_client(world)
    listing = client.get("/admin/metrics/metric/").content.decode()
    assert "Oma mittari" in listing and "Naapurin mittari" not in listing
    assert client.get(f"/admin/metrics/metric/{foreign.pk}/change/").status_code == 302
    form = client.get(f"/admin/metrics/metric/{own.pk}/change/").content.decode()
    assert world.own_task.title in form and world.outsider_task.title not in form

    # Moving a value onto another organisation's metric by its raw id is refused.
    response = client.post(
        f"/admin/metrics/metricvalue/{value.pk}/change/",
        {
            "metric": foreign.pk,
            "period": "2026Q2",
            "value": "30",
            "channel": "form",
            "recorded_at_0": "2026-11-27",
            "recorded_at_1": "10:00:00",
        },
    )
    assert response.status_code == 200, "the form is shown again with the error"
    assert MetricValue.objects.get(pk=value.pk).metric_id == own.pk
