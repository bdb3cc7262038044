"""The CSV files parse with Python's csv module, have a header row of stable English column
names and hold the same rows as the JSON; `?format=excel` gives a byte-order mark and
semicolons; the licence is in the Link header."""

from __future__ import annotations

import csv
import io

from tiekartta.opendata.shapes import METRIC_CSV_FIELDS, TASK_FIELDS
from tiekartta.opendata.tests.conftest import ROADMAP, OpenClient, Published

LICENCE_LINK = '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def test_tasks_csv_matches_the_json(published: Published, client_open: OpenClient) -> None:
    response = client_open.get(f"{ROADMAP}/tasks.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Link"] == LICENCE_LINK
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert not text.startswith("\ufeff")
    reader = csv.DictReader(io.StringIO(text))
    # An organisation with one language: no version columns.
    assert tuple(reader.fieldnames or ()) == (*TASK_FIELDS, "language")
    rows = list(reader)
    tasks = client_open.get(f"{ROADMAP}/tasks").json()["results"]
    assert len(rows) == len(tasks) == 1
    for row, task in zip(rows, tasks, strict=True):
        assert row == {name: _cell(task[name]) for name in (*TASK_FIELDS, "language")}


def test_excel_format_has_a_bom_and_semicolons(
    published: Published, client_open: OpenClient
) -> None:
    raw = client_open.get(f"{ROADMAP}/tasks.csv?format=excel").content
    assert raw.startswith("\ufeff".encode())
    text = raw.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert rows[0]["title"] == "Vesimittarien etäluenta"
    assert client_open.get(f"{ROADMAP}/tasks.csv?format=xlsx").status_code == 400


def test_metrics_csv_has_a_row_per_value(published: Published, client_open: OpenClient) -> None:
    response = client_open.get(f"{ROADMAP}/metrics.csv")
    assert response["Link"] == LICENCE_LINK
    reader = csv.DictReader(io.StringIO(response.content.decode("utf-8")))
    assert tuple(reader.fieldnames or ()) == METRIC_CSV_FIELDS
    rows = list(reader)
    (metric,) = client_open.get(f"{ROADMAP}/metrics").json()["results"]
    assert [(r["period"], r["value"]) for r in rows] == [
        (v["period"], str(v["value"])) for v in metric["values"]
    ]
    assert {r["metric_name"] for r in rows} == {"Etäluettujen osuus"}
    assert rows[0]["target_value"] == "60" and rows[0]["target_date"] == "2028-12-31"


def test_excel_format_does_not_run_a_title_as_a_formula(
    published: Published, client_open: OpenClient
) -> None:
    task = published.public_task
    task.title = '=HYPERLINK("https://evil.example","x")'
    task.save()
    excel = client_open.get(f"{ROADMAP}/tasks.csv?format=excel").content.decode("utf-8-sig")
    (row,) = csv.DictReader(io.StringIO(excel), delimiter=";")
    assert row["title"] == "'" + task.title
    plain = client_open.get(f"{ROADMAP}/tasks.csv").content.decode("utf-8")
    (row,) = csv.DictReader(io.StringIO(plain))
    assert row["title"] == task.title
