"""The administrator manages users and roles; nobody else can. Members join only by accepting
an invitation sent to their address: an administrator can neither attach an existing user nor
learn which user names or addresses exist in the installation."""

from __future__ import annotations

import re
from typing import Any

import time_machine
from django.core import mail
from django.urls import reverse

from conftest import PASSWORD, BrowserLikeClient, World
from tests.factories import verify_email
from tiekartta.accounts.models import AuditEvent, EventKind, Invitation, Membership, Role, User

NOW = "2026-12-01 09:00 +0200"
TOKEN_AFTER_FRAGMENT = re.compile(r"/invitations/#(?P<token>[A-Za-z0-9_-]{40,})")


def url(name: str, org: str = "testikaupunki", **kwargs: object) -> str:
    return reverse(f"accounts:{name}", kwargs={"org": org, **kwargs})


def invite(client: BrowserLikeClient, email: str, role: str = Role.VIEWER, org: str = "") -> str:
    """Invite through the page; the token from the mail just sent."""
    mail.outbox = []
    response = client.post(
        url("member_invite", org or "testikaupunki"), {"email": email, "role": role}
    )
    assert response.status_code == 302, response.content.decode()[:800]
    (message,) = mail.outbox
    assert message.to == [email]
    found = TOKEN_AFTER_FRAGMENT.search(message.body)
    assert found is not None, message.body
    return found.group("token")


def open_invitation(client: BrowserLikeClient, token: str) -> object:
    return client.post(reverse("accounts:invitation_open"), {"token": token})


# The attack: attaching someone else's account -------------------------------------------------


def test_there_is_no_way_to_attach_an_existing_user_by_user_name(world: World) -> None:
    outsider_admin = world.client_for("outsider")
    response = outsider_admin.post(
        "/o/naapurikunta/members/new/", {"username": "admin-user", "role": Role.ADMIN}
    )
    assert response.status_code == 404
    assert not Membership.objects.filter(
        user=world.users[Role.ADMIN], organisation=world.outsider_organisation
    ).exists()


@time_machine.travel(NOW, tick=False)
def test_another_towns_invitation_to_a_users_address_does_nothing_until_accepted(
    world: World,
) -> None:
    cio = verify_email(world.users[Role.ADMIN], "cio@testikaupunki.fi")
    token = invite(world.client_for("outsider"), "cio@testikaupunki.fi", Role.ADMIN, "naapurikunta")
    assert not Membership.objects.filter(
        user=cio, organisation=world.outsider_organisation
    ).exists()
    # Only the CIO, signed in with their own account, can accept it.
    client = world.client_for(Role.ADMIN)
    assert open_invitation(client, token).status_code == 302
    page = client.get(reverse("accounts:invitation_accept"))
    assert "Accept as" in page.content.decode()
    assert (
        client.post(reverse("accounts:invitation_accept"), {"action": "accept"}).status_code == 302
    )
    assert (
        Membership.objects.get(user=cio, organisation=world.outsider_organisation).role
        == Role.ADMIN
    )


@time_machine.travel(NOW, tick=False)
def test_the_answer_to_an_invitation_is_the_same_whether_the_address_exists(
    world: World,
) -> None:
    verify_email(world.users[Role.EDITOR], "olemassa@testikaupunki.fi")
    outsider_admin = world.client_for("outsider")
    answers = []
    for email in ("olemassa@testikaupunki.fi", "eiole@testikaupunki.fi"):
        response = outsider_admin.post(
            url("member_invite", "naapurikunta"), {"email": email, "role": Role.VIEWER}
        )
        page = outsider_admin.get(response.url).content.decode()
        said = re.findall(r'<p class="message[^"]*">(.*?)</p>', page)
        answers.append((response.status_code, [text.replace(email, "ADDRESS") for text in said]))
        assert "editor-user" not in page
    assert answers[0] == answers[1] == (302, ["The invitation was sent to ADDRESS."])


@time_machine.travel(NOW, tick=False)
def test_an_account_verified_for_another_address_cannot_accept(world: World) -> None:
    verify_email(world.users[Role.EDITOR], "editori@testikaupunki.fi")
    token = invite(world.client_for("outsider"), "cio@testikaupunki.fi", Role.ADMIN, "naapurikunta")
    client = world.client_for(Role.EDITOR)
    open_invitation(client, token)
    response = client.post(reverse("accounts:invitation_accept"), {"action": "accept"})
    assert "verified address is another" in response.content.decode()
    assert (
        not Membership.objects.filter(organisation=world.outsider_organisation)
        .exclude(user=world.users["outsider"])
        .exists()
    )


# Inviting and accepting ----------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_admin_invites_and_the_invitee_creates_an_account(world: World) -> None:
    admin = world.client_for(Role.ADMIN)
    token = invite(admin, "uusi@testikaupunki.fi", Role.EDITOR)
    assert "tiekartta" not in token
    body = mail.outbox[0].body
    assert f"/invitations/{token}" not in body and "?token=" not in body
    listing = admin.get(url("member_list")).content.decode()
    assert "uusi@testikaupunki.fi" in listing and "Pending invitations" in listing
    assert not User.objects.filter(email="uusi@testikaupunki.fi").exists()

    invitee = BrowserLikeClient()
    assert open_invitation(invitee, token).status_code == 302
    response = invitee.post(
        reverse("accounts:invitation_accept"),
        {
            "action": "create",
            "username": "uusi",
            "first_name": "Uusi",
            "last_name": "Jäsen",
            "password": "Vahva-salasana-2026",
            "password_again": "Vahva-salasana-2026",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="uusi")
    assert user.verified_email == "uusi@testikaupunki.fi"
    assert user.check_password("Vahva-salasana-2026")
    membership = Membership.objects.get(user=user)
    assert (membership.organisation, membership.role) == (world.organisation, Role.EDITOR)
    assert membership.history.first().history_user == user
    invitation = Invitation.objects.get()
    assert invitation.accepted_by == user and not invitation.is_pending
    kinds = set(
        AuditEvent.objects.filter(organisation=world.organisation).values_list("kind", flat=True)
    )
    assert {
        EventKind.INVITATION_SENT,
        EventKind.INVITATION_ACCEPTED,
        EventKind.MEMBER_ADDED,
    } <= kinds
    # Used once.
    assert open_invitation(BrowserLikeClient(), token).status_code == 410


@time_machine.travel(NOW, tick=False)
def test_a_new_account_needs_a_good_password_and_nothing_is_saved(world: World) -> None:
    token = invite(world.client_for(Role.ADMIN), "uusi@testikaupunki.fi")
    invitee = BrowserLikeClient()
    open_invitation(invitee, token)
    response = invitee.post(
        reverse("accounts:invitation_accept"),
        {"action": "create", "username": "heikko", "password": "123", "password_again": "123"},
    )
    assert response.status_code == 200
    assert "too short" in response.content.decode()
    assert not User.objects.filter(username="heikko").exists()
    assert Invitation.objects.get().is_pending


@time_machine.travel(NOW, tick=False)
def test_an_existing_user_logs_in_and_accepts(world: World) -> None:
    token = invite(world.client_for("outsider"), "omistaja@testikaupunki.fi", org="naapurikunta")
    client = BrowserLikeClient()
    open_invitation(client, token)
    login = reverse("accounts:login") + "?next=" + reverse("accounts:invitation_accept")
    response = client.post(login, {"username": "owner-user", "password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("accounts:invitation_accept")
    client.post(reverse("accounts:invitation_accept"), {"action": "accept"})
    owner = User.objects.get(username="owner-user")
    assert Membership.objects.filter(user=owner, organisation=world.outsider_organisation).exists()
    # Accepting showed that the owner reads mail there.
    assert owner.verified_email == "omistaja@testikaupunki.fi"


@time_machine.travel(NOW, tick=False)
def test_resending_replaces_the_token_and_revoking_ends_it(world: World) -> None:
    admin = world.client_for(Role.ADMIN)
    first = invite(admin, "uusi@testikaupunki.fi")
    invitation = Invitation.objects.get()
    mail.outbox = []
    assert admin.post(url("invitation_resend", invitation=invitation.pk)).status_code == 302
    second = TOKEN_AFTER_FRAGMENT.search(mail.outbox[0].body).group("token")  # type: ignore[union-attr]
    assert first != second
    assert open_invitation(BrowserLikeClient(), first).status_code == 404
    assert open_invitation(BrowserLikeClient(), second).status_code == 302
    assert admin.post(url("invitation_revoke", invitation=invitation.pk)).status_code == 302
    assert open_invitation(BrowserLikeClient(), second).status_code == 404
    listing = admin.get(url("member_list")).content.decode()
    assert f"/invitations/{invitation.pk}/resend/" not in listing
    assert "No pending invitations." in listing
    kinds = list(
        AuditEvent.objects.exclude(kind=EventKind.SIGN_IN)
        .values_list("kind", flat=True)
        .order_by("pk")
    )
    assert kinds == [
        EventKind.INVITATION_SENT,
        EventKind.INVITATION_RESENT,
        EventKind.INVITATION_REVOKED,
    ]


def test_an_invitation_expires(world: World) -> None:
    with time_machine.travel(NOW, tick=False):
        token = invite(world.client_for(Role.ADMIN), "uusi@testikaupunki.fi")
    with time_machine.travel("2026-12-08 09:00 +0200", tick=False):
        response = open_invitation(BrowserLikeClient(HTTP_ACCEPT_LANGUAGE="en"), token)
    assert response.status_code == 410  # type: ignore[attr-defined]
    assert "expired" in response.content.decode()  # type: ignore[attr-defined]


def test_a_second_invitation_to_the_same_address_is_refused_next_to_the_field(
    world: World,
) -> None:
    admin = world.client_for(Role.ADMIN)
    invite(admin, "uusi@testikaupunki.fi")
    response = admin.post(
        url("member_invite"), {"email": "UUSI@testikaupunki.fi", "role": "viewer"}
    )
    assert response.status_code == 200
    assert "already has a pending invitation" in response.content.decode()
    assert Invitation.objects.count() == 1


# Roles ---------------------------------------------------------------------------------------


def test_admin_changes_a_role_and_removes_a_member(world: World) -> None:
    client = world.client_for(Role.ADMIN)
    viewer = Membership.objects.get(user__username="viewer-user")
    assert (
        client.post(
            url("member_edit", member=viewer.pk), {"role": Role.EDITOR, "version": viewer.version}
        ).status_code
        == 302
    )
    viewer.refresh_from_db()
    assert viewer.role == Role.EDITOR
    assert client.post(url("member_remove", member=viewer.pk)).status_code == 302
    assert not Membership.objects.filter(pk=viewer.pk).exists()


def test_last_administrator_cannot_be_demoted_or_removed(world: World) -> None:
    client = world.client_for(Role.ADMIN)
    admin = Membership.objects.get(user__username="admin-user")
    response = client.post(
        url("member_edit", member=admin.pk), {"role": Role.VIEWER, "version": admin.version}
    )
    assert "at least one administrator" in response.content.decode()
    response = client.post(url("member_remove", member=admin.pk))
    assert "at least one administrator" in response.content.decode()
    admin.refresh_from_db()
    assert admin.role == Role.ADMIN


def test_other_roles_cannot_manage_members(world: World) -> None:
    for role in (Role.EDITOR, Role.OWNER, Role.VIEWER):
        client = world.client_for(role)
        assert client.get(url("member_list")).status_code == 403
        response = client.post(url("member_invite"), {"email": "x@example.fi", "role": Role.ADMIN})
        assert response.status_code == 403
    assert not Invitation.objects.exists()


# The user's own history ----------------------------------------------------------------------


def test_changes_to_a_user_are_kept_in_its_history(world: World) -> None:
    user = world.users[Role.VIEWER]
    user.is_superuser = True
    user.is_staff = True
    user.save()
    user.is_active = False
    user.email = "uusi@example.fi"
    user.save()
    rows = list(user.history.order_by("history_date"))  # type: ignore[attr-defined]
    assert [(row.is_superuser, row.is_staff, row.is_active) for row in rows][-2:] == [
        (True, True, True),
        (True, True, False),
    ]
    assert rows[-1].email == "uusi@example.fi"
    assert not hasattr(rows[-1], "password")


def test_a_sign_in_leaves_no_history_row(world: World) -> None:
    user = world.users[Role.VIEWER]
    before = user.history.count()  # type: ignore[attr-defined]
    client = BrowserLikeClient()
    client.post(reverse("accounts:login"), {"username": "viewer-user", "password": PASSWORD})
    assert "_auth_user_id" in client.session
    assert user.history.count() == before  # type: ignore[attr-defined]


def test_the_members_page_takes_the_same_queries_however_many_invitations(
    world: World, django_assert_max_num_queries: Any
) -> None:
    admin = world.client_for(Role.ADMIN)
    invite(admin, "eka@testikaupunki.fi")
    with django_assert_max_num_queries(12) as few:
        admin.get(url("member_list"))
    first = len(few)
    for number in range(5):
        invite(admin, f"uusi{number}@testikaupunki.fi")
    with django_assert_max_num_queries(first):
        assert "uusi4@testikaupunki.fi" in admin.get(url("member_list")).content.decode()
