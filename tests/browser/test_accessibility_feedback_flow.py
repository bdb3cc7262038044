"""The accessibility statement and feedback in Chromium: a resident reads the statement and
sends feedback in Finnish and in Swedish without signing in; the administrator sees the
deadlines and answers. axe-core checks the public pages in both languages."""

from __future__ import annotations

import datetime
from typing import Any

from conftest import World
from tests.browser.conftest import assert_accessible, log_in
from tiekartta.accessibility import services
from tiekartta.accessibility.models import AssessmentMethod, Compliance, FeedbackMessage

STATEMENT = "/julkinen/testikaupunki/saavutettavuus/"


def publish(world: World) -> None:
    services.save_statement(
        actor=world.users["admin"],
        organisation=world.organisation,
        expected_version=None,
        data=services.StatementInput(
            compliance=Compliance.PARTIAL,
            assessed_on=datetime.date(2026, 11, 16),
            assessment_method=AssessmentMethod.SELF,
            description_fi="Seloste koskee digitiekartan julkisia sivuja.",
            description_sv="Utlåtandet gäller färdplanens offentliga sidor.",
            feedback_contact="digi@testikaupunki.example",
            issues=[
                services.IssueInput(
                    what_fi="Aikajana vaatii vaakavieritystä.",
                    what_sv="Tidslinjen kräver vågrät rullning.",
                    criterion="1.4.10",
                    workaround_fi="Käytä yleisnäkymää.",
                    workaround_sv="Använd översikten.",
                )
            ],
        ),
    )


def test_a_resident_sends_feedback_in_finnish_and_swedish_and_the_admin_answers(
    world: World, page: Any, browser: Any, live_server: Any
) -> None:
    publish(world)
    # Finnish: the statement, then the feedback link in its footer.
    page.goto(STATEMENT + "?lang=fi")
    page.get_by_text("Seloste koskee digitiekartan julkisia sivuja.").wait_for()
    assert page.locator("html").get_attribute("lang") == "fi"
    assert_accessible(page, "statement (fi)")
    assert not [c for c in page.context.cookies() if c["name"] == "sessionid"]
    page.locator("footer").get_by_role("link").nth(1).click()
    page.wait_for_url("**/palaute/**")
    assert page.locator("html").get_attribute("lang") == "fi"
    assert_accessible(page, "feedback form (fi)")
    # Sending without a message: the error is next to the field.
    page.locator("#id_kind_0").check()
    page.locator("button[type=submit]").click()
    page.locator("#id_message_error").wait_for()
    assert page.locator("#id_message").get_attribute("aria-invalid") == "true"
    assert_accessible(page, "feedback form with errors (fi)")
    page.locator("#id_message").fill("Aikajanan kontrasti on liian heikko.")
    page.locator("#id_email").fill("asukas@example.fi")
    page.locator("button[type=submit]").click()
    page.wait_for_url("**/palaute/kiitos/?lang=fi")
    assert_accessible(page, "thanks (fi)")
    finnish = FeedbackMessage.objects.get()
    assert finnish.language == "fi"
    assert finnish.page.startswith(STATEMENT)

    # Swedish, switched from the page's own language links.
    page.goto(STATEMENT + "?lang=fi")
    page.locator("nav.public-languages").get_by_role("link", name="Svenska").click()
    page.get_by_text("Utlåtandet gäller färdplanens offentliga sidor.").wait_for()
    assert page.locator("html").get_attribute("lang") == "sv"
    assert_accessible(page, "statement (sv)")
    page.locator("footer").get_by_role("link").nth(1).click()
    page.wait_for_url("**/palaute/?lang=sv**")
    assert_accessible(page, "feedback form (sv)")
    page.locator("#id_kind_1").check()
    page.locator("#id_message").fill("Färdplanen borde visa bibliotekets uppgifter.")
    page.locator("button[type=submit]").click()
    page.wait_for_url("**/palaute/kiitos/?lang=sv")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert_accessible(page, "thanks (sv)")
    swedish = FeedbackMessage.objects.exclude(pk=finnish.pk).get()
    assert swedish.language == "sv" and swedish.kind == "general"
    assert not [c for c in page.context.cookies() if c["name"] == "sessionid"]

    # The administrator, in a browser of their own, answers the Swedish message.
    admin_context = browser.new_context(base_url=live_server.url)
    admin = admin_context.new_page()
    log_in(admin, "admin-user")
    admin.goto("/o/testikaupunki/r/2026-2028/")
    admin.locator("summary", has_text="Settings").click()  # the menu's Settings group
    admin.get_by_role("link", name="Feedback", exact=True).click()
    admin.get_by_role("heading", name="Feedback", level=1).wait_for()
    admin.get_by_text("Due in 14 days").first.wait_for()
    assert_accessible(admin, "feedback list")
    admin.get_by_role("link", name=f"Feedback on the roadmap #{swedish.pk}").click()
    admin.get_by_text("Färdplanen borde visa bibliotekets uppgifter.").wait_for()
    admin.get_by_label("Answer").fill("Tack! Vi lägger till biblioteket.")
    admin.get_by_role("button", name="Save the answer").click()
    admin.get_by_text("The answer was recorded.").wait_for()
    admin.get_by_text("Tack! Vi lägger till biblioteket.").wait_for()
    assert_accessible(admin, "answered message")
    swedish.refresh_from_db()
    assert swedish.is_answered and swedish.answered_by == world.users["admin"]
    admin.get_by_role("link", name="Feedback", exact=True).first.click()
    admin.get_by_role("link", name=f"Accessibility problem #{finnish.pk}").wait_for()
    assert admin.get_by_role("link", name=f"Feedback on the roadmap #{swedish.pk}").count() == 0
    admin_context.close()
