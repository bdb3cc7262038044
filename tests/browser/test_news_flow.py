"""News in Chromium: an editor writes a news item linked to a public task and publishes it; a
resident reads it on the public news page and in the embedded view, in Finnish and Swedish,
without a session. axe-core checks the public pages in both languages."""

from __future__ import annotations

from typing import Any

from conftest import World
from tests.browser.conftest import assert_accessible, log_in
from tiekartta.roadmap.models import Roadmap, Task

NEWS = "/julkinen/testikaupunki/tiedotteet/"
EMBED = "/julkinen/testikaupunki/upotus/"
TITLE = "Kaupunkisovellus otettu käyttöön"


def test_an_editor_publishes_news_and_a_resident_reads_it(
    world: World, page: Any, browser: Any
) -> None:
    Roadmap.objects.filter(pk=world.roadmap.pk).update(is_public=True)
    Task.objects.filter(pk=world.own_task.pk).update(is_public=True)
    log_in(page, "editor-user")
    page.goto("/o/testikaupunki/news/new/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_body").fill("Sovellus on ladattavissa puhelimeen.")
    page.get_by_label(world.own_task.title, exact=False).check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/o/testikaupunki/news/")
    page.get_by_role("button", name="Publish").click()
    page.get_by_role("button", name="Withdraw").wait_for()

    resident = browser.new_context(base_url=page.url.split("/o/")[0])
    reader = resident.new_page()
    for language in ("fi", "sv"):
        reader.goto(f"{NEWS}?lang={language}")
        assert reader.locator("html").get_attribute("lang") == language
        assert_accessible(reader, f"news list ({language})")
        reader.get_by_role("link", name=TITLE).click()
        reader.get_by_role("heading", name=TITLE).wait_for()
        assert reader.get_by_text(world.own_task.title).count() == 1
        assert_accessible(reader, f"news item ({language})")
        reader.goto(f"{EMBED}?lang={language}")
        reader.get_by_role("link", name=TITLE).wait_for()
        assert_accessible(reader, f"embed ({language})")
    assert not [c for c in resident.cookies() if c["name"] == "sessionid"]
    resident.close()
