"""Confirming and discarding an import leave an audit event in the same transaction: with who
did it (a user, or the command line), the roadmap's organisation, the file's name, the kind and
the summary; an import that fails or is rolled back leaves none."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from conftest import World
from tiekartta.accounts.models import AuditEvent, EventKind, Role
from tiekartta.core.actors import Actor
from tiekartta.imports import services
from tiekartta.imports.kinds.tasks import TASKS
from tiekartta.imports.models import ImportBatch, ImportKind, ImportStatus
from tiekartta.imports.tables import ImportRefused
from tiekartta.imports.tests.test_metric_value_import import GOOD_CSV
from tiekartta.imports.tests.test_metric_value_import import metrics as metrics  # fixture
from tiekartta.metrics.models import Metric, MetricValue
from tiekartta.roadmap.models import Task

ORG, RM = "testikaupunki", "2026-2028"
TODAY = datetime.date(2026, 11, 27)
NEW_TASKS = "Tehtävä;Vastuuhenkilö;Teema\r\nEtäluenta;Uusi Ihminen;Kartat\r\n".encode()


@pytest.fixture(autouse=True)
def late_2026() -> Any:
    with time_machine.travel("2026-11-27 12:00 +0200", tick=False):
        yield


class Boom(Exception):
    pass


def events(kind: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(kind=kind).order_by("pk"))


def url(name: str, **kwargs: Any) -> str:
    return reverse(name, kwargs={"org": ORG, "roadmap": RM, **kwargs})


def upload(world: World, content: bytes = NEW_TASKS, name: str = "uudet.csv") -> ImportBatch:
    return services.upload_import(
        actor=Actor.for_user(world.users[Role.EDITOR]),
        roadmap=world.roadmap,
        filename=name,
        content=content,
        kind=ImportKind.TASKS,
    )


def test_confirming_on_the_page_records_the_import(world: World) -> None:
    editor = world.users[Role.EDITOR]
    client = world.client_for(Role.EDITOR)
    response = client.post(
        url("imports:tasks_upload"), {"file": SimpleUploadedFile("uudet.csv", NEW_TASKS)}
    )
    batch = ImportBatch.objects.get()
    assert batch.uploaded_by == editor
    assert not events(EventKind.IMPORT_CONFIRMED), "uploading is no import yet"
    assert client.post(response["Location"]).status_code == 302
    (event,) = events(EventKind.IMPORT_CONFIRMED)
    assert (event.actor, event.actor_label) == (editor, "")
    assert event.organisation == world.organisation
    assert event.subject == "uudet.csv"
    assert event.data == {
        "kind": "tasks",
        "roadmap": world.roadmap.pk,
        "summary": {
            "created": 1,
            "updated": 0,
            "unchanged": 0,
            "people": 1,
            "themes": 1,
            "progress": 0,
        },
    }
    assert not events(EventKind.IMPORT_DISCARDED)
    page = world.client_for(Role.ADMIN).get(reverse("activity:change_log", kwargs={"org": ORG}))
    assert "Import confirmed" in page.content.decode() and "uudet.csv" in page.content.decode()


def test_discarding_on_the_page_records_it_once(world: World) -> None:
    batch = upload(world)
    client = world.client_for(Role.EDITOR)
    discard = url("imports:tasks_discard", batch=batch.pk)
    assert client.post(discard).status_code == 302
    assert client.post(discard).status_code == 302, "discarding again changes nothing"
    (event,) = events(EventKind.IMPORT_DISCARDED)
    assert event.actor == world.users[Role.EDITOR]
    assert event.organisation == world.organisation
    assert event.subject == "uudet.csv"
    assert event.data == {"kind": "tasks", "roadmap": world.roadmap.pk}
    assert ImportBatch.objects.get().status == ImportStatus.DISCARDED
    assert not events(EventKind.IMPORT_CONFIRMED)


def test_an_applied_file_discarded_records_nothing(world: World) -> None:
    batch = upload(world)
    services.confirm_import(
        actor=world.users[Role.EDITOR],  # a plain user is still accepted
        batch=batch,
        importer=TASKS,
        plan=TASKS.plan(world.roadmap, NEW_TASKS, "uudet.csv", TODAY),
        today=TODAY,
    )
    services.discard_import(actor=world.users[Role.EDITOR], batch=batch)
    assert not events(EventKind.IMPORT_DISCARDED)
    assert len(events(EventKind.IMPORT_CONFIRMED)) == 1


def test_the_event_rolls_back_with_the_import(world: World) -> None:
    batch = upload(world)
    plan = TASKS.plan(world.roadmap, NEW_TASKS, "uudet.csv", TODAY)
    with pytest.raises(Boom), transaction.atomic():
        services.confirm_import(
            actor=Actor.for_user(world.users[Role.EDITOR]),
            batch=batch,
            importer=TASKS,
            plan=plan,
            today=TODAY,
        )
        assert len(events(EventKind.IMPORT_CONFIRMED)) == 1
        raise Boom
    assert not events(EventKind.IMPORT_CONFIRMED)
    assert not Task.objects.filter(title="Etäluenta").exists()
    assert ImportBatch.objects.get().status == ImportStatus.PENDING


def test_a_refused_import_records_nothing(world: World) -> None:
    batch = upload(world)

    def refuse() -> dict[str, int]:
        raise ImportRefused("Rivi 2: ei käy.")

    with pytest.raises(ImportRefused):
        services.confirm_batch(
            actor=Actor.for_user(world.users[Role.EDITOR]),
            batch=batch,
            kind=ImportKind.TASKS,
            apply=refuse,
        )
    assert not events(EventKind.IMPORT_CONFIRMED)
    assert ImportBatch.objects.get().status == ImportStatus.PENDING


def test_a_discard_rolled_back_leaves_no_event(world: World) -> None:
    batch = upload(world)
    with pytest.raises(Boom), transaction.atomic():
        services.discard_import(actor=Actor.for_user(world.users[Role.EDITOR]), batch=batch)
        raise Boom
    assert not events(EventKind.IMPORT_DISCARDED)
    assert ImportBatch.objects.get().status == ImportStatus.PENDING


def test_the_task_command_records_the_import_as_the_command_line(
    world: World, tmp_path: Any
) -> None:
    path = tmp_path / "uudet.csv"
    path.write_bytes(NEW_TASKS)
    call_command("import_tasks", str(path), "--roadmap", RM, "--dry-run", stdout=io.StringIO())
    assert not events(EventKind.IMPORT_CONFIRMED), "a dry run imports nothing"
    call_command("import_tasks", str(path), "--roadmap", RM, stdout=io.StringIO())
    (event,) = events(EventKind.IMPORT_CONFIRMED)
    assert (event.actor, event.actor_label) == (None, "Command line: import_tasks")
    assert event.organisation == world.organisation
    assert event.subject == "uudet.csv"
    assert event.data["kind"] == "tasks" and event.data["summary"]["created"] == 1
    assert not ImportBatch.objects.exists(), "the command keeps no file"


def test_the_value_command_records_the_import_as_the_command_line(
    world: World, metrics: dict[str, Metric], tmp_path: Any
) -> None:
    path = tmp_path / "arvot.csv"
    path.write_bytes(GOOD_CSV)
    call_command("import_metric_values", str(path), "--roadmap", RM, stdout=io.StringIO())
    (event,) = events(EventKind.IMPORT_CONFIRMED)
    assert (event.actor, event.actor_label) == (None, "Command line: import_metric_values")
    assert event.data == {
        "kind": "metric_values",
        "roadmap": world.roadmap.pk,
        "summary": {"created": 2, "updated": 0, "unchanged": 0},
    }
    value = MetricValue.objects.get(period="2026")
    assert value.recorded_by is None
    row = value.history.get()  # type: ignore[attr-defined]
    assert (row.history_user, row.history_change_reason) == (
        None,
        "Command line: import_metric_values",
    )


def test_a_confirmed_value_import_on_the_page_is_recorded(
    world: World, metrics: dict[str, Metric]
) -> None:
    client = world.client_for(Role.EDITOR)
    response = client.post(
        url("imports:metric_values_upload"), {"file": SimpleUploadedFile("arvot.csv", GOOD_CSV)}
    )
    assert client.post(response["Location"]).status_code == 302
    (event,) = events(EventKind.IMPORT_CONFIRMED)
    assert event.actor == world.users[Role.EDITOR]
    assert event.data["kind"] == "metric_values"
    assert MetricValue.objects.get(period="2026").recorded_by == world.users[Role.EDITOR]
