"""Names unique regardless of case are refused in any case on SQLite as on PostgreSQL, the
database itself deciding, and the refusal is shown next to the name."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from conftest import World
from tests.factories import MetricFactory
from tiekartta.accounts import services as account_services
from tiekartta.accounts.models import ApiToken
from tiekartta.api.forms import ApiTokenForm
from tiekartta.core.sqlite import unicode_lower
from tiekartta.maturity import services as maturity_services
from tiekartta.maturity.models import Assessment, Viewpoint
from tiekartta.metrics import services as metric_services
from tiekartta.metrics.models import Metric
from tiekartta.roadmap import services as roadmap_services
from tiekartta.roadmap.models import Theme

pytestmark = pytest.mark.django_db

PAIRS = [("Älykäs kunta", "ÄLYKÄS KUNTA"), ("älykäs kunta", "Älykäs Kunta")]


def test_the_database_lower_folds_every_letter() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT lower(%s)", ["ÄLYKÄS KUNTA ÖÅ"])
        assert cursor.fetchone()[0] == "älykäs kunta öå"


def test_unicode_lower_keeps_null_and_folds_text() -> None:
    assert unicode_lower(None) is None
    assert unicode_lower("ÄÖ") == "äö"


def _refused_by_database(create: Callable[[str], Any], first: str, second: str) -> None:
    create(first)
    with pytest.raises(IntegrityError), transaction.atomic():
        create(second)


def _theme(world: World) -> Callable[[str], Any]:
    return lambda name: Theme.objects.create(roadmap=world.roadmap, name=name)


def _metric(world: World) -> Callable[[str], Any]:
    return lambda name: MetricFactory(roadmap=world.roadmap, owner=world.owner_person, name=name)


def _viewpoint(world: World) -> Callable[[str], Any]:
    return lambda name: Viewpoint.objects.create(organisation=world.organisation, name=name)


def _assessment(world: World) -> Callable[[str], Any]:
    return lambda title: Assessment.objects.create(
        organisation=world.organisation, title=title, assessed_on=datetime.date(2026, 3, 1)
    )


def _token(world: World) -> Callable[[str], Any]:
    return lambda name: ApiToken.objects.create(
        organisation=world.organisation, name=name, token_hash=name, prefix="tk_"
    )


@pytest.mark.parametrize(("first", "second"), PAIRS)
@pytest.mark.parametrize("make", [_theme, _metric, _viewpoint, _assessment, _token])
def test_names_differing_only_in_non_ascii_case_are_refused_by_the_database(
    world: World, make: Callable[[World], Callable[[str], Any]], first: str, second: str
) -> None:
    _refused_by_database(make(world), first, second)


@pytest.mark.parametrize(("first", "second"), PAIRS)
def test_theme_service_refuses_the_name_next_to_the_field(
    world: World, first: str, second: str
) -> None:
    roadmap_services.create_theme(actor=None, roadmap=world.roadmap, name=first)
    with pytest.raises(ValidationError) as error:
        roadmap_services.create_theme(actor=None, roadmap=world.roadmap, name=second)
    assert error.value.message_dict["name"] == ["This roadmap already has a theme with this name."]
    theme = roadmap_services.create_theme(actor=None, roadmap=world.roadmap, name="Toinen")
    with pytest.raises(ValidationError) as error:
        roadmap_services.update_theme(
            actor=None,
            theme=theme,
            name=second,
            description="",
            is_spearhead=False,
            colour=theme.colour,
            order=theme.order,
        )
    assert error.value.message_dict["name"] == ["This roadmap already has a theme with this name."]


@pytest.mark.parametrize(("first", "second"), PAIRS)
def test_metric_service_refuses_the_name_next_to_the_field(
    world: World, first: str, second: str
) -> None:
    data = metric_services.MetricInput(
        name=first,
        owner=world.owner_person,
        target_value=Decimal("10"),
        target_date=datetime.date(2028, 12, 31),
    )
    metric_services.create_metric(actor=None, roadmap=world.roadmap, data=data)
    data.name = second
    with pytest.raises(ValidationError) as error:
        metric_services.create_metric(actor=None, roadmap=world.roadmap, data=data)
    assert error.value.message_dict["name"] == ["This roadmap already has a metric with this name."]
    assert Metric.objects.filter(roadmap=world.roadmap).count() == 1


@pytest.mark.parametrize(("first", "second"), PAIRS)
def test_maturity_services_refuse_the_name_next_to_the_field(
    world: World, first: str, second: str
) -> None:
    maturity_services.create_viewpoint(actor=None, organisation=world.organisation, name=first)
    with pytest.raises(ValidationError) as error:
        maturity_services.create_viewpoint(actor=None, organisation=world.organisation, name=second)
    assert "already has a viewpoint with this name" in error.value.message_dict["name"][0]
    on = datetime.date(2026, 3, 1)
    maturity_services.create_assessment(
        actor=None,
        organisation=world.organisation,
        data=maturity_services.AssessmentInput(title=first, assessed_on=on),
    )
    with pytest.raises(ValidationError) as error:
        maturity_services.create_assessment(
            actor=None,
            organisation=world.organisation,
            data=maturity_services.AssessmentInput(title=second, assessed_on=on),
        )
    assert "already has an assessment with this title" in error.value.message_dict["title"][0]


@pytest.mark.parametrize(("first", "second"), PAIRS)
def test_token_service_refuses_the_name_next_to_the_field(
    world: World, first: str, second: str
) -> None:
    account_services.create_api_token(actor=None, organisation=world.organisation, name=first)
    with pytest.raises(ValidationError) as error:
        account_services.create_api_token(actor=None, organisation=world.organisation, name=second)
    assert error.value.message_dict["name"] == [
        "The organisation already has a token with this name."
    ]


def test_theme_full_clean_puts_the_refusal_next_to_the_name(world: World) -> None:
    Theme.objects.create(roadmap=world.roadmap, name="Älykäs kunta")
    theme = Theme(roadmap=world.roadmap, name="ÄLYKÄS KUNTA")
    with pytest.raises(ValidationError) as error:
        theme.full_clean()
    assert error.value.message_dict == {
        "name": ["This roadmap already has a theme with this name."]
    }


@pytest.mark.parametrize(("first", "second"), PAIRS)
def test_token_form_finds_the_name_in_any_case(world: World, first: str, second: str) -> None:
    account_services.create_api_token(actor=None, organisation=world.organisation, name=first)
    form = ApiTokenForm({"name": second}, organisation=world.organisation)
    assert not form.is_valid()
    assert form.errors["name"] == [
        "The organisation already has a token with this name (revoked ones count too)."
    ]
    assert ApiToken.objects.filter(organisation=world.organisation).named(second).count() == 1
