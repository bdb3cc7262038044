"""What is public is decided in one place: roadmap.publicity."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from conftest import World
from tests.factories import TaskFactory
from tiekartta.core.actors import Actor
from tiekartta.core.text import NOTE
from tiekartta.progress import services as progress_services
from tiekartta.roadmap import publicity, services
from tiekartta.roadmap.models import FollowUpSettings, Task
from tiekartta.roadmap.services import TaskInput

pytestmark = pytest.mark.django_db


def _publish(world: World) -> None:
    world.roadmap.is_public = True
    world.roadmap.save()


def test_only_public_tasks_of_published_roadmaps(world: World) -> None:
    world.own_task.is_public = True
    world.own_task.save()
    assert list(publicity.public_tasks(world.roadmap)) == []  # the roadmap is not published
    assert list(publicity.public_roadmaps(world.organisation)) == []
    _publish(world)
    assert [t.pk for t in publicity.public_tasks(world.roadmap)] == [world.own_task.pk]
    assert [t.pk for t in publicity.public_tasks_of_organisation(world.organisation)] == [
        world.own_task.pk
    ]
    assert list(publicity.public_roadmaps(world.organisation)) == [world.roadmap]
    assert list(publicity.organisations_with_public_site()) == [world.organisation]
    assert list(publicity.public_roadmaps(world.outsider_organisation)) == []


def test_projection_carries_no_internal_field(world: World) -> None:
    _publish(world)
    task = TaskFactory(
        theme=world.theme,
        owner=world.owner_person,
        title="Avoin tehtävä",
        description="SISÄINEN KUVAUS",
        unit="Tekninen toimiala",
        is_public=True,
        translations={"sv": {"title": "Öppen uppgift", "description": "INTERN BESKRIVNING"}},
    )
    projected = publicity.public_task_list(world.roadmap)
    assert [p.id for p in projected] == [task.pk]
    values = [repr(v) for v in dataclasses.asdict(projected[0]).values()]
    assert "SISÄINEN KUVAUS" not in " ".join(values)
    assert "INTERN BESKRIVNING" not in " ".join(values)
    assert world.owner_person.name not in " ".join(values)
    assert projected[0].responsible == "Tekninen toimiala"
    assert {f.name for f in dataclasses.fields(publicity.PublicTask)}.isdisjoint(
        {"description", "priority", "collaborators", "owner", "email", "kind", "quick_win"}
    )


def test_names_only_when_the_organisation_allows(world: World) -> None:
    _publish(world)
    world.own_task.is_public = True
    world.own_task.unit = ""
    world.own_task.save()
    world.owner_person.title = "Tekninen johtaja (virka)"
    world.owner_person.unit = ""
    world.owner_person.save()
    [hidden] = publicity.public_task_list(world.roadmap)
    assert hidden.responsible == "Tekninen johtaja (virka)"
    FollowUpSettings.objects.create(organisation=world.organisation, public_shows_names=True)
    [shown] = publicity.public_task_list(world.roadmap)
    assert shown.responsible == world.owner_person.name


def _input(task: Task, **changes: Any) -> TaskInput:
    return dataclasses.replace(TaskInput.from_task(task), **changes)


def test_task_service_dates_the_public_summary_and_keeps_it_when_not_given(world: World) -> None:
    actor = Actor.for_user(world.users["editor"])
    task = world.own_task
    services.update_task(
        actor=actor,
        task=task,
        expected_version=task.version,
        data=_input(task, public_summary="Hyvin etenee."),
    )
    task.refresh_from_db()
    assert task.public_summary == "Hyvin etenee."
    stamped = task.public_summary_updated_at
    assert stamped is not None
    # An import or the API passes no summary: it stays, and so does its date.
    services.update_task(
        actor=actor,
        task=task,
        expected_version=task.version,
        data=_input(task, public_summary=None, title="Uusi nimi"),
    )
    task.refresh_from_db()
    assert (task.public_summary, task.public_summary_updated_at) == ("Hyvin etenee.", stamped)
    assert task.history.first().public_summary == "Hyvin etenee."


def test_public_summary_has_a_limit_in_the_service_and_the_database(world: World) -> None:
    actor = Actor.for_user(world.users["editor"])
    task = world.own_task
    with pytest.raises(ValidationError) as raised:
        services.update_task(
            actor=actor,
            task=task,
            expected_version=task.version,
            data=_input(task, public_summary="x" * (NOTE + 1)),
        )
    assert "public_summary" in raised.value.message_dict
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Task.objects.filter(pk=task.pk).update(public_summary="x" * (NOTE + 1))


def test_progress_entry_may_rewrite_the_public_summary(world: World) -> None:
    import datetime

    task = world.own_task
    progress_services.record_progress(
        actor=Actor.for_user(world.users["owner"]),
        task=task,
        quarter="2026Q3",
        completion=40,
        status="in_progress",
        note="Sisäinen huomio",
        public_summary="Kokeilu alkoi syksyllä.",
        today=datetime.date(2026, 9, 1),
    )
    task.refresh_from_db()
    assert task.public_summary == "Kokeilu alkoi syksyllä."
    assert task.public_summary_updated_at is not None


def test_roadmap_and_metric_publication_through_services(world: World) -> None:
    actor = Actor.for_user(world.users["admin"])
    roadmap = world.roadmap
    services.update_roadmap(
        actor=actor,
        roadmap=roadmap,
        title=roadmap.title,
        slug=roadmap.slug,
        start_year=roadmap.start_year,
        end_year=roadmap.end_year,
        description=roadmap.description,
        is_public=True,
    )
    roadmap.refresh_from_db()
    assert roadmap.is_public and roadmap.history.first().is_public
    progress_services.save_follow_up_settings(
        actor=actor,
        organisation=world.organisation,
        risk_margin=15,
        next_review_date=None,
        reminder_days_before=7,
        sign_in_link_hours=72,
        public_shows_names=True,
    )
    assert publicity.shows_names(world.organisation)


def test_public_metrics_only_of_a_published_roadmap(world: World) -> None:
    from tests.factories import MetricFactory

    shown = MetricFactory(roadmap=world.roadmap, owner=world.owner_person, is_public=True)
    MetricFactory(roadmap=world.roadmap, owner=world.owner_person, is_public=False)
    assert list(publicity.public_metrics(world.roadmap)) == []
    _publish(world)
    assert list(publicity.public_metrics(world.roadmap)) == [shown]
