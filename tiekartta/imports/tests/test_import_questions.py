"""The preview asks what a file leaves open (an unknown status word, the date order, a name
nearly like an existing one) and imports with the answers; all through the pages, with CSRF."""

from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import World
from tests.factories import ThemeFactory
from tiekartta.accounts.models import EventKind, Role
from tiekartta.imports.models import ImportBatch, ImportStatus
from tiekartta.roadmap.models import Status, Task


@pytest.fixture(autouse=True)
def late_2026() -> Any:
    with time_machine.travel("2026-11-27 12:00 +0200", tick=False):
        yield


def upload(client: Any, text: str, name: str = "tehtavat.csv") -> Any:
    path = reverse("imports:tasks_upload", kwargs={"org": "testikaupunki", "roadmap": "2026-2028"})
    return client.post(path, {"file": SimpleUploadedFile(name, text.encode("utf-8-sig"))})


UNKNOWN_STATUS = (
    "Tehtävä;Vastuuhenkilö;Tila\n"
    "Kaupunkiapp;Tekninen johtaja;jäähyllä\n"
    "Chatbot;Tekninen johtaja;käynnissä\n"
    "Karttapalvelu;Museonjohtaja;Jäähyllä\n"
)


def test_an_unknown_status_is_asked_once_and_remembered_for_the_file(world: World) -> None:
    client = world.client_for(Role.EDITOR)
    response = upload(client, UNKNOWN_STATUS)
    assert response.status_code == 302
    preview_url = response["Location"]
    page = client.get(preview_url).content.decode()
    assert "1 question about the file" in page
    assert "Which status does “jäähyllä” mean? (rows 2, 4)" in page
    assert "Import 3 rows" not in page, "nothing to confirm while a question is open"

    # A confirmation sent anyway is refused and saves nothing.
    refused = client.post(preview_url, follow=True)
    assert refused.status_code == 400 and not Task.objects.filter(title="Chatbot").exists()
    # An answer that is not a status is refused next to the question.
    wrong = client.post(preview_url, {"answer": "1", "q0": "paused"})
    assert wrong.status_code == 400 and "Select a valid choice" in wrong.content.decode()

    answered = client.post(preview_url, {"answer": "1", "q0": Status.POSTPONED})
    assert answered.status_code == 302 and answered["Location"] == preview_url
    page = client.get(preview_url).content.decode()
    assert "question about the file" not in page
    assert '<span lang="fi">jäähyllä</span> → Postponed' in page
    assert "Import 3 rows" in page

    done = client.post(preview_url)
    assert done.status_code == 302
    statuses = dict(Task.objects.values_list("title", "status"))
    assert statuses["Kaupunkiapp"] == statuses["Karttapalvelu"] == Status.POSTPONED
    assert statuses["Chatbot"] == Status.IN_PROGRESS
    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.APPLIED
    event = world.organisation.audit_events.get(kind=EventKind.IMPORT_CONFIRMED)
    assert event.data["answers"]["statuses"] == {"jäähyllä": Status.POSTPONED}


def test_the_date_order_is_asked_and_an_outsider_cannot_answer(world: World) -> None:
    client = world.client_for(Role.ADMIN)
    response = upload(client, "Tehtävä;Vastuuhenkilö;Alku\nApp;Tekninen johtaja;08/12/2026\n")
    preview_url = response["Location"]
    page = client.get(preview_url).content.decode()
    assert "How are the file&#x27;s dates written, such as 08/12/2026? (rows 2)" in page
    assert "Day first: 08/12/2026 is Dec. 8, 2026" in page
    assert "Month first: 08/12/2026 is Aug. 12, 2026" in page

    outsider = world.client_for("outsider")
    assert outsider.post(preview_url, {"answer": "1", "q0": "mdy"}).status_code == 404
    viewer = world.client_for(Role.VIEWER)
    assert viewer.post(preview_url, {"answer": "1", "q0": "mdy"}).status_code == 403
    assert ImportBatch.objects.get().answers == {}

    client.post(preview_url, {"answer": "1", "q0": "mdy"})
    page = client.get(preview_url).content.decode()
    assert "month first (08/12/2026 is 12 August)" in page
    client.post(preview_url)
    assert Task.objects.get(title="App").start == "2026Q3"


def test_a_near_theme_is_offered_as_the_existing_one(world: World) -> None:
    ThemeFactory(roadmap=world.roadmap, name="Digituki ja osaaminen")
    client = world.client_for(Role.EDITOR)
    text = "Tehtävä;Vastuuhenkilö;Teema\nLaitekoulutus;Tekninen johtaja;Digituki osaaminen\n"
    preview_url = upload(client, text)["Location"]
    page = client.get(preview_url).content.decode()
    assert "Is the theme “Digituki osaaminen” an existing one? (rows 2)" in page
    assert "A new theme “Digituki osaaminen”" in page
    # The near match is offered: it is the chosen answer until the user says otherwise.
    assert 'value="digituki ja osaaminen" required id="id_q0_0" checked' in page
    assert "New themes to create" not in page

    client.post(preview_url, {"answer": "1", "q0": "digituki ja osaaminen"})
    client.post(preview_url)
    task = Task.objects.get(title="Laitekoulutus")
    assert task.theme.name == "Digituki ja osaaminen"
    assert not world.roadmap.themes.filter(name="Digituki osaaminen").exists()


def test_an_answered_file_already_imported_takes_no_more_answers(world: World) -> None:
    client = world.client_for(Role.EDITOR)
    preview_url = upload(client, UNKNOWN_STATUS)["Location"]
    client.post(preview_url, {"answer": "1", "q0": Status.PLANNED})
    client.post(preview_url)
    again = client.post(preview_url, {"answer": "1", "q0": Status.DONE})
    assert again.status_code == 302  # back to the upload page: the file is imported
    assert Task.objects.get(title="Kaupunkiapp").status == Status.PLANNED


def test_a_header_row_alone_is_refused_at_upload(world: World) -> None:
    client = world.client_for(Role.EDITOR)
    response = upload(client, "Tehtävä;Vastuuhenkilö;Tila\n")
    assert response.status_code == 400
    assert "no rows of data below it" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_the_preview_names_the_tool_the_file_came_from(world: World) -> None:
    client = world.client_for(Role.EDITOR)
    text = (
        "Task ID,Task Name,Bucket Name,Progress,Assigned To,Start date,Due date\r\n"
        "abc123,Chatbot,Digituki,In progress,Tekninen johtaja,9/1/2026,12/15/2026\r\n"
    )
    preview_url = upload(client, text, "plan.csv")["Location"]
    page = client.get(preview_url).content.decode()
    assert "Exported from</dt><dd>Microsoft Planner" in page
    assert "Import 1 row" in page
    client.post(preview_url)
    task = Task.objects.get(title="Chatbot")
    assert (task.external_id, task.start, task.due) == ("abc123", "2026Q3", "2026Q4")
