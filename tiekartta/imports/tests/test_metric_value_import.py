"""Importing metric values the way towns keep them: headings in three languages below a title,
periods and numbers as people write them, corrections that keep the history, bad rows and
hostile files that save nothing."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import World
from tests.factories import MetricFactory
from tiekartta.accounts.models import Role
from tiekartta.imports.kinds.metric_values import (
    ImportRefused,
    apply_value_import,
    plan_value_import,
)
from tiekartta.imports.models import ImportBatch, ImportKind, ImportStatus
from tiekartta.imports.tests.test_spreadsheet import (
    BILLION_LAUGHS,
    EXTERNAL_ENTITY,
    OLE2,
    noise,
    rezip,
    simple_xlsx,
    with_shared_strings,
)
from tiekartta.metrics import services
from tiekartta.metrics.models import Channel, Metric, MetricValue
from tiekartta.metrics.reading import AmbiguousNumberError, period_code, read_number

TODAY_TEXT = "2026-11-27 12:00 +0200"
ORG, RM = "testikaupunki", "2026-2028"


@pytest.fixture(autouse=True)
def late_2026() -> Any:
    with time_machine.travel(TODAY_TEXT, tick=False):
        yield


def today() -> datetime.date:
    return datetime.date(2026, 11, 27)


@pytest.fixture
def metrics(world: World) -> dict[str, Metric]:
    def make(name: str, **kwargs: Any) -> Metric:
        return MetricFactory(roadmap=world.roadmap, owner=world.owner_person, name=name, **kwargs)

    return {
        "share": make("Sähköisen asioinnin osuus", unit="percent"),
        "visits": make("Verkkopalvelun käynnit", unit="count"),
        "paper": make("Paperin kulutus", unit="kg", frequency="yearly"),
        "survey": make("Asiakastyytyväisyys", unit="score", frequency="half_yearly"),
    }


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


def plan_of(world: World, content: bytes, name: str = "arvot.xlsx") -> Any:
    return plan_value_import(world.roadmap, content, name, today())


def problems_of(plan: Any) -> dict[tuple[int, str], str]:
    return {(p.row, p.column): p.message for p in plan.all_problems}


# Reading ---------------------------------------------------------------------------------------


def test_a_town_workbook_with_a_title_is_read_and_imported(
    world: World, metrics: dict[str, Metric]
) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Digitiekartan mittarit 2026"])
    sheet.append([])
    sheet.append(["MITTARI", "Kausi", "Arvo", "Huomio", "Lähde", "Muuta"])
    sheet.append(["sähköisen  ASIOINNIN osuus", "2026 q2", 41.5, "Kevään kysely", "Kysely", "x"])
    sheet.append(["Sähköisen asioinnin osuus", "Q3/2026", 0.435, "", "", ""])
    sheet.cell(row=sheet.max_row, column=3).number_format = "0.0%"
    sheet.append(["Paperin kulutus", 2026, "1 250,5 kg", "", "", ""])
    sheet.append(["Asiakastyytyväisyys", "1/2026", "3,8", "", "", ""])
    sheet.append(["Verkkopalvelun käynnit", "2026-Q4", 1200, "", "", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)

    plan = plan_of(world, buffer.getvalue())

    assert plan.ok, problems_of(plan)
    assert plan.header_row == 3 and plan.ignored_columns == ["Muuta"]
    assert [(r.metric, r.period, r.value) for r in plan.rows] == [
        (metrics["share"], "2026Q2", Decimal("41.5")),
        (metrics["share"], "2026Q3", Decimal("43.5")),
        (metrics["paper"], "2026", Decimal("1250.5")),
        (metrics["survey"], "2026H1", Decimal("3.8")),
        (metrics["visits"], "2026Q4", Decimal("1200")),
    ]
    assert plan.created_count == 5
    summary = apply_value_import(actor=world.users[Role.EDITOR], plan=plan, today=today())
    assert summary == {"created": 5, "updated": 0, "unchanged": 0}
    saved = MetricValue.objects.get(metric=metrics["share"], period="2026Q2")
    assert saved.channel == Channel.IMPORT and saved.recorded_by == world.users[Role.EDITOR]
    assert (saved.note, saved.source) == ("Kevään kysely", "Kysely")
    assert saved.history.get().history_user == world.users[Role.EDITOR]

    again = plan_of(world, buffer.getvalue())
    assert [row.action for row in again.rows] == ["unchanged"] * 5


def test_semicolon_csv_in_windows_1252_with_swedish_headings(
    world: World, metrics: dict[str, Metric]
) -> None:
    text = (
        "Mätare;Period;Värde;Anmärkning;Källa\r\n"
        "Sähköisen asioinnin osuus;2026Q1;41,5 %;Från enkäten;Enkät\r\n"
        "Verkkopalvelun käynnit;2026Q1;12\u00a0345;;\r\n"
        "Paperin kulutus;2026;-3,25 kg;;\r\n"
    )
    plan = plan_of(world, text.encode("cp1252"), "värden.csv")
    assert plan.ok, problems_of(plan)
    assert plan.sheet == "" and plan.columns["note"] == "Anmärkning"
    assert [r.value for r in plan.rows] == [Decimal("41.5"), Decimal("12345"), Decimal("-3.25")]
    assert plan.rows[0].note == "Från enkäten"


def test_utf8_csv_with_byte_order_mark_and_english_headings(
    world: World, metrics: dict[str, Metric]
) -> None:
    text = "Metric,Period,Value,Note,Source\nAsiakastyytyväisyys,H2/2026,4.1,Autumn,Survey\n"
    plan = plan_of(world, b"\xef\xbb\xbf" + text.encode(), "values.csv")
    assert plan.ok, problems_of(plan)
    row = plan.rows[0]
    assert (row.metric, row.period, row.value) == (metrics["survey"], "2026H2", Decimal("4.1"))
    assert (row.note, row.source) == ("Autumn", "Survey")


@pytest.mark.parametrize("heading", ["Tunniste", "Identifierare", "Identifier", "id"])
def test_metrics_by_identifier(world: World, metrics: dict[str, Metric], heading: str) -> None:
    share = metrics["share"]
    rows = [[heading, "Kausi", "Arvo"], [share.pk, "2026Q2", 40], [str(share.pk), "2026Q3", 42]]
    plan = plan_of(world, xlsx(rows))
    assert plan.ok, problems_of(plan)
    assert [row.metric for row in plan.rows] == [share, share]


def test_identifier_and_name_must_agree(world: World, metrics: dict[str, Metric]) -> None:
    rows = [
        ["Tunniste", "Mittari", "Kausi", "Arvo"],
        [metrics["share"].pk, "Sähköisen asioinnin osuus", "2026Q2", 40],
        [metrics["share"].pk, "Verkkopalvelun käynnit", "2026Q3", 40],
        [999999, "Verkkopalvelun käynnit", "2026Q3", 40],
        [None, str(metrics["visits"].pk), "2026Q3", 40],
    ]
    plan = plan_of(world, xlsx(rows))
    assert set(problems_of(plan)) == {(3, "Mittari"), (4, "Tunniste")}
    assert "is the metric “Sähköisen asioinnin osuus”" in problems_of(plan)[(3, "Mittari")]
    assert plan.rows[3].metric == metrics["visits"], "a metric column holding identifiers"


def test_running_numbers_are_not_identifiers(world: World, metrics: dict[str, Metric]) -> None:
    rows = [["Nro", "Mittari", "Kausi", "Arvo"], [1, "Paperin kulutus", "2026", 10]]
    plan = plan_of(world, xlsx(rows))
    assert plan.ok and plan.ignored_columns == ["Nro"]


BAD = [
    ["Mittari", "Kausi", "Arvo", "Huomio", "Lähde"],
    ["Sähköisen asioinnin osuus", "2026Q1", 40, "", ""],  # 2: fine
    ["Tuntematon mittari", "2026Q1", 40, "", ""],  # 3
    ["Sähköisen asioinnin osuus", "joskus", 40, "", ""],  # 4
    ["Sähköisen asioinnin osuus", "2026", 40, "", ""],  # 5: yearly period, quarterly metric
    ["Sähköisen asioinnin osuus", "2025Q4", 40, "", ""],  # 6
    ["Sähköisen asioinnin osuus", "2027Q1", 40, "", ""],  # 7
    ["Sähköisen asioinnin osuus", "2026Q2", "paljon", "", ""],  # 8
    ["Sähköisen asioinnin osuus", "2026Q3", 10**13, "", ""],  # 9
    ["Sähköisen asioinnin osuus", "2026Q1", 41, "", ""],  # 10: duplicate of row 2
    ["Verkkopalvelun käynnit", "2026Q1", 5, "x" * 2001, ""],  # 11
    ["Verkkopalvelun käynnit", "2026Q2", 5, "", "y" * 201],  # 12
    ["Verkkopalvelun käynnit", "2026Q3", "12 tuhatta", "", ""],  # 13
    ["Verkkopalvelun käynnit", "2026Q4", "1,250", "", ""],  # 14
    ["Paperin kulutus", datetime.date(2026, 2, 1), 5, "", ""],  # 15
    ["", "2026Q1", "", "", ""],  # 16
    ["Paperin kulutus", "", "3,14159", "", ""],  # 17
]


def test_every_problem_is_named_with_its_row_and_column(
    world: World, metrics: dict[str, Metric]
) -> None:
    plan = plan_of(world, xlsx(BAD))
    found = problems_of(plan)
    expected = {
        (3, "Mittari"): "The roadmap has no metric “Tuntematon mittari”.",
        (4, "Kausi"): "“joskus” is not a period. Write it for example as 2026Q4 or Q4/2026.",
        (5, "Kausi"): "The metric is followed quarterly: enter the period like 2026Q4.",
        (6, "Kausi"): "Choose a period within the roadmap period 2026–2028.",
        (7, "Kausi"): "The period has not begun yet.",
        (8, "Arvo"): "“paljon” is not a number.",
        (9, "Arvo"): "The number is too large.",
        (10, "Kausi"): "The same metric and period are already on row 2 of the file.",
        (11, "Huomio"): "The note is longer than 2000 characters.",
        (12, "Lähde"): "The source is longer than 200 characters.",
        (13, "Arvo"): "“tuhatta” is not the metric's unit.",
        (14, "Arvo"): "“1,250” can be read in two ways.",
        (15, "Kausi"): "The period is a date (2026-02-01)",
        (16, "Mittari"): "The metric is missing.",
        (16, "Arvo"): "The value is missing.",
        (17, "Kausi"): "The period is missing.",
        (17, "Arvo"): "“3,14159” has more than 4 decimals.",
    }
    assert set(found) == set(expected)
    for key, text in expected.items():
        assert text in found[key], (key, found[key])
    with pytest.raises(ImportRefused):
        apply_value_import(actor=None, plan=plan, today=today())
    assert not MetricValue.objects.exists(), "the good row 2 is not saved either"


def test_missing_columns_are_named_for_the_whole_file(
    world: World, metrics: dict[str, Metric]
) -> None:
    plan = plan_of(world, xlsx([["Mittari", "Huomio"], ["Paperin kulutus", "x"]]))
    assert not plan.rows and len(plan.problems) == 1
    assert "The header row (row 1) has no column for: Period, Value." in plan.problems[0].message
    plan = plan_of(world, xlsx([["Kausi", "Arvo"], ["2026", 4]]))
    assert "has no column for: Metric." in plan.problems[0].message


def test_a_failure_while_saving_saves_no_row(world: World, metrics: dict[str, Metric]) -> None:
    rows = [
        ["Mittari", "Kausi", "Arvo"],
        ["Sähköisen asioinnin osuus", "2026Q1", 40],
        ["Paperin kulutus", "2026", 12],
    ]
    plan = plan_of(world, xlsx(rows))
    assert plan.ok
    # The metric of the second row goes away between the preview and the confirmation.
    Metric.objects.filter(pk=metrics["paper"].pk).delete()
    with pytest.raises(ImportRefused, match="Row 3"):
        apply_value_import(actor=None, plan=plan, today=today())
    assert not MetricValue.objects.exists()


def test_a_correction_keeps_the_history_and_the_note(
    world: World, metrics: dict[str, Metric]
) -> None:
    editor = world.users[Role.EDITOR]
    share = metrics["share"]
    services.record_value(
        actor=editor,
        metric=share,
        period="2026Q2",
        value=Decimal("30"),
        note="Käsin",
        today=today(),
    )
    services.record_value(actor=editor, metric=share, period="2026Q3", value=Decimal("33"))
    rows = [
        ["Mittari", "Kausi", "Arvo", "Huomio"],
        ["Sähköisen asioinnin osuus", "2026Q2", "35 %", ""],
        ["Sähköisen asioinnin osuus", "2026Q3", 33, ""],
    ]
    plan = plan_of(world, xlsx(rows))
    corrected, unchanged = plan.rows
    assert (corrected.action, corrected.changes) == ("update", ["value"])
    assert (corrected.shown_current, corrected.shown_value) == ("30\u00a0%", "35\u00a0%")
    assert unchanged.action == "unchanged"
    summary = apply_value_import(actor=editor, plan=plan, today=today())
    assert summary == {"created": 0, "updated": 1, "unchanged": 1}
    value = MetricValue.objects.get(metric=share, period="2026Q2")
    assert value.value == Decimal("35") and value.note == "Käsin", "an empty note keeps the note"
    assert value.channel == Channel.IMPORT
    assert [h.value for h in value.history.order_by("history_date")] == [30, 35]
    assert MetricValue.objects.get(period="2026Q3").history.count() == 1, "unchanged: skipped"


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_exported_values_sheet_imports_back_unchanged(
    world: World, metrics: dict[str, Metric], language: str
) -> None:
    from django.utils import translation

    from tiekartta.reports.exports import roadmap_xlsx

    share, paper = metrics["share"], metrics["paper"]
    services.record_value(
        actor=None,
        metric=share,
        period="2026Q2",
        value=Decimal("41.5"),
        note="Kysely",
        source="Webropol",
        today=today(),
    )
    services.record_value(
        actor=None, metric=paper, period="2026", value=Decimal("1250.25"), today=today()
    )
    with translation.override(language):
        exported = openpyxl.load_workbook(io.BytesIO(roadmap_xlsx(world.roadmap)))
    # The values sheet on its own, and the whole export as it is: the values sheet is found by
    # its name in any language, although the tasks sheet comes first.
    values_sheet = exported.worksheets[-1]
    alone = xlsx([list(row) for row in values_sheet.iter_rows(values_only=True)])
    with translation.override(language):
        whole = roadmap_xlsx(world.roadmap)
    for content in (alone, whole):
        plan = plan_of(world, content)
        assert plan.ok, problems_of(plan)
        assert {"id", "metric", "period", "value", "note", "source"} <= set(plan.columns)
        assert {(row.metric, row.action) for row in plan.rows} == {
            (share, "unchanged"),
            (paper, "unchanged"),
        }


def test_archived_roadmap_takes_no_values(world: World, metrics: dict[str, Metric]) -> None:
    world.roadmap.is_archived = True
    world.roadmap.save()
    plan = plan_of(world, xlsx([["Mittari", "Kausi", "Arvo"], ["Paperin kulutus", "2026", 1]]))
    assert "archived" in plan.problems[0].message


@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [
        ("41,5", "41.5", ""),
        ("41.5 %", "41.5", "%"),
        ("1\u00a0200,5 €", "1200.5", "€"),
        ("1\u202f200", "1200", ""),
        ("1.234,5", "1234.5", ""),
        ("1,234.5", "1234.5", ""),
        ("1 000 000", "1000000", ""),
        ("0,125", "0.125", ""),
        ("−3,5", "-3.5", ""),
        ("12 kg/ateria", "12", "kg/ateria"),
    ],
)
def test_numbers_as_people_write_them(text: str, number: str, unit: str) -> None:
    assert read_number(text) == (Decimal(number), unit)


@pytest.mark.parametrize("text", ["abc", "1e5", "1 2 3", "1,2,3", "12 ja 13", "", "inf"])
def test_text_that_is_no_number(text: str) -> None:
    with pytest.raises(ValueError):
        read_number(text)


def test_ambiguous_thousands_and_binary_noise() -> None:
    with pytest.raises(AmbiguousNumberError):
        read_number("1.250")
    assert read_number(0.07 * 100) == (Decimal("7.0000"), "")
    assert read_number(float("1e300"))[0] > 10**12


@pytest.mark.parametrize(
    ("text", "quarterly", "half_yearly", "yearly"),
    [
        ("2026Q2", "2026Q2", "2026Q2", "2026Q2"),
        (" 2026 q2 ", "2026Q2", "2026Q2", "2026Q2"),
        ("Q2/2026", "2026Q2", "2026Q2", "2026Q2"),
        ("2/2026", "2026Q2", "2026H2", None),
        ("H1 2026", "2026H1", "2026H1", "2026H1"),
        (2026, "2026", "2026", "2026"),
        ("2026Q5", None, None, None),
        ("kevät 2026", None, None, None),
    ],
)
def test_periods_as_people_write_them(
    text: object, quarterly: str | None, half_yearly: str | None, yearly: str | None
) -> None:
    assert [period_code(text, f) for f in ("quarterly", "half_yearly", "yearly")] == [
        quarterly,
        half_yearly,
        yearly,
    ]


# Hostile files ----------------------------------------------------------------------------------


HOSTILE = [
    pytest.param(
        rezip(
            simple_xlsx(), bomb=lambda parts: parts.update({"xl/media/x.bin": bytes(20_000_000)})
        ),
        "arvot.xlsx",
        "unpack to more than",
        id="zip-bomb",
    ),
    pytest.param(OLE2 + bytes(600), "arvot.xls", "(.xls)", id="xls"),
    pytest.param(with_shared_strings(BILLION_LAUGHS), "arvot.xlsx", "(DTD", id="billion-laughs"),
    pytest.param(with_shared_strings(EXTERNAL_ENTITY), "arvot.xlsx", "(DTD", id="doctype-entity"),
    pytest.param(noise(11, 4096), "arvot.xlsx", "damaged", id="garbage-xlsx"),
    pytest.param(b"Mittari;Kausi\n\x00\x01\x02", "arvot.csv", "binary data", id="binary-csv"),
    pytest.param(b"%PDF-1.7\n" + noise(12, 512), "arvot.pdf", "not supported", id="pdf"),
]


@pytest.mark.parametrize(("content", "name", "message"), HOSTILE)
def test_hostile_files_are_refused_as_a_whole(
    world: World, metrics: dict[str, Metric], content: bytes, name: str, message: str
) -> None:
    plan = plan_of(world, content, name)
    assert plan.problems and not plan.rows
    assert message in plan.problems[0].message


def upload(client: Any, content: bytes, name: str) -> Any:
    path = reverse("imports:metric_values_upload", kwargs={"org": ORG, "roadmap": RM})
    return client.post(path, {"file": SimpleUploadedFile(name, content)})


@pytest.mark.parametrize(("content", "name", "message"), HOSTILE)
def test_hostile_uploads_are_answered_next_to_the_field(
    world: World, metrics: dict[str, Metric], content: bytes, name: str, message: str
) -> None:
    response = upload(world.client_for(Role.EDITOR), content, name)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_file_error"' in page and message in page.replace("&quot;", '"')
    assert not ImportBatch.objects.exists()


def test_an_upload_over_5_mb_is_refused_before_reading(world: World) -> None:
    response = upload(world.client_for(Role.EDITOR), b"a" * (5 * 1024 * 1024 + 1), "iso.csv")
    assert response.status_code == 400
    assert "The file is larger than 5 MB." in response.content.decode()
    assert not ImportBatch.objects.exists()


# Pages ------------------------------------------------------------------------------------------


GOOD_CSV = (
    "Mittari;Kausi;Arvo;Huomio\r\n"
    "Sähköisen asioinnin osuus;2026Q3;41,5;Syyskuun luku\r\n"
    "Paperin kulutus;2026;850;\r\n"
).encode()


def test_upload_preview_and_confirm_through_the_pages(
    world: World, metrics: dict[str, Metric]
) -> None:
    client = world.client_for(Role.EDITOR)
    services.record_value(
        actor=None, metric=metrics["share"], period="2026Q3", value=Decimal("38"), today=today()
    )
    page = client.get(reverse("imports:metric_values_upload", kwargs={"org": ORG, "roadmap": RM}))
    assert page.status_code == 200 and "Example of a file" in page.content.decode()
    response = upload(client, GOOD_CSV, "arvot.csv")
    batch = ImportBatch.objects.get()
    assert batch.kind == ImportKind.METRIC_VALUES
    assert response["Location"].endswith(f"/metrics/import/{batch.pk}/")
    preview = client.get(response["Location"])
    text = preview.content.decode()
    assert preview.status_code == 200
    assert "38\u00a0% → 41,5\u00a0%" in text or "38\u00a0% → 41.5\u00a0%" in text
    assert "Import 2 values" in text
    assert MetricValue.objects.count() == 1
    confirmed = client.post(response["Location"])
    assert confirmed["Location"].endswith(f"/metrics/import/{batch.pk}/importing/")
    done = client.get(confirmed["Location"])  # the worker has done it (the tests' queue)
    assert done["Location"].endswith("/metrics/")
    overview = client.get(done["Location"]).content.decode()
    assert "Imported: 1 new values, 1 corrected, 0 unchanged." in overview
    batch.refresh_from_db()
    assert batch.status == ImportStatus.APPLIED and bytes(batch.content) == b""
    assert MetricValue.objects.get(period="2026Q3").value == Decimal("41.5")
    assert client.post(response["Location"]).status_code == 302, "confirming twice is harmless"
    assert MetricValue.objects.count() == 2


def test_a_preview_with_problems_cannot_be_confirmed(
    world: World, metrics: dict[str, Metric]
) -> None:
    client = world.client_for(Role.ADMIN)
    response = upload(client, xlsx(BAD), "huono.xlsx")
    preview = client.get(response["Location"])
    text = preview.content.decode()
    assert preview.status_code == 400
    assert "17 problems to fix in the file" in text and "Problems by row and column" in text
    assert "Import 1 value" not in text, "no confirm button while rows have problems"
    refused = client.post(response["Location"], follow=True)
    assert refused.status_code == 400 and "Nothing was imported." in refused.content.decode()
    assert not MetricValue.objects.exists()


def test_discarding_keeps_nothing(world: World, metrics: dict[str, Metric]) -> None:
    client = world.client_for(Role.EDITOR)
    response = upload(client, GOOD_CSV, "arvot.csv")
    assert client.get(response["Location"] + "discard/").status_code == 405
    done = client.post(response["Location"] + "discard/")
    assert done["Location"].endswith("/metrics/import/")
    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.DISCARDED and bytes(batch.content) == b""
    assert client.get(response["Location"]).status_code == 302
    assert not MetricValue.objects.exists()


def test_the_two_imports_never_see_each_others_files(
    world: World, metrics: dict[str, Metric]
) -> None:
    client = world.client_for(Role.EDITOR)
    upload(client, GOOD_CSV, "arvot.csv")
    values = ImportBatch.objects.get(kind=ImportKind.METRIC_VALUES)
    tasks = ImportBatch.objects.create(
        roadmap=world.roadmap, filename="t.csv", content=b"Teht\xc3\xa4v\xc3\xa4;Vastuu\r\nA;B\r\n"
    )
    assert tasks.kind == ImportKind.TASKS
    for name, batch in [("imports:tasks", values), ("imports:metric_values", tasks)]:
        kwargs = {"org": ORG, "roadmap": RM, "batch": batch.pk}
        assert client.get(reverse(f"{name}_preview", kwargs=kwargs)).status_code == 404
        assert client.post(reverse(f"{name}_preview", kwargs=kwargs)).status_code == 404
        assert client.post(reverse(f"{name}_discard", kwargs=kwargs)).status_code == 404
    assert ImportBatch.objects.filter(status=ImportStatus.PENDING).count() == 2


@pytest.mark.parametrize(
    ("persona", "status"), [("owner", 403), ("viewer", 403), ("outsider", 404)]
)
def test_only_the_digital_group_imports(
    world: World, metrics: dict[str, Metric], persona: str, status: int
) -> None:
    upload(world.client_for(Role.EDITOR), GOOD_CSV, "arvot.csv")
    batch = ImportBatch.objects.get()
    client = world.client_for(persona)
    kwargs = {"org": ORG, "roadmap": RM}
    assert upload(client, GOOD_CSV, "arvot.csv").status_code == status
    preview = reverse("imports:metric_values_preview", kwargs={**kwargs, "batch": batch.pk})
    assert client.get(preview).status_code == status
    assert client.post(preview).status_code == status
    discard = reverse("imports:metric_values_discard", kwargs={**kwargs, "batch": batch.pk})
    assert client.post(discard).status_code == status
    assert ImportBatch.objects.count() == 1 and not MetricValue.objects.exists()


def test_the_preview_runs_a_fixed_number_of_queries(world: World) -> None:
    client = world.client_for(Role.EDITOR)
    created = [
        MetricFactory(roadmap=world.roadmap, owner=world.owner_person, name=f"Mittari {n:02}")
        for n in range(25)
    ]
    for metric in created[::2]:
        services.record_value(
            actor=None, metric=metric, period="2026Q1", value=Decimal(5), today=today()
        )
    lines = [
        f"{metric.name};2026Q{quarter};{quarter},5" for quarter in range(1, 5) for metric in created
    ]

    def preview_queries(count: int) -> int:
        content = ("Mittari;Kausi;Arvo\r\n" + "\r\n".join(lines[:count])).encode()
        location = upload(client, content, "arvot.csv")["Location"]
        with CaptureQueriesContext(connection) as queries:
            response = client.get(location)
        assert response.status_code == 200
        assert response.content.decode().count('class="num">') >= count
        return len(queries)

    small = preview_queries(10)
    assert preview_queries(100) == small
    assert small <= 8, small


# The command ------------------------------------------------------------------------------------


def test_the_command_checks_and_imports(
    world: World, metrics: dict[str, Metric], tmp_path: Any
) -> None:
    good, bad = tmp_path / "arvot.csv", tmp_path / "huono.xlsx"
    good.write_bytes(GOOD_CSV)
    bad.write_bytes(xlsx(BAD))
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="17 problem"):
        call_command(
            "import_metric_values",
            str(bad),
            "--roadmap",
            RM,
            "--language",
            "en",
            stdout=out,
            stderr=err,
        )
    assert "PROBLEM row 3, column 'Mittari': The roadmap has no metric" in err.getvalue()
    assert not MetricValue.objects.exists()
    call_command("import_metric_values", str(good), "--roadmap", RM, "--dry-run", stdout=out)
    assert "dry run: nothing was imported" in out.getvalue()
    assert not MetricValue.objects.exists()
    call_command(
        "import_metric_values",
        str(good),
        "--roadmap",
        str(world.roadmap.pk),
        "--organisation",
        ORG,
        stdout=out,
    )
    assert "imported: 2 new, 0 corrected, 0 unchanged" in out.getvalue()
    row = MetricValue.objects.get(period="2026").history.get()
    assert row.history_user is None
    assert row.history_change_reason == "Command line: import_metric_values"
    with pytest.raises(CommandError, match="No roadmap"):
        call_command(
            "import_metric_values", str(good), "--roadmap", "2024-2026", "--organisation", ORG
        )
