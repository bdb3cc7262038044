"""The demo's ideas: the seed's sources, decisions with reasons dated when the group made them,
accepted ideas linked to the first roadmap's tasks (archived afterwards), added once."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tiekartta.accounts.models import User
from tiekartta.ideas.demo import IDEAS, WORKSHOP_IDEAS, add_demo_ideas
from tiekartta.ideas.models import Idea, IdeaSource, IdeaStatus, StatusChange, Workshop
from tiekartta.ideas.priorities import priorities
from tiekartta.ideas.scoring import Quadrant


@pytest.mark.django_db
def test_the_demo_carries_the_seeds_sources_and_decisions_once() -> None:
    call_command("load_demo")
    ideas = Idea.objects.filter(organisation__slug="kankaanpaa-demo")
    assert ideas.count() == len(IDEAS) + len(WORKSHOP_IDEAS)
    assert set(ideas.values_list("source", flat=True)) >= {
        IdeaSource.RESIDENT_SURVEY,
        IdeaSource.EMPLOYEE_SURVEY,
        IdeaSource.OFFICIALS_SURVEY,
        IdeaSource.IDEATION,
        IdeaSource.WORKSHOP,
        IdeaSource.PUBLIC_FORM,
    }
    assert ideas.filter(event="Toiveiden tynnyri 2022").exists()
    accepted = ideas.filter(status=IdeaStatus.ACCEPTED)
    assert accepted.count() >= 8
    for idea in accepted:
        assert idea.task is not None and idea.task.roadmap.slug == "2023-2025"
        assert idea.task.roadmap.is_archived and idea.status_reason
    for status in (IdeaStatus.PARKED, IdeaStatus.REJECTED, IdeaStatus.MERGED, IdeaStatus.NEW):
        assert ideas.filter(status=status).exists(), status
    assert all(idea.status_reason for idea in ideas.filter(status__in=["parked", "rejected"]))
    decided_2022 = StatusChange.objects.filter(idea__received_on__year=2022)
    assert decided_2022.exists()
    assert {change.changed_at.year for change in decided_2022} == {2022}
    assert add_demo_ideas() == []
    assert ideas.count() == len(IDEAS) + len(WORKSHOP_IDEAS)
    # A closed workshop with its record and the group's scores, and one open for dot votes.
    closed, upcoming = Workshop.objects.filter(organisation__slug="kankaanpaa-demo").order_by(
        "held_on"
    )
    assert closed.record and len(closed.record["ideas"]) >= len(WORKSHOP_IDEAS)
    assert upcoming.is_open and upcoming.ideas.exists()
    ranked = priorities(closed.organisation)
    quick = {row.idea.title for row in ranked.rows if row.quadrant == Quadrant.QUICK_WIN}
    assert "Digituen ajanvaraus kirjastoon" in quick
    assert ranked.rows[0].priority is not None
    # The accepted task's page says where it came from.
    cio = User.objects.get(username="demo-admin")
    client = Client()
    client.force_login(cio)
    idea = accepted.select_related("task__roadmap").first()
    assert idea is not None and idea.task is not None
    page = client.get(
        reverse(
            "progress:task_detail",
            kwargs={"org": "kankaanpaa-demo", "roadmap": "2023-2025", "task": idea.task.pk},
        )
    ).content.decode()
    assert idea.title in page
