"""The interim report's "Where the tasks came from": the roadmap's tasks by the source of the
ideas they grew from, and the ideas parked for later, on the web page and in the .docx."""

from __future__ import annotations

import datetime
import io

import docx
from django.urls import reverse

from conftest import World
from tests.factories import IdeaFactory
from tiekartta.core.actors import Actor
from tiekartta.ideas import services
from tiekartta.ideas.models import IdeaSource, IdeaStatus
from tiekartta.reports.documents import interim_docx
from tiekartta.reports.interim import build_interim_report

TODAY = datetime.date(2026, 12, 3)


def test_the_report_says_where_the_tasks_came_from_and_what_was_parked(world: World) -> None:
    editor = Actor.for_user(world.users["editor"])
    survey = [IdeaFactory(organisation=world.organisation, source=IdeaSource.RESIDENT_SURVEY)]
    barrel = [
        IdeaFactory(organisation=world.organisation, source=IdeaSource.IDEATION) for _ in range(2)
    ]
    services.accept_ideas(actor=editor, ideas=survey + barrel[:1], task=world.own_task, reason="A")
    services.accept_ideas(actor=editor, ideas=barrel[1:], task=world.others_task, reason="B")
    parked = IdeaFactory(organisation=world.organisation, title="Drooni-inventointi")
    services.change_status(
        actor=editor, idea=parked, status=IdeaStatus.PARKED, reason="Seuraavalle kaudelle."
    )
    # Another organisation's parked idea is not this report's.
    IdeaFactory(
        organisation=world.outsider_organisation,
        title="Naapurin idea",
        status=IdeaStatus.PARKED,
        status_reason="X",
    )
    report = build_interim_report(world.roadmap, TODAY, TODAY)
    found = report.provenance
    assert found is not None
    assert (found.tasks_from_ideas, found.tasks_total) == (2, 2)
    assert [(row.label, row.tasks, row.ideas) for row in found.sources] == [
        ("Residents' survey", 1, 1),
        ("Ideation meeting", 2, 2),
    ]
    assert [idea.title for idea in found.parked] == ["Drooni-inventointi"]
    page = (
        world.client_for("viewer")
        .get(reverse("reports:interim", kwargs={"org": "testikaupunki", "roadmap": "2026-2028"}))
        .content.decode()
    )
    assert "Where the tasks came from" in page and "Seuraavalle kaudelle." in page
    assert "Naapurin idea" not in page
    text = "\n".join(
        paragraph.text for paragraph in docx.Document(io.BytesIO(interim_docx(report))).paragraphs
    )
    assert "Where the tasks came from" in text and "Ideas parked for later" in text


def test_without_ideas_the_section_is_left_out(world: World) -> None:
    assert build_interim_report(world.roadmap, TODAY, TODAY).provenance is None
