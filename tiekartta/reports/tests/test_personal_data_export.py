"""Which exports leave a `personal_data_export` event: the whole roadmap as .xlsx (its people
sheet lists names, titles and e-mail addresses; its progress and value sheets name the users
who recorded them) and as .csv (the bulk task sheet, the import format, with every owner and
collaborator), on the page and from the command line. The interim report and the task list
attachment are documents made to be published as they are, and leave none."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from conftest import World
from tiekartta.accounts.models import AuditEvent, EventKind, Role

ORG, RM = "testikaupunki", "2026-2028"
# (URL name, the command's --format, whether it is an export of personal data)
EXPORTS = [
    ("reports:export_xlsx", "xlsx", True),
    ("reports:export_csv", "csv", True),
    ("reports:attachment_xlsx", "attachment-xlsx", False),
    ("reports:attachment_pdf", "attachment-pdf", False),
    ("reports:interim_pdf", "pdf", False),
    ("reports:interim_docx", "docx", False),
]


@pytest.fixture(autouse=True)
def late_2026() -> Any:
    with time_machine.travel("2026-11-27 12:00 +0200", tick=False):
        yield


def exports() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(kind=EventKind.PERSONAL_DATA_EXPORT).order_by("pk"))


@pytest.mark.parametrize(("name", "kind", "personal"), EXPORTS)
def test_a_download_records_an_export_only_when_it_carries_personal_data(
    world: World, name: str, kind: str, personal: bool
) -> None:
    response = world.client_for(Role.VIEWER).get(reverse(name, kwargs={"org": ORG, "roadmap": RM}))
    assert response.status_code == 200
    if not personal:
        assert not exports()
        return
    (event,) = exports()
    assert (event.actor, event.actor_label) == (world.users[Role.VIEWER], "")
    assert event.organisation == world.organisation
    assert event.subject == f"{RM}.{kind}"
    assert event.data == {"roadmap": world.roadmap.pk, "format": kind}


@pytest.mark.parametrize(("name", "kind", "personal"), EXPORTS)
def test_the_command_records_an_export_only_when_it_carries_personal_data(
    world: World, tmp_path: Path, name: str, kind: str, personal: bool
) -> None:
    output = tmp_path / f"vienti.{kind}"
    call_command(
        "export_roadmap",
        RM,
        "--organisation",
        ORG,
        "--format",
        kind,
        "--output",
        str(output),
        stdout=StringIO(),
    )
    assert output.stat().st_size > 0
    if not personal:
        assert not exports()
        return
    (event,) = exports()
    assert (event.actor, event.actor_label) == (None, "Command line: export_roadmap")
    assert event.organisation == world.organisation
    assert event.data["format"] == kind


def test_an_outsider_downloads_nothing_and_leaves_no_event(world: World) -> None:
    response = world.client_for("outsider").get(
        reverse("reports:export_xlsx", kwargs={"org": ORG, "roadmap": RM})
    )
    assert response.status_code == 404
    assert not exports()
