"""The plan's life in Chromium: the administrator records the adoption; an editor drafts a
revision (a task postponed) and reads its changes; the administrator adopts it, and the
versions page lists version 2 with its decision. Then the roadmap is renewed through the
wizard, one unfinished task left behind, and the final report says what was carried over.
axe-core checks the pages on the way."""

from __future__ import annotations

from typing import Any

from conftest import World
from tests.browser.conftest import assert_accessible, log_in, watch_csp
from tiekartta.plans.models import PlanVersion, Renewal
from tiekartta.roadmap.models import Roadmap, Task

PLAN = "/o/testikaupunki/r/2026-2028/plan/"


def test_adopt_draft_read_the_changes_and_adopt_the_revision(world: World, page: Any) -> None:
    violations = watch_csp(page)
    task = world.own_task
    log_in(page, "admin-user")
    page.goto(PLAN)
    page.get_by_role("heading", name="Versions and decisions", level=1).wait_for()
    assert_accessible(page, "versions before the adoption")
    page.get_by_label("Date of the decision").fill("2026-01-19")
    page.get_by_label("Decision maker").fill("Kaupunginhallitus")
    page.get_by_label("Decision reference").fill("19.1.2026 § 9")
    page.get_by_role("button", name="Record the adoption").click()
    page.get_by_text("The adoption was recorded and the plan kept as version 1.").wait_for()
    assert PlanVersion.objects.get(roadmap=world.roadmap).number == 1
    page.get_by_role("button", name="Log out").click()

    # An editor drafts the revision: the task's end a year later.
    log_in(page, "editor-user")
    page.goto(PLAN)
    page.get_by_label("Title").fill("Päivitys 2027")
    page.get_by_role("button", name="Start a revision").click()
    page.get_by_role("heading", name="Päivitys 2027", level=1).wait_for()
    assert_accessible(page, "the draft")
    page.locator(f"a[href$='/task/{task.pk}/']").click()
    page.get_by_label("Target end").select_option("2027Q4")
    page.get_by_label("Title").press("Enter")  # saved from the keyboard
    page.get_by_text("The draft was saved. The live plan is unchanged.").wait_for()
    task.refresh_from_db()
    assert task.due != "2027Q4", "the live plan is not touched"
    changes = page.locator(
        "section", has=page.get_by_role("heading", name="The draft against the live plan")
    )
    row = changes.get_by_role("row", name=task.title)
    assert "target end" in row.inner_text() and "Q4/2027" in row.inner_text()
    page.get_by_role("link", name="The changes as a printable page and a Word document").click()
    page.get_by_role("heading", name="Changes in the plan", level=1).wait_for()
    assert "Q4/2027" in page.locator("main").inner_text()
    assert_accessible(page, "the comparison")
    page.get_by_role("button", name="Log out").click()

    # The administrator adopts it.
    log_in(page, "admin-user")
    page.goto(PLAN)
    page.get_by_role("link", name="Open the draft").click()
    page.get_by_label("Date of the decision").fill("2027-01-18")
    page.get_by_label("Decision maker").fill("Kaupunginhallitus")
    page.get_by_label("Decision reference").fill("18.1.2027 § 4")
    page.get_by_role("button", name="Adopt the revision").click()
    page.get_by_text("The revision was adopted and the plan kept as version 2.").wait_for()
    versions = page.locator("table", has=page.locator("caption", has_text="adopted versions"))
    assert "18.1.2027 § 4" in versions.get_by_role("row", name="2 · Revision").inner_text()
    task.refresh_from_db()
    assert task.due == "2027Q4"
    assert_accessible(page, "versions after the revision")
    assert not violations, violations


def test_renew_through_the_wizard(world: World, page: Any) -> None:
    violations = watch_csp(page)
    left_behind = world.others_task
    log_in(page, "admin-user")
    page.goto(PLAN)
    page.get_by_role("link", name="Renew the roadmap").click()
    page.get_by_label("First year").fill("2028")
    page.get_by_role("button", name="Next: what is carried over").click()
    page.locator("#id_start_year_error").wait_for()
    assert "2029 or later" in page.locator("#id_start_year_error").inner_text()
    assert_accessible(page, "renewal step 1 with an error")
    page.get_by_label("First year").fill("2029")
    page.get_by_label("Last year").fill("2031")
    page.get_by_label("Short name in addresses").fill("2029-2031")
    page.get_by_role("button", name="Next: what is carried over").click()
    page.get_by_role("heading", name="Unfinished tasks").wait_for()
    assert_accessible(page, "renewal step 2")
    page.get_by_label(f"Carry over {left_behind.title}").uncheck()
    page.get_by_role("button", name="Renew: make the new roadmap").click()
    page.get_by_text("was closed with its final report").wait_for()
    new = Roadmap.objects.get(organisation=world.organisation, slug="2029-2031")
    carried = Task.objects.get(roadmap=new, carried_over_from=world.own_task)
    assert carried.start == "2029Q1"
    assert not Task.objects.filter(roadmap=new, carried_over_from=left_behind).exists()
    world.roadmap.refresh_from_db()
    assert world.roadmap.is_archived and Renewal.objects.get(source=world.roadmap).target == new

    page.goto(f"/o/testikaupunki/r/2026-2028/tasks/{carried.pk}/".replace("2026-2028", "2029-2031"))
    assert "Carried over from" in page.locator("main").inner_text()
    page.goto("/o/testikaupunki/r/2026-2028/final-report/")
    section = page.locator("#carried-over")
    section.wait_for()
    assert world.own_task.title in section.inner_text()
    assert left_behind.title in section.inner_text()  # unfinished and not carried over
    assert_accessible(page, "the final report")
    assert not violations, violations
