"""Two people edit the same theme in Chromium: the second is told, keeps their text, sees what
the first saved, and saves on purpose."""

from __future__ import annotations

from typing import Any

from conftest import World
from tests.browser.conftest import assert_accessible, log_in
from tiekartta.roadmap.models import Theme


def test_the_second_save_of_a_theme_is_refused_and_can_be_made_on_purpose(
    world: World, page: Any, browser: Any, live_server: Any
) -> None:
    edit = f"/o/testikaupunki/r/2026-2028/themes/{world.theme.pk}/edit/"
    other_context = browser.new_context(base_url=live_server.url)
    other_context.set_default_timeout(10_000)
    other = other_context.new_page()
    try:
        log_in(page, "editor-user")
        log_in(other, "admin-user")
        page.goto(edit)
        other.goto(edit)

        page.get_by_label("Description").fill("Tieto päätösten tueksi.")
        page.get_by_role("button", name="Save").click()
        page.get_by_text("The theme was saved.").wait_for()

        other.get_by_label("Description").fill("Mittarit ja raportit.")
        other.get_by_role("button", name="Save").click()
        alert = other.get_by_role("alert")
        alert.get_by_text("Someone else saved this theme while you were editing it.").wait_for()
        row = alert.get_by_role("row", name="Description")
        assert "Tieto päätösten tueksi." in row.inner_text()
        assert "Mittarit ja raportit." in row.inner_text()
        assert other.get_by_label("Description").input_value() == "Mittarit ja raportit."
        assert Theme.objects.get(pk=world.theme.pk).description == "Tieto päätösten tueksi."
        assert_accessible(other, "theme form after a conflict")

        # Having seen the difference, the second person saves their text on purpose.
        other.get_by_role("button", name="Save").click()
        other.get_by_text("The theme was saved.").wait_for()
        assert Theme.objects.get(pk=world.theme.pk).description == "Mittarit ja raportit."
    finally:
        other_context.close()
