"""The open data's OpenAPI document validates and documents every endpoint; the answers match
the schemas it documents."""

from __future__ import annotations

import pytest

from tiekartta.opendata import schemas
from tiekartta.opendata.tests.conftest import BASE, ROADMAP, OpenClient, Published

PATHS = {
    "/avoin-data/v1/",
    "/avoin-data/v1/organisations/{slug}/roadmaps",
    "/avoin-data/v1/organisations/{slug}/roadmaps/{roadmap}/themes",
    "/avoin-data/v1/organisations/{slug}/roadmaps/{roadmap}/tasks",
    "/avoin-data/v1/organisations/{slug}/roadmaps/{roadmap}/tasks.csv",
    "/avoin-data/v1/organisations/{slug}/roadmaps/{roadmap}/metrics",
    "/avoin-data/v1/organisations/{slug}/roadmaps/{roadmap}/metrics.csv",
}


def test_the_document_validates_and_documents_every_endpoint(
    db: object, client_open: OpenClient
) -> None:
    from openapi_spec_validator import validate

    response = client_open.get(f"{BASE}/openapi.json")
    assert response["Access-Control-Allow-Origin"] == "*"
    document = response.json()
    validate(document)
    assert set(document["paths"]) == PATHS
    for path in PATHS:
        operation = document["paths"][path]["get"]
        assert "security" not in operation
        assert "200" in operation["responses"]
    csv_ok = document["paths"][f"{BASE}/organisations/{{slug}}/roadmaps/{{roadmap}}/tasks.csv"]
    assert "text/csv" in csv_ok["get"]["responses"]["200"]["content"]
    tasks = document["paths"][f"{BASE}/organisations/{{slug}}/roadmaps/{{roadmap}}/tasks"]["get"]
    assert {"limit", "offset", "theme", "status"} <= {p["name"] for p in tasks["parameters"]}


@pytest.mark.parametrize(
    ("address", "schema"),
    [
        (f"{BASE}/", schemas.IndexOut),
        (f"{BASE}/organisations/testikaupunki/roadmaps", schemas.RoadmapList),
        (f"{ROADMAP}/themes", schemas.ThemeList),
        (f"{ROADMAP}/tasks", schemas.TaskList),
        (f"{ROADMAP}/metrics", schemas.MetricList),
    ],
)
def test_the_answers_match_their_schemas(
    published: Published, client_open: OpenClient, address: str, schema: type
) -> None:
    body = client_open.get(address).json()
    validated = schema.model_validate(body).model_dump(mode="json")  # type: ignore[attr-defined]
    # Nothing in the answer that the document does not describe.
    assert set(validated) == set(body)
    if body.get("results"):
        assert set(validated["results"][0]) == set(body["results"][0])
