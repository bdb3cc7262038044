"""The import pages' edge cases: the preview's changed fields and what is kept of an imported
file."""

from typing import Any

import pytest
import time_machine
from django.urls import reverse

from conftest import World
from tiekartta.accounts.models import Role
from tiekartta.imports import services
from tiekartta.imports.models import ImportBatch, ImportStatus


@pytest.fixture(autouse=True)
def late_2026() -> Any:
    with time_machine.travel("2026-11-27 12:00 +0200", tick=False):
        yield


def url(name: str, **kwargs: Any) -> str:
    return reverse(name, kwargs={"org": "testikaupunki", "roadmap": "2026-2028", **kwargs})


def test_preview_names_the_fields_an_update_changes_and_the_file_is_not_kept(
    world: World,
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = f"Tehtävä;Vastuuhenkilö;Aikataulu\r\n{world.own_task.title};Museonjohtaja;2027\r\n"
    client = world.client_for(Role.EDITOR)
    response = client.post(
        url("imports:tasks_upload"),
        {"file": SimpleUploadedFile("muutos.csv", content.encode())},
    )
    preview = client.get(response["Location"]).content.decode()
    assert "Responsible person, Target start, Target end" in preview
    client.post(response["Location"])
    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.APPLIED and bytes(batch.content) == b""
    services.discard_import(actor=world.users[Role.EDITOR], batch=batch)
    assert ImportBatch.objects.get().status == ImportStatus.APPLIED, "applied stays applied"
