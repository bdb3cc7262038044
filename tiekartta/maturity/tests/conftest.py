"""Maturity objects for the shared `world` personas, made through the services."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from typing import Any

import pytest

from conftest import World
from tiekartta.maturity import services
from tiekartta.maturity.models import Assessment, Stage, Viewpoint

Levels = Sequence[tuple[int | None, int | None]]


@pytest.fixture
def make_viewpoint(world: World) -> Callable[..., Viewpoint]:
    def make(name: str, **kwargs: Any) -> Viewpoint:
        return services.create_viewpoint(
            actor=world.users["admin"], organisation=world.organisation, name=name, **kwargs
        )

    return make


@pytest.fixture
def make_assessment(world: World) -> Callable[..., Assessment]:
    def make(
        title: str,
        viewpoints: Sequence[Viewpoint],
        levels: Levels,
        assessed_on: datetime.date = datetime.date(2025, 11, 20),
        stage: str = Stage.BASELINE,
        **kwargs: Any,
    ) -> Assessment:
        return services.create_assessment(
            actor=world.users["admin"],
            organisation=world.organisation,
            data=services.AssessmentInput(
                title=title,
                assessed_on=assessed_on,
                stage=stage,
                scores=[
                    services.ScoreInput(viewpoint, current, target)
                    for viewpoint, (current, target) in zip(viewpoints, levels, strict=True)
                ],
                **kwargs,
            ),
        )

    return make


@pytest.fixture
def viewpoints(make_viewpoint: Callable[..., Viewpoint]) -> list[Viewpoint]:
    return [
        make_viewpoint("Strategia ja johtaminen"),
        make_viewpoint("Tiedolla johtaminen"),
        make_viewpoint("Asukkaiden digituki"),
    ]
