"""Open data carries the language versions of the public texts, never of an internal one."""

from __future__ import annotations

import csv
import io

import pytest

from tiekartta.accounts.content_languages import set_content_languages
from tiekartta.accounts.models import Organisation
from tiekartta.core.actors import Actor
from tiekartta.opendata.tests.conftest import ROADMAP, OpenClient, Published
from tiekartta.roadmap.models import Roadmap, Task, Theme

pytestmark = pytest.mark.django_db

SECRET_VERSION = "SVENSK-INTERN-BESKRIVNING"


@pytest.fixture
def swedish(published: Published) -> Published:
    Organisation.objects.filter(pk=published.world.organisation.pk).update(
        translation_languages=["sv"]
    )
    task = Task.objects.get(pk=published.public_task.pk)
    task.translations = {"sv": {"title": "Fjärravläsning", "description": SECRET_VERSION}}
    task.save()
    Task.objects.filter(pk=published.secret_task.pk).update(
        translations={"sv": {"title": "SVENSK-HEMLIG-UPPGIFT"}}
    )
    Theme.objects.filter(pk=published.world.theme.pk).update(translations={"sv": {"name": "Tema"}})
    Roadmap.objects.filter(pk=published.roadmap.pk).update(
        translations={"sv": {"title": "Färdplan", "description": SECRET_VERSION}}
    )
    return published


def test_tasks_carry_their_public_versions_in_a_fixed_shape(
    swedish: Published, client_open: OpenClient
) -> None:
    body = client_open.get(f"{ROADMAP}/tasks").json()
    (task,) = body["results"]
    assert task["title"] == swedish.public_task.title
    assert task["language"] == "fi"
    assert task["translations"] == {
        "sv": {"title": "Fjärravläsning", "public_summary": None, "theme_name": "Tema"}
    }
    themes = client_open.get(f"{ROADMAP}/themes").json()["results"]
    own = next(theme for theme in themes if theme["id"] == swedish.world.theme.pk)
    assert own["translations"] == {"sv": {"name": "Tema"}}
    roadmaps = client_open.get("/avoin-data/v1/organisations/testikaupunki/roadmaps").json()
    (roadmap,) = [r for r in roadmaps["results"] if r["id"] == swedish.roadmap.pk]
    assert roadmap["translations"] == {"sv": {"title": "Färdplan"}}
    metrics = client_open.get(f"{ROADMAP}/metrics").json()["results"]
    assert metrics[0]["translations"] == {
        "sv": {"name": None, "description": None, "theme_name": "Tema"}
    }
    for address in (
        f"{ROADMAP}/tasks",
        f"{ROADMAP}/tasks.csv",
        "/avoin-data/v1/organisations/testikaupunki/roadmaps",
    ):
        text = client_open.get(address).content.decode()
        assert SECRET_VERSION not in text
        assert "SVENSK-HEMLIG-UPPGIFT" not in text


def test_the_csv_has_a_column_per_language(swedish: Published, client_open: OpenClient) -> None:
    text = client_open.get(f"{ROADMAP}/tasks.csv").content.decode()
    (row,) = list(csv.DictReader(io.StringIO(text)))
    assert row["language"] == "fi"
    assert row["title_sv"] == "Fjärravläsning"
    assert row["theme_name_sv"] == "Tema"
    assert row["public_summary_sv"] == ""
    assert "description_sv" not in row


def test_the_etag_changes_when_a_version_changes(
    swedish: Published, client_open: OpenClient
) -> None:
    for address, change in (
        (f"{ROADMAP}/tasks", lambda: _edit(Task, swedish.public_task.pk, {"title": "Ny"})),
        (f"{ROADMAP}/themes", lambda: _edit(Theme, swedish.world.theme.pk, {"name": "Nytt"})),
    ):
        etag = client_open.get(address)["ETag"]
        assert client_open.get(address, HTTP_IF_NONE_MATCH=etag).status_code == 304
        change()
        assert client_open.get(address, HTTP_IF_NONE_MATCH=etag).status_code == 200


def _edit(model: type, pk: int, sv: dict[str, str]) -> None:
    obj = model.objects.get(pk=pk)  # type: ignore[attr-defined]
    obj.translations = {"sv": sv}
    obj.save()


def test_the_etag_changes_when_the_organisation_changes_its_languages(
    swedish: Published, client_open: OpenClient
) -> None:
    address = f"{ROADMAP}/tasks"
    etag = client_open.get(address)["ETag"]
    set_content_languages(
        actor=Actor.system("test"),
        organisation=Organisation.objects.get(pk=swedish.world.organisation.pk),
        primary="fi",
        languages=["fi"],
    )
    again = client_open.get(address, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200
    assert again.json()["results"][0]["translations"] == {}
