"""A published roadmap with public and non-public things side by side, each non-public one
carrying a secret that no open-data answer may contain."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import pytest
import time_machine
from django.test import Client

from conftest import World
from tests.factories import (
    MetricFactory,
    MetricValueFactory,
    ProgressEntryFactory,
    RoadmapFactory,
    TaskFactory,
    ThemeFactory,
)
from tiekartta.metrics.models import Metric
from tiekartta.roadmap.models import Roadmap, Task

NOW = "2026-11-27 12:00 +0200"
BASE = "/avoin-data/v1"
ROADMAP = f"{BASE}/organisations/testikaupunki/roadmaps/2026-2028"

# Words that must never leave the building.
SECRETS = (
    "SALAINEN-TEHTÄVÄ",
    "SISÄINEN-KUVAUS",
    "SISÄINEN-MUISTIINPANO",
    "henkilo@testikaupunki.fi",
    "JULKAISEMATON-TIEKARTTA",
    "SALAINEN-MITTARI",
    "SALAINEN-ARVON-HUOMIO",
    "Naapurikunta",
)


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@dataclass
class Published:
    world: World
    roadmap: Roadmap
    public_task: Task
    secret_task: Task
    public_metric: Metric
    secret_metric: Metric


@pytest.fixture
def published(world: World) -> Published:
    roadmap = world.roadmap
    roadmap.is_public = True
    roadmap.save()
    person = world.owner_person
    person.email = "henkilo@testikaupunki.fi"
    person.save()
    public_task = world.own_task
    public_task.is_public = True
    public_task.public_summary = "Mittarit luetaan etänä."
    public_task.description = "SISÄINEN-KUVAUS"
    public_task.save()
    ProgressEntryFactory(task=public_task, note="SISÄINEN-MUISTIINPANO", completion=40)
    secret_task = world.others_task
    secret_task.title = "SALAINEN-TEHTÄVÄ"
    secret_task.save()
    hidden_roadmap = RoadmapFactory(
        organisation=world.organisation, slug="luonnos", title="JULKAISEMATON-TIEKARTTA"
    )
    TaskFactory(theme=ThemeFactory(roadmap=hidden_roadmap), is_public=True)
    # The neighbour publishes too: its data stays under its own address.
    world.outsider_roadmap.is_public = True
    world.outsider_roadmap.save()
    Task.objects.filter(pk=world.outsider_task.pk).update(is_public=True)
    public_metric = MetricFactory(
        roadmap=roadmap, owner=person, theme=world.theme, name="Etäluettujen osuus", is_public=True
    )
    MetricValueFactory(metric=public_metric, period="2026Q1", value=Decimal("25.5"))
    MetricValueFactory(
        metric=public_metric, period="2026Q2", value=Decimal("30"), note="SALAINEN-ARVON-HUOMIO"
    )
    # A value typed early for a period still to come is not yet data.
    MetricValueFactory(metric=public_metric, period="2027Q1", value=Decimal("99"))
    secret_metric = MetricFactory(roadmap=roadmap, owner=person, name="SALAINEN-MITTARI")
    MetricValueFactory(metric=secret_metric, period="2026Q2")
    return Published(world, roadmap, public_task, secret_task, public_metric, secret_metric)


class OpenClient(Client):
    """Anyone on the internet: no session, English for the assertions."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(headers={"Accept-Language": "en"}, enforce_csrf_checks=True, **kwargs)


@pytest.fixture
def client_open() -> OpenClient:
    return OpenClient()
