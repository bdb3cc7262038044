"""Accounts services take an Actor: a user goes into the history row's user and into the
user columns (`created_by`, `revoked_by`), a token or the system into the change reason and
the event's label, leaving the user columns empty."""

from conftest import World
from tiekartta.accounts import services
from tiekartta.accounts.models import AuditEvent, EventKind, Organisation, Role
from tiekartta.core.actors import Actor


def test_a_system_actor_is_kept_as_the_change_reason(world: World) -> None:
    membership = world.users[Role.VIEWER].memberships.get()
    services.change_role(actor=Actor.system("X"), membership=membership, role=Role.EDITOR)
    row = membership.history.latest()
    assert row.history_user is None and row.history_change_reason == "X"
    event = AuditEvent.objects.get(kind=EventKind.ROLE_CHANGED)
    assert event.actor is None and event.actor_label == "X"

    token, _secret = services.create_api_token(
        actor=Actor.system("X"), organisation=world.organisation, name="Tietovarasto"
    )
    assert token.created_by is None
    row = token.history.get()
    assert row.history_user is None and row.history_change_reason == "X"
    services.revoke_api_token(actor=Actor.system("X"), token=token)
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by is None


def test_a_user_actor_is_kept_as_the_history_user(world: World) -> None:
    admin = world.users[Role.ADMIN]
    membership = world.users[Role.VIEWER].memberships.get()
    services.change_role(actor=Actor.for_user(admin), membership=membership, role=Role.EDITOR)
    row = membership.history.latest()
    assert row.history_user == admin and not row.history_change_reason
    token, _secret = services.create_api_token(
        actor=Actor.for_user(admin), organisation=world.organisation, name="Tietovarasto"
    )
    assert token.created_by == admin and token.history.get().history_user == admin
    # A plain user, as older callers pass, is still accepted.
    services.revoke_api_token(actor=admin, token=token)
    token.refresh_from_db()
    assert token.revoked_by == admin


def test_the_demo_services_attribute_their_rows(db: None) -> None:
    demo = Actor.system("Demo")
    organisation = services.create_organisation(
        actor=demo, name="Demola", slug="demola", is_demo=True
    )
    assert Organisation.objects.get(slug="demola").is_demo
    assert organisation.history.get().history_change_reason == "Demo"
    user, created = services.create_demo_user(
        actor=demo,
        organisation=organisation,
        username="demo-x",
        password="tiekartta-demo",
        role=Role.VIEWER,
        language="fi",
    )
    assert created and user.check_password("tiekartta-demo") and user.language == "fi"
    membership = user.memberships.get()
    assert membership.role == Role.VIEWER
    assert membership.history.get().history_change_reason == "Demo"
    again, created = services.create_demo_user(
        actor=demo,
        organisation=organisation,
        username="demo-x",
        password="tiekartta-demo",
        role=Role.ADMIN,
        language="fi",
    )
    assert again == user and not created and user.memberships.get().role == Role.VIEWER
