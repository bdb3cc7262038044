"""The open-data endpoints as a program outside the organisation reads them: the shapes, the
licence on every answer, paging with its caps, hostile input and unknown addresses."""

from __future__ import annotations

import pytest

from tiekartta.opendata.tests.conftest import BASE, ROADMAP, OpenClient, Published
from tiekartta.roadmap.publicity import PublicTask

LICENCE = {
    "id": "CC-BY-4.0",
    "name": "Creative Commons Attribution 4.0 International",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}


def test_the_index_lists_organisations_with_a_public_site(
    published: Published, client_open: OpenClient
) -> None:
    body = client_open.get(f"{BASE}/").json()
    assert body["licence"] == LICENCE
    slugs = [o["slug"] for o in body["organisations"]]
    assert slugs == ["naapurikunta", "testikaupunki"]
    assert body["organisations"][1]["roadmaps"].endswith(
        "/avoin-data/v1/organisations/testikaupunki/roadmaps"
    )


def test_the_roadmaps_are_the_published_ones_with_their_completion(
    published: Published, client_open: OpenClient
) -> None:
    response = client_open.get(f"{BASE}/organisations/testikaupunki/roadmaps")
    body = response.json()
    assert body["licence"] == LICENCE
    assert body["attribution"] == "Testikaupunki"
    assert [r["slug"] for r in body["results"]] == ["2026-2028"]
    roadmap = body["results"][0]
    assert roadmap["task_count"] == 1
    assert roadmap["completion"] == published.public_task.completion
    assert roadmap["period"] == "2026–2028" and roadmap["archived"] is False
    assert client_open.get(roadmap["links"]["tasks"]).status_code == 200


def test_tasks_carry_exactly_the_public_fields(
    published: Published, client_open: OpenClient
) -> None:
    body = client_open.get(f"{ROADMAP}/tasks").json()
    assert body["licence"] == LICENCE and body["attribution"] == "Testikaupunki"
    assert body["count"] == 1 and body["next"] is None and body["previous"] is None
    (task,) = body["results"]
    assert set(task) == (set(PublicTask.__dataclass_fields__) - {"roadmap_slug"}) | {"language"}
    assert task["title"] == "Vesimittarien etäluenta"
    assert task["public_summary"] == "Mittarit luetaan etänä."
    # Names are not shown by default: the unit answers for the task.
    assert task["responsible"] == "Tietohallinto"


def test_themes_and_metrics(published: Published, client_open: OpenClient) -> None:
    themes = client_open.get(f"{ROADMAP}/themes").json()
    assert [t["name"] for t in themes["results"]] == ["Tiedolla johtaminen", "Digituki"]
    metrics = client_open.get(f"{ROADMAP}/metrics").json()
    assert metrics["licence"] == LICENCE
    (metric,) = metrics["results"]
    assert metric["name"] == "Etäluettujen osuus"
    assert metric["values"] == [
        {"period": "2026Q1", "value": 25.5},
        {"period": "2026Q2", "value": 30},
    ]
    assert metric["latest"] == {"period": "2026Q2", "value": 30}
    assert metric["target"] == {"value": 60, "date": "2028-12-31"}


def test_paging_follows_next_and_caps_the_page(world: object, client_open: OpenClient) -> None:
    from tests.factories import TaskFactory
    from tiekartta.roadmap.models import Task

    roadmap = world.roadmap  # type: ignore[attr-defined]
    roadmap.is_public = True
    roadmap.save()
    for _ in range(5):
        TaskFactory(theme=world.theme)  # type: ignore[attr-defined]
    Task.objects.filter(roadmap=roadmap).update(is_public=True)
    first = client_open.get(f"{ROADMAP}/tasks?limit=3").json()
    assert first["count"] == 7 and len(first["results"]) == 3 and first["previous"] is None
    second = client_open.get(first["next"]).json()
    assert len(second["results"]) == 3
    third = client_open.get(second["next"]).json()
    assert len(third["results"]) == 1 and third["next"] is None
    ids = [t["id"] for page in (first, second, third) for t in page["results"]]
    assert len(set(ids)) == 7
    assert client_open.get(f"{ROADMAP}/tasks?limit=500").status_code == 200


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("limit=501", "limit"),
        ("limit=0", "limit"),
        ("limit=-1", "limit"),
        ("limit=99999999999999999999", "limit"),
        ("offset=-5", "offset"),
        ("offset=99999999999999999999", "offset"),
        ("theme=99999999999999999999", "theme"),
        ("status=secret", "status"),
        ("limit=lots", "limit"),
    ],
)
def test_hostile_paging_and_filters_answer_400_with_a_message(
    published: Published, client_open: OpenClient, query: str, field: str
) -> None:
    response = client_open.get(f"{ROADMAP}/tasks?{query}")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid" and error["fields"][field][0]


def test_filters(published: Published, client_open: OpenClient) -> None:
    theme = published.world.theme.pk
    other = published.world.other_theme.pk
    assert client_open.get(f"{ROADMAP}/tasks?theme={theme}").json()["count"] == 1
    assert client_open.get(f"{ROADMAP}/tasks?theme={other}").json()["count"] == 0
    assert client_open.get(f"{ROADMAP}/tasks?status=done").json()["count"] == 0


@pytest.mark.parametrize(
    "address",
    [
        f"{BASE}/organisations/eiole/roadmaps",
        f"{BASE}/organisations/testikaupunki/roadmaps/luonnos/tasks",
        f"{BASE}/organisations/testikaupunki/roadmaps/luonnos/tasks.csv",
        f"{BASE}/organisations/testikaupunki/roadmaps/luonnos/metrics",
        f"{BASE}/organisations/testikaupunki/roadmaps/2024-2026/tasks",
        f"{BASE}/organisations/naapurikunta/roadmaps/2026-2028/themes",
        f"{BASE}/organisations/{'x' * 500}/roadmaps",
        f"{BASE}/organisations/testikaupunki/roadmaps/12345678901234567890/tasks",
        f"{BASE}/nothing/here",
    ],
)
def test_unknown_organisation_or_roadmap_is_404(
    published: Published, client_open: OpenClient, address: str
) -> None:
    response = client_open.get(address)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_an_organisation_without_a_public_roadmap_is_404(
    world: object, client_open: OpenClient
) -> None:
    assert client_open.get(f"{BASE}/organisations/testikaupunki/roadmaps").status_code == 404


def test_only_reading_methods(published: Published, client_open: OpenClient) -> None:
    response = client_open.post(f"{ROADMAP}/tasks", {})
    assert response.status_code == 405
    preflight = client_open.options(f"{ROADMAP}/tasks")
    assert preflight.status_code == 204
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]


def test_head_answers_with_the_headers_only(published: Published, client_open: OpenClient) -> None:
    response = client_open.head(f"{ROADMAP}/tasks.csv")
    assert response.status_code == 200
    assert response.content == b""
    assert response["ETag"] and response["Link"]
