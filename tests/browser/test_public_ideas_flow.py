"""The public idea form in Chromium: a resident, not signed in, finds the form on the public
site, fills it by keyboard alone (the honeypot stays out of the tab order), gets the address to
follow the idea at; the group accepts the idea into a task and publishes it; the resident's
follow page shows the decision and the task's public page where it came from. axe-core checks
every new page."""

from __future__ import annotations

from typing import Any

from conftest import World
from tests.browser.conftest import assert_accessible, log_in
from tiekartta.ideas import services
from tiekartta.ideas.models import Idea, IdeaSource, IdeaStatus
from tiekartta.roadmap.models import Roadmap, Task

TITLE = "Kirjaston tilat varattaviksi verkossa"
REASON = "Otetaan osaksi etäluennan tehtävää: sama ajanvarausjärjestelmä."


def _focused(page: Any) -> str:
    return str(page.evaluate("document.activeElement.id || document.activeElement.type"))


def test_a_resident_proposes_an_idea_and_follows_it_into_a_task(
    world: World, page: Any, browser: Any, live_server: Any
) -> None:
    Roadmap.objects.filter(pk=world.roadmap.pk).update(is_public=True)
    Task.objects.filter(pk=world.own_task.pk).update(is_public=True)

    page.goto("/julkinen/testikaupunki/?lang=fi")
    page.locator("main a[href*='/ideat/uusi/']").first.click()
    page.wait_for_url("**/ideat/uusi/?lang=fi")
    assert_accessible(page, "idea form")

    # Sent empty from the keyboard: the error is next to the field, nothing is stored.
    page.locator("#id_title").focus()
    page.keyboard.press("Enter")
    page.locator("#id_title_error").wait_for()
    assert page.locator("#id_title").get_attribute("aria-invalid") == "true"
    assert not Idea.objects.exists()
    assert_accessible(page, "idea form with errors")

    # By keyboard alone: title, description, theme, name, and the button (not the honeypot).
    page.locator("#id_title").focus()
    page.keyboard.type(TITLE)
    page.keyboard.press("Tab")
    assert _focused(page) == "id_description"
    page.keyboard.type("Kokoushuoneen voisi varata illaksi ilman soittamista.")
    page.keyboard.press("Tab")
    assert _focused(page) == "id_theme"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert _focused(page) == "id_submitter"
    page.keyboard.type("Asukas Aaltonen")
    page.keyboard.press("Tab")
    assert _focused(page) == "submit"
    page.keyboard.press("Enter")
    page.wait_for_url("**/ideat/kiitos/**")
    assert_accessible(page, "thank-you page")
    follow = page.locator("#follow-url").inner_text()
    idea = Idea.objects.get()
    assert idea.follow_key and follow.endswith(f"/ideat/seuraa/{idea.follow_key}/?lang=fi")
    assert (idea.title, idea.status, idea.source, idea.is_public) == (
        TITLE,
        IdeaStatus.NEW,
        IdeaSource.PUBLIC_FORM,
        False,
    )
    assert idea.theme is not None and idea.submitter == "Asukas Aaltonen"
    assert not [c for c in page.context.cookies() if c["name"] == "sessionid"]

    # Before any decision the follow page says so, and the idea is not on the public list.
    page.goto(follow)
    page.get_by_role("heading", name=TITLE, level=1).wait_for()
    assert_accessible(page, "follow page, new idea")

    # The group accepts the idea into the task and publishes it from the idea's page.
    editor = world.users["editor"]
    services.change_status(actor=editor, idea=idea, status=IdeaStatus.UNDER_REVIEW)
    services.accept_ideas(actor=editor, ideas=[idea], task=world.own_task, reason=REASON)
    staff_context = browser.new_context(base_url=live_server.url)
    staff = staff_context.new_page()
    log_in(staff, "editor-user")
    staff.goto(f"/o/testikaupunki/ideas/{idea.pk}/")
    assert idea.follow_key not in staff.content()
    staff.get_by_role("button", name="Publish on the public site").click()
    staff.get_by_text("The idea is shown on the public site.").first.wait_for()
    assert_accessible(staff, "idea page after publishing")
    staff_context.close()
    idea.refresh_from_db()
    assert idea.is_public

    # The resident's follow page shows the decision with its reason, and the task.
    page.goto(follow)
    page.get_by_text(REASON).first.wait_for()
    # Two decisions (new → under review → accepted), in the page's language.
    assert page.locator("section[aria-labelledby=decisions-heading] tbody tr").count() == 2
    assert_accessible(page, "follow page, accepted idea")
    page.locator("main a[href*='/tehtava/']").first.click()
    page.wait_for_url("**/tehtava/**")
    page.locator("#sources-heading").wait_for()
    assert page.locator("main").get_by_text(TITLE).count() == 1
    assert_accessible(page, "task page with its sources")

    # The public list of ideas shows it with the reason.
    page.locator("main a[href*='/ideat/']").last.click()
    page.wait_for_url("**/ideat/?lang=fi")
    page.get_by_role("heading", name=TITLE, level=3).wait_for()
    page.get_by_text(REASON).wait_for()
    assert_accessible(page, "public ideas")
