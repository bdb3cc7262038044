"""A member reads the change log in Chromium: a hand-over with both owners, the filters, the
pages and the CSV download."""

from __future__ import annotations

from typing import Any

from conftest import World
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import ThemeFactory

LOG = "/o/testikaupunki/changes/"


def test_viewer_filters_and_pages_the_change_log(world: World, page: Any) -> None:
    for n in range(60):
        ThemeFactory(roadmap=world.roadmap, name=f"Teema {n:02}")
    log_in(page, "editor-user")
    page.goto(f"/o/testikaupunki/r/2026-2028/tasks/{world.own_task.pk}/edit/")
    page.get_by_label("Responsible person").select_option(str(world.other_person.pk))
    page.get_by_role("button", name="Save").click()
    page.get_by_role("heading", level=1).wait_for()

    page.locator("summary", has_text="Organisation").click()  # the menu's group
    page.get_by_role("link", name="Changes").click()
    page.wait_for_url(f"**{LOG}")
    assert_accessible(page, "change log")
    entries = page.locator("article.history-entry")
    assert entries.count() == 50
    page.get_by_role("link", name="Older changes").click()
    page.get_by_role("link", name="Newest changes").wait_for()
    assert page.locator("article.history-entry").count() > 0

    page.get_by_label("Kind").select_option("roadmap.task")
    page.get_by_label("Object's name").fill("vesimittarien")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**kind=roadmap.task**")
    hand_over = page.locator("article.history-entry", has_text="Changed · Task")
    text = hand_over.first.inner_text()
    assert str(world.owner_person) in text and str(world.other_person) in text
    assert "Teema" not in page.locator("#results").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as CSV").click()
    assert download.value.suggested_filename == "testikaupunki-changes.csv"
