"""The maturity assessment in Chromium: the administrator defines a viewpoint, records an
assessment by keyboard and compares it in the table and the radar chart."""

from __future__ import annotations

import datetime
from typing import Any

from conftest import World
from tests.browser.conftest import assert_accessible, log_in
from tiekartta.maturity import services
from tiekartta.maturity.models import Assessment, Stage

MATURITY = "/o/testikaupunki/maturity/"


def test_admin_defines_a_viewpoint_and_records_an_assessment(world: World, page: Any) -> None:
    admin = world.users["admin"]
    existing = [
        services.create_viewpoint(actor=admin, organisation=world.organisation, name=name)
        for name in ("Strategia ja johtaminen", "Asiakkaiden sähköiset palvelut")
    ]
    services.create_assessment(
        actor=admin,
        organisation=world.organisation,
        data=services.AssessmentInput(
            title="Lähtötaso 2022",
            assessed_on=datetime.date(2022, 11, 15),
            stage=Stage.BASELINE,
            scores=[
                services.ScoreInput(existing[0], 2, 4, "Tiekartta työn alla."),
                services.ScoreInput(existing[1], 1, 3),
            ],
        ),
    )
    log_in(page, "admin-user")
    page.goto("/o/testikaupunki/r/2026-2028/")
    page.locator("summary", has_text="Organisation").click()  # the menu's group
    page.get_by_role("link", name="Digital maturity").click()
    page.get_by_role("heading", name="Digital maturity", level=1).wait_for()
    # The menu marks the page, inside its (closed) group, and the group itself.
    assert page.locator('.main-nav a[aria-current="page"]').text_content() == "Digital maturity"
    assert page.locator("summary.has-current").text_content() == "Organisation"

    # A viewpoint of its own, linked to a roadmap task.
    page.get_by_role("link", name="Viewpoints").click()
    page.get_by_role("link", name="New viewpoint").click()
    page.get_by_label("Name").fill("Tiedolla johtaminen")
    page.get_by_label("Description").fill("Päätökset perustuvat ajantasaiseen tietoon.")
    page.get_by_label(world.own_task.title).check()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The viewpoint was saved.").wait_for()
    assert_accessible(page, "viewpoint list")

    # The assessment form, by keyboard: errors first, then every viewpoint's row in order.
    page.goto(MATURITY)
    page.get_by_role("link", name="New assessment").click()
    assert_accessible(page, "assessment form")
    page.get_by_label("Title").focus()
    page.keyboard.press("Enter")
    page.locator("#id_title_error").get_by_text("This field is required.").wait_for()
    assert page.get_by_label("Title").get_attribute("aria-invalid") == "true"
    assert Assessment.objects.count() == 1
    assert_accessible(page, "assessment form with errors")

    page.get_by_label("Title").fill("Uudistamisen arvio 2025")
    page.get_by_label("Date of the assessment").fill("2025-11-20")
    page.get_by_label("Stage").select_option("renewal")
    page.get_by_label("Roadmap", exact=True).select_option(str(world.roadmap.pk))
    viewpoints = [*existing, world.organisation.maturity_viewpoints.get(name="Tiedolla johtaminen")]
    levels = [("3", "5", "Tiekartta osa talousarviota."), ("2", "4", ""), ("2", "4", "Varasto")]
    page.locator(f"#id_vp{viewpoints[0].pk}_current").focus()
    for n, (viewpoint, (current, target, note)) in enumerate(zip(viewpoints, levels, strict=True)):
        assert page.evaluate("document.activeElement.id") == f"id_vp{viewpoint.pk}_current"
        page.keyboard.type(current)  # a select jumps to the option its typed text starts
        page.keyboard.press("Tab")
        page.keyboard.type(target)
        page.keyboard.press("Tab")
        page.keyboard.type(note)
        if n < len(viewpoints) - 1:
            page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # Enter in the last note saves the form
    page.get_by_text("The assessment was saved.").wait_for()
    saved = Assessment.objects.get(title="Uudistamisen arvio 2025")
    assert {s.viewpoint.name: (s.current, s.target) for s in saved.scores.all()} == {
        "Strategia ja johtaminen": (3, 5),
        "Asiakkaiden sähköiset palvelut": (2, 4),
        "Tiedolla johtaminen": (2, 4),
    }
    assert saved.roadmap == world.roadmap and saved.history.get().history_user == admin
    assert_accessible(page, "assessment page")

    # Side by side: the table and the radar chart with a shape per assessment and a target.
    page.locator("summary", has_text="Organisation").click()
    page.get_by_role("link", name="Digital maturity").first.click()
    page.wait_for_url("**/maturity/")
    table = page.get_by_role("table", name="Current and target level on each viewpoint, 1–5")
    strategy = table.get_by_role("row", name="Strategia ja johtaminen")
    cells = [c.strip() for c in strategy.locator("td").all_inner_texts()]
    assert cells[:4] == ["2", "4", "3", "5"] and cells[4] == "+1"
    chart = page.locator("svg[role=img]")
    assert "target level" in (chart.locator("title").text_content() or "")
    assert chart.locator("polygon[stroke-dasharray='9 5']").count() == 1
    page.get_by_role("link", name=world.own_task.title).wait_for()
    assert_accessible(page, "maturity overview")

    # 200 % zoom on a 1280 px screen is a 640 px wide viewport: no sideways scrolling.
    page.set_viewport_size({"width": 640, "height": 900})
    for path in (
        MATURITY,
        f"{MATURITY}assessments/new/",
        f"{MATURITY}assessments/{saved.pk}/",
        f"{MATURITY}viewpoints/",
    ):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), path
    page.goto(MATURITY)
    assert_accessible(page, "maturity overview at 200 % zoom")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator("form.filters").is_visible()
    assert page.locator("svg[role=img]").is_visible()
