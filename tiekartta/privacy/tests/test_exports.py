"""Exports: one person's data (the operator's command: everything; the organisation
administrator's download: that organisation's rows only) and one organisation's rows."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from axes.models import AccessLog
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from conftest import World
from tests.factories import (
    MembershipFactory,
    PersonFactory,
    ProgressEntryFactory,
    RoadmapFactory,
    TaskFactory,
    ThemeFactory,
)
from tiekartta.accessibility.models import FeedbackKind
from tiekartta.accessibility.services import receive_feedback
from tiekartta.accounts.events import record_event
from tiekartta.accounts.models import AuditEvent, EventKind, Organisation, Role, User
from tiekartta.accounts.services import create_api_token
from tiekartta.core.audit import history_by
from tiekartta.privacy.selectors import organisation_lookups, organisation_path

ORG = "testikaupunki"


@pytest.fixture
def person_everywhere(world: World) -> User:
    """The owner-user: a member of both organisations, with a Person record, a task, a
    collaboration, a progress entry, a log-in record and feedback in each."""
    user = world.users["owner"]
    user.email = "omistaja@example.fi"
    user.save()
    MembershipFactory(user=user, organisation=world.outsider_organisation, role=Role.EDITOR)
    neighbour_person = PersonFactory(
        organisation=world.outsider_organisation, name="Naapurin omistaja", user=user
    )
    TaskFactory(theme=world.outsider_task.theme, owner=neighbour_person, title="Naapurin tehtävä")
    world.others_task.collaborators.add(world.owner_person)
    ProgressEntryFactory(task=world.own_task, author=user, note="Oma merkintä")
    ProgressEntryFactory(task=world.outsider_task, author=user, note="Naapurin merkintä")
    task = world.own_task
    task.title = "Vesimittarien etäluenta koko kaupunkiin"
    with history_by(task, user):
        task.save()
    AccessLog.objects.create(
        username=user.username, ip_address="192.0.2.7", user_agent="Firefox", path_info="/"
    )
    record_event(actor=user, organisation=world.organisation, kind=EventKind.SIGN_IN)
    # A failed sign-in has no actor, only the user name tried.
    record_event(
        actor=None,
        organisation=world.outsider_organisation,
        kind=EventKind.SIGN_IN_FAILED,
        data={"username": user.username},
    )
    for organisation in (world.organisation, world.outsider_organisation):
        receive_feedback(
            organisation=organisation,
            kind=FeedbackKind.GENERAL,
            message=f"Palaute {organisation.slug}",
            email="Omistaja@example.fi",
            language="fi",
            address="192.0.2.1",
        )
    return user


def read(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def all_rows(document: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(table, row) for table, rows in document["tables"].items() for row in rows]


def organisation_ids_in(document: dict[str, Any]) -> set[int]:
    """The organisations the rows name, straight or through their roadmap."""
    found = set()
    for _table, row in all_rows(document):
        fields = row["fields"]
        if "organisation" in fields and fields["organisation"] is not None:
            found.add(fields["organisation"])
    return found


# The command: everything about the person ---------------------------------------------------


def test_the_command_exports_everything_about_a_user(
    world: World, person_everywhere: User, tmp_path: Path
) -> None:
    output = tmp_path / "owner.json"
    call_command(
        "export_person_data", "--user", "owner-user", "--output", str(output), stderr=StringIO()
    )
    document = read(output)
    assert document["format"] == "tiekartta-personal-data/1"
    assert document["subject"] == {"user": "owner-user", "email": ["omistaja@example.fi"]}
    tables = document["tables"]
    [account] = tables["accounts.user"]
    assert account["fields"]["username"] == "owner-user"
    assert "password" not in account["fields"]
    assert len(tables["accounts.membership"]) == 2
    assert {row["fields"]["name"] for row in tables["roadmap.person"]} == {
        "Tekninen johtaja",
        "Naapurin omistaja",
    }
    titles = {row["fields"]["title"] for row in tables["roadmap.task"]}
    # Owned in both organisations, and the collaboration.
    assert {"Naapurin tehtävä", "Kokoelmajärjestelmä"} <= titles
    assert {row["fields"]["note"] for row in tables["progress.progressentry"]} == {
        "Oma merkintä",
        "Naapurin merkintä",
    }
    assert tables["axes.accesslog"][0]["fields"]["ip_address"] == "192.0.2.7"
    assert len(tables["accessibility.feedbackmessage"]) == 2
    # The history row the user wrote, and the history of their account.
    assert any(
        row["fields"]["history_user"] == person_everywhere.pk
        for row in tables["roadmap.historicaltask"]
    )
    assert tables["accounts.historicaluser"]
    assert {row["fields"]["kind"] for row in tables["accounts.auditevent"]} == {
        "sign_in",
        "sign_in_failed",
    }
    # Recorded in each organisation the person is in.
    events = AuditEvent.objects.filter(kind=EventKind.PERSONAL_DATA_EXPORT)
    assert {e.organisation_id for e in events} == {
        world.organisation.pk,
        world.outsider_organisation.pk,
    }
    assert all(e.actor_label == "Command line: export_person_data" for e in events)
    assert all(e.data["scope"] == "installation" for e in events)


def test_the_command_finds_a_person_without_an_account_by_address(
    world: World, tmp_path: Path
) -> None:
    PersonFactory(organisation=world.organisation, name="Ulkopuolinen", email="ulko@example.fi")
    output = tmp_path / "ulko.json"
    call_command(
        "export_person_data", "--email", "ULKO@example.fi", "--output", str(output),
        stderr=StringIO(),
    )  # fmt: skip
    document = read(output)
    assert document["subject"]["user"] is None
    assert [r["fields"]["name"] for r in document["tables"]["roadmap.person"]] == ["Ulkopuolinen"]
    assert "accounts.user" not in document["tables"]


def test_the_command_refuses_an_unknown_user(world: World, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="No user"):
        call_command("export_person_data", "--user", "nobody", "--output", str(tmp_path / "x"))


# The administrator's download: the organisation's rows only ----------------------------------


def download(world: World, persona: str, **data: Any) -> Any:
    client = world.client_for(persona)
    return client.post(reverse("privacy:person_export", kwargs={"org": ORG}), data)


def test_the_admin_downloads_a_members_data_of_their_organisation_only(
    world: World, person_everywhere: User
) -> None:
    response = download(world, "admin", user=person_everywhere.pk)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert (
        'filename="testikaupunki-personal-data-owner-user.json"' in response["Content-Disposition"]
    )
    document = json.loads(response.content)
    assert document["organisation"] == ORG
    assert organisation_ids_in(document) == {world.organisation.pk}
    tables = document["tables"]
    assert [r["fields"]["name"] for r in tables["roadmap.person"]] == ["Tekninen johtaja"]
    assert [r["fields"]["note"] for r in tables["progress.progressentry"]] == ["Oma merkintä"]
    assert "Naapurin tehtävä" not in {r["fields"]["title"] for r in tables["roadmap.task"]}
    assert [r["fields"]["message"] for r in tables["accessibility.feedbackmessage"]] == [
        "Palaute testikaupunki"
    ]
    # The installation's records are the operator's to export, not an organisation's.
    assert "axes.accesslog" not in tables and "accounts.historicaluser" not in tables
    assert [r["fields"]["kind"] for r in tables["accounts.auditevent"]] == ["sign_in"]
    assert "password" not in tables["accounts.user"][0]["fields"]
    text = response.content.decode()
    assert "Naapurin" not in text and "naapurikunta" not in text
    [event] = AuditEvent.objects.filter(kind=EventKind.PERSONAL_DATA_EXPORT)
    assert event.organisation == world.organisation
    assert event.actor == world.users["admin"]
    assert event.data["scope"] == "organisation"


def test_the_admin_downloads_a_person_without_an_account(world: World) -> None:
    person = PersonFactory(organisation=world.organisation, name="Konsultti", email="k@example.fi")
    response = download(world, "admin", person=person.pk)
    assert response.status_code == 200
    document = json.loads(response.content)
    assert [r["fields"]["name"] for r in document["tables"]["roadmap.person"]] == ["Konsultti"]


def test_another_organisations_member_or_person_is_not_found(world: World) -> None:
    outsider = world.users["outsider"]
    foreign_person = PersonFactory(organisation=world.outsider_organisation)
    assert download(world, "admin", user=outsider.pk).status_code == 404
    assert download(world, "admin", person=foreign_person.pk).status_code == 404
    assert download(world, "admin").status_code == 400
    assert not AuditEvent.objects.filter(kind=EventKind.PERSONAL_DATA_EXPORT).exists()


def test_only_the_admin_may_download(world: World, person_everywhere: User) -> None:
    assert download(world, "editor", user=person_everywhere.pk).status_code == 403
    client = world.client_for("admin")
    path = reverse("privacy:person_export", kwargs={"org": ORG})
    assert client.get(path, {"user": person_everywhere.pk}).status_code == 405


# The organisation's export ------------------------------------------------------------------


def test_the_organisation_export_holds_its_rows_and_nothing_of_others(
    world: World, person_everywhere: User, tmp_path: Path
) -> None:
    create_api_token(actor=None, organisation=world.organisation, name="Tietovarasto")
    create_api_token(actor=None, organisation=world.outsider_organisation, name="Naapurin")
    other = Organisation.objects.create(name="Kolmas kunta", slug="kolmas")
    ThemeFactory(roadmap=RoadmapFactory(organisation=other), name="Kolmannen aihe")
    output = tmp_path / "org.json"
    call_command("export_organisation", "--org", ORG, "--output", str(output), stderr=StringIO())
    document = read(output)
    assert document["format"] == "tiekartta-organisation/1"
    tables = document["tables"]
    assert [r["pk"] for r in tables["accounts.organisation"]] == [world.organisation.pk]
    assert organisation_ids_in(document) == {world.organisation.pk}
    assert {r["fields"]["title"] for r in tables["roadmap.task"]} >= {
        "Vesimittarien etäluenta koko kaupunkiin",
        "Kokoelmajärjestelmä",
    }
    themes = {r["fields"]["name"] for r in tables["roadmap.theme"]}
    assert themes == {"Tiedolla johtaminen", "Digituki"}
    assert tables["roadmap.historicaltask"] and tables["accounts.auditevent"]
    assert {r["fields"]["username"] for r in tables["accounts.user"]} == {
        "admin-user",
        "editor-user",
        "owner-user",
        "viewer-user",
    }
    # No secrets: neither password hashes nor token hashes.
    assert all("password" not in r["fields"] for r in tables["accounts.user"])
    [token] = tables["accounts.apitoken"]
    assert token["fields"]["name"] == "Tietovarasto" and "token_hash" not in token["fields"]
    text = output.read_text(encoding="utf-8")
    assert "Naapuri" not in text and "Kolmannen" not in text and "outsider-user" not in text
    [event] = AuditEvent.objects.filter(kind=EventKind.ORGANISATION_EXPORTED)
    assert event.organisation == world.organisation
    assert event.data["rows"] == sum(len(rows) for rows in tables.values())


def test_the_organisation_export_refuses_an_unknown_slug(db: object, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="No organisation"):
        call_command("export_organisation", "--org", "x", "--output", str(tmp_path / "x"))


def test_rows_reach_their_organisation_by_the_required_keys() -> None:
    from tiekartta.metrics.models import MetricValue
    from tiekartta.progress.models import ProgressEntry
    from tiekartta.roadmap.models import Task

    # Not through the value's API token, which only some values have.
    assert organisation_path(MetricValue) == "metric__roadmap__organisation"
    assert organisation_path(ProgressEntry) == "task__roadmap__organisation"
    # A history row's keys may all be empty: any of them counts.
    assert "roadmap__organisation" in organisation_lookups(Task.history.model)
    assert organisation_lookups(User) == ()
