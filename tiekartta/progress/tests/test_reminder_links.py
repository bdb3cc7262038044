"""Where a reminder's sign-in link goes. A Person's address is anyone's in the digital group to
edit, so it never decides who can sign in as the Person's user: the link goes only to the
account's own verified address, and never to staff or superusers."""

from __future__ import annotations

import time_machine
from django.core import mail
from django.urls import reverse

from conftest import BrowserLikeClient, World
from tests.factories import PersonFactory, TaskFactory, verify_email
from tiekartta.accounts.models import Role, SignInLink
from tiekartta.progress.tests.test_reminders import (
    BASE_URL,
    IN_WINDOW,
    SIGN_IN_URL,
    base_url,  # noqa: F401 - the fixture
    empty_outbox,  # noqa: F401 - the fixture
    follow_link,
    follow_up,
    run,
)
from tiekartta.roadmap.models import Person

CIO_ADDRESS = "cio@testikaupunki.fi"
EDITORS_ADDRESS = "editori@example.org"


def cios_task(world: World) -> Person:
    person = PersonFactory(
        organisation=world.organisation,
        name="Tietohallintojohtaja",
        email=CIO_ADDRESS,
        user=world.users[Role.ADMIN],
    )
    TaskFactory(theme=world.theme, owner=person, title="Tietoturvan kehittäminen")
    return person


def test_an_editor_who_sets_the_cios_address_to_their_own_gets_no_link(world: World) -> None:
    follow_up(world)
    verify_email(world.users[Role.ADMIN], CIO_ADDRESS)
    person = cios_task(world)
    editor = world.client_for(Role.EDITOR)
    response = editor.post(
        reverse("roadmap:person_edit", kwargs={"org": "testikaupunki", "person": person.pk}),
        {
            "name": person.name,
            "title": "",
            "unit": "",
            "email": EDITORS_ADDRESS,
            "user": world.users[Role.ADMIN].pk,
            "version": person.version,
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.email == EDITORS_ADDRESS

    with time_machine.travel(IN_WINDOW, tick=False):
        run()
    to_editor = [message for message in mail.outbox if EDITORS_ADDRESS in message.to]
    assert to_editor == [], "nothing for the CIO goes to the address the editor chose"
    (to_cio,) = [message for message in mail.outbox if CIO_ADDRESS in message.to]
    found = SIGN_IN_URL.search(to_cio.body)
    assert found is not None
    link = SignInLink.objects.get(user=world.users[Role.ADMIN])
    assert link.organisation == world.organisation


def test_without_a_verified_address_the_reminder_carries_no_link(world: World) -> None:
    follow_up(world)
    cios_task(world)
    with time_machine.travel(IN_WINDOW, tick=False):
        output = run()
    (message,) = [message for message in mail.outbox if CIO_ADDRESS in message.to]
    assert SIGN_IN_URL.search(message.body) is None
    assert "Log in with your user name and password" in message.body
    assert BASE_URL + reverse("accounts:login") in message.body
    assert not SignInLink.objects.filter(user=world.users[Role.ADMIN]).exists()
    assert f"sent Tietohallintojohtaja <{CIO_ADDRESS}>: 1 task(s) (no sign-in link" in output


def test_a_staff_user_or_superuser_gets_no_link(world: World) -> None:
    follow_up(world)
    cio = verify_email(world.users[Role.ADMIN], CIO_ADDRESS)
    cio.is_superuser = True
    cio.save()
    cios_task(world)
    with time_machine.travel(IN_WINDOW, tick=False):
        run()
    (message,) = [message for message in mail.outbox if CIO_ADDRESS in message.to]
    assert SIGN_IN_URL.search(message.body) is None
    assert not SignInLink.objects.exists()


def test_the_cios_link_opens_only_their_own_updates(world: World) -> None:
    follow_up(world)
    verify_email(world.users[Role.ADMIN], CIO_ADDRESS)
    cios_task(world)
    with time_machine.travel(IN_WINDOW, tick=False):
        run()
        (message,) = [message for message in mail.outbox if CIO_ADDRESS in message.to]
        found = SIGN_IN_URL.search(message.body)
        assert found is not None
        client = BrowserLikeClient()
        assert follow_link(client, found).status_code == 302
        members = reverse("accounts:member_list", kwargs={"org": "testikaupunki"})
        response = client.get(members)
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
        assert "_auth_user_id" not in client.session
