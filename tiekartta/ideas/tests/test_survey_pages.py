"""Survey answers in through the web pages, with CSRF checks on: upload, choose the columns,
preview, import all or nothing, discard; the file is emptied afterwards."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import World
from tests.factories import IdeaFactory
from tiekartta.accounts.models import AuditEvent, EventKind
from tiekartta.ideas.models import Idea, IdeaSource, SurveyImport, SurveyImportStatus
from tiekartta.ideas.tests.test_survey_import import (
    ANSWERS,
    GROUP_QUESTION,
    IDEA_QUESTION,
    SECOND_QUESTION,
    microsoft_forms,
    webropol,
)

ORG = "testikaupunki"


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"ideas:{name}", kwargs={"org": ORG, **kwargs})


def upload(client: Any, content: bytes, name: str = "kysely.xlsx") -> Any:
    return client.post(
        url("survey_upload"),
        {
            "file": SimpleUploadedFile(name, content),
            "source": IdeaSource.RESIDENT_SURVEY,
            "event": "Asukaskysely 2022",
            "received_on": "2022-09-30",
        },
    )


def test_upload_choose_preview_and_import(world: World) -> None:
    IdeaFactory(organisation=world.organisation, title="Rakennusluvat sähköisiksi", event="Työpaja")
    client = world.client_for("editor")
    response = upload(client, webropol(ANSWERS))
    assert response.status_code == 302
    pending = SurveyImport.objects.get()
    assert response["Location"] == url("survey_columns", upload=pending.pk)
    columns = client.get(response["Location"])
    page = columns.content.decode()
    # The survey's title line above the header is not taken for the header.
    assert "Asukaskysely digipalveluista 2022" not in page
    assert IDEA_QUESTION in page and "Kirjaston tilat varattaviksi verkossa" in page
    assert "The file has 4 respondents." in page
    chosen = client.post(
        url("survey_columns", upload=pending.pk),
        {"idea_columns": [IDEA_QUESTION, SECOND_QUESTION], "group_column": GROUP_QUESTION},
    )
    assert chosen.status_code == 302 and chosen["Location"] == url(
        "survey_preview", upload=pending.pk
    )
    preview = client.get(chosen["Location"])
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "4 respondents: 4 ideas, 4 empty answers." in text
    assert "Alike ideas already in the backlog" in text and "Rakennusluvat sähköisiksi" in text
    assert not Idea.objects.filter(event="Asukaskysely 2022").exists()
    done = client.post(url("survey_confirm", upload=pending.pk))
    assert done.status_code == 302 and done["Location"] == url("list")
    ideas = Idea.objects.filter(event="Asukaskysely 2022")
    assert ideas.count() == 4
    assert set(ideas.values_list("submitter", flat=True)) == {"Asukas"}
    assert ideas.first().history.get().history_user == world.users["editor"]
    pending.refresh_from_db()
    assert pending.status == SurveyImportStatus.APPLIED and bytes(pending.content) == b""
    event = AuditEvent.objects.get(kind=EventKind.IMPORT_CONFIRMED)
    assert event.data["kind"] == "survey_ideas" and event.data["summary"]["ideas"] == 4
    # Imported once: a second click is told so and imports nothing; the preview is gone.
    again = client.post(url("survey_confirm", upload=pending.pk))
    assert again.status_code == 302 and again["Location"] == url("list")
    assert ideas.count() == 4
    assert client.get(url("survey_preview", upload=pending.pk)).status_code == 404


def test_an_unreadable_file_is_refused_next_to_the_field_and_not_kept(world: World) -> None:
    response = upload(
        world.client_for("editor"), b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "a.xls"
    )
    assert response.status_code == 400
    assert "Excel 97" in " ".join(response.context["form"].errors["file"])
    assert not SurveyImport.objects.exists()


def test_the_columns_must_be_chosen_and_not_twice(world: World) -> None:
    client = world.client_for("editor")
    upload(client, microsoft_forms(ANSWERS))
    pending = SurveyImport.objects.get()
    none = client.post(url("survey_columns", upload=pending.pk), {"idea_columns": []})
    assert none.status_code == 400 and "idea_columns" in none.context["form"].errors
    twice = client.post(
        url("survey_columns", upload=pending.pk),
        {"idea_columns": [IDEA_QUESTION], "group_column": IDEA_QUESTION},
    )
    assert twice.status_code == 400 and "group_column" in twice.context["form"].errors
    assert client.get(url("survey_preview", upload=pending.pk))["Location"] == url(
        "survey_columns", upload=pending.pk
    )


def test_a_problem_row_blocks_the_whole_import(world: World) -> None:
    client = world.client_for("editor")
    upload(client, microsoft_forms([*ANSWERS, ("Asukas", "x" * 10_001, "")]))
    pending = SurveyImport.objects.get()
    client.post(url("survey_columns", upload=pending.pk), {"idea_columns": [IDEA_QUESTION]})
    preview = client.get(url("survey_preview", upload=pending.pk))
    assert preview.status_code == 400
    text = preview.content.decode()
    assert "Row 6" in text and "10001" in text
    assert url("survey_confirm", upload=pending.pk) not in text
    refused = client.post(url("survey_confirm", upload=pending.pk))
    assert refused.status_code == 302
    assert not Idea.objects.exists()
    pending.refresh_from_db()
    assert pending.status == SurveyImportStatus.PENDING


def test_discarding_empties_the_file(world: World) -> None:
    client = world.client_for("editor")
    upload(client, microsoft_forms(ANSWERS))
    pending = SurveyImport.objects.get()
    assert client.post(url("survey_discard", upload=pending.pk)).status_code == 302
    pending.refresh_from_db()
    assert pending.status == SurveyImportStatus.DISCARDED and bytes(pending.content) == b""
    assert client.get(url("survey_columns", upload=pending.pk)).status_code == 404
    assert not Idea.objects.exists()


def test_another_organisations_upload_is_404(world: World) -> None:
    outsider = world.client_for("outsider")
    outsider.post(
        reverse("ideas:survey_upload", kwargs={"org": "naapurikunta"}),
        {
            "file": SimpleUploadedFile("a.xlsx", microsoft_forms(ANSWERS)),
            "source": IdeaSource.RESIDENT_SURVEY,
            "event": "Kysely",
            "received_on": "2022-09-30",
        },
    )
    foreign = SurveyImport.objects.get()
    client = world.client_for("admin")
    for name in ("survey_columns", "survey_preview"):
        assert client.get(url(name, upload=foreign.pk)).status_code == 404
    for name in ("survey_confirm", "survey_discard"):
        assert client.post(url(name, upload=foreign.pk)).status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == SurveyImportStatus.PENDING


def test_two_thousand_respondents_through_the_pages(
    world: World, django_assert_max_num_queries: Any
) -> None:
    answers = [("Työntekijä", f"Idea {n}: sähköinen lomake numero {n}", "") for n in range(2000)]
    client = world.client_for("editor")
    upload(client, microsoft_forms(answers))
    pending = SurveyImport.objects.get()
    client.post(url("survey_columns", upload=pending.pk), {"idea_columns": [IDEA_QUESTION]})
    assert client.get(url("survey_preview", upload=pending.pk)).status_code == 200
    # The ideas and their history rows are written in batches, not one statement per idea
    # (SQLite's limit on a statement's parameters makes its batches some 60 rows).
    with django_assert_max_num_queries(2000 // 20):
        assert client.post(url("survey_confirm", upload=pending.pk)).status_code == 302
    assert Idea.objects.filter(organisation=world.organisation).count() == 2000
    assert Idea.history.count() == 2000
