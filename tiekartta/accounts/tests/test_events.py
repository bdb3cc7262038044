"""The audit event log: append-only, written in the caller's transaction, and recorded for
sign-ins, failed log-ins, sign-in links, API tokens, memberships and exports of personal data."""

from __future__ import annotations

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.db import transaction
from django.test import RequestFactory
from django.urls import reverse

from conftest import PASSWORD, BrowserLikeClient, World
from tests.factories import MembershipFactory, OrganisationFactory, verify_email
from tiekartta.accounts import services
from tiekartta.accounts.events import record_event
from tiekartta.accounts.models import AppendOnlyError, AuditEvent, EventKind, Role
from tiekartta.core.actors import Actor


def events(kind: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(kind=kind).order_by("pk"))


class Boom(Exception):
    pass


# Append-only ---------------------------------------------------------------------------------


def test_an_event_cannot_be_changed_or_deleted(world: World) -> None:
    event = record_event(
        actor=world.users[Role.ADMIN], organisation=world.organisation, kind=EventKind.SIGN_IN
    )
    event.subject = "muutettu"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(subject="muutettu")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    fresh = AuditEvent.objects.get(pk=event.pk)
    assert fresh.subject == ""


def test_the_admin_shows_events_read_only(world: World) -> None:
    model_admin = admin.site._registry[AuditEvent]
    request = RequestFactory().get("/admin/")
    request.user = world.users[Role.ADMIN]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_an_event_is_rolled_back_with_its_transaction(world: World) -> None:
    with pytest.raises(Boom), transaction.atomic():
        record_event(actor=None, organisation=world.organisation, kind=EventKind.API_WRITE)
        raise Boom
    assert not AuditEvent.objects.exists()


def test_a_token_or_the_system_is_named_by_its_label(world: World) -> None:
    token, _secret = services.create_api_token(
        actor=world.users[Role.ADMIN], organisation=world.organisation, name="Tietovarasto"
    )
    by_token = record_event(
        actor=Actor.for_token(token), organisation=world.organisation, kind=EventKind.API_WRITE
    )
    by_system = record_event(
        actor=Actor.system("Command line: export_roadmap"),
        organisation=world.organisation,
        kind=EventKind.PERSONAL_DATA_EXPORT,
    )
    assert (by_token.actor, by_token.actor_label) == (None, "API: Tietovarasto")
    assert (by_system.actor, by_system.actor_label) == (None, "Command line: export_roadmap")


# Sign-ins ------------------------------------------------------------------------------------


def test_signing_in_records_an_event_in_each_organisation_of_the_user(world: World) -> None:
    editor = world.users[Role.EDITOR]
    MembershipFactory(user=editor, organisation=world.outsider_organisation, role=Role.VIEWER)
    client = BrowserLikeClient(REMOTE_ADDR="192.0.2.7")
    response = client.post(
        reverse("accounts:login"), {"username": editor.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    signed_in = events(EventKind.SIGN_IN)
    assert {event.organisation for event in signed_in} == {
        world.organisation,
        world.outsider_organisation,
    }
    assert all(event.actor == editor for event in signed_in)
    assert all(event.data == {"address": "192.0.2.7"} for event in signed_in)


def test_a_failed_log_in_keeps_the_user_name_and_address_never_the_password(
    world: World,
) -> None:
    client = BrowserLikeClient(REMOTE_ADDR="192.0.2.8")
    client.post(reverse("accounts:login"), {"username": "viewer-user", "password": "väärä-123"})
    client.post(reverse("accounts:login"), {"username": "nobody", "password": "väärä-456"})
    known, unknown = events(EventKind.SIGN_IN_FAILED)
    assert known.organisation == world.organisation and known.actor is None
    assert known.subject == "viewer-user"
    assert known.data == {"username": "viewer-user", "address": "192.0.2.8"}
    assert unknown.organisation is None and unknown.subject == "nobody"
    stored = str(list(AuditEvent.objects.values_list("subject", "data")))
    assert "väärä" not in stored and "*****" not in stored


def test_a_sign_in_link_used_is_recorded_with_the_redemption(world: World) -> None:
    owner = verify_email(world.users[Role.OWNER], "omistaja@example.fi")
    my_tasks = reverse("progress:my_tasks", kwargs={"org": "testikaupunki"})
    _link, token = services.create_sign_in_link(
        user=owner,
        organisation=world.organisation,
        next_path=my_tasks,
        valid_for=datetime.timedelta(hours=1),
    )
    services.redeem_sign_in_link(token=token)
    (used,) = events(EventKind.SIGN_IN_LINK_USED)
    assert (used.actor, used.organisation, used.subject) == (
        owner,
        world.organisation,
        "owner-user",
    )
    # A redemption that fails takes its event with it.
    _other, other_token = services.create_sign_in_link(
        user=owner,
        organisation=world.organisation,
        next_path=my_tasks,
        valid_for=datetime.timedelta(hours=1),
    )
    with pytest.raises(Boom), transaction.atomic():
        services.redeem_sign_in_link(token=other_token)
        raise Boom
    assert len(events(EventKind.SIGN_IN_LINK_USED)) == 1


# Tokens and memberships ----------------------------------------------------------------------


def test_creating_and_revoking_a_token_is_recorded(world: World) -> None:
    admin_user = world.users[Role.ADMIN]
    token, _secret = services.create_api_token(
        actor=admin_user, organisation=world.organisation, name="Tietovarasto"
    )
    services.revoke_api_token(actor=admin_user, token=token)
    services.revoke_api_token(actor=admin_user, token=token)  # already revoked: nothing more
    (created,) = events(EventKind.API_TOKEN_CREATED)
    (revoked,) = events(EventKind.API_TOKEN_REVOKED)
    for event in (created, revoked):
        assert (event.actor, event.organisation, event.subject) == (
            admin_user,
            world.organisation,
            "Tietovarasto",
        )
    # The creation says whether the token may record progress, so the log shows who granted it.
    assert created.data == {"token": token.pk, "prefix": token.prefix, "records_progress": False}
    assert revoked.data == {"token": token.pk, "prefix": token.prefix}


def test_a_token_refused_leaves_no_event(world: World) -> None:
    with pytest.raises(Exception):  # noqa: B017 - the name is missing
        services.create_api_token(
            actor=world.users[Role.ADMIN], organisation=world.organisation, name=" "
        )
    assert not events(EventKind.API_TOKEN_CREATED)


def test_a_role_change_is_recorded_and_rolled_back_with_it(world: World) -> None:
    admin_user = world.users[Role.ADMIN]
    membership = world.users[Role.VIEWER].memberships.get()
    services.change_role(actor=admin_user, membership=membership, role=Role.EDITOR)
    (changed,) = events(EventKind.ROLE_CHANGED)
    assert changed.data == {"from": "viewer", "to": "editor"}
    with pytest.raises(Boom), transaction.atomic():
        services.change_role(actor=admin_user, membership=membership, role=Role.OWNER)
        raise Boom
    assert len(events(EventKind.ROLE_CHANGED)) == 1


# Exports of personal data --------------------------------------------------------------------


@pytest.mark.parametrize("name", ["reports:export_xlsx", "reports:export_csv"])
def test_exporting_the_roadmap_records_an_export_of_personal_data(world: World, name: str) -> None:
    client = world.client_for(Role.VIEWER)
    response = client.get(reverse(name, kwargs={"org": "testikaupunki", "roadmap": "2026-2028"}))
    assert response.status_code == 200
    (exported,) = events(EventKind.PERSONAL_DATA_EXPORT)
    assert exported.actor == world.users[Role.VIEWER]
    assert exported.organisation == world.organisation
    assert exported.data["format"] == name.rsplit("_", 1)[1]


def test_the_task_list_attachment_is_no_export_of_personal_data(world: World) -> None:
    client = world.client_for(Role.VIEWER)
    url = reverse(
        "reports:attachment_xlsx", kwargs={"org": "testikaupunki", "roadmap": "2026-2028"}
    )
    assert client.get(url).status_code == 200
    assert not events(EventKind.PERSONAL_DATA_EXPORT)


def test_the_export_command_records_an_export_by_the_system(world: World, tmp_path: Path) -> None:
    output = tmp_path / "tiekartta.xlsx"
    call_command(
        "export_roadmap",
        "2026-2028",
        "--organisation",
        "testikaupunki",
        "--format",
        "xlsx",
        "--output",
        str(output),
        stdout=StringIO(),
    )
    (exported,) = events(EventKind.PERSONAL_DATA_EXPORT)
    assert exported.actor is None
    assert exported.actor_label == "Command line: export_roadmap"
    assert exported.organisation == world.organisation


def test_a_deleted_user_leaves_their_events_without_them(world: World) -> None:
    owner = world.users[Role.OWNER]
    event = record_event(actor=owner, organisation=world.organisation, kind=EventKind.SIGN_IN)
    world.owner_person.user = None
    world.owner_person.save()
    owner.delete()
    assert AuditEvent.objects.get(pk=event.pk).actor is None


def test_an_organisation_removed_takes_its_events_with_it(world: World) -> None:
    removed = OrganisationFactory(slug="lakkautettu")
    record_event(actor=None, organisation=removed, kind=EventKind.SIGN_IN)
    kept = record_event(actor=None, organisation=world.organisation, kind=EventKind.SIGN_IN)
    removed.delete()
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [kept.pk]
