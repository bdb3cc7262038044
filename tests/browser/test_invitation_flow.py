"""Invitations in Chromium: the administrator invites an address with a role, the invitee
opens the link from the mail (its token after #, which no request carries), creates an
account and lands in the organisation; the members page shows the invitation until then."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail

from conftest import World
from tests.browser.conftest import assert_accessible, log_in
from tiekartta.accounts.models import Membership, Role, User


def test_admin_invites_and_the_invitee_accepts_with_a_new_account(
    world: World, page: Any, browser: Any, live_server: Any, settings: Any
) -> None:
    settings.TIEKARTTA_BASE_URL = live_server.url
    mail.outbox = []
    log_in(page, "admin-user")
    page.goto("/o/testikaupunki/members/")
    page.get_by_role("link", name="Invite a user").click()
    page.get_by_role("heading", name="Invite a user").wait_for()
    assert_accessible(page, "invitation form")
    page.get_by_label("E-mail").fill("uusi.jasen@testikaupunki.fi")
    page.get_by_label("Role").select_option(Role.EDITOR)
    page.get_by_role("button", name="Send the invitation").click()
    page.get_by_text("The invitation was sent to uusi.jasen@testikaupunki.fi.").wait_for()
    pending = page.get_by_role("table", name="Pending invitations")
    assert "uusi.jasen@testikaupunki.fi" in pending.inner_text()
    assert "Editor" in pending.inner_text()
    assert_accessible(page, "members with a pending invitation")

    [message] = mail.outbox
    link = re.search(r"http://\S+/invitations/#(?P<token>\S+)", message.body)
    assert link, message.body

    invitee = browser.new_context(base_url=live_server.url)
    invitee.set_default_timeout(10_000)
    their_page = invitee.new_page()
    requested: list[str] = []
    their_page.on("request", lambda request: requested.append(request.url))
    their_page.goto(link.group(0))
    assert_accessible(their_page, "invitation link")
    their_page.get_by_role("button", name="Open the invitation").click()
    their_page.get_by_role("heading", name="Invitation to Testikaupunki").wait_for()
    assert_accessible(their_page, "invitation")
    their_page.get_by_label("User name").fill("uusi-jasen")
    their_page.get_by_label("First name").fill("Uusi")
    their_page.get_by_label("Last name").fill("Jäsen")
    their_page.locator("#id_password").fill("Vahva-salasana-2026")
    their_page.get_by_label("Password again").fill("Vahva-salasana-2026")
    their_page.get_by_role("button", name="Create the account and accept").click()
    their_page.get_by_text("Welcome to Testikaupunki.").wait_for()
    invitee.close()

    user = User.objects.get(username="uusi-jasen")
    assert user.verified_email == "uusi.jasen@testikaupunki.fi"
    assert Membership.objects.get(user=user, organisation=world.organisation).role == Role.EDITOR
    assert not [url for url in requested if link["token"] in url]

    page.reload()
    page.get_by_text("No pending invitations.").wait_for()
    assert "uusi-jasen" in page.get_by_role("table", name="Users of the organisation").inner_text()
