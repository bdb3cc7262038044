"""Nothing non-public reaches open data: a non-public task with a secret title, a public task's
internal description and progress notes, people's e-mail addresses, an unpublished roadmap, a
non-public metric, a value's note and another organisation's data appear in no answer, JSON or
CSV, in either CSV format. The answers are read whole, headers included."""

from __future__ import annotations

from tiekartta.opendata.tests.conftest import BASE, ROADMAP, SECRETS, OpenClient, Published

ROADMAP_ADDRESSES = [
    "/themes",
    "/tasks",
    "/tasks?limit=500",
    "/tasks.csv",
    "/tasks.csv?format=excel",
    "/metrics",
    "/metrics.csv",
    "/metrics.csv?format=excel",
]


def _everything(client: OpenClient) -> dict[str, str]:
    addresses = [
        f"{BASE}/",
        f"{BASE}/organisations/testikaupunki/roadmaps",
        f"{BASE}/openapi.json",
        *(ROADMAP + suffix for suffix in ROADMAP_ADDRESSES),
    ]
    answers = {}
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        headers = " ".join(f"{k}: {v}" for k, v in response.items())
        answers[address] = headers + response.content.decode("utf-8-sig")
    return answers


def test_no_secret_appears_in_any_open_data_answer(
    published: Published, client_open: OpenClient
) -> None:
    answers = _everything(client_open)
    for address, text in answers.items():
        if address == f"{BASE}/":
            # The index names every organisation with a public site, the neighbour too.
            continue
        for secret in SECRETS:
            assert secret not in text, (secret, address)
    assert "Naapurikunta" in answers[f"{BASE}/"]
    assert "JULKAISEMATON-TIEKARTTA" not in answers[f"{BASE}/"]
    # The public things are there: the test reads the answers it means to.
    assert "Vesimittarien etäluenta" in answers[f"{ROADMAP}/tasks.csv"]
    assert "Etäluettujen osuus" in answers[f"{ROADMAP}/metrics.csv"]


def test_names_only_where_the_organisation_allows(
    published: Published, client_open: OpenClient
) -> None:
    from tiekartta.roadmap.models import FollowUpSettings

    assert "Tekninen johtaja" not in client_open.get(f"{ROADMAP}/tasks.csv").content.decode()
    settings = FollowUpSettings.for_organisation(published.world.organisation)
    settings.public_shows_names = True
    settings.save()
    assert "Tekninen johtaja" in client_open.get(f"{ROADMAP}/tasks.csv").content.decode()


def test_a_roadmap_unpublished_again_disappears(
    published: Published, client_open: OpenClient
) -> None:
    published.roadmap.is_public = False
    published.roadmap.save()
    assert client_open.get(f"{ROADMAP}/tasks").status_code == 404
    assert client_open.get(f"{ROADMAP}/metrics.csv").status_code == 404
    assert client_open.get(f"{BASE}/organisations/testikaupunki/roadmaps").status_code == 404
