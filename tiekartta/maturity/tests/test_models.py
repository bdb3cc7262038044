"""The database keeps the assessment consistent even when the services are bypassed."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from conftest import World
from tests.factories import RoadmapFactory
from tiekartta.maturity.models import Assessment, Score, Stage, Viewpoint


def test_level_constraints(world: World, viewpoints: list[Viewpoint]) -> None:
    assessment = Assessment.objects.create(
        organisation=world.organisation, title="Arvio", assessed_on=datetime.date(2025, 1, 1)
    )
    for current, target in [(0, 3), (6, 3), (3, 0), (3, 6)]:
        with pytest.raises(IntegrityError), transaction.atomic():
            Score.objects.create(
                assessment=assessment, viewpoint=viewpoints[0], current=current, target=target
            )
    # Either level may be left empty.
    Score.objects.create(assessment=assessment, viewpoint=viewpoints[0], current=None, target=5)
    Score.objects.create(assessment=assessment, viewpoint=viewpoints[1], current=1, target=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.create(assessment=assessment, viewpoint=viewpoints[0], current=2)
    invalid = Score(assessment=assessment, viewpoint=viewpoints[2], current=9)
    with pytest.raises(ValidationError) as error:
        invalid.full_clean()
    assert "current" in error.value.message_dict


def test_names_titles_stages_and_dates(world: World) -> None:
    Viewpoint.objects.create(organisation=world.organisation, name="Tietoturva")
    with pytest.raises(IntegrityError), transaction.atomic():
        Viewpoint.objects.create(organisation=world.organisation, name="TIETOTURVA")
    Assessment.objects.create(
        organisation=world.organisation, title="Arvio", assessed_on=datetime.date(2025, 1, 1)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(
            organisation=world.organisation, title="arvio", assessed_on=datetime.date(2025, 2, 1)
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(
            organisation=world.organisation,
            title="Lopullinen",
            stage="final",
            assessed_on=datetime.date(2025, 1, 1),
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(
            organisation=world.organisation, title="Vanha", assessed_on=datetime.date(1999, 1, 1)
        )
    future = Assessment(
        organisation=world.organisation,
        title="Tuleva",
        stage=Stage.OTHER,
        assessed_on=timezone.localdate() + datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError) as error:
        future.full_clean()
    assert error.value.message_dict == {
        "assessed_on": ["The date of the assessment cannot be in the future."]
    }
    future.assessed_on = timezone.localdate()
    future.full_clean()


def test_a_scored_viewpoint_is_protected_and_a_roadmap_may_go(
    world: World, viewpoints: list[Viewpoint], make_assessment: Callable[..., Assessment]
) -> None:
    roadmap = RoadmapFactory(organisation=world.organisation, slug="2029-2031")
    assessment = make_assessment("Arvio", viewpoints, [(2, 3), (2, 3), (2, 3)], roadmap=roadmap)
    with pytest.raises(ProtectedError):
        viewpoints[0].delete()
    roadmap.delete()
    assessment.refresh_from_db()
    assert assessment.roadmap is None and assessment.scores.count() == 3
    # A viewpoint's link to a task goes with the task; the viewpoint stays.
    viewpoints[1].tasks.set([world.own_task])
    world.own_task.delete()
    assert Viewpoint.objects.count() == 3 and not viewpoints[1].tasks.exists()
