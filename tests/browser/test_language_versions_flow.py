"""Writing the roadmap in two languages, in Chromium: the admin takes Swedish into use, finds
the texts that lack a Swedish version from the dashboard, writes one beside the Finnish text,
and a resident reads it on the public site in Swedish, with the untranslated theme marked as
Finnish. axe-core checks the forms and the list."""

from __future__ import annotations

import re
from typing import Any

from conftest import World
from tests.browser.conftest import assert_accessible, log_in
from tiekartta.roadmap.models import Roadmap, Task

ROADMAP = "/o/testikaupunki/r/2026-2028/"


def test_the_admin_adds_swedish_and_a_resident_reads_the_swedish_title(
    world: World, page: Any
) -> None:
    Roadmap.objects.filter(pk=world.roadmap.pk).update(is_public=True)
    Task.objects.filter(pk=world.own_task.pk).update(is_public=True)
    log_in(page, "admin-user")

    page.goto(f"{ROADMAP}dashboard/")
    assert page.get_by_role("link", name=re.compile("lack a translation")).count() == 0
    page.locator("summary", has_text="Settings").click()
    page.get_by_role("link", name="Follow-up settings").click()
    page.get_by_role("checkbox", name=re.compile("svenska|Swedish")).check()
    page.get_by_role("button", name="Save the languages").click()
    page.get_by_text("The languages of the content were saved.").wait_for()
    assert_accessible(page, "settings with two languages")

    # The dashboard counts what lacks Swedish and leads to the list.
    page.goto(f"{ROADMAP}dashboard/")
    page.get_by_role("link", name=re.compile(r"\d+ texts lack a translation")).click()
    page.get_by_role("heading", name=re.compile("Missing translations")).wait_for()
    assert_accessible(page, "missing translations")
    title = world.own_task.title
    page.get_by_role("link", name=re.compile(rf"^Edit\s*:\s*{title}$")).click()

    # The task form: the Swedish title beside the Finnish one, marked as Swedish.
    swedish = page.get_by_label(re.compile(r"^Title \((svenska|Swedish)\):?$"))
    assert swedish.get_attribute("lang") == "sv"
    finnish = page.get_by_label(re.compile(r"^Title \((suomi|Finnish)\):?$"))
    assert finnish.input_value() == title
    assert_accessible(page, "task form with language versions")
    swedish.fill("Fjärravläsning av vattenmätare")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The task was saved.").wait_for()
    task = Task.objects.get(pk=world.own_task.pk)
    assert task.translations["sv"]["title"] == "Fjärravläsning av vattenmätare"

    page.goto(f"{ROADMAP}translations/missing/")
    assert page.get_by_role("link", name=re.compile(rf"^Edit\s*:\s*{title}$")).count() == 0

    # A resident, not signed in, reads the task in Swedish.
    page.context.clear_cookies()
    page.goto(f"/julkinen/testikaupunki/2026-2028/tehtava/{task.pk}/?lang=sv")
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == "Fjärravläsning av vattenmätare"
    assert page.locator("html").get_attribute("lang") == "sv"
    # The theme has no Swedish name: it is shown in Finnish, marked so for screen readers.
    theme = page.locator("[lang=fi]", has_text=world.own_task.theme.name).first
    theme.wait_for()
    assert_accessible(page, "public task in Swedish")
