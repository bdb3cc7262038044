"""Playwright driving Debian's Chromium against the live test server.

Without /usr/bin/chromium the browser tests are skipped locally, but fail when
TIEKARTTA_REQUIRE_BROWSER=1 (as .ci/run sets) so that CI can never pass without them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine

# Playwright's sync API runs an event loop in this thread; the tests' own ORM calls are still
# plain synchronous code, so Django's async-safety guard does not apply to them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("TIEKARTTA_CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).parent / "vendor" / "axe-core-4.14.1.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


# The personas' roadmap runs 2026–2028: a test against it that read the real clock would fail
# from 2029 (no current quarter, reminders for nobody). Every browser test runs on this day,
# late in the roadmap's first year as the demo's story is. time-machine patches the clock for
# the whole process, so the live server's thread sees the same day; the clock ticks, so
# timestamps still advance between requests.
TODAY = "2026-11-20 10:00 +0200"


@pytest.fixture(autouse=True)
def frozen_today() -> Iterator[None]:
    with time_machine.travel(TODAY, tick=True):
        yield


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not (shutil.which(CHROMIUM) or Path(CHROMIUM).exists()):
        message = f"Chromium not found at {CHROMIUM}"
        if os.environ.get("TIEKARTTA_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def log_in(page: Any, username: str, password: str = "salasana-123") -> None:
    page.goto("/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(lambda url: "/login/" not in url)


def assert_accessible(page: Any, label: str) -> None:
    """axe-core finds no WCAG 2.1 A/AA violation on the page as it is now."""
    # Evaluated by Playwright, not added as a <script>: the site's Content-Security-Policy
    # refuses inline scripts, and rightly so.
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    problems = [
        f"{v['id']} ({v['impact']}): {v['help']} → "
        + "; ".join(node["target"][0] for node in v["nodes"][:5])
        for v in result["violations"]
    ]
    assert not problems, f"{label}:\n" + "\n".join(problems)
    assert result["passes"], "axe ran no checks"


def watch_csp(page: Any) -> list[str]:
    """The Content-Security-Policy violations of every page the tab opens from now on: the
    browser's own console errors and each `securitypolicyviolation` event (the init script is
    Playwright's, which the policy does not concern)."""
    violations: list[str] = []
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', (e) => console.error("
        "`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`"
        "));"
    )

    def on_console(message: Any) -> None:
        if "Content Security Policy" in message.text or message.text.startswith("CSP violation"):
            violations.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    return violations
