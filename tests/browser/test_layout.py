"""Every main page fits its window: at 320, 768, 1366 and 1920 px wide and at 200 % zoom (a
640 px window is 1280 px at 200 %), in Finnish and Swedish, the page never scrolls sideways and
no heading runs out of its box; on a 390 × 844 phone the folded menu keeps to the top fifth.
Screenshots go to /tmp/tiekartta-layout/ for a person to look at."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import World
from tests.browser.conftest import log_in

ORG = "/o/testikaupunki/"
RM = ORG + "r/2026-2028/"
PAGES = {
    "overview": RM,
    "timeline": RM + "timeline/",
    "dashboard": RM + "dashboard/",
    "metrics": RM + "metrics/",
    "report": RM + "report/",
    "reviews": RM + "reviews/",
    "themes": RM + "themes/",
    "my-tasks": ORG + "my-tasks/",
    "people": ORG + "people/",
    "maturity": ORG + "maturity/",
    "changes": ORG + "changes/",
    "members": ORG + "members/",
    "settings": ORG + "follow-up/settings/",
    "not-found": RM + "no-such-page/",
}
WIDTHS = [320, 640, 768, 1366, 1920]
SHOTS = Path("/tmp/tiekartta-layout")

# The check runs in the page, as JavaScript; its long lines are that language's.
OVERFLOW = """() => {
  const doc = document.documentElement;
  const problems = [];
  if (doc.scrollWidth > doc.clientWidth) problems.push(`page ${doc.scrollWidth} > ${doc.clientWidth}`);
  const boxes = 'h1, h2, h3, dt, th, .figure, .card, .figure-grid > div, .theme-totals, .timeline-quarter';
  for (const element of document.querySelectorAll(boxes)) {
    if (element.closest('.table-scroll, .roadmap-nav')) continue;  // scroll on purpose
    if (element.offsetParent === null || element.closest('.visually-hidden')) continue;
    if (element.scrollWidth > element.clientWidth + 1) {
      problems.push(`${element.tagName}.${element.className}: "${element.textContent.trim().slice(0, 40)}" ${element.scrollWidth} > ${element.clientWidth}`);
    }
  }
  // Nor a cell squeezed to a column of letters (as the overview's rows were on a phone).
  for (const link of document.querySelectorAll('main td a')) {
    const width = link.getBoundingClientRect().width;
    const shown = link.cloneNode(true);
    shown.querySelectorAll('.visually-hidden').forEach((hidden) => hidden.remove());
    const text = shown.textContent.trim();
    if (text.length > 12 && link.offsetParent !== null && width < 40) {
      problems.push(`squeezed link "${text.slice(0, 30)}" ${Math.round(width)} px`);
    }
  }
  return problems;
}"""  # noqa: E501


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_pages_fit_every_window(world: World, page: Any, language: str) -> None:
    admin = world.users["admin"]
    admin.language = language
    admin.save()
    SHOTS.mkdir(exist_ok=True)
    log_in(page, "admin-user")
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in PAGES.items():
            page.goto(path)
            assert page.locator("html").get_attribute("lang") == language
            for problem in page.evaluate(OVERFLOW):
                problems.append(f"{name} at {width} px ({language}): {problem}")
            if width in (320, 1366) or name in ("dashboard", "timeline", "overview"):
                page.screenshot(path=str(SHOTS / f"{name}-{width}-{language}.png"), full_page=True)
    assert not problems, "\n".join(problems)


def test_phone_menu_folds_and_opens(world: World, page: Any) -> None:
    log_in(page, "admin-user")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(RM + "dashboard/")
    page.screenshot(path=str(SHOTS / "phone-dashboard.png"))
    main_top = page.evaluate("document.querySelector('main').getBoundingClientRect().top")
    assert main_top <= 0.2 * 844, f"the menu takes {main_top} px of 844"
    menu = page.get_by_role("button", name="Menu")
    assert menu.get_attribute("aria-expanded") == "false"
    assert not page.get_by_role("link", name="My tasks").is_visible()
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    page.get_by_text("Settings", exact=True).click()
    page.get_by_role("link", name="Follow-up settings").wait_for()
    page.keyboard.press("Escape")  # closes the group, focus back on its heading
    assert not page.get_by_role("link", name="Follow-up settings").is_visible()
    assert page.evaluate("document.activeElement.textContent.trim()") == "Settings"
    page.screenshot(path=str(SHOTS / "phone-menu-open.png"))


def test_menu_groups_open_by_keyboard_and_close_on_escape(world: World, page: Any) -> None:
    log_in(page, "admin-user")
    page.goto(RM)
    summary = page.locator("summary", has_text="Organisation")
    summary.focus()
    page.keyboard.press("Enter")
    people = page.get_by_role("link", name="People")
    people.wait_for()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "People"
    page.keyboard.press("Escape")
    assert not people.is_visible()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/people/")
    assert page.locator("summary.has-current", has_text="Organisation").count() == 1
