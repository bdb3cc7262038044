"""Survey answers in, from files shaped as the forms tools write them, through the command (and
the ideas out again through export_ideas)."""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from conftest import World
from tiekartta.ideas.models import Idea, IdeaSource
from tiekartta.ideas.survey import TITLE_WORDS_LENGTH, read_survey, title_of

IDEA_QUESTION = "Miten kaupungin sähköisiä palveluja pitäisi kehittää?"
SECOND_QUESTION = "Muita kehitysideoita"
GROUP_QUESTION = "Olen"


def xlsx(rows: list[list[Any]], title_rows: list[list[Any]] | None = None) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in [*(title_rows or []), *rows]:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def microsoft_forms(answers: list[tuple[str, str, str]]) -> bytes:
    """As Microsoft Forms' "Open in Excel": ID, times, e-mail and name, then the questions."""
    header = ["ID", "Start time", "Completion time", "Email", "Name", GROUP_QUESTION]
    header += [IDEA_QUESTION, SECOND_QUESTION]
    rows: list[list[Any]] = [header]
    for n, (group, first, second) in enumerate(answers, start=1):
        respondent = [n, "9/1/22 10:01:02", "9/1/22 10:04:40", f"asukas{n}@example.fi"]
        rows.append([*respondent, f"Asukas {n}", group, first, second])
    return xlsx(rows)


def google_forms_csv(answers: list[tuple[str, str, str]]) -> bytes:
    """As Google Forms' CSV download: comma-separated UTF-8, a time stamp first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        ["Aikaleima", "Sähköpostiosoite", GROUP_QUESTION, IDEA_QUESTION, SECOND_QUESTION]
    )
    for n, (group, first, second) in enumerate(answers, start=1):
        writer.writerow(
            [f"2022/09/0{1 + n % 9} 10.01.02 ip. UTC+3", f"h{n}@example.fi", group, first, second]
        )
    return buffer.getvalue().encode("utf-8")


def webropol(answers: list[tuple[str, str, str]]) -> bytes:
    """As a Webropol Excel export: the survey's name and a blank row above the header."""
    rows: list[list[Any]] = [
        ["Vastaaja", "Vastausaika", GROUP_QUESTION, IDEA_QUESTION, SECOND_QUESTION]
    ]
    for n, (group, first, second) in enumerate(answers, start=1):
        rows.append([n, "1.9.2022 10:01", group, first, second])
    return xlsx(rows, title_rows=[["Asukaskysely digipalveluista 2022"], []])


ANSWERS = [
    ("Asukas", "Kirjaston tilat varattaviksi verkossa", ""),
    ("Yrittäjä", "", "-"),
    ("Asukas", "Sähköinen ajanvaraus terveysasemalle\nja muistutus tekstiviestillä", "ei"),
    ("Asukas", "Rakennusluvat sähköisesti", "Kaupunkisovellus, josta näkee kaiken"),
]


def run(
    path: Path, *extra: str, organisation: str = "testikaupunki", stderr: io.StringIO | None = None
) -> tuple[str, str]:
    out, err = io.StringIO(), stderr or io.StringIO()
    call_command(
        "import_ideas",
        str(path),
        "--organisation",
        organisation,
        "--source",
        "resident_survey",
        "--event",
        "Asukaskysely 2022",
        "--idea-column",
        IDEA_QUESTION,
        "--idea-column",
        SECOND_QUESTION,
        "--date",
        "2022-09-30",
        "--language",
        "en",
        *extra,
        stdout=out,
        stderr=err,
    )
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("vastaukset.xlsx", microsoft_forms(ANSWERS)),
        ("vastaukset.csv", google_forms_csv(ANSWERS)),
        ("webropol.xlsx", webropol(ANSWERS)),
    ],
)
def test_each_non_empty_answer_becomes_an_idea_and_nothing_else_is_kept(
    world: World, tmp_path: Path, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    out, _err = run(path, "--group-column", GROUP_QUESTION)
    assert "4 respondents, 4 ideas, 4 empty answers" in out
    assert "imported 4 ideas" in out
    ideas = {idea.title: idea for idea in Idea.objects.filter(organisation=world.organisation)}
    assert set(ideas) == {
        "Kirjaston tilat varattaviksi verkossa",
        "Sähköinen ajanvaraus terveysasemalle ja muistutus tekstiviestillä",
        "Rakennusluvat sähköisesti",
        "Kaupunkisovellus, josta näkee kaiken",
    }
    multi_line = ideas["Sähköinen ajanvaraus terveysasemalle ja muistutus tekstiviestillä"]
    assert (
        multi_line.description
        == "Sähköinen ajanvaraus terveysasemalle\nja muistutus tekstiviestillä"
    )
    for idea in ideas.values():
        assert (idea.source, idea.event, str(idea.received_on)) == (
            IdeaSource.RESIDENT_SURVEY,
            "Asukaskysely 2022",
            "2022-09-30",
        )
        assert idea.submitter == "Asukas"
        stored = " ".join(str(value) for row in Idea.history.values() for value in row.values())
        assert "example.fi" not in stored and "Asukas 1" not in stored


def test_a_dry_run_writes_nothing(world: World, tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    path.write_bytes(microsoft_forms(ANSWERS))
    out, _err = run(path, "--dry-run")
    assert "dry run" in out and not Idea.objects.exists()


@pytest.mark.parametrize(
    ("content", "name", "extra", "message"),
    [
        (microsoft_forms(ANSWERS), "a.xlsx", ("--idea-column", "Ei tällaista"), "no column"),
        (
            microsoft_forms([*ANSWERS, ("Asukas", "x" * 10_001, "")]),
            "a.xlsx",
            (),
            "at most",
        ),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "a.xls", (), "97"),
        (b"", "a.csv", (), "no data"),
    ],
)
def test_a_bad_file_is_refused_whole(
    world: World, tmp_path: Path, content: bytes, name: str, extra: tuple[str, ...], message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        run(path, *extra, stderr=err)
    assert message in err.getvalue()
    assert not Idea.objects.exists()


def test_the_problem_names_the_row_and_the_column(world: World, tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    path.write_bytes(microsoft_forms([*ANSWERS, ("Asukas", "x" * 10_001, "")]))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_ideas",
            str(path),
            "--organisation=testikaupunki",
            "--source=resident_survey",
            "--event=Kysely",
            f"--idea-column={IDEA_QUESTION}",
            "--language=en",
            stdout=io.StringIO(),
            stderr=err,
        )
    assert f"row 6, column '{IDEA_QUESTION}'" in err.getvalue()
    assert "10001" in err.getvalue()


def test_an_unknown_organisation_or_date_is_refused(world: World, tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    path.write_bytes(microsoft_forms(ANSWERS))
    with pytest.raises(CommandError, match="No organisation"):
        run(path, organisation="ei-ole")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run(path, "--date", "30.9.2022")
    assert not Idea.objects.exists()


def test_no_idea_column_chosen_is_a_problem() -> None:
    plan = read_survey(
        microsoft_forms(ANSWERS),
        "a.xlsx",
        idea_columns=[" "],
        source="resident_survey",
        event="",
        received_on=datetime.date(2022, 9, 1),
    )
    assert plan.problems and "at least one column" in plan.problems[0].message


def test_a_long_answer_gets_a_title_of_its_first_words() -> None:
    answer = "Kaupungin " + "sähköisten palvelujen kehittäminen " * 10
    title = title_of(answer)
    assert len(title) <= TITLE_WORDS_LENGTH and title.endswith("…")
    assert answer.startswith(title[:-1])
    assert not title[:-1].endswith(" ")


def test_two_thousand_respondents(world: World, tmp_path: Path) -> None:
    answers = [("Työntekijä", f"Idea numero {n}: sähköinen lomake", "") for n in range(2000)]
    path = tmp_path / "henkilosto.xlsx"
    path.write_bytes(microsoft_forms(answers))
    out, _err = run(path)
    assert "2000 respondents, 2000 ideas" in out
    assert Idea.objects.filter(organisation=world.organisation).count() == 2000


def test_export_ideas_writes_every_idea(world: World, tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    path.write_bytes(webropol(ANSWERS))
    run(path)
    Idea.objects.filter(title="Rakennusluvat sähköisesti").update(title="=HYPERLINK(1)")
    csv_path, xlsx_path = tmp_path / "ideat.csv", tmp_path / "ideat.xlsx"
    call_command(
        "export_ideas",
        "--organisation=testikaupunki",
        "--format=csv",
        f"--output={csv_path}",
        "--language=fi",
        stdout=io.StringIO(),
    )
    text = csv_path.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["Tunnus", "Otsikko", "Kuvaus"]
    assert len(rows) == 5
    assert "'=HYPERLINK(1)" in [row[1] for row in rows]
    assert {row[4] for row in rows[1:]} == {"Asukaskysely"}
    call_command(
        "export_ideas",
        "--organisation=testikaupunki",
        "--format=xlsx",
        f"--output={xlsx_path}",
        stdout=io.StringIO(),
    )
    from openpyxl import load_workbook

    sheet = load_workbook(xlsx_path).active
    values = list(sheet.values)
    assert len(values) == 5 and values[1][5] == "Asukaskysely 2022"
    assert "=HYPERLINK(1)" in [row[1] for row in values]
    assert sheet["B1"].value and sheet.cell(row=2, column=7).is_date
