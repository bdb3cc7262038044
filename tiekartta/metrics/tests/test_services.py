"""Metric definitions, intermediate targets and values: validation, history and concurrency."""

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from conftest import World
from tests.factories import MetricValueFactory, PersonFactory, RoadmapFactory, ThemeFactory
from tiekartta.accounts.models import Role
from tiekartta.core.locking import ConflictError
from tiekartta.metrics import services
from tiekartta.metrics.models import Channel, Metric, MetricValue, Milestone
from tiekartta.metrics.services import (
    MetricInput,
    ValueRow,
)

D = Decimal
TODAY = datetime.date(2026, 8, 15)
MetricHistory: Any = Metric.history.model
MilestoneHistory: Any = Milestone.history.model
ValueHistory: Any = MetricValue.history.model


def metric_input(world: World, **changes: Any) -> MetricInput:
    data = MetricInput(
        name="Sähköisen asioinnin osuus",
        owner=world.owner_person,
        target_value=D("60"),
        target_date=datetime.date(2028, 12, 31),
        theme=world.theme,
        unit="percent",
        baseline_value=D("20"),
        baseline_date=datetime.date(2025, 12, 31),
    )
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def create(world: World, **changes: Any) -> Metric:
    return services.create_metric(
        actor=world.users[Role.EDITOR], roadmap=world.roadmap, data=metric_input(world, **changes)
    )


def counts() -> tuple[int, int, int, int, int]:
    return (
        Metric.objects.count(),
        Milestone.objects.count(),
        MetricValue.objects.count(),
        MetricHistory.objects.count(),
        MilestoneHistory.objects.count() + ValueHistory.objects.count(),
    )


# Definitions ---------------------------------------------------------------------------------


def test_create_metric_with_tasks_and_milestones_records_history_with_actor(world: World) -> None:
    actor = world.users[Role.EDITOR]
    metric = create(
        world,
        name="  Sähköisen asioinnin osuus  ",
        tasks=[world.own_task, world.others_task],
        milestones={2026: D("30"), 2027: D("45")},
    )
    metric.refresh_from_db()
    assert metric.name == "Sähköisen asioinnin osuus"
    assert (metric.roadmap, metric.theme, metric.version) == (world.roadmap, world.theme, 1)
    assert set(metric.tasks.all()) == {world.own_task, world.others_task}
    assert {m.year: m.value for m in metric.milestones.all()} == {2026: D("30"), 2027: D("45")}
    rows = list(metric.history.all())
    assert len(rows) == 1, "one history row per save, not one per many-to-many change"
    assert (rows[0].history_type, rows[0].history_user) == ("+", actor)
    assert {link.task for link in rows[0].tasks.all()} == {world.own_task, world.others_task}
    milestone_rows = MilestoneHistory.objects.filter(metric_id=metric.pk)
    assert sorted((r.year, r.history_type, r.history_user) for r in milestone_rows) == [
        (2026, "+", actor),
        (2027, "+", actor),
    ]


def test_new_metrics_go_last(world: World) -> None:
    first = create(world, name="Ensimmäinen")
    second = create(world, name="Toinen")
    assert (first.order, second.order) == (0, 1)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"target_date": datetime.date(2025, 12, 31)},
            "target_date",
            "must be after the baseline date",
        ),
        (
            {"target_date": datetime.date(2025, 6, 30)},
            "target_date",
            "must be after the baseline date",
        ),
        ({"baseline_date": None}, "baseline_date", "baseline value and its date together"),
        ({"baseline_value": None}, "baseline_value", "baseline value and its date together"),
        ({"target_value": D("19.9999")}, "target_value", "cannot be below the baseline"),
        (
            {"direction": "lower", "target_value": D("20.0001")},
            "target_value",
            "cannot be above the baseline",
        ),
        ({"target_value": D("1000000000000")}, "target_value", "too large"),
        ({"name": "   "}, "name", "cannot be blank"),
        ({"milestones": {2029: D("50")}}, "milestone_2029", "years of the roadmap 2026–2028"),
        ({"milestones": {2025: D("50")}}, "milestone_2025", "years of the roadmap 2026–2028"),
        ({"milestones": {2027: D("1000000000000")}}, "milestone_2027", "too large"),
    ],
)
def test_invalid_metric_is_refused_and_nothing_saved(
    world: World, changes: dict[str, Any], field: str, message: str
) -> None:
    before = counts()
    with pytest.raises(ValidationError) as error:
        create(world, tasks=[world.own_task], **changes)
    assert any(message in m for m in error.value.message_dict[field]), error.value.message_dict
    assert counts() == before


def test_without_a_baseline_any_target_is_allowed(world: World) -> None:
    metric = create(world, baseline_value=None, baseline_date=None, target_value=D("-5"))
    assert metric.baseline_date is None and metric.target_value == D("-5")


def test_target_equal_to_baseline_is_allowed_in_either_direction(world: World) -> None:
    create(world, name="Ylös", target_value=D("20"))
    create(world, name="Alas", direction="lower", target_value=D("20"))


@pytest.mark.parametrize(
    ("make", "field", "message"),
    [
        (
            lambda w: {"theme": ThemeFactory.create(roadmap=w.outsider_roadmap)},
            "theme",
            "theme of this roadmap",
        ),
        (
            lambda w: {"owner": PersonFactory.create(organisation=w.outsider_organisation)},
            "owner",
            "must belong to this organisation",
        ),
        (lambda w: {"tasks": [w.own_task, w.outsider_task]}, "tasks", "tasks of this roadmap"),
    ],
)
def test_links_outside_the_roadmap_are_refused(
    world: World, make: Callable[[World], dict[str, Any]], field: str, message: str
) -> None:
    changes = make(world)
    before = counts()
    with pytest.raises(ValidationError) as error:
        create(world, **changes)
    assert any(message in m for m in error.value.message_dict[field])
    assert counts() == before


def test_names_are_unique_in_a_roadmap_ignoring_case(world: World) -> None:
    metric = create(world, name="Asiointi")
    with pytest.raises(ValidationError) as error:
        create(world, name="  ASIOINTI ")
    assert "This roadmap already has a metric with this name." in error.value.messages
    assert Metric.objects.filter(roadmap=world.roadmap).count() == 1
    # Another roadmap may use the name, and the metric itself may change its case.
    other = RoadmapFactory.create(organisation=world.organisation, slug="toinen")
    services.create_metric(
        actor=None, roadmap=other, data=metric_input(world, name="asiointi", theme=None)
    )
    data = MetricInput.from_metric(metric)
    data.name = "ASIOINTI"
    services.update_metric(actor=None, metric=metric, expected_version=1, data=data)
    assert Metric.objects.get(pk=metric.pk).name == "ASIOINTI"


def test_an_archived_roadmap_refuses_every_change(world: World) -> None:
    metric = create(world)
    value, _ = services.record_value(
        actor=None, metric=metric, period="2026Q2", value=D("25"), today=TODAY
    )
    world.roadmap.is_archived = True
    world.roadmap.save()
    metric.refresh_from_db()
    before = counts()
    attempts: list[Callable[[], object]] = [
        lambda: create(world, name="Uusi"),
        lambda: services.update_metric(
            actor=None,
            metric=metric,
            expected_version=metric.version,
            data=metric_input(world, name="Muutettu"),
        ),
        lambda: services.delete_metric(actor=None, metric=metric),
        lambda: services.record_value(
            actor=None, metric=metric, period="2026Q3", value=D("27"), today=TODAY
        ),
        lambda: services.delete_value(actor=None, value=value, expected_version=1),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError, match="archived"):
            attempt()
    assert counts() == before
    assert Metric.objects.get(pk=metric.pk).version == 1


# Updating ------------------------------------------------------------------------------------


def test_update_bumps_the_version_and_records_history(world: World) -> None:
    metric = create(world)
    actor = world.users[Role.OWNER]
    data = MetricInput.from_metric(metric)
    data.name = "Asiointi verkossa"
    data.tasks = [world.own_task]
    updated = services.update_metric(actor=actor, metric=metric, expected_version=1, data=data)
    assert updated.version == 2
    stored = Metric.objects.get(pk=metric.pk)
    assert (stored.name, stored.version) == ("Asiointi verkossa", 2)
    latest = stored.history.latest()
    assert (latest.history_type, latest.history_user, latest.name) == ("~", actor, stored.name)
    assert [link.task for link in latest.tasks.all()] == [world.own_task]
    assert stored.history.count() == 2


def test_update_with_a_stale_version_is_refused_and_nothing_saved(world: World) -> None:
    metric = create(world)
    first = MetricInput.from_metric(metric)
    first.name = "Ensimmäisen tallennus"
    services.update_metric(actor=None, metric=metric, expected_version=1, data=first)
    stale = Metric.objects.get(pk=metric.pk)
    second = metric_input(world, name="Toisen tallennus", milestones={2026: D("25")})
    before = counts()
    with pytest.raises(ConflictError):
        services.update_metric(actor=None, metric=stale, expected_version=1, data=second)
    stored = Metric.objects.get(pk=metric.pk)
    assert (stored.name, stored.version) == ("Ensimmäisen tallennus", 2)
    assert counts() == before


def test_failed_validation_does_not_bump_the_version(world: World) -> None:
    metric = create(world)
    with pytest.raises(ValidationError):
        services.update_metric(
            actor=None,
            metric=metric,
            expected_version=1,
            data=metric_input(world, target_value=D("5")),
        )
    assert metric.version == 1
    assert Metric.objects.get(pk=metric.pk).version == 1
    # The same form can be corrected and saved with the version it carried.
    services.update_metric(actor=None, metric=metric, expected_version=1, data=metric_input(world))
    assert Metric.objects.get(pk=metric.pk).version == 2


def test_milestones_are_created_updated_and_removed_with_history(world: World) -> None:
    creator, editor = world.users[Role.EDITOR], world.users[Role.OWNER]
    metric = create(world, milestones={2026: D("30"), 2027: D("45")})
    data = MetricInput.from_metric(metric)
    assert data.milestones == {2026: D("30"), 2027: D("45")}
    data.milestones = {2027: D("50"), 2028: D("60")}
    services.update_metric(actor=editor, metric=metric, expected_version=1, data=data)
    assert {m.year: m.value for m in metric.milestones.all()} == {2027: D("50"), 2028: D("60")}
    rows = MilestoneHistory.objects.filter(metric_id=metric.pk).order_by("history_id")
    assert [(r.year, r.history_type, r.value, r.history_user) for r in rows] == [
        (2026, "+", D("30"), creator),
        (2027, "+", D("45"), creator),
        (2026, "-", D("30"), editor),
        (2027, "~", D("50"), editor),
        (2028, "+", D("60"), editor),
    ]
    # Saving the same targets again writes no milestone history.
    again = MetricInput.from_metric(metric)
    services.update_metric(actor=editor, metric=metric, expected_version=2, data=again)
    assert MilestoneHistory.objects.filter(metric_id=metric.pk).count() == 5


# Values --------------------------------------------------------------------------------------


def record(metric: Metric, **changes: Any) -> tuple[MetricValue, bool]:
    arguments: dict[str, Any] = {
        "actor": None,
        "metric": metric,
        "period": "2026Q2",
        "value": D("25"),
        "today": TODAY,
    }
    arguments.update(changes)
    return services.record_value(**arguments)


def test_record_then_correct_a_value(world: World) -> None:
    metric = create(world)
    editor, owner = world.users[Role.EDITOR], world.users[Role.OWNER]
    value, created = record(
        metric, actor=editor, value=D("25.5"), note=" Raportista ", source=" Tilasto "
    )
    assert created is True
    value.refresh_from_db()
    assert (value.period, value.value, value.version) == ("2026Q2", D("25.5"), 1)
    assert (value.note, value.source, value.recorded_by) == ("Raportista", "Tilasto", editor)
    assert value.channel == Channel.FORM and value.recorded_at is not None

    corrected, created = record(
        metric, actor=owner, value=D("26"), channel=Channel.IMPORT, expected_version=1
    )
    assert created is False and corrected.pk == value.pk
    corrected.refresh_from_db()
    assert (corrected.value, corrected.version, corrected.recorded_by) == (D("26"), 2, owner)
    assert corrected.channel == Channel.IMPORT
    assert MetricValue.objects.filter(metric=metric).count() == 1
    history = list(corrected.history.order_by("history_id"))
    assert [(h.history_type, h.value, h.history_user) for h in history] == [
        ("+", D("25.5"), editor),
        ("~", D("26"), owner),
    ]


def test_a_forgiving_spelling_is_stored_canonically(world: World) -> None:
    metric = create(world)
    value, _ = record(metric, period=" 2026 q2 ")
    assert MetricValue.objects.get(pk=value.pk).period == "2026Q2"
    # And it is the same period as the canonical spelling: a correction, not a second value.
    _again, created = record(metric, period="2026Q2", value=D("24"))
    assert created is False


@pytest.mark.parametrize(
    ("frequency", "period", "message"),
    [
        ("quarterly", "2026H1", "followed quarterly: enter the period like 2026Q3"),
        ("quarterly", "2026", "followed quarterly"),
        ("half_yearly", "2026Q2", "followed half-yearly: enter the period like 2026H2"),
        ("yearly", "2026H1", "followed yearly: enter the period like 2026."),
        ("quarterly", "2025Q4", "within the roadmap period 2026–2028"),
        ("quarterly", "2029Q1", "within the roadmap period 2026–2028"),
        ("quarterly", "2026Q4", "has not begun"),
        ("yearly", "2027", "has not begun"),
        ("quarterly", "kevät 2026", "Enter the period like 2026Q3"),
        ("quarterly", "2026Q5", "Enter the period like 2026Q3"),
        ("quarterly", "", "Enter the period like"),
    ],
)
def test_a_bad_period_is_refused_on_the_period_field(
    world: World, frequency: str, period: str, message: str
) -> None:
    metric = create(world, frequency=frequency)
    before = counts()
    with pytest.raises(ValidationError) as error:
        record(metric, period=period)
    assert any(message in m for m in error.value.message_dict["period"]), error.value
    assert counts() == before


def test_a_period_may_be_recorded_from_its_first_day(world: World) -> None:
    metric = create(world)
    with pytest.raises(ValidationError):
        record(metric, period="2026Q3", today=datetime.date(2026, 6, 30))
    _value, created = record(metric, period="2026Q3", today=datetime.date(2026, 7, 1))
    assert created


@pytest.mark.parametrize(
    ("value", "message"),
    [(D("1.23456"), "4 decimal places"), (D("1000000000000"), "too large")],
)
def test_a_bad_number_is_refused_on_the_value_field(
    world: World, value: Decimal, message: str
) -> None:
    metric = create(world)
    before = counts()
    with pytest.raises(ValidationError) as error:
        record(metric, value=value)
    assert any(message in m for m in error.value.message_dict["value"])
    assert counts() == before


def test_a_stale_correction_is_a_conflict_naming_the_current_value(world: World) -> None:
    metric = create(world)
    first, _ = record(metric, value=D("25"))
    record(metric, value=D("27"), expected_version=1)
    before = counts()
    with pytest.raises(ConflictError) as error:
        record(metric, value=D("30"), expected_version=1)
    assert error.value.current is not None
    assert (error.value.current.pk, error.value.current.value) == (first.pk, D("27"))
    assert error.value.current.version == 2
    assert counts() == before
    assert MetricValue.objects.get(pk=first.pk).value == D("27")


def test_a_new_value_over_one_recorded_meanwhile_is_a_conflict(world: World) -> None:
    metric = create(world)
    first, _ = record(metric, value=D("25"))
    before = counts()
    with pytest.raises(ConflictError) as error:
        record(metric, value=D("30"), expected_version=0)
    assert error.value.current is not None and error.value.current.pk == first.pk
    assert counts() == before


def test_a_correction_of_a_value_deleted_meanwhile_is_a_conflict(world: World) -> None:
    metric = create(world)
    with pytest.raises(ConflictError) as error:
        record(metric, expected_version=1)
    assert error.value.current is None
    assert not MetricValue.objects.exists()
    _value, created = record(metric, expected_version=0)
    assert created


def test_record_values_is_all_or_nothing(world: World) -> None:
    metric = create(world)
    actor = world.users[Role.EDITOR]
    good = ValueRow(metric=metric, period="2026Q1", value=D("22"))
    bad = ValueRow(metric=metric, period="2026Q4", value=D("23"))
    before = counts()
    with pytest.raises(ValidationError) as error:
        services.record_values(actor=actor, rows=[good, bad], channel=Channel.IMPORT, today=TODAY)
    assert "period" in error.value.message_dict
    assert counts() == before

    record(metric, period="2026Q2", value=D("24"))
    rows = [good, ValueRow(metric=metric, period="2026Q2", value=D("25"), note="Korjattu")]
    assert services.record_values(actor=actor, rows=rows, channel=Channel.IMPORT, today=TODAY) == (
        1,
        1,
    )
    stored = {v.period: (v.value, v.channel) for v in MetricValue.objects.filter(metric=metric)}
    assert stored == {"2026Q1": (D("22"), "import"), "2026Q2": (D("25"), "import")}


def test_delete_value_needs_the_version_seen(world: World) -> None:
    metric = create(world)
    actor = world.users[Role.EDITOR]
    value, _ = record(metric)
    record(metric, value=D("26"), expected_version=1)
    with pytest.raises(ConflictError) as error:
        services.delete_value(actor=actor, value=value, expected_version=1)
    assert error.value.current is not None and error.value.current.version == 2
    assert MetricValue.objects.filter(pk=value.pk).exists()

    services.delete_value(actor=actor, value=value, expected_version=2)
    assert not MetricValue.objects.filter(pk=value.pk).exists()
    gone = ValueHistory.objects.filter(id=value.pk).order_by("history_id").last()
    assert (gone.history_type, gone.history_user, gone.value) == ("-", actor, D("26"))
    with pytest.raises(ConflictError) as again:
        services.delete_value(actor=actor, value=value, expected_version=2)
    assert again.value.current is None


def test_delete_metric_removes_its_values_with_history(world: World) -> None:
    metric = create(world, milestones={2026: D("30")})
    actor = world.users[Role.ADMIN]
    pks = [record(metric, period=code)[0].pk for code in ("2026Q1", "2026Q2")]
    keep = create(world, name="Jää")
    kept = MetricValueFactory.create(metric=keep, period="2026Q1")
    metric_pk = metric.pk

    services.delete_metric(actor=actor, metric=metric)

    assert not Metric.objects.filter(pk=metric_pk).exists()
    assert not MetricValue.objects.filter(pk__in=pks).exists()
    assert not Milestone.objects.filter(metric_id=metric_pk).exists()
    milestone_rows = MilestoneHistory.objects.filter(metric_id=metric_pk, history_type="-")
    assert [(r.year, r.history_user) for r in milestone_rows] == [(2026, actor)]
    for pk in pks:
        row = ValueHistory.objects.filter(id=pk).order_by("history_id").last()
        assert (row.history_type, row.history_user) == ("-", actor)
    last = MetricHistory.objects.filter(id=metric_pk).order_by("history_id").last()
    assert (last.history_type, last.history_user) == ("-", actor)
    assert MetricValue.objects.filter(pk=kept.pk).exists()
