"""Ideas in Chromium: an editor writes two ideas one after another from the menu, parks one
with a reason, accepts the other into a task, and sees on the task's page where it came from; a
viewer reads the backlog and the decision. axe-core checks every ideas page."""

from __future__ import annotations

from typing import Any

from conftest import World
from tests.browser.conftest import assert_accessible, log_in
from tiekartta.ideas.models import Idea, IdeaStatus

FIRST = "Kirjaston tilat varattaviksi verkossa"
SECOND = "Chatbot kaupungin verkkosivuille"


def test_an_editor_writes_decides_and_accepts_ideas(world: World, page: Any) -> None:
    log_in(page, "editor-user")
    page.goto("/o/testikaupunki/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Ideas").click()
    page.wait_for_url("**/o/testikaupunki/ideas/")
    assert_accessible(page, "ideas, empty")
    page.get_by_role("link", name="New idea").click()
    assert_accessible(page, "new idea")
    page.locator("#id_title").fill(FIRST)
    page.locator("#id_source").select_option("resident_survey")
    page.locator("#id_event").fill("Asukaskysely 2022")
    page.get_by_label("Theme").select_option(
        label=f"{world.other_theme.name} ({world.roadmap.title})"
    )
    page.get_by_role("button", name="Save and write another").click()
    page.get_by_text("The idea was saved.").wait_for()
    # The form is empty again, for the next idea; the event written before is suggested.
    assert page.locator("#id_title").input_value() == ""
    page.locator("#id_title").fill(SECOND)
    page.locator("#id_source").select_option("ideation")
    page.locator("#id_title").press("Enter")
    page.get_by_role("heading", name=SECOND).wait_for()
    assert_accessible(page, "idea page")

    page.get_by_label("New status").select_option("parked")
    page.get_by_role("button", name="Change the status").click()
    page.get_by_text("Write the reason: it is shown to the proposer.").wait_for()
    page.get_by_label("Reason").fill("Seuraavalle kaudelle.")
    page.get_by_role("button", name="Change the status").click()
    page.get_by_text("The status was changed.").wait_for()
    assert page.get_by_role("cell", name="Seuraavalle kaudelle.").count() == 1

    page.goto("/o/testikaupunki/ideas/")
    page.get_by_role("link", name=FIRST).click()
    page.get_by_role("link", name="Accept into a task").click()
    assert_accessible(page, "accept into a task")
    page.locator("#id_existing-task").select_option(
        label=f"{world.own_task.title} ({world.roadmap.title})"
    )
    page.locator("#id_existing-reason").fill("Otetaan tiekarttaan.")
    page.get_by_role("button", name="Accept into this task").click()
    page.get_by_text("The idea was accepted into the task.").wait_for()
    # The answer is the task's page, which says where it came from.
    page.get_by_role("heading", name="Where the task came from").wait_for()
    assert page.get_by_role("link", name=FIRST).count() == 1
    assert Idea.objects.get(title=FIRST).status == IdeaStatus.ACCEPTED


def test_a_viewer_reads_the_backlog_and_filters_it(world: World, page: Any) -> None:
    from tests.factories import IdeaFactory

    IdeaFactory(organisation=world.organisation, title=FIRST)
    IdeaFactory(
        organisation=world.organisation,
        title=SECOND,
        status=IdeaStatus.REJECTED,
        status_reason="Ei tarvetta.",
    )
    log_in(page, "viewer-user")
    page.goto("/o/testikaupunki/ideas/")
    assert page.get_by_role("link", name="New idea").count() == 0
    page.locator("#id_status").select_option("rejected")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name=SECOND).wait_for()
    assert page.get_by_role("link", name=FIRST).count() == 0
    assert_accessible(page, "ideas, filtered")
    page.get_by_role("link", name=SECOND).click()
    page.get_by_text("Ei tarvetta.").first.wait_for()
    assert page.get_by_role("button", name="Change the status").count() == 0


def test_an_editor_imports_a_surveys_answers(world: World, page: Any, tmp_path: Any) -> None:
    from tiekartta.ideas.tests.test_survey_import import (
        ANSWERS,
        GROUP_QUESTION,
        IDEA_QUESTION,
        SECOND_QUESTION,
        webropol,
    )

    survey = tmp_path / "asukaskysely.xlsx"
    survey.write_bytes(webropol(ANSWERS))
    log_in(page, "editor-user")
    page.goto("/o/testikaupunki/ideas/")
    page.get_by_role("link", name="Import survey answers").click()
    assert_accessible(page, "survey upload")
    page.get_by_label("Survey answers (.xlsx or .csv)").set_input_files(str(survey))
    page.locator("#id_event").fill("Asukaskysely 2022")
    page.get_by_role("button", name="Upload and choose the columns").click()
    page.get_by_role("heading", name="Choose the columns: asukaskysely.xlsx").wait_for()
    assert_accessible(page, "survey columns")
    page.get_by_role("button", name="Preview the ideas").click()
    page.get_by_text("Choose at least one column that holds ideas.").wait_for()
    page.get_by_label(IDEA_QUESTION).check()
    page.get_by_label(SECOND_QUESTION).check()
    page.locator("#id_group_column").select_option(GROUP_QUESTION)
    page.get_by_role("button", name="Preview the ideas").click()
    page.get_by_text("4 respondents: 4 ideas, 4 empty answers.").wait_for()
    assert_accessible(page, "survey preview")
    page.get_by_role("button", name="Import 4 ideas").click()
    page.get_by_text("4 ideas were imported.").wait_for()
    assert page.get_by_role("link", name="Rakennusluvat sähköisesti").count() == 1
    assert Idea.objects.filter(event="Asukaskysely 2022", submitter="Asukas").count() == 4
