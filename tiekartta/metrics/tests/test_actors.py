"""Metrics' services take an Actor: a user is kept as the value's recorder and in the history,
a token or the system only in the history rows' change reason."""

import datetime
from decimal import Decimal

from django.urls import reverse

from conftest import World
from tiekartta.accounts.models import Role
from tiekartta.core.actors import Actor
from tiekartta.metrics import services
from tiekartta.metrics.models import Channel, Metric
from tiekartta.metrics.services import MetricInput, ValueRow

TODAY = datetime.date(2026, 8, 15)


def define(world: World, actor: Actor) -> Metric:
    return services.create_metric(
        actor=actor,
        roadmap=world.roadmap,
        data=MetricInput(
            name="Sähköisen asioinnin osuus",
            owner=world.owner_person,
            target_value=Decimal("60"),
            target_date=datetime.date(2028, 12, 31),
            unit="percent",
            milestones={2027: Decimal("40")},
        ),
    )


def test_a_metric_defined_by_the_system_names_it_in_the_history(world: World) -> None:
    metric = define(world, Actor.system("X"))
    row = metric.history.latest()
    assert (row.history_user, row.history_change_reason) == (None, "X")
    milestone = metric.milestones.get().history.latest()
    assert (milestone.history_user, milestone.history_change_reason) == (None, "X")


def test_a_metric_defined_by_a_user_is_theirs_in_the_history(world: World) -> None:
    user = world.users[Role.EDITOR]
    row = define(world, Actor.for_user(user)).history.latest()
    assert row.history_user == user
    assert not row.history_change_reason


def test_imported_values_keep_no_user_and_the_history_names_the_command(world: World) -> None:
    metric = define(world, Actor.for_user(world.users[Role.EDITOR]))
    created, updated = services.record_values(
        actor=Actor.system("Command line: import_metric_values"),
        rows=[ValueRow(metric=metric, period="2026Q1", value=Decimal("25"))],
        channel=Channel.IMPORT,
        today=TODAY,
    )
    assert (created, updated) == (1, 0)
    value = metric.values.get()
    assert value.recorded_by is None and value.channel == Channel.IMPORT
    row = value.history.latest()
    assert (row.history_user, row.history_change_reason) == (
        None,
        "Command line: import_metric_values",
    )
    # The metric's page still says how the value came.
    client = world.client_for(Role.VIEWER)
    page = client.get(
        reverse(
            "metrics:detail",
            kwargs={
                "org": world.organisation.slug,
                "roadmap": world.roadmap.slug,
                "metric": metric.pk,
            },
        )
    )
    assert page.status_code == 200
    assert str(Channel.IMPORT.label) in page.content.decode()


def test_a_value_recorded_by_a_user_is_theirs(world: World) -> None:
    user = world.users[Role.OWNER]
    metric = define(world, Actor.for_user(world.users[Role.EDITOR]))
    value, _created = services.record_value(
        actor=Actor.for_user(user), metric=metric, period="2026Q1", value=Decimal("3"), today=TODAY
    )
    assert value.recorded_by == user
    assert value.history.latest().history_user == user
    services.delete_value(actor=Actor.system("Y"), value=value, expected_version=value.version)
    gone = type(value).history.filter(id=value.pk).latest()
    assert (gone.history_type, gone.history_user, gone.history_change_reason) == ("-", None, "Y")
