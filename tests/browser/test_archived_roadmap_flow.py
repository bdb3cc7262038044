"""An administrator opens an archived roadmap's task: nothing on it can be edited, and the
schedule conflict flag (item 14) is shown on a task that waits for a later predecessor."""

from __future__ import annotations

from typing import Any

from conftest import World
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import TaskFactory
from tiekartta.core.actors import Actor
from tiekartta.roadmap import services

OVERVIEW = "/o/testikaupunki/r/2026-2028/"


def test_admin_finds_no_edit_controls_on_an_archived_roadmaps_task(world: World, page: Any) -> None:
    services.set_roadmap_archived(
        actor=Actor.for_user(world.users["admin"]), roadmap=world.roadmap, archived=True
    )
    log_in(page, "admin-user")
    page.goto(OVERVIEW)
    page.get_by_text("This roadmap is archived and read-only.").wait_for()
    assert page.get_by_role("link", name="New task").count() == 0
    assert page.get_by_role("link", name="Edit roadmap").count() == 0
    assert page.get_by_role("link", name="Import tasks").count() == 0
    assert page.locator("form[action$='/move/']").count() == 0

    page.get_by_role("link", name=world.own_task.title).click()
    page.get_by_role("heading", level=1, name=world.own_task.title).wait_for()
    page.get_by_text("This roadmap is archived and read-only.").wait_for()
    for name in ("Edit", "Delete", "Record progress"):
        assert page.get_by_role("link", name=name, exact=True).count() == 0, name
    assert page.locator("main form").count() == 0
    assert_accessible(page, "archived task page")

    # An old bookmark to the edit form answers with the reason, not a form.
    page.goto(f"{OVERVIEW}tasks/{world.own_task.pk}/edit/")
    page.get_by_text("This roadmap is archived and read-only.").wait_for()
    assert page.locator("main form").count() == 0

    # Restoring is the one thing left to do, from the overview.
    page.goto(OVERVIEW)
    page.get_by_role("button", name="Restore from the archive").click()
    page.get_by_text("The roadmap was restored.").wait_for()
    page.get_by_role("link", name="New task").first.wait_for()


def test_editor_is_asked_before_saving_a_schedule_conflict(world: World, page: Any) -> None:
    TaskFactory(
        theme=world.theme,
        owner=world.other_person,
        title="Tietoallas",
        start="2026Q1",
        due="2026Q3",
    )
    log_in(page, "editor-user")
    page.goto(f"{OVERVIEW}tasks/{world.own_task.pk}/edit/")
    page.get_by_label("Target start").select_option("2026Q2")
    page.get_by_label("Target end").select_option("2026Q4")
    page.get_by_label("Predecessors").select_option(label="Tietoallas")
    page.get_by_role("button", name="Save", exact=True).click()
    message = (
        "Schedule conflict with the predecessor “Tietoallas”: it ends Q3/2026, this task "
        "starts Q2/2026."
    )
    page.get_by_role("alert").get_by_text(message).wait_for()
    assert_accessible(page, "task form with a schedule conflict")
    page.get_by_role("button", name="Save anyway").click()
    page.get_by_text("The task was saved.").wait_for()
    page.get_by_text(message).wait_for()
