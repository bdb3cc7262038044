"""Users clicking through the roadmap in Chromium."""

from __future__ import annotations

import re
from typing import Any

from conftest import World
from tests.browser.conftest import assert_accessible, log_in, watch_csp
from tiekartta.roadmap.models import Task, Theme

OVERVIEW = "/o/testikaupunki/r/2026-2028/"


def test_editor_creates_theme_and_task_finds_it_and_switches_to_swedish(
    world: World, page: Any
) -> None:
    violations = watch_csp(page)
    log_in(page, "editor-user")
    page.goto(OVERVIEW)
    page.get_by_role("link", name="Themes", exact=True).click()
    page.get_by_role("link", name="New theme").click()
    page.get_by_label("Name").fill("Tietoturva")
    page.get_by_label("Colour").select_option("red")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The theme was saved.").wait_for()
    theme = Theme.objects.get(roadmap=world.roadmap, name="Tietoturva")

    page.get_by_role("link", name="Overview").click()
    page.get_by_role("link", name="New task").first.click()
    page.get_by_label("Title").fill("Kyberturvahankkeen tuotokset käyttöön")
    page.get_by_label("Theme").select_option(str(theme.pk))
    page.get_by_label("Kind").select_option("implementation")
    page.get_by_label("Responsible person").select_option(str(world.other_person.pk))
    page.get_by_label("Target start").select_option("2026Q3")
    page.get_by_label("Target end").select_option("2026Q2")  # deliberately before the start
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The target end cannot be before the target start.").wait_for()
    assert not Task.objects.filter(title__startswith="Kyberturva").exists()
    page.get_by_label("Target end").select_option("2027Q2")
    page.get_by_label("Quick win").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The task was created.").wait_for()
    assert (
        page.get_by_role("heading", level=1).inner_text() == "Kyberturvahankkeen tuotokset käyttöön"
    )

    # Filter the overview: htmx swaps the results and the URL carries the filters.
    # The overview must have replaced the task page before the filter is used: under load the
    # select could otherwise reach the old page's form.
    with page.expect_navigation():
        page.get_by_role("link", name="Overview").click()
    page.get_by_label("Theme").select_option(str(theme.pk))
    page.wait_for_url(re.compile(rf"theme={theme.pk}"))
    results = page.locator("#results")
    results.get_by_role("link", name="Kyberturvahankkeen tuotokset käyttöön").wait_for()
    assert "Vesimittarien etäluenta" not in results.inner_text()
    page.reload()  # the shared URL shows the same filtered view
    assert page.get_by_label("Theme").input_value() == str(theme.pk)
    assert "Vesimittarien etäluenta" not in page.locator("#results").inner_text()

    page.get_by_role("link", name="Timeline").click()
    page.get_by_role("link", name="Kyberturvahankkeen tuotokset käyttöön").wait_for()
    page.get_by_label("Search").fill("kyber")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"q=kyber"))
    assert page.locator(".timeline-row").count() == 1
    # 2026Q3–2027Q2: four of the period's twelve quarters from the third, placed by classes.
    # htmx may still be swapping the results in: measure once the swap has settled.
    page.wait_for_load_state("networkidle")
    grid = _settled_box(page, ".timeline-row .timeline-grid")
    bar = _settled_box(page, ".timeline-bar")
    assert abs(bar["width"] - grid["width"] * 4 / 12) < 6
    assert abs(bar["x"] - (grid["x"] + grid["width"] * 2 / 12)) < 4

    page.get_by_role("button", name="Svenska").click()
    page.get_by_role("heading", name=re.compile("Tidslinje")).wait_for()
    assert page.locator("html").get_attribute("lang") == "sv"
    # Forms, htmx's swaps, the menus and the timeline ran under the site's strict policy.
    assert not violations, violations


def test_owner_edits_only_own_tasks(world: World, page: Any) -> None:
    log_in(page, "owner-user")
    page.goto(f"{OVERVIEW}tasks/{world.own_task.pk}/")
    page.get_by_role("link", name="Edit").click()
    page.get_by_label("Title").fill("Vesimittarien etäluenta laajenee")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The task was saved.").wait_for()
    page.goto(f"{OVERVIEW}tasks/{world.others_task.pk}/")
    assert page.get_by_role("link", name="Edit").count() == 0
    response = page.goto(f"{OVERVIEW}tasks/{world.others_task.pk}/edit/")
    assert response.status == 403
    page.goto(OVERVIEW)
    assert page.get_by_role("link", name="New task").count() == 0


def test_pages_meet_wcag_21_aa(world: World, page: Any) -> None:
    page.goto("/login/")
    assert_accessible(page, "login")
    log_in(page, "editor-user")
    pages = {
        "overview": OVERVIEW,
        "timeline": f"{OVERVIEW}timeline/",
        "task page": f"{OVERVIEW}tasks/{world.own_task.pk}/",
        "task form": f"{OVERVIEW}tasks/{world.own_task.pk}/edit/",
        "new task with errors": f"{OVERVIEW}tasks/new/",
        "themes": f"{OVERVIEW}themes/",
        "people": "/o/testikaupunki/people/",
        "changes": "/o/testikaupunki/changes/",
    }
    for label, path in pages.items():
        page.goto(path)
        if label == "new task with errors":
            page.get_by_role("button", name="Save").click()
            page.locator(".error").first.wait_for()
        assert_accessible(page, label)


def test_keyboard_reaches_content_and_zoom_keeps_layout(world: World, page: Any) -> None:
    log_in(page, "viewer-user")
    page.goto(OVERVIEW)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    # 200 % zoom on a 1280 px screen is a 640 px wide viewport: no horizontal scrolling.
    page.set_viewport_size({"width": 640, "height": 900})
    page.goto(OVERVIEW)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_timeline_prints_on_a4_landscape(world: World, page: Any) -> None:
    log_in(page, "viewer-user")
    page.goto(f"{OVERVIEW}timeline/")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".filters").is_visible()
    assert page.locator(".timeline-bar").first.is_visible()
    pdf = page.pdf(prefer_css_page_size=True)
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert box, "no page box in the PDF"
    width, height = float(box[1]), float(box[2])
    assert (round(width), round(height)) == (842, 595), "A4 landscape is 842 × 595 points"


def _settled_box(page: Any, selector: str) -> dict[str, float]:
    """The element's box, asked again while a swap replaces the element (None meanwhile)."""
    for _attempt in range(50):
        box = page.locator(selector).first.bounding_box()
        if box is not None:
            return box  # type: ignore[no-any-return]
        page.wait_for_timeout(100)
    raise AssertionError(f"{selector} never settled on the page")
