"""The interface gives the texts in every language the organisation writes in, as a warehouse
needs them, and takes a public summary with its versions through the same service as the form."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import World
from tiekartta.accounts.models import ApiToken, Organisation
from tiekartta.accounts.services import create_api_token
from tiekartta.api.tests.conftest import ApiClient, assert_error
from tiekartta.metrics.models import Metric
from tiekartta.roadmap.models import Roadmap, Task, Theme


@pytest.fixture
def bilingual(world: World) -> World:
    Organisation.objects.filter(pk=world.organisation.pk).update(translation_languages=["sv"])
    Roadmap.objects.filter(pk=world.roadmap.pk).update(
        translations={"sv": {"title": "Färdplan", "description": ""}, "en": {"title": "Roadmap"}}
    )
    Theme.objects.filter(pk=world.theme.pk).update(translations={"sv": {"name": "Digitalt stöd"}})
    Task.objects.filter(pk=world.own_task.pk).update(
        public_summary="Etäluenta on käytössä.",
        translations={"sv": {"title": "Fjärravläsning", "public_summary": "I bruk."}},
    )
    return world


@pytest.fixture
def recorder(world: World) -> tuple[ApiToken, ApiClient]:
    token, secret = create_api_token(
        actor=None, organisation=world.organisation, name="Raportointi", records_progress=True
    )
    return token, ApiClient(secret)


def test_roadmaps_themes_and_tasks_carry_their_versions(
    bilingual: World, api_client: ApiClient
) -> None:
    world = bilingual
    base = f"/api/v1/roadmaps/{world.roadmap.pk}"
    roadmap = api_client.get(base).json()
    assert roadmap["language"] == "fi"
    # Every field in every other language in use, null where not written; a version in a
    # language the organisation does not use is left out (the open data's shape).
    assert roadmap["translations"] == {"sv": {"title": "Färdplan", "description": None}}
    [theme] = [t for t in roadmap["themes"] if t["id"] == world.theme.pk]
    assert theme["translations"] == {"sv": {"name": "Digitalt stöd", "description": None}}
    listed = {r["id"]: r for r in api_client.get("/api/v1/roadmaps").json()["results"]}
    assert listed[world.roadmap.pk]["translations"] == roadmap["translations"]
    tasks = {t["id"]: t for t in api_client.get(f"{base}/tasks").json()["results"]}
    task = tasks[world.own_task.pk]
    assert task["public_summary"] == "Etäluenta on käytössä."
    assert task["translations"] == {
        "sv": {"title": "Fjärravläsning", "description": None, "public_summary": "I bruk."}
    }
    assert api_client.get(f"{base}/tasks/{world.own_task.pk}").json() == task


def test_taking_a_language_out_of_use_changes_the_answer_and_its_etag(
    bilingual: World, api_client: ApiClient
) -> None:
    address = f"/api/v1/roadmaps/{bilingual.roadmap.pk}/tasks/{bilingual.own_task.pk}"
    first = api_client.get(address)
    assert api_client.get(address, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    Organisation.objects.filter(pk=bilingual.organisation.pk).update(translation_languages=[])
    again = api_client.get(address, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again.json()["translations"] == {}


def test_metrics_carry_their_versions(
    bilingual: World, api_client: ApiClient, metric: Metric
) -> None:
    Metric.objects.filter(pk=metric.pk).update(translations={"sv": {"name": "Andel e-tjänster"}})
    [shown] = [
        m for m in api_client.get("/api/v1/metrics").json()["metrics"] if m["id"] == metric.pk
    ]
    assert shown["language"] == "fi"
    assert shown["translations"] == {"sv": {"name": "Andel e-tjänster", "description": None}}


def _post(world: World, client: ApiClient, **extra: Any) -> Any:
    version = Task.objects.get(pk=world.own_task.pk).version
    data = {"quarter": "2026Q4", "completion": 45, "status": "in_progress", "version": version}
    return client.post_json(
        f"/api/v1/roadmaps/{world.roadmap.pk}/tasks/{world.own_task.pk}/progress",
        {**data, **extra},
    )


def test_an_entry_sets_the_public_summary_and_its_versions(
    bilingual: World, recorder: tuple[ApiToken, ApiClient]
) -> None:
    _token, client = recorder
    response = _post(
        bilingual,
        client,
        public_summary="Puolet mittareista luetaan etänä.",
        public_summary_translations={"sv": "Hälften av mätarna fjärravläses."},
    )
    assert response.status_code == 201, response.content
    task = Task.objects.get(pk=bilingual.own_task.pk)
    assert task.public_summary == "Puolet mittareista luetaan etänä."
    assert task.translations["sv"] == {
        "title": "Fjärravläsning",
        "public_summary": "Hälften av mätarna fjärravläses.",
    }
    # One change in the task's history for the whole entry.
    assert task.history.count() == Task.history.filter(id=task.pk).count()
    assert task.history.first().public_summary == "Puolet mittareista luetaan etänä."
    # Leaving both out keeps them.
    assert _post(bilingual, client, completion=50).status_code == 201
    task.refresh_from_db()
    assert task.public_summary == "Puolet mittareista luetaan etänä."
    assert task.translations["sv"]["public_summary"] == "Hälften av mätarna fjärravläses."


def test_a_summary_in_a_language_not_in_use_is_refused_and_nothing_saved(
    bilingual: World, recorder: tuple[ApiToken, ApiClient]
) -> None:
    _token, client = recorder
    before = Task.objects.get(pk=bilingual.own_task.pk)
    response = _post(
        bilingual, client, public_summary="Uusi", public_summary_translations={"de": "Neu"}
    )
    error = assert_error(response, 400)
    assert "public_summary" in error["fields"], error
    after = Task.objects.get(pk=bilingual.own_task.pk)
    assert (after.version, after.public_summary) == (before.version, before.public_summary)
    assert not after.progress_entries.exists()
