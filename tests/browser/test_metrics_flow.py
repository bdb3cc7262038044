"""Metrics in Chromium: an editor defines a metric from the menu and records its values, the
second by keyboard, and the pages stay accessible and fit a 640 px wide (200 % zoom) screen.

The live server runs at today's date, so the periods are real ones of the 2026–2028 roadmap
that have begun (the test is written for late 2026 onwards)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from conftest import World
from tests.browser.conftest import assert_accessible, log_in
from tiekartta.metrics.models import Metric, MetricValue

ROADMAP = "/o/testikaupunki/r/2026-2028/"


def chart_table_rows(page: Any) -> list[str]:
    rows = page.locator("table.chart-table tbody tr")
    return [" ".join(rows.nth(n).inner_text().split()) for n in range(rows.count())]


def test_editor_defines_a_metric_and_records_values(world: World, page: Any) -> None:
    log_in(page, "editor-user")
    page.goto(ROADMAP)
    # The roadmap's own bar of pages.
    page.get_by_role("navigation", name="Roadmap: Tiekartta 2026–2028").get_by_role(
        "link", name="Metrics", exact=True
    ).click()
    page.get_by_role("heading", name="Metrics", exact=True).wait_for()
    page.get_by_text("The roadmap has no metrics yet.").wait_for()
    assert_accessible(page, "metrics overview")

    page.get_by_role("link", name="New metric").click()
    page.get_by_role("heading", name="New metric").wait_for()
    page.get_by_label("Name").fill("Sähköisen asioinnin osuus")
    page.get_by_label("Theme").select_option(label="Tiedolla johtaminen")
    page.get_by_label("Responsible person").select_option(label=str(world.owner_person))
    page.get_by_label("How it is measured").fill("Verkossa alkaneet / kaikki asioinnit.")
    page.get_by_label("Unit:", exact=True).select_option(label="Percent")
    page.get_by_label("Direction").select_option(label="Higher is better")
    page.get_by_label("Update frequency").select_option(label="Quarterly")
    page.get_by_label("Baseline value").fill("20")
    page.get_by_label("Baseline date").fill("2025-12-31")
    page.get_by_label("Target value").fill("sixty")
    page.get_by_label("Target date").fill("2028-12-31")
    page.get_by_label("Intermediate target for the end of 2027").fill("40")
    page.get_by_label(world.own_task.title).check()
    assert_accessible(page, "metric form")

    # A bad number is answered next to its field, with the rest of the input kept.
    page.get_by_role("button", name="Save").click()
    page.locator("#id_target_value_error").filter(has_text="Enter a number.").wait_for()
    assert page.get_by_label("Name").input_value() == "Sähköisen asioinnin osuus"
    assert page.get_by_label("Baseline date").input_value() == "2025-12-31"
    assert not Metric.objects.exists()
    assert_accessible(page, "metric form with an error")
    page.get_by_label("Target value").fill("60")
    page.get_by_role("button", name="Save").click()

    page.get_by_text("The metric was created.").wait_for()
    metric = Metric.objects.get()
    assert page.url.endswith(f"{ROADMAP}metrics/{metric.pk}/")
    page.get_by_role("heading", name="Sähköisen asioinnin osuus", level=1).wait_for()
    assert page.locator(".metric-status").first.inner_text() == "No data"
    assert {m.year: m.value for m in metric.milestones.all()} == {2027: Decimal(40)}
    assert list(metric.tasks.all()) == [world.own_task]
    assert page.locator("circle.chart-value").count() == 0

    # The first value is behind the line from 20 to 60 (26.6 expected at the end of June).
    page.get_by_label("Period").select_option("2026Q2")
    page.get_by_label("Value (%)").fill("22")
    page.get_by_role("button", name="Save value").click()
    page.get_by_text("Value recorded: 22\u00a0% for Q2/2026.").wait_for()
    assert page.locator(".metric-status").first.inner_text() == "Behind"

    # The second by keyboard: Enter in the value field saves it.
    page.get_by_label("Period").select_option("2026Q3")
    page.get_by_label("Value (%)").fill("40")
    with page.expect_navigation():
        page.get_by_label("Value (%)").press("Enter")
    page.get_by_text("Value recorded: 40\u00a0% for Q3/2026.").wait_for()
    assert page.locator(".metric-status").first.inner_text() == "On track"
    assert list(MetricValue.objects.order_by("period").values_list("period", "value")) == [
        ("2026Q2", Decimal(22)),
        ("2026Q3", Decimal(40)),
    ]

    rows = chart_table_rows(page)
    assert any(row.startswith("Q2/2026 22 %") for row in rows), rows
    assert any(row.startswith("Q3/2026 40 %") for row in rows), rows
    assert any(row.startswith("2027") and row.endswith("40 %") for row in rows), rows
    assert page.locator("circle.chart-value").count() == 2
    value_line = page.locator("path.chart-value").get_attribute("d")
    assert value_line and len(re.findall(r"[ML]", value_line)) == 2
    assert (page.locator("svg.chart title").text_content() or "").startswith(
        "Sähköisen asioinnin osuus"
    )
    assert world.own_task.title in page.locator("main").inner_text()
    assert_accessible(page, "metric page")

    # 200 % zoom on a 1280 px screen is a 640 px wide viewport: no sideways scrolling.
    page.set_viewport_size({"width": 640, "height": 900})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 640 + 1
    page.goto(f"{ROADMAP}metrics/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 640 + 1
    page.set_viewport_size({"width": 1280, "height": 900})

    # The overview now lists the metric under its theme with its latest value and status.
    page.get_by_role("heading", name="Tiedolla johtaminen").wait_for()
    row = page.locator(f"#metric-{metric.pk}")
    text = " ".join(row.inner_text().split())
    assert "40 %" in text and "Q3/2026" in text and "On track" in text, text
    assert_accessible(page, "metrics overview with a metric")
