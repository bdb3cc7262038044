"""Minutes, descriptions and notes past their ceiling: a message with the limit next to the
field, nothing saved, and the database refuses a write that skips the services."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from conftest import World
from tiekartta.accounts.models import Role
from tiekartta.core.text import DESCRIPTION, LONG_TEXT
from tiekartta.progress.models import Review
from tiekartta.roadmap import services as roadmap_services
from tiekartta.roadmap.models import Task
from tiekartta.roadmap.tests.test_views import task_form
from tiekartta.roadmap.tests.test_views import url as roadmap_url


def test_minutes_past_the_limit_are_refused_next_to_the_field(world: World) -> None:
    client = world.client_for(Role.EDITOR)
    review = world.review
    address = reverse(
        "progress:review_details",
        kwargs={"org": "testikaupunki", "roadmap": "2026-2028", "review": review.pk},
    )
    data = {
        "meeting_date": "2026-09-20",
        "minutes": "m" * (LONG_TEXT + 1),
        "decisions": "",
        "version": review.version,
    }
    response = client.post(address, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_minutes_error"' in page and "20000" in page
    assert Review.objects.get(pk=review.pk).minutes == ""
    saved = client.post(address, {**data, "minutes": "m" * LONG_TEXT})
    assert saved.status_code in (200, 302)
    assert len(Review.objects.get(pk=review.pk).minutes) == LONG_TEXT


def test_a_task_description_past_the_limit_in_the_form_and_the_service(world: World) -> None:
    client = world.client_for(Role.EDITOR)
    task = world.own_task
    data = task_form(
        world, title=task.title, description="d" * (DESCRIPTION + 1), version=task.version
    )
    response = client.post(roadmap_url("task_edit", task=task.pk), data)
    assert response.status_code == 200
    assert 'id="id_description_error"' in response.content.decode()
    assert Task.objects.get(pk=task.pk).description == task.description
    with pytest.raises(ValidationError) as refused:
        roadmap_services.create_theme(
            actor=None, roadmap=world.roadmap, name="Pitkä", description="t" * 4001
        )
    assert "4000" in str(refused.value.message_dict["description"])


def test_the_database_keeps_the_limit_when_the_services_are_skipped(world: World) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Task.objects.filter(pk=world.own_task.pk).update(description="d" * (DESCRIPTION + 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.filter(pk=world.review.pk).update(minutes="m" * (LONG_TEXT + 1))
