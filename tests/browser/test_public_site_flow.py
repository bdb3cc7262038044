"""The public roadmap in Chromium: a resident, not signed in, finds the organisation's public
site from the front page, switches to Swedish, filters the tasks without JavaScript's help,
opens a task, the timeline and the metrics. axe-core checks every public page in Finnish and
Swedish."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from conftest import World
from tests.browser.conftest import assert_accessible
from tests.factories import MetricFactory, MetricValueFactory, TaskFactory
from tiekartta.roadmap.models import Roadmap, Task


def _publish(world: World) -> None:
    Roadmap.objects.filter(pk=world.roadmap.pk).update(is_public=True)
    Task.objects.filter(pk=world.own_task.pk).update(
        is_public=True, public_summary="Mätarna byts ut under hösten.", unit="Vesihuolto"
    )
    TaskFactory(
        theme=world.other_theme,
        owner=world.other_person,
        title="Digituen kurssit",
        is_public=True,
        status="done",
    )
    metric = MetricFactory(
        roadmap=world.roadmap, owner=world.other_person, name="Sähköinen asiointi", is_public=True
    )
    MetricValueFactory(metric=metric, period="2026Q1", value=Decimal("28"))
    MetricValueFactory(
        metric=metric,
        period="2026Q2",
        value=Decimal("31"),
        recorded_at=datetime.datetime(2026, 7, 1, tzinfo=datetime.UTC),
    )


def test_a_resident_reads_the_public_roadmap_in_swedish(
    world: World, page: Any, live_server: Any
) -> None:
    _publish(world)
    # Every public page the browser loads comes without a cookie (the browser's own request
    # for /favicon.ico gets the site's 404, which is not a public page).
    cookie_setters: list[str] = []
    page.on(
        "response",
        lambda response: (
            cookie_setters.append(response.url)
            if response.request.resource_type == "document" and "set-cookie" in response.headers
            else None
        ),
    )
    page.goto("/?lang=fi")
    assert_accessible(page, "front page (fi)")
    page.locator("nav.public-languages").get_by_role("link", name="Svenska").click()
    page.wait_for_url("**/?lang=sv")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert_accessible(page, "front page (sv)")
    page.get_by_role("link", name=world.organisation.name).click()
    page.wait_for_url("**/julkinen/testikaupunki/?lang=sv")
    assert_accessible(page, "organisation (sv)")
    page.get_by_role("link", name=world.roadmap.title).click()
    page.wait_for_url("**/julkinen/testikaupunki/2026-2028/?lang=sv")
    assert page.locator("html").get_attribute("lang") == "sv"
    page.get_by_text("Mätarna byts ut under hösten.").wait_for()
    assert page.get_by_text("Kokoelmajärjestelmä").count() == 0  # not public
    assert_accessible(page, "roadmap (sv)")
    assert not cookie_setters

    # The filters are a plain GET form: the address carries them.
    page.locator("#filter-theme").select_option(label=world.other_theme.name)
    page.locator("form.public-filters button[type=submit]").click()
    page.wait_for_url("**theme=**")
    page.get_by_role("link", name="Digituen kurssit").wait_for()
    assert page.get_by_role("link", name="Vesimittarien etäluenta").count() == 0
    assert "lang=sv" in page.url

    page.goto("/julkinen/testikaupunki/2026-2028/?lang=sv&q=vesimittari")
    page.get_by_role("link", name="Vesimittarien etäluenta").click()
    page.wait_for_url("**/tehtava/**")
    page.get_by_text("Vesihuolto").wait_for()
    assert_accessible(page, "task (sv)")

    for name, path in (("timeline", "aikajana/"), ("metrics", "mittarit/")):
        for language in ("fi", "sv"):
            page.goto(f"/julkinen/testikaupunki/2026-2028/{path}?lang={language}")
            assert page.locator("html").get_attribute("lang") == language
            assert_accessible(page, f"{name} ({language})")
    page.locator("svg.chart").first.wait_for()
    page.locator("table.chart-table").first.wait_for()

    for path in ("", f"tehtava/{world.own_task.pk}/"):
        page.goto(f"/julkinen/testikaupunki/2026-2028/{path}?lang=fi")
        assert_accessible(page, f"{path or 'roadmap'} (fi)")
    page.goto("/julkinen/testikaupunki/?lang=fi")
    assert_accessible(page, "organisation (fi)")
    assert not cookie_setters
