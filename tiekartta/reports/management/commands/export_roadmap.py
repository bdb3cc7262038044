"""Write a roadmap's report, attachment or spreadsheet to a file, as the web pages give them."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone, translation

from tiekartta.core.actors import Actor
from tiekartta.reports.documents import attachment_pdf, interim_docx, interim_pdf
from tiekartta.reports.exports import (
    PERSONAL_DATA_EXPORTS,
    attachment_xlsx,
    record_personal_data_export,
    roadmap_csv,
    roadmap_xlsx,
)
from tiekartta.reports.interim import build_interim_report
from tiekartta.roadmap.cli import find_roadmap

FORMATS = ("pdf", "docx", "xlsx", "csv", "attachment-pdf", "attachment-xlsx")


class Command(BaseCommand):
    help = (
        "Export a roadmap: the interim report (pdf, docx), the whole roadmap (xlsx, csv) or the "
        "task list attachment (attachment-pdf, attachment-xlsx)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("roadmap", help="The roadmap's id or short name, e.g. 2023-2025.")
        parser.add_argument("--format", required=True, choices=FORMATS)
        parser.add_argument("--output", required=True, help="The file to write.")
        parser.add_argument("--date", default="", help="The report's date (YYYY-MM-DD); today.")
        parser.add_argument("--organisation", default="", help="The organisation's short name.")
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.LANGUAGES],
        )

    def handle(self, *args: Any, **options: Any) -> None:
        roadmap = find_roadmap(options["roadmap"], options["organisation"])
        today = timezone.localdate()
        try:
            as_of = datetime.date.fromisoformat(options["date"]) if options["date"] else today
        except ValueError as error:
            raise CommandError(f"--date must be YYYY-MM-DD, not {options['date']!r}.") from error
        if as_of > today:
            raise CommandError("--date is in the future: a report shows what has happened.")
        if as_of < roadmap.first_quarter.first_day:
            raise CommandError(f"--date is before the roadmap's period {roadmap.period_label}.")
        kind = options["format"]
        with translation.override(options["language"]):
            if kind in ("pdf", "docx"):
                report = build_interim_report(roadmap, as_of, today)
                content = interim_pdf(report) if kind == "pdf" else interim_docx(report)
            else:
                content = {
                    "xlsx": roadmap_xlsx,
                    "csv": roadmap_csv,
                    "attachment-pdf": attachment_pdf,
                    "attachment-xlsx": attachment_xlsx,
                }[kind](roadmap)
        output = Path(options["output"])
        try:
            output.write_bytes(content)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error}") from error
        if kind in PERSONAL_DATA_EXPORTS:
            record_personal_data_export(
                actor=Actor.system("Command line: export_roadmap"), roadmap=roadmap, kind=kind
            )
        self.stdout.write(
            f"{roadmap} ({roadmap.organisation.slug}): {kind}, {len(content):,} bytes → {output}"
        )
