"""Changes elsewhere that would leave a metric's values meaningless are refused, and a feed
that repeats a figure corrects nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from conftest import World
from tests.factories import MetricFactory
from tiekartta.metrics import services
from tiekartta.metrics.models import Metric, MetricValue
from tiekartta.roadmap import services as roadmap_services

TODAY = datetime.date(2026, 11, 27)


@pytest.fixture
def metric(world: World) -> Metric:
    metric: Metric = MetricFactory.create(
        roadmap=world.roadmap, theme=world.other_theme, owner=world.owner_person
    )
    return metric


def test_the_frequency_cannot_change_once_values_exist(world: World, metric: Metric) -> None:
    data = services.MetricInput.from_metric(metric)
    data.frequency = "yearly"
    services.update_metric(actor=None, metric=metric, expected_version=1, data=data)
    data.frequency = "quarterly"
    services.update_metric(actor=None, metric=metric, expected_version=2, data=data)
    services.record_value(
        actor=None, metric=metric, period="2026Q1", value=Decimal("25"), today=TODAY
    )
    data.frequency = "half_yearly"
    with pytest.raises(ValidationError) as refused:
        services.update_metric(actor=None, metric=metric, expected_version=3, data=data)
    assert "frequency" in refused.value.message_dict
    assert Metric.objects.get(pk=metric.pk).frequency == "quarterly"


def test_the_roadmap_period_cannot_leave_values_or_targets_outside(
    world: World, metric: Metric
) -> None:
    data = services.MetricInput.from_metric(metric)
    data.milestones = {2028: Decimal("55")}
    services.update_metric(actor=None, metric=metric, expected_version=1, data=data)

    def shrink(end_year: int) -> None:
        roadmap_services.update_roadmap(
            actor=None,
            roadmap=world.roadmap,
            title=world.roadmap.title,
            slug=world.roadmap.slug,
            start_year=world.roadmap.start_year,
            end_year=end_year,
            description="",
        )

    with pytest.raises(ValidationError, match=metric.name):
        shrink(2027)
    metric.milestones.all().delete()
    shrink(2027)  # nothing of the metric lies in 2028 any more
    services.record_value(
        actor=None, metric=metric, period="2026Q2", value=Decimal("30"), today=TODAY
    )
    world.roadmap.refresh_from_db()
    world.roadmap.tasks.update(start="2027Q1", due="2027Q4")
    with pytest.raises(ValidationError, match="values or intermediate targets"):
        roadmap_services.update_roadmap(
            actor=None,
            roadmap=world.roadmap,
            title=world.roadmap.title,
            slug=world.roadmap.slug,
            start_year=2027,
            end_year=2027,
            description="",
        )


def test_a_theme_with_metrics_cannot_be_deleted(world: World, metric: Metric) -> None:
    with pytest.raises(ValidationError, match="still has metrics"):
        roadmap_services.delete_theme(actor=None, theme=world.other_theme)
    assert Metric.objects.get(pk=metric.pk).theme_id == world.other_theme.pk


def test_the_same_figure_again_corrects_nothing(world: World, metric: Metric) -> None:
    first, created = services.record_value(
        actor=None, metric=metric, period="2026Q2", value=Decimal("30"), note="Kysely"
    )
    again, created_again = services.record_value(
        actor=None, metric=metric, period="2026Q2", value=Decimal("30.0"), note=" Kysely "
    )
    assert created and not created_again
    assert again.version == first.version == 1
    assert first.history.count() == 1, "no correction in the history"
    changed, _new = services.record_value(
        actor=None, metric=metric, period="2026Q2", value=Decimal("31"), note="Kysely"
    )
    assert changed.version == 2 and MetricValue.history.filter(id=first.pk).count() == 2


@pytest.mark.parametrize("field", ["baseline_date", "target_date"])
def test_implausible_dates_are_refused(world: World, metric: Metric, field: str) -> None:
    data = services.MetricInput.from_metric(metric)
    setattr(
        data,
        field,
        datetime.date(1, 1, 1) if field == "baseline_date" else datetime.date(9999, 12, 31),
    )
    with pytest.raises(ValidationError) as refused:
        services.update_metric(actor=None, metric=metric, expected_version=1, data=data)
    assert field in refused.value.message_dict
