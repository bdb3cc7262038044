"""Importing task lists the way towns keep them: messy headings and schedules, owners by name
or title, re-imports that update instead of doubling, the export's round trip, bad rows and
hostile files that save nothing."""

import datetime
import io
from typing import Any

import openpyxl
import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from conftest import World
from tests.factories import ProgressEntryFactory
from tiekartta.accounts.models import Role
from tiekartta.core.actors import Actor
from tiekartta.imports.kinds.tasks import apply_import, plan_import
from tiekartta.imports.models import ImportBatch, ImportStatus
from tiekartta.imports.tables import ImportRefused
from tiekartta.progress.models import ProgressEntry
from tiekartta.reports.exports import roadmap_csv, roadmap_xlsx
from tiekartta.roadmap.models import Person, Status, Task, Theme

TODAY_TEXT = "2026-11-27 12:00 +0200"


@pytest.fixture(autouse=True)
def late_2026() -> Any:
    with time_machine.travel(TODAY_TEXT, tick=False):
        yield


def today() -> datetime.date:
    return datetime.date(2026, 11, 27)


def xlsx(rows: list[list[object]], header_at: int = 1) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for _ in range(header_at - 1):
        sheet.append([])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


MESSY = [
    ["Valmiusaste", "Vastuuhenkilö", "TEHTÄVÄ", "Osa-alue", "Aikataulu", "Tila", "Huomiot"],
    [
        "40 %",
        "Tekninen johtaja",
        "Vesimittarien etäluenta",
        "Tiedolla johtaminen",
        "2026 Q1–Q4",
        "käynnissä",
        "ei käytetä",
    ],
    [
        25,
        "Rakennustarkastaja",
        "Karttapalvelun palautekanava",
        "Kartat",
        "syksy 2026",
        "Käynnissä",
        "",
    ],
    [None, "museonjohtaja", "Kokoelmien verkkonäyttely", "Sivistys", "kevät 2027", "", ""],
    ["", "Tekninen johtaja", "Digituen jatkuva neuvonta", "Digituki", "jatkuva", "suunniteltu", ""],
]


def test_messy_file_is_read_and_imported_in_one_go(world: World) -> None:
    plan = plan_import(world.roadmap, xlsx(MESSY, header_at=3), "tehtavat.xlsx", today())
    assert plan.ok, [p.message for p in plan.all_problems]
    assert plan.header_row == 3 and plan.ignored_columns == ["Huomiot"]
    first, second, third, fourth = plan.rows
    assert first.action == "update" and first.task == world.own_task  # same title
    assert (first.values["start"], first.values["due"]) == ("2026Q1", "2026Q4")
    assert first.values["completion"] == 40 and first.values["status"] == Status.IN_PROGRESS
    assert second.values["completion"] == 25
    assert (second.values["start"], second.values["due"]) == ("2026Q3", "2026Q4")
    assert third.values["owner"] == world.other_person, "matched by name, any case"
    assert (third.values["start"], third.values["due"]) == ("2027Q1", "2027Q2")
    assert (fourth.values["start"], fourth.values["due"]) == ("2026Q1", "2028Q4"), "jatkuva"
    assert plan.new_people == ["Rakennustarkastaja"]
    assert plan.new_themes == ["Kartat", "Sivistys"]

    summary = apply_import(
        actor=world.users[Role.EDITOR], roadmap=world.roadmap, plan=plan, today=today()
    )
    assert summary == {
        "created": 3,
        "updated": 1,
        "unchanged": 0,
        "people": 1,
        "themes": 2,
        "progress": 2,
    }
    created = Task.objects.get(title="Karttapalvelun palautekanava")
    assert created.owner.name == "Rakennustarkastaja" and created.theme.name == "Kartat"
    assert created.completion == 25
    assert ProgressEntry.objects.get(task=world.own_task).completion == 40
    assert created.history.count() >= 1, "the import leaves history rows"

    # The same file again changes nothing and doubles nothing.
    again = plan_import(world.roadmap, xlsx(MESSY, header_at=3), "tehtavat.xlsx", today())
    assert [row.action for row in again.rows] == ["unchanged"] * 4
    assert not again.new_people and not again.new_themes


def test_progress_imported_from_the_command_line_is_attributed_to_it(world: World) -> None:
    plan = plan_import(world.roadmap, xlsx(MESSY, header_at=3), "tehtavat.xlsx", today())
    command = Actor.system("Command line: import_tasks")
    apply_import(actor=command, roadmap=world.roadmap, plan=plan, today=today())
    assert ProgressEntry.objects.get(task=world.own_task).author is None
    row = Task.objects.get(pk=world.own_task.pk).history.latest()
    assert (row.history_user, row.history_change_reason) == (None, command.label)
    assert row.completion == 40


@pytest.mark.parametrize("exporter", [roadmap_xlsx, roadmap_csv])
def test_the_export_imports_back_unchanged(world: World, exporter: Any) -> None:
    ProgressEntryFactory(task=world.own_task, quarter="2026Q3", completion=35)
    Task.objects.filter(pk=world.own_task.pk).update(
        completion=35, status=Status.IN_PROGRESS, description="=1+1 ei kaava", quick_win=True
    )
    world.others_task.collaborators.add(world.owner_person)
    Task.objects.filter(pk=world.others_task.pk).update(
        collaborating_units="Tietohallinto; toimittaja", start="", due=""
    )
    name = "roadmap.xlsx" if exporter is roadmap_xlsx else "roadmap.csv"
    plan = plan_import(world.roadmap, exporter(world.roadmap), name, today())
    assert plan.ok, [p.message for p in plan.all_problems]
    assert [(row.action, row.changes) for row in plan.rows] == [("unchanged", [])] * 2


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_export_in_another_language_imports_back(world: World, language: str) -> None:
    from django.utils import translation

    with translation.override(language):
        content = roadmap_xlsx(world.roadmap)
    plan = plan_import(world.roadmap, content, "roadmap.xlsx", today())
    assert plan.ok and plan.unchanged_count == 2


BAD = [
    ["Tehtävä", "Vastuuhenkilö", "Aikataulu", "Valmiusaste", "Tila"],
    ["Hyvä rivi", "Tekninen johtaja", "2026Q4", "10", "käynnissä"],
    ["Liian valmis", "Tekninen johtaja", "2026Q4", "140", "käynnissä"],
    ["Outo aikataulu", "Tekninen johtaja", "joskus", "", ""],
    ["Väärä kausi", "Tekninen johtaja", "2025Q1", "", ""],
    ["", "Tekninen johtaja", "2026Q1", "", ""],
    ["Tuntematon tila", "", "2026Q1", "", "ehkä"],
]


def test_every_bad_row_is_named_and_nothing_is_saved(world: World) -> None:
    before = Task.objects.count()
    plan = plan_import(world.roadmap, xlsx(BAD), "bad.xlsx", today())
    found = {(p.row, p.column) for p in plan.all_problems}
    assert found == {
        (3, "Valmiusaste"),
        (4, "Aikataulu"),
        (5, "Aikataulu"),
        (6, "Tehtävä"),
        (7, "Vastuuhenkilö"),
    }
    # An unknown status word is asked about (for the whole file), not refused outright.
    assert [(q.kind, q.word, q.rows) for q in plan.questions] == [("status", "ehkä", [7])]
    messages = " ".join(p.message for p in plan.all_problems)
    assert "140 % is not between 0 and 100." in messages
    assert "The schedule “joskus” cannot be read." in messages
    assert "outside the roadmap period 2026–2028" in messages
    with pytest.raises(ImportRefused):
        apply_import(actor=None, roadmap=world.roadmap, plan=plan, today=today())
    assert Task.objects.count() == before


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "vanha.xls", "(.xls)"),
        (b"not a zip at all", "tehtavat.xlsx", ""),
        (b"", "tyhja.csv", ""),
        (xlsx([["Nimi", "Osoite"], ["a", "b"]]), "muu.xlsx", "has no column for"),
    ],
)
def test_unusable_files_are_refused_as_a_whole(
    world: World, content: bytes, name: str, message: str
) -> None:
    plan = plan_import(world.roadmap, content, name, today())
    assert plan.problems and not plan.rows
    assert message in plan.problems[0].message


def upload(client: Any, content: bytes, name: str) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    path = reverse("imports:tasks_upload", kwargs={"org": "testikaupunki", "roadmap": "2026-2028"})
    return client.post(path, {"file": SimpleUploadedFile(name, content)})


def test_upload_preview_and_confirm_through_the_pages(world: World) -> None:
    client = world.client_for(Role.EDITOR)
    response = upload(client, xlsx(MESSY), "tehtavat.xlsx")
    batch = ImportBatch.objects.get()
    assert response["Location"].endswith(f"/import/{batch.pk}/")
    preview = client.get(response["Location"]).content.decode()
    assert "Karttapalvelun palautekanava" in preview and "Rakennustarkastaja" in preview
    assert "Import 4 rows" in preview
    assert Task.objects.filter(title="Karttapalvelun palautekanava").count() == 0
    confirmed = client.post(response["Location"])
    assert confirmed["Location"].endswith(f"/import/{batch.pk}/importing/")
    done = client.get(confirmed["Location"])  # the worker has done it (the tests' queue)
    assert done["Location"].endswith("/r/2026-2028/")
    assert "Imported: 3 new tasks, 1 updated" in client.get(done["Location"]).content.decode()
    batch.refresh_from_db()
    assert batch.status == ImportStatus.APPLIED and batch.summary["created"] == 3
    assert client.post(response["Location"]).status_code == 302, "confirming twice is harmless"
    assert Task.objects.filter(title="Karttapalvelun palautekanava").count() == 1


def test_a_preview_with_problems_cannot_be_confirmed(world: World) -> None:
    client = world.client_for(Role.EDITOR)
    response = upload(client, xlsx(BAD), "bad.xlsx")
    preview = client.get(response["Location"]).content.decode()
    assert "5 problems to fix in the file" in preview
    assert "Which status does “ehkä” mean? (rows 7)" in preview
    assert "Import 6 rows" not in preview, "no confirm button while rows have problems"
    refused = client.post(response["Location"], follow=True)
    assert refused.status_code == 400 and "Nothing was imported." in refused.content.decode()
    assert "The file has problems; nothing was imported." in refused.content.decode()
    assert not Task.objects.filter(title="Hyvä rivi").exists()


def test_an_unusable_upload_is_answered_next_to_the_field(world: World) -> None:
    client = world.client_for(Role.EDITOR)
    response = upload(client, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "vanha.xls")
    assert response.status_code == 400
    assert "Excel 97–2003" in response.content.decode() or ".xls" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_discarding_keeps_nothing(world: World) -> None:
    client = world.client_for(Role.EDITOR)
    response = upload(client, xlsx(MESSY), "tehtavat.xlsx")
    batch = ImportBatch.objects.get()
    client.post(response["Location"] + "discard/")
    batch.refresh_from_db()
    assert batch.status == ImportStatus.DISCARDED and bytes(batch.content) == b""
    assert not Person.objects.filter(name="Rakennustarkastaja").exists()


def test_archived_roadmap_takes_no_import(world: World) -> None:
    world.roadmap.is_archived = True
    world.roadmap.save()
    plan = plan_import(world.roadmap, xlsx(MESSY), "tehtavat.xlsx", today())
    assert "archived" in plan.problems[0].message


def test_the_import_command_checks_and_imports(world: World, tmp_path: Any) -> None:
    good, bad = tmp_path / "hyva.xlsx", tmp_path / "huono.xlsx"
    good.write_bytes(xlsx(MESSY))
    bad.write_bytes(xlsx(BAD))
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="6 problem"):
        call_command("import_tasks", str(bad), "--roadmap", "2026-2028", stdout=out, stderr=err)
    assert "PROBLEM row 3, column 'Valmiusaste'" in err.getvalue()
    assert not Task.objects.filter(title="Hyvä rivi").exists()
    call_command(
        "import_tasks", str(good), "--roadmap", "2026-2028", "--dry-run", stdout=out, stderr=err
    )
    assert "dry run" in out.getvalue()
    assert not Theme.objects.filter(name="Kartat").exists()
    call_command("import_tasks", str(good), "--roadmap", str(world.roadmap.pk), stdout=out)
    assert "imported: 3 new, 1 updated" in out.getvalue()
    assert Theme.objects.filter(name="Kartat", roadmap=world.roadmap).exists()


def test_preview_and_exports_run_a_fixed_number_of_queries(world: World) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import MetricFactory, MetricValueFactory, TaskFactory

    def add_metrics(count: int) -> None:
        for n in range(count):
            metric = MetricFactory(
                roadmap=world.roadmap, theme=world.theme, owner=world.owner_person
            )
            metric.tasks.add(world.own_task)
            metric.milestones.create(year=2027, value=40)
            for quarter in ("2026Q1", "2026Q2")[: 1 + n % 2]:
                MetricValueFactory(metric=metric, period=quarter, recorded_by=world.users["admin"])

    client = world.client_for(Role.EDITOR)
    pages = [
        reverse(name, kwargs={"org": "testikaupunki", "roadmap": "2026-2028"})
        for name in ("reports:export_xlsx", "reports:export_csv", "reports:attachment_xlsx")
    ]

    def counts() -> list[int]:
        result = []
        for path in pages:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(path).status_code == 200
            result.append(len(queries))
        rows = [["Tehtävä", "Vastuuhenkilö", "Yhteistyötahot"]] + [
            [task.title, task.owner.name, "Tekninen johtaja; Museonjohtaja"]
            for task in Task.objects.filter(roadmap=world.roadmap)
        ]
        with CaptureQueriesContext(connection) as queries:
            plan_import(world.roadmap, xlsx(rows), "t.xlsx", today())
        result.append(len(queries))
        return result

    for _ in range(8):
        TaskFactory(theme=world.theme, owner=world.other_person).collaborators.add(
            world.owner_person
        )
    add_metrics(2)
    small = counts()
    for _ in range(90):
        TaskFactory(theme=world.other_theme, owner=world.owner_person).collaborators.add(
            world.other_person
        )
    add_metrics(20)
    assert counts() == small


def test_percentage_cells_read_as_shown(world: World) -> None:
    """Excel keeps 100 % as 1 and 50 % as 0.5; the sheet shows 100 % and 50 %."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Tehtävä", "Vastuuhenkilö", "Valmiusaste"])
    for title, value, number_format in [
        ("Sata", 1, "0%"),
        ("Puolet", 0.5, "0.0 %"),
        ("Pisteinä", 40, '0" %"'),
        ("Yksi", 1, "General"),
    ]:
        sheet.append([title, "Tekninen johtaja", value])
        sheet.cell(row=sheet.max_row, column=3).number_format = number_format
    buffer = io.BytesIO()
    workbook.save(buffer)
    plan = plan_import(world.roadmap, buffer.getvalue(), "prosentit.xlsx", today())
    assert [row.values["completion"] for row in plan.rows] == [100, 50, 40, 1]


def test_running_numbers_are_not_identifiers(world: World) -> None:
    rows = [["Nro", "Tehtävä", "Vastuuhenkilö"], [world.own_task.pk, "Oma uusi tehtävä", "Rehtori"]]
    plan = plan_import(world.roadmap, xlsx(rows), "numeroitu.xlsx", today())
    assert plan.rows[0].action == "create" and plan.rows[0].task is None
    assert plan.ignored_columns == ["Nro"]


def test_names_win_over_titles_and_titles_must_be_unique(world: World) -> None:
    from tests.factories import PersonFactory

    PersonFactory(organisation=world.organisation, name="Liisa Lehtinen", title="Museonjohtaja")
    PersonFactory(organisation=world.organisation, name="Anna Aho", title="Rehtori")
    PersonFactory(organisation=world.organisation, name="Pekka Puu", title="Rehtori")
    rows = [
        ["Tehtävä", "Vastuuhenkilö", "Yhteistyötahot"],
        ["Yksi", "Museonjohtaja", "Virtanen, Matti; Anna Aho"],
        ["Kaksi", "Rehtori", ""],
    ]
    PersonFactory(organisation=world.organisation, name="Virtanen, Matti")
    plan = plan_import(world.roadmap, xlsx(rows), "nimet.xlsx", today())
    first, second = plan.rows
    assert first.values["owner"] == world.other_person, "the name Museonjohtaja, not a title"
    assert [p.name for p in first.values["collaborators"]] == ["Virtanen, Matti", "Anna Aho"]
    assert second.values["owner"] == "Rehtori", "two people have the title: a new person"


def test_duplicates_lengths_and_control_characters(world: World) -> None:
    lines = [
        "Tehtävä;Vastuuhenkilö;Teema;Yksikkö",
        "Koulutus;Uusi Ihminen;Uusi teema;",
        "Koulutus;uusi ihminen;uusi teema;",
        "Rivin\x0bvaihto\x1b;Tekninen johtaja;;" + "x" * 121,
        "Pitkä;" + "y" * 121 + ";;",
    ]
    content = "\r\n".join(lines).encode()
    plan = plan_import(world.roadmap, content, "toistot.csv", today())
    problems = {(p.row, p.column): p.message for p in plan.all_problems}
    assert "already on row 2" in problems[(3, "Tehtävä")]
    assert "longer than 120" in problems[(4, "Yksikkö")]
    assert "longer than 120" in problems[(5, "Vastuuhenkilö")]
    assert plan.new_people == ["Uusi Ihminen"] and plan.new_themes == ["Uusi teema"]
    assert plan.rows[2].title == "Rivin vaihto"


def test_grouped_theme_cells_fill_down_and_new_collaborators_become_people(
    world: World,
) -> None:
    rows = [
        ["Teema", "Tehtävä", "Vastuuhenkilö", "Yhteistyötahot"],
        ["Hyvinvointi", "Liikuntapaikkavaraukset", "Rehtori", "Uusi Ihminen"],
        [None, "Nuorisotilojen varaukset", "Uusi Ihminen", ""],
    ]
    content = xlsx(rows)
    plan = plan_import(world.roadmap, content, "ryhmitelty.xlsx", today())
    assert [row.values["theme"] for row in plan.rows] == ["Hyvinvointi", "Hyvinvointi"]
    apply_import(actor=None, roadmap=world.roadmap, plan=plan, today=today())
    task = Task.objects.get(title="Liikuntapaikkavaraukset")
    assert [p.name for p in task.collaborators.all()] == ["Uusi Ihminen"]
    assert task.collaborating_units == ""
    again = plan_import(world.roadmap, content, "ryhmitelty.xlsx", today())
    assert [row.action for row in again.rows] == ["unchanged", "unchanged"]


def test_control_characters_saved_elsewhere_do_not_break_the_files(world: World) -> None:
    """Text typed into a form can hold what XML cannot: the files still open."""
    import docx

    from tiekartta.reports.documents import interim_docx
    from tiekartta.reports.exports import attachment_xlsx
    from tiekartta.reports.interim import build_interim_report

    Task.objects.filter(pk=world.own_task.pk).update(
        title="Rivin\x0bvaihto", description="Escape\x1bkoodi"
    )
    workbook = openpyxl.load_workbook(io.BytesIO(roadmap_xlsx(world.roadmap)))
    titles = [row[2] for row in workbook.worksheets[0].iter_rows(min_row=2, values_only=True)]
    assert "Rivin vaihto" in titles
    openpyxl.load_workbook(io.BytesIO(attachment_xlsx(world.roadmap)))
    report = build_interim_report(world.roadmap, today(), today())
    document = docx.Document(io.BytesIO(interim_docx(report)))
    assert any("Rivin vaihto" in cell.text for t in document.tables for cell in t._cells)
