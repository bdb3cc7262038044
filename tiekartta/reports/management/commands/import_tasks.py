"""Import a task list (.xlsx or .csv) into a roadmap, or only check it with --dry-run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone, translation

from tiekartta.reports.importer import ImportRefused, apply_import, plan_import
from tiekartta.reports.management.commands._roadmaps import find_roadmap


class Command(BaseCommand):
    help = (
        "Import tasks from an .xlsx or .csv file into a roadmap. Prints how each row is read and "
        "every problem with its row; writes nothing and exits non-zero if any row is bad."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--roadmap", required=True, help="The roadmap's id or short name.")
        parser.add_argument("--organisation", default="", help="The organisation's short name.")
        parser.add_argument("--dry-run", action="store_true", help="Check only; save nothing.")
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.LANGUAGES],
            help="The language of the messages.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        roadmap = find_roadmap(options["roadmap"], options["organisation"])
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        today = timezone.localdate()
        with translation.override(options["language"]):
            plan = plan_import(roadmap, content, path.name, today)
            self.stdout.write(
                f"{path.name} → {roadmap} ({roadmap.organisation.slug}): {len(plan.rows)} rows, "
                f"{plan.created_count} new, {plan.updated_count} updated, "
                f"{plan.unchanged_count} unchanged"
            )
            for row in plan.rows:
                changes = f" ({', '.join(row.changes)})" if row.changes else ""
                self.stdout.write(f"  row {row.row}: {row.action}{changes}: {row.title}")
            if plan.new_people:
                self.stdout.write("  new people: " + ", ".join(plan.new_people))
            if plan.new_themes:
                self.stdout.write("  new themes: " + ", ".join(plan.new_themes))
            problems = plan.all_problems
            for problem in problems:
                column = f", column {problem.column!r}" if problem.column else ""
                self.stderr.write(f"  PROBLEM row {problem.row}{column}: {problem.message}")
            if problems:
                raise CommandError(f"{len(problems)} problem(s): nothing was imported.")
            if options["dry_run"]:
                self.stdout.write("dry run: nothing was imported")
                return
            try:
                summary = apply_import(actor=None, roadmap=roadmap, plan=plan, today=today)
            except ImportRefused as error:
                raise CommandError(" ".join(error.messages) + " Nothing was imported.") from error
        self.stdout.write(
            "imported: {created} new, {updated} updated, {unchanged} unchanged, "
            "{people} people and {themes} themes added".format(**summary)
        )
