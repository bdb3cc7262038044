"""Recording progress through the interface: the same service as the task page's form, so its
rules, the archived roadmap's refusal, the history and the audit event all apply; the token
needs the grant, and a stale version is refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from conftest import World
from tiekartta.accounts.models import ApiToken, AuditEvent, EventKind
from tiekartta.accounts.services import create_api_token
from tiekartta.api.tests.conftest import ApiClient, assert_error
from tiekartta.progress.models import ProgressEntry
from tiekartta.roadmap.models import Roadmap, Task


@pytest.fixture
def recorder(world: World) -> tuple[ApiToken, ApiClient]:
    token, secret = create_api_token(
        actor=None, organisation=world.organisation, name="Raportointi", records_progress=True
    )
    return token, ApiClient(secret)


def url(world: World, task: Task | None = None, roadmap: Roadmap | None = None) -> str:
    task = task or world.own_task
    roadmap = roadmap or world.roadmap
    return f"/api/v1/roadmaps/{roadmap.pk}/tasks/{task.pk}/progress"


def body(world: World, **changes: Any) -> dict[str, Any]:
    version = Task.objects.get(pk=world.own_task.pk).version
    data = {"quarter": "2026Q4", "completion": 45, "status": "in_progress", "version": version}
    data.update(changes)
    return data


def test_an_entry_is_recorded_with_its_history_and_event(
    recorder: tuple[ApiToken, ApiClient], world: World
) -> None:
    token, client = recorder
    before = Task.objects.get(pk=world.own_task.pk).version
    response = client.post_json(url(world), body(world, note="Tietovarastosta"))
    assert response.status_code == 201, response.content
    created = response.json()
    entry = ProgressEntry.objects.get()
    assert created["id"] == entry.pk and created["completion"] == 45
    assert created["note"] == "Tietovarastosta"
    task = Task.objects.get(pk=world.own_task.pk)
    assert (task.completion, task.status) == (45, "in_progress")
    assert created["task_version"] == task.version == before + 1
    # The task's change history names the token, as the change log shows it.
    assert task.history.first().history_change_reason == "API: Raportointi"
    event = AuditEvent.objects.get(kind=EventKind.API_WRITE)
    assert event.organisation == world.organisation
    assert event.data["task"] == task.pk and event.data["completion"] == 45
    assert event.actor is None and event.actor_label == f"API: {token.name}"


def test_the_quarter_defaults_to_the_current_one(
    recorder: tuple[ApiToken, ApiClient], world: World
) -> None:
    data = body(world)
    del data["quarter"]
    assert recorder[1].post_json(url(world), data).status_code == 201
    assert ProgressEntry.objects.get().quarter == "2026Q4"


def test_a_stale_version_is_a_conflict(recorder: tuple[ApiToken, ApiClient], world: World) -> None:
    data = body(world)
    assert recorder[1].post_json(url(world), data).status_code == 201
    # The same version again: the task moved on with the first entry.
    error = assert_error(recorder[1].post_json(url(world), data), 409, "conflict")
    assert "has changed since you read it" in error["message"]
    assert ProgressEntry.objects.count() == 1


def test_a_token_without_the_grant_is_forbidden(api_client: ApiClient, world: World) -> None:
    error = assert_error(api_client.post_json(url(world), body(world)), 403, "forbidden")
    assert "may not record progress" in error["message"]
    assert not ProgressEntry.objects.exists()
    assert not AuditEvent.objects.filter(kind=EventKind.API_WRITE).exists()


def test_an_archived_roadmap_is_read_only(
    recorder: tuple[ApiToken, ApiClient], world: World
) -> None:
    Roadmap.objects.filter(pk=world.roadmap.pk).update(is_archived=True)
    error = assert_error(recorder[1].post_json(url(world), body(world)), 400, "invalid")
    assert error["message"] == "This roadmap is archived and read-only."
    assert not ProgressEntry.objects.exists()
    # Reading it stays.
    assert recorder[1].get(url(world)).status_code == 200


def test_another_organisations_task_is_not_found(
    recorder: tuple[ApiToken, ApiClient], world: World
) -> None:
    for address in (
        url(world, task=world.outsider_task, roadmap=world.outsider_roadmap),
        url(world, task=world.outsider_task),
    ):
        assert_error(recorder[1].post_json(address, body(world)), 404, "not_found")
    assert not ProgressEntry.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"completion": 101}, "completion"),
        ({"completion": -1}, "completion"),
        ({"completion": 10**40}, "completion"),
        ({"completion": "45"}, "completion"),
        ({"completion": 45.5}, "completion"),
        ({"completion": True}, "completion"),
        ({"completion": None}, "completion"),
        ({"status": "finished"}, "status"),
        ({"status": 3}, "status"),
        ({"status": "done", "completion": 90}, None),
        ({"quarter": "2027Q1"}, "quarter"),
        ({"quarter": "2020Q1"}, "quarter"),
        ({"quarter": "Q5"}, "quarter"),
        ({"quarter": "x" * 100}, "quarter"),
        ({"note": "x" * 2001}, "note"),
        ({"note": "nolla\x00merkki"}, "note"),
        ({"version": "1"}, "version"),
        ({"version": 10**40}, "version"),
        ({"extra": 1}, "extra"),
    ],
)
def test_bad_input_is_refused_by_field(
    recorder: tuple[ApiToken, ApiClient],
    world: World,
    changes: dict[str, Any],
    field: str | None,
) -> None:
    error = assert_error(recorder[1].post_json(url(world), body(world, **changes)), 400, "invalid")
    if field is None:
        assert error["message"] and error["message"] != "Check the values: nothing was saved."
    else:
        assert field in error["fields"], error
    assert not ProgressEntry.objects.exists()


def test_an_unknown_field_lists_the_accepted_ones(
    recorder: tuple[ApiToken, ApiClient], world: World
) -> None:
    error = assert_error(recorder[1].post_json(url(world), body(world, percent=4)), 400)
    assert error["fields"]["percent"] == [
        "Unknown field. The accepted fields are quarter, completion, status, note, version."
    ]


@pytest.mark.parametrize("raw", ["[1, 2]", "45", "not json", '"text"'])
def test_a_body_that_is_no_object(
    recorder: tuple[ApiToken, ApiClient], world: World, raw: str
) -> None:
    response = recorder[1].raw(url(world), raw)
    assert response.status_code == 400
    assert not ProgressEntry.objects.exists()


def test_the_admin_grants_progress_recording_on_the_token_page(world: World) -> None:
    create = reverse("api_tokens:token_create", kwargs={"org": world.organisation.slug})
    admin = world.client_for("admin")
    assert admin.post(create, {"name": "Lukija"}).status_code == 200
    assert admin.post(create, {"name": "Kirjaaja", "records_progress": "on"}).status_code == 200
    grants = dict(ApiToken.objects.values_list("name", "records_progress"))
    assert grants == {"Lukija": False, "Kirjaaja": True}
    assert (
        "Records progress"
        in admin.get(
            reverse("api_tokens:token_list", kwargs={"org": world.organisation.slug})
        ).content.decode()
    )
    for persona in ("editor", "owner", "viewer"):
        response = world.client_for(persona).post(create, {"name": f"X{persona}"})
        assert response.status_code == 403
    assert world.client_for("outsider").post(create, {"name": "Y"}).status_code == 404
    assert ApiToken.objects.count() == 2


def test_an_entry_changes_what_a_cached_reader_gets(
    recorder: tuple[ApiToken, ApiClient], world: World
) -> None:
    client = recorder[1]
    tasks = f"/api/v1/roadmaps/{world.roadmap.pk}/tasks"
    entries = f"/api/v1/roadmaps/{world.roadmap.pk}/progress"
    cached = {address: client.get(address)["ETag"] for address in (tasks, entries)}
    # The clock stands still: the validators must not lean on the time alone.
    assert client.post_json(url(world), body(world)).status_code == 201
    for address, etag in cached.items():
        fresh = client.get(address, headers={"If-None-Match": etag})
        assert fresh.status_code == 200, address
    own = next(t for t in fresh_tasks(client, tasks) if t["id"] == world.own_task.pk)
    assert own["completion"] == 45


def fresh_tasks(client: ApiClient, address: str) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = client.get(address).json()["results"]
    return results
