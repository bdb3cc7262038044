"""Moving in from other tools: the exports of Redmine, OpenProject, Jira and Microsoft Planner as
those tools write them (CSV in their encodings and delimiters, or xlsx), read without renaming a
column; the tool's identifier kept so that the next export updates instead of doubling."""

import datetime
import io
from typing import Any

import openpyxl
import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from conftest import World
from tests.factories import PersonFactory, ThemeFactory
from tiekartta.imports.kinds.tasks import apply_import, plan_import
from tiekartta.roadmap.models import ExternalSource, Priority, Status, Task


@pytest.fixture(autouse=True)
def late_2026() -> Any:
    with time_machine.travel("2026-11-27 12:00 +0200", tick=False):
        yield


def today() -> datetime.date:
    return datetime.date(2026, 11, 27)


def xlsx(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_text(rows: list[list[str]], delimiter: str = ",") -> str:
    def quoted(cell: str) -> str:
        if any(ch in cell for ch in (delimiter, '"', "\n")):
            return '"' + cell.replace('"', '""') + '"'
        return cell

    return "\r\n".join(delimiter.join(quoted(cell) for cell in row) for row in rows) + "\r\n"


def imported(world: World, content: bytes, name: str) -> dict[str, Task]:
    plan = plan_import(world.roadmap, content, name, today())
    assert plan.ok, [p.message for p in plan.all_problems] + [q.word for q in plan.questions]
    apply_import(actor=None, roadmap=world.roadmap, plan=plan, today=today())
    return {task.title: task for task in Task.objects.filter(roadmap=world.roadmap)}


# Redmine: "Issues" › CSV (all columns), English, UTF-8 with a byte order mark, month-first dates.
REDMINE = [
    [
        "#",
        "Project",
        "Tracker",
        "Parent task",
        "Status",
        "Priority",
        "Subject",
        "Author",
        "Assignee",
        "Updated",
        "Category",
        "Target version",
        "Start date",
        "Due date",
        "Estimated time",
        "% Done",
        "Created",
    ],
    [
        "101",
        "Digitiekartta",
        "Feature",
        "",
        "In Progress",
        "Normal",
        "Sähköinen asiointi",
        "Redmine Admin",
        "Tekninen johtaja",
        "11/20/2026 09:12 AM",
        "Asiointi",
        "2026",
        "01/15/2026",
        "08/31/2026",
        "",
        "40",
        "01/02/2026 10:00 AM",
    ],
    [
        "102",
        "Digitiekartta",
        "Support",
        "#101",
        "Closed",
        "High",
        "Ajanvaraus verkossa",
        "Redmine Admin",
        "",
        "11/20/2026 09:12 AM",
        "",
        "2027",
        "02/01/2027",
        "12/15/2027",
        "",
        "80",
        "01/02/2026 10:00 AM",
    ],
    [
        "103",
        "Digitiekartta",
        "Feature",
        "",
        "Rejected",
        "Low",
        "Faksipalvelu",
        "Redmine Admin",
        "Museonjohtaja",
        "11/20/2026 09:12 AM",
        "Asiointi",
        "",
        "",
        "",
        "",
        "0",
        "01/02/2026 10:00 AM",
    ],
]


def test_a_redmine_export_imports_and_its_next_export_updates(world: World) -> None:
    content = csv_text(REDMINE).encode("utf-8-sig")
    plan = plan_import(world.roadmap, content, "issues.csv", today())
    assert plan.source == "Redmine"
    assert plan.date_order == "mdy"
    tasks = imported(world, content, "issues.csv")

    first = tasks["Sähköinen asiointi"]
    assert (first.external_source, first.external_id) == (ExternalSource.REDMINE, "101")
    assert (first.start, first.due, first.status) == ("2026Q1", "2026Q3", Status.IN_PROGRESS)
    assert first.completion == 40 and first.theme.name == "Asiointi"
    assert first.priority == Priority.MEDIUM
    second = tasks["Ajanvaraus verkossa"]
    # No category: the target version is the theme; no assignee: the author answers for it.
    assert second.theme.name == "2027" and second.owner.name == "Redmine Admin"
    assert second.status == Status.DONE and second.shown_completion == 100
    assert tasks["Faksipalvelu"].status == Status.CANCELLED

    # The next export renamed an issue and moved its due date: the same task is updated.
    REDMINE[1][6], REDMINE[1][13] = "Sähköinen asiointi ja maksut", "10/31/2026"
    again = plan_import(world.roadmap, csv_text(REDMINE).encode("utf-8-sig"), "i.csv", today())
    assert [row.action for row in again.rows] == ["update", "unchanged", "unchanged"]
    assert again.rows[0].task == first
    apply_import(actor=None, roadmap=world.roadmap, plan=again, today=today())
    first.refresh_from_db()
    assert (first.title, first.due) == ("Sähköinen asiointi ja maksut", "2026Q4")
    assert Task.objects.filter(external_source=ExternalSource.REDMINE).count() == 3


# OpenProject: work packages › Export › XLSX; ISO dates, "Progress (%)", versions, types.
OPENPROJECT = [
    [
        "ID",
        "Type",
        "Subject",
        "Status",
        "Assignee",
        "Accountable",
        "Start date",
        "Finish date",
        "Progress (%)",
        "Version",
        "Parent",
        "Priority",
    ],
    [
        7,
        "Phase",
        "Tiedolla johtamisen malli",
        "In progress",
        "Tekninen johtaja",
        "",
        "2026-04-01",
        "2027-03-31",
        55,
        "Tiedolla johtaminen",
        "",
        "Normal",
    ],
    [
        8,
        "Task",
        "Raportointialusta",
        "On hold",
        "",
        "Museonjohtaja",
        datetime.datetime(2026, 9, 1),
        datetime.datetime(2027, 6, 30),
        0,
        "Tiedolla johtaminen",
        "#7",
        "High",
    ],
    [9, "Milestone", "Vanha portaali alas", "Rejected", "Museonjohtaja", "", "", "", 0, "", "", ""],
]


def test_an_openproject_export_imports(world: World) -> None:
    content = xlsx(OPENPROJECT)
    plan = plan_import(world.roadmap, content, "work_packages.xlsx", today())
    assert plan.source == "OpenProject"
    # "Type" is OpenProject's work package type, not the task's kind.
    assert "Type" in plan.ignored_columns
    tasks = imported(world, content, "work_packages.xlsx")
    model = tasks["Tiedolla johtamisen malli"]
    assert (model.start, model.due, model.completion) == ("2026Q2", "2027Q1", 55)
    assert model.theme == world.theme  # the version names an existing theme
    assert model.external_id == "7" and model.external_source == ExternalSource.OPENPROJECT
    platform = tasks["Raportointialusta"]
    assert (platform.status, platform.owner) == (Status.POSTPONED, world.other_person)
    assert platform.priority == Priority.HIGH
    assert tasks["Vanha portaali alas"].status == Status.CANCELLED


# Jira: Filters › Export › CSV (all fields); Excel on a Finnish Windows resaves it as cp1252.
JIRA = [
    [
        "Summary",
        "Issue key",
        "Issue id",
        "Issue Type",
        "Status",
        "Priority",
        "Assignee",
        "Reporter",
        "Created",
        "Updated",
        "Due date",
        "Labels",
        "Labels",
        "Sprint",
        "Fix Version/s",
        "Component/s",
        "Description",
    ],
    [
        "Päätösten sähköinen arkisto",
        "DIGI-12",
        "10012",
        "Epic",
        "In Progress",
        "Highest",
        "Tekninen johtaja",
        "Jira Pääkäyttäjä",
        "05/Jan/26 9:30 AM",
        "20/Nov/26 4:05 PM",
        "12/Aug/26 10:15 AM",
        "arkisto",
        "asiakirjat",
        "",
        "Vaihe 1",
        "Asianhallinta",
        'Sisältää "pitkän" kuvauksen, pilkkuineen',
    ],
    [
        "Sähköinen allekirjoitus",
        "DIGI-13",
        "10013",
        "Task",
        "To Do",
        "Lowest",
        "",
        "Jira Pääkäyttäjä",
        "05/Jan/26 9:30 AM",
        "20/Nov/26 4:05 PM",
        "",
        "",
        "",
        "Sprint 4",
        "Vaihe 2",
        "",
        "",
    ],
]


def test_a_jira_export_in_windows_encoding_imports(world: World) -> None:
    content = csv_text(JIRA).encode("cp1252")
    plan = plan_import(world.roadmap, content, "Jira.csv", today())
    assert plan.source == "Jira"
    tasks = imported(world, content, "Jira.csv")
    archive = tasks["Päätösten sähköinen arkisto"]
    assert (archive.external_id, archive.due, archive.start) == ("DIGI-12", "2026Q3", "")
    assert archive.theme.name == "Asianhallinta" and archive.priority == Priority.HIGH
    assert archive.description == 'Sisältää "pitkän" kuvauksen, pilkkuineen'
    signature = tasks["Sähköinen allekirjoitus"]
    # No component: the fix version; no assignee: the reporter.
    assert signature.theme.name == "Vaihe 2" and signature.owner.name == "Jira Pääkäyttäjä"
    assert (signature.status, signature.priority) == (Status.PLANNED, Priority.LOW)


# Planner: "Export plan to Excel"; several assignees in one cell, progress as words.
PLANNER = [
    [
        "Task ID",
        "Task Name",
        "Bucket Name",
        "Progress",
        "Priority",
        "Assigned To",
        "Created By",
        "Created Date",
        "Start date",
        "Due date",
        "Is Recurring",
        "Late",
        "Completed Date",
        "Completed By",
        "Completed Checklist Items",
        "Checklist Items",
        "Labels",
        "Description",
    ],
    [
        "aB3xYz1QkE2sP0mN9tLfGGQAAkl",
        "Digitukipisteen avaus",
        "Digituki",
        "Completed",
        "Important",
        "Museonjohtaja;Tekninen johtaja;Kirjastonhoitaja",
        "Tekninen johtaja",
        "1/8/2026",
        "2/2/2026",
        "4/30/2026",
        "false",
        "false",
        "4/28/2026",
        "Museonjohtaja",
        "",
        "",
        "Asukkaat",
        "",
    ],
    [
        "Qw4eRt5yUi6oP7aS8dF9gH0jK1l",
        "Ikäihmisten laitekoulutus",
        "Digituki",
        "In progress",
        "Medium",
        "Tekninen johtaja",
        "Tekninen johtaja",
        "1/8/2026",
        "9/1/2026",
        "3/31/2027",
        "false",
        "false",
        "",
        "",
        "1/3",
        "Ilmoittautuminen;Tilat;Laitteet",
        "",
        "",
    ],
    [
        "Zx9cVb8nM7lK6jH5gF4dS3aP2oI",
        "Chatbotin selvitys",
        "",
        "Not started",
        "Low",
        "Museonjohtaja",
        "Tekninen johtaja",
        "1/8/2026",
        "",
        "",
        "false",
        "false",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
]


def test_a_planner_export_imports_with_its_assignees(world: World) -> None:
    # Newer Planner exports put the plan's name and the export date above the header.
    content = xlsx([["Plan name", "Digitiekartta"], ["Date of export", "11/27/2026"], [], *PLANNER])
    plan = plan_import(world.roadmap, content, "Digitiekartta.xlsx", today())
    assert plan.source == "Microsoft Planner"
    tasks = imported(world, content, "Digitiekartta.xlsx")
    opening = tasks["Digitukipisteen avaus"]
    assert opening.theme == world.other_theme  # the bucket "Digituki"
    assert opening.owner == world.other_person
    assert list(opening.collaborators.all()) == [world.owner_person]
    assert opening.collaborating_units == "Kirjastonhoitaja"
    assert (opening.status, opening.priority) == (Status.DONE, Priority.HIGH)
    assert (opening.start, opening.due) == ("2026Q1", "2026Q2")
    training = tasks["Ikäihmisten laitekoulutus"]
    assert (training.status, training.start, training.due) == (
        Status.IN_PROGRESS,
        "2026Q3",
        "2027Q1",
    )
    # A task outside any bucket is not put in the bucket of the row above it.
    assert tasks["Chatbotin selvitys"].theme.name == "Imported tasks"
    assert tasks["Chatbotin selvitys"].external_source == ExternalSource.PLANNER


# A town's own list, saved by Finnish Excel as "CSV (semicolon delimited)" in cp1252.
TOWN = [
    ["Tehtävä", "Vastuuhenkilö", "Alku", "Loppu", "Tila", "Valmiusaste"],
    ["Tauolla oleva", "Tekninen johtaja", "12.8.2026", "2027-03-15", "tauolla", "0,25"],
    ["Keskeytetty", "Tekninen johtaja", "5/2026", "05/2027", "keskeytetty", "10 %"],
    ["Odottava", "Tekninen johtaja", "2026-08", "3.2027", "odottaa", ""],
    ["Ei aloitettu", "Tekninen johtaja", "", "", "ei aloitettu", ""],
    ["Hylätty", "Tekninen johtaja", "", "", "Hylätty", ""],
    ["Pågår", "Tekninen johtaja", "", "", "pågår", ""],
    ["Under way", "Tekninen johtaja", "", "", "Under way", ""],
    ["Suspended", "Tekninen johtaja", "", "", "suspended", ""],
]


def test_a_towns_status_words_dates_and_fractions_are_read(world: World) -> None:
    content = csv_text(TOWN, delimiter=";").encode("cp1252")
    tasks = imported(world, content, "tehtavat.csv")
    got = {title: (t.status, t.start, t.due, t.completion) for title, t in tasks.items()}
    assert got["Tauolla oleva"] == (Status.POSTPONED, "2026Q3", "2027Q1", 25)
    assert got["Keskeytetty"] == (Status.POSTPONED, "2026Q2", "2027Q2", 10)
    assert got["Odottava"][:3] == (Status.PLANNED, "2026Q3", "2027Q1")
    assert got["Ei aloitettu"][0] == Status.PLANNED
    assert got["Hylätty"][0] == Status.CANCELLED
    assert got["Pågår"][0] == Status.IN_PROGRESS
    assert got["Under way"][0] == Status.IN_PROGRESS
    assert got["Suspended"][0] == Status.POSTPONED


def test_a_fraction_in_an_unformatted_percentage_cell_is_that_share(world: World) -> None:
    rows: list[list[object]] = [["Tehtävä", "Vastuuhenkilö", "Valmiusaste"]]
    rows += [["Neljännes", "Tekninen johtaja", 0.25], ["Puolet", "Tekninen johtaja", 0.5]]
    plan = plan_import(world.roadmap, xlsx(rows), "t.xlsx", today())
    assert [row.values["completion"] for row in plan.rows] == [25, 50]


def test_a_date_that_does_not_exist_is_refused_on_its_row(world: World) -> None:
    rows = [["Tehtävä", "Vastuuhenkilö", "Alku"], ["Karkauspäivä", "Tekninen johtaja", "29.2.2027"]]
    plan = plan_import(world.roadmap, csv_text(rows, ";").encode(), "t.csv", today())
    assert [(p.row, p.column, p.message) for p in plan.all_problems] == [
        (2, "Alku", "“29.2.2027” is not a date of the calendar.")
    ]


SLASHED = [
    ["Tehtävä", "Vastuuhenkilö", "Alku", "Loppu"],
    ["Kaksitulkintainen", "Tekninen johtaja", "08/12/2026", "03/04/2027"],
]


def test_ambiguous_slashed_dates_are_asked_and_then_read_in_that_order(world: World) -> None:
    content = csv_text(SLASHED, ";").encode()
    plan = plan_import(world.roadmap, content, "t.csv", today())
    assert not plan.ok and not plan.all_problems
    [question] = plan.questions
    assert (question.kind, question.word, question.rows) == ("date_order", "08/12/2026", [2])
    from tiekartta.imports.questions import ImportAnswers

    day_first = plan_import(
        world.roadmap, content, "t.csv", today(), ImportAnswers(date_order="dmy")
    )
    assert (day_first.rows[0].values["start"], day_first.rows[0].values["due"]) == (
        "2026Q4",
        "2027Q2",
    )
    month_first = plan_import(
        world.roadmap, content, "t.csv", today(), ImportAnswers(date_order="mdy")
    )
    assert (month_first.rows[0].values["start"], month_first.rows[0].values["due"]) == (
        "2026Q3",
        "2027Q1",
    )


def test_one_unambiguous_date_settles_the_files_order(world: World) -> None:
    rows = [*SLASHED, ["Selvä", "Tekninen johtaja", "25/08/2026", ""]]
    plan = plan_import(world.roadmap, csv_text(rows, ";").encode(), "t.csv", today())
    assert plan.ok and plan.date_order == "dmy"
    assert plan.rows[0].values["start"] == "2026Q4"


def test_a_near_name_is_asked_about_instead_of_created(world: World) -> None:
    from tiekartta.imports.questions import ImportAnswers

    ThemeFactory(roadmap=world.roadmap, name="Asiointi ja palvelut")
    matti = PersonFactory(organisation=world.organisation, name="Matti Virtanen")
    rows = [["Tehtävä", "Vastuuhenkilö", "Teema"], ["Uusi", "Virtanen Matti", "Asiointi"]]
    content = csv_text(rows, ";").encode()
    plan = plan_import(world.roadmap, content, "t.csv", today())
    assert [(q.kind, q.word, q.choices[0]) for q in plan.questions] == [
        ("theme", "Asiointi", ("asiointi ja palvelut", "Asiointi ja palvelut")),
        ("owner", "Virtanen Matti", ("matti virtanen", str(matti))),
    ]
    assert plan.new_themes == [] and plan.new_people == []
    same = ImportAnswers(
        names={"theme:asiointi": "asiointi ja palvelut", "owner:virtanen matti": "matti virtanen"}
    )
    answered = plan_import(world.roadmap, content, "t.csv", today(), same)
    assert answered.ok and answered.new_themes == [] and answered.new_people == []
    assert str(answered.rows[0].values["theme"]) == "Asiointi ja palvelut"
    new = ImportAnswers(names={"theme:asiointi": "*new*", "owner:virtanen matti": "*new*"})
    separate = plan_import(world.roadmap, content, "t.csv", today(), new)
    assert separate.ok and separate.new_themes == ["Asiointi"]
    assert separate.new_people == ["Virtanen Matti"]


def test_a_header_without_rows_is_refused(world: World) -> None:
    plan = plan_import(world.roadmap, xlsx([["Tehtävä", "Vastuuhenkilö"]]), "t.xlsx", today())
    assert [p.message for p in plan.problems] == [
        "The file has a header row (row 1) but no rows of data below it. Add the rows and "
        "upload the file again."
    ]


def test_a_tools_identifier_is_unique_within_a_roadmap(world: World) -> None:
    world.own_task.external_source, world.own_task.external_id = ExternalSource.JIRA, "DIGI-1"
    world.own_task.save()
    world.others_task.external_source, world.others_task.external_id = "jira", "DIGI-1"
    with pytest.raises(ValidationError, match="already has this identifier"):
        world.others_task.full_clean()
    world.others_task.external_source = ""
    with pytest.raises(ValidationError, match="needs the tool"):
        world.others_task.full_clean()


def test_the_command_asks_by_refusing_and_takes_the_answers_as_options(
    world: World, tmp_path: Any
) -> None:
    path = tmp_path / "tehtavat.csv"
    rows = [*SLASHED, ["Kolmas", "Tekninen johtaja", "", ""]]
    rows[1] = [*rows[1][:2], "08/12/2026", ""]
    rows[2] = [*rows[2][:2], "", ""]
    rows = [[*row, "Tila"] if i == 0 else [*row, "jäähyllä"] for i, row in enumerate(rows)]
    path.write_text(csv_text(rows, ";"), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="2 problem"):
        call_command(
            "import_tasks", str(path), roadmap="2026-2028", language="en", stdout=out, stderr=err
        )
    assert "“jäähyllä” (rows 2, 3) is not a status the import knows" in err.getvalue()
    assert '--map-status "jäähyllä=STATUS"' in err.getvalue()
    assert "--date-order dmy or --date-order mdy" in err.getvalue()
    assert not Task.objects.filter(title="Kolmas").exists()
    with pytest.raises(CommandError, match="--map-status 'jäähyllä=maybe'"):
        call_command("import_tasks", str(path), roadmap="2026-2028", map_status=["jäähyllä=maybe"])
    call_command(
        "import_tasks",
        str(path),
        "--map-status",
        "Jäähyllä=postponed",
        "--date-order",
        "mdy",
        roadmap="2026-2028",
        stdout=io.StringIO(),
    )
    task = Task.objects.get(title="Kaksitulkintainen")
    assert (task.status, task.start) == (Status.POSTPONED, "2026Q3")


@pytest.mark.parametrize(
    ("text", "order", "quarter"),
    [
        ("12.8.2026", None, "2026Q3"),
        ("1.12.26", None, "2026Q4"),
        ("12.8.2026 klo 10.15", None, "2026Q3"),
        ("2026-08-12", None, "2026Q3"),
        ("2026-08-12T10:15:00Z", None, "2026Q3"),
        ("2026-08-12 10:15:33.5+02:00", None, "2026Q3"),
        ("12/Aug/26 10:15 AM", None, "2026Q3"),
        ("12-Aug-2026", None, "2026Q3"),
        ("Aug 12, 2026", None, "2026Q3"),
        ("25/08/2026", None, "2026Q3"),
        ("08/25/2026 4:05 PM", None, "2026Q3"),
        ("08/12/2026", "dmy", "2026Q4"),
        ("08/12/2026", "mdy", "2026Q3"),
        ("5/2026", None, "2026Q2"),
        ("05/2026", None, "2026Q2"),
        ("10/2026", None, "2026Q4"),
        ("5.2026", None, "2026Q2"),
        ("2026-05", None, "2026Q2"),
    ],
)
def test_written_dates_fall_in_their_quarters(text: str, order: Any, quarter: str) -> None:
    from tiekartta.imports.kinds.dates import read_date_quarter

    assert str(read_date_quarter(text, order)) == quarter


@pytest.mark.parametrize("text", ["3/2024", "2024Q3", "syksy 2026", "2 kvartaali 2026", "jatkuva"])
def test_schedules_are_not_taken_for_dates(text: str) -> None:
    from tiekartta.imports.kinds.dates import read_date_quarter

    assert read_date_quarter(text, None) is None


def test_a_finnish_redmine_export_and_a_near_name_from_the_command_line(
    world: World, tmp_path: Any
) -> None:
    PersonFactory(organisation=world.organisation, name="Matti Virtanen")
    path = tmp_path / "tapahtumat.csv"
    rows = [
        ["#", "Tapahtuma", "Tila", "Aihe", "Nimetty", "Alku", "Määräaika", "% tehty"],
        ["7", "Ominaisuus", "Työn alla", "Verkkomaksut", "Virtanen Matti", "1.9.2026", "", "30"],
    ]
    path.write_bytes(csv_text(rows, ";").encode("cp1252"))
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 problem"):
        call_command(
            "import_tasks", str(path), roadmap="2026-2028", stdout=io.StringIO(), stderr=err
        )
    # The command speaks the installation's language (Finnish here): check the names and the option.
    problem = err.getvalue()
    assert "Virtanen Matti" in problem and "Matti Virtanen" in problem
    assert '--map-name "Virtanen Matti=' in problem
    out = io.StringIO()
    call_command(
        "import_tasks",
        str(path),
        roadmap="2026-2028",
        map_name=["Virtanen Matti=Matti Virtanen"],
        stdout=out,
    )
    assert "tapahtumat.csv: exported from Redmine" in out.getvalue()
    task = Task.objects.get(title="Verkkomaksut")
    assert (task.owner.name, task.status, task.start, task.completion) == (
        "Matti Virtanen",
        Status.IN_PROGRESS,
        "2026Q3",
        30,
    )
    assert (task.external_source, task.external_id) == (ExternalSource.REDMINE, "7")
