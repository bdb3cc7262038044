"""Benchmark: reports, exports and the import preview at the sizes the reports issue names.

    .venv/bin/python bench/reports.py

Goals (each the median of 3 runs after a warm-up run, on a scratch SQLite database):
- interim report PDF and .docx for 200 tasks with 12 quarters of history (four in five done on
  time, one in five stalled and late): under 3 s each;
- import preview (read + interpret) of a 5,000-row sheet: under 10 s;
- export of 5,000 tasks to .xlsx: under 3 s.
Prints each figure against its goal and exits non-zero when a goal is missed.
"""

from __future__ import annotations

import datetime
import io
import statistics
import sys
import time
from collections.abc import Callable

import _scratch  # noqa: F401 - sets up Django before the imports below
import openpyxl
from django.core.management import call_command
from django.utils import translation

from tests.factories import (
    OrganisationFactory,
    PersonFactory,
    ProgressEntryFactory,
    RoadmapFactory,
    TaskFactory,
    ThemeFactory,
)
from tiekartta.core.quarters import Quarter, quarter_range
from tiekartta.imports.kinds.tasks import plan_import
from tiekartta.reports.documents import interim_docx, interim_pdf
from tiekartta.reports.exports import roadmap_xlsx
from tiekartta.reports.interim import build_interim_report
from tiekartta.roadmap.models import Roadmap, Task

TODAY = datetime.date(2028, 12, 1)


def median_seconds(function: Callable[[], object], runs: int = 3) -> float:
    """After one untimed run, as in a server that has loaded its fonts and templates."""
    function()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def roadmap_with(tasks: int, history: bool, slug: str) -> Roadmap:
    organisation = OrganisationFactory(slug=slug)
    roadmap = RoadmapFactory(organisation=organisation, start_year=2026, end_year=2028)
    themes = [ThemeFactory(roadmap=roadmap, name=f"Teema {n}") for n in range(8)]
    people = [PersonFactory(organisation=organisation) for _ in range(20)]
    quarters = list(quarter_range(Quarter(2026, 1), Quarter(2028, 4)))
    for n in range(tasks):
        start, due = n % 4, 4 + n % 8
        task = TaskFactory(
            theme=themes[n % 8],
            owner=people[n % 20],
            start=str(quarters[start]),
            due=str(quarters[due]),
            status="in_progress",
        )
        if not history:
            continue
        # A plausible history: each task moves along its plan and finishes on time, except
        # every fifth, which stalls at 70 % and is late by the end of the period.
        for index, quarter in enumerate(quarters):
            share = max(0, index - start + 1) / (due - start + 1)
            completion = min(100, round(100 * share), 70 if n % 5 == 0 else 100)
            ProgressEntryFactory(
                task=task,
                quarter=str(quarter),
                completion=completion,
                status="done" if completion == 100 else "in_progress",
                note=f"Tilanne {quarter}: edennyt suunnitellusti.",
            )
        # The entries are written straight to the table, so the task takes its latest by hand.
        Task.objects.filter(pk=task.pk).update(
            completion=completion, status="done" if completion == 100 else "in_progress"
        )
    return roadmap


def import_sheet(rows: int) -> bytes:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Tehtävät")
    sheet.append(
        ["Tehtävä", "Kuvaus", "Teema", "Vastuuhenkilö", "Aikataulu", "Tila", "Valmiusaste"]
    )
    schedules = ["2026 Q1–Q2", "syksy 2026", "Q3/2027", "2027", "kevät 2028", "1/2028", "jatkuva"]
    for n in range(rows):
        sheet.append(
            [
                f"Tuotu tehtävä {n}",
                "Kuvaus " * 10,
                f"Teema {n % 12}",
                f"Henkilö {n % 40}",
                schedules[n % len(schedules)],
                "käynnissä",
                f"{n % 100} %",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def main() -> None:
    call_command("migrate", verbosity=0)
    results = []
    with translation.override("fi"):
        report_roadmap = roadmap_with(200, history=True, slug="raportti")
        report = build_interim_report(report_roadmap, TODAY, TODAY)
        results.append(
            (
                "interim report PDF, 200 tasks",
                median_seconds(
                    lambda: interim_pdf(build_interim_report(report_roadmap, TODAY, TODAY))
                ),
                3.0,
            )
        )
        results.append(
            (
                "interim report .docx, 200 tasks",
                median_seconds(
                    lambda: interim_docx(build_interim_report(report_roadmap, TODAY, TODAY))
                ),
                3.0,
            )
        )
        assert report.themes
        big = roadmap_with(5000, history=False, slug="vienti")
        results.append(
            ("export .xlsx, 5,000 tasks", median_seconds(lambda: roadmap_xlsx(big)), 3.0)
        )
        sheet = import_sheet(5000)
        target = roadmap_with(0, history=False, slug="tuonti")
        plan = plan_import(target, sheet, "tehtavat.xlsx", TODAY)
        assert plan.ok and len(plan.rows) == 5000, plan.all_problems[:3]
        results.append(
            (
                "import preview, 5,000 rows",
                median_seconds(lambda: plan_import(target, sheet, "tehtavat.xlsx", TODAY)),
                10.0,
            )
        )
    missed = False
    for label, seconds, goal in results:
        verdict = "ok" if seconds < goal else "MISSED"
        missed |= seconds >= goal
        print(f"{label:<36} {seconds:6.2f} s  (goal < {goal:.0f} s) {verdict}")
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
