"""An experiment in Chromium: the task owner opens their pilot task, describes its experiment
by keyboard, comes back with the result and a decision chosen with clicks, and the decision is
counted on the dashboard, whose Experiments panel leads to the pilot tasks. axe-core checks
the form, the task page and the dashboard."""

from __future__ import annotations

from typing import Any

from conftest import World
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import TaskFactory
from tiekartta.progress.models import Decision, Experiment
from tiekartta.roadmap.models import Kind

PILOT = "Chatbotin kokeilu asiakaspalvelussa"
HYPOTHESIS = "Chatbotti vastaa yleisimpiin kysymyksiin ja ohjaa oikeaan palveluun."
RESULT = "Puolet keskusteluista päättyi ilman siirtoa asiakaspalveluun."


def test_an_owner_writes_an_experiment_and_its_decision_shows_on_the_dashboard(
    world: World, page: Any
) -> None:
    task = TaskFactory(
        theme=world.theme,
        owner=world.owner_person,
        title=PILOT,
        kind=Kind.PILOT,
        start="2026Q2",
        due="2027Q1",
    )
    log_in(page, "owner-user")
    page.goto(f"/o/testikaupunki/r/2026-2028/tasks/{task.pk}/")
    section = page.locator("#experiment")
    section.get_by_text("The experiment has not been described yet").wait_for()
    section.get_by_role("link", name="Describe the experiment").click()
    page.get_by_role("heading", name="Describe the experiment").wait_for()
    assert_accessible(page, "experiment form")

    # By keyboard: the hypothesis first, then Tab to the success criteria.
    page.get_by_label("Hypothesis").focus()
    page.keyboard.type(HYPOTHESIS)
    page.keyboard.press("Tab")
    page.keyboard.type("Puolet keskusteluista ilman siirtoa.")
    # The form starts from the task's schedule.
    assert page.get_by_label("Experiment starts").input_value() == "2026Q2"
    assert page.get_by_label("Experiment ends").input_value() == "2027Q1"
    page.get_by_role("button", name="Save").focus()
    page.keyboard.press("Enter")
    page.get_by_text("The experiment was saved.").wait_for()
    assert page.url.endswith("#experiment")
    assert_accessible(page, "task page with its experiment")

    # The result is in: a decision without it is refused next to the field, then made.
    page.locator("#experiment").get_by_role("link", name="Edit the experiment").click()
    page.locator("#id_decision").select_option("continue")
    page.get_by_role("button", name="Save").click()
    page.locator("#id_result_error").get_by_text("Write the result first").wait_for()
    assert Experiment.objects.get(task=task).decision == Decision.NONE
    page.get_by_label("Result").fill(RESULT)
    page.get_by_label("Lesson learned").fill("Vastaukset tarkastetaan kuukausittain.")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The experiment was saved.").wait_for()
    section = page.locator("#experiment")
    assert RESULT in section.inner_text()
    assert "Continue" in section.inner_text()

    page.goto("/o/testikaupunki/r/2026-2028/dashboard/")
    panel = page.locator("section[aria-labelledby=experiments-heading]")
    panel.get_by_text("1 pilot task by decision").wait_for()
    assert panel.get_by_role("row", name="Continue").inner_text().split()[-1] == "1"
    assert panel.get_by_role("row", name="Scale up").inner_text().split()[-1] == "0"
    assert_accessible(page, "dashboard with experiments")
    panel.get_by_role("link", name="The pilot tasks on the overview").click()
    page.wait_for_url("**/r/2026-2028/?kind=pilot")
    page.get_by_role("link", name=PILOT).first.wait_for()
    assert page.get_by_role("link", name=world.own_task.title).count() == 0
