"""What the import commands share: the same arguments, every row and problem printed, and
nothing written unless the whole file is good. (The underscore keeps Django from listing this
module as a command.)"""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone, translation

from tiekartta.core.actors import Actor
from tiekartta.imports import services
from tiekartta.imports.registry import Importer
from tiekartta.imports.tables import ImportRefused, TablePlan
from tiekartta.roadmap.cli import find_roadmap

PlanT = TypeVar("PlanT", bound=TablePlan[Any])


class ImportCommand(BaseCommand, ABC, Generic[PlanT]):
    # The kind of import: how the file is read and saved, as on the web pages.
    importer: Importer[PlanT]
    # How the first line names the rows that change something already saved.
    updated_label = "updated"
    # The last line, filled in with the summary `apply` returns.
    imported_format: str

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

    @abstractmethod
    def describe(self, plan: PlanT) -> None:
        """Write how each row was read (and anything else the import would create)."""

    @property
    def actor(self) -> Actor:
        """Who the history rows name: the command ("Command line: import_tasks")."""
        return Actor.system(f"Command line: {type(self).__module__.rpartition('.')[2]}")

    def handle(self, *args: Any, **options: Any) -> None:
        roadmap = find_roadmap(options["roadmap"], options["organisation"])
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        today = timezone.localdate()
        with translation.override(options["language"]):
            plan = self.importer.plan(roadmap, content, path.name, today)
            self.stdout.write(
                f"{path.name} → {roadmap} ({roadmap.organisation.slug}): {len(plan.rows)} rows, "
                f"{plan.created_count} new, {plan.updated_count} {self.updated_label}, "
                f"{plan.unchanged_count} unchanged"
            )
            self.describe(plan)
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
                summary = services.import_without_batch(
                    actor=self.actor,
                    importer=self.importer,
                    roadmap=roadmap,
                    plan=plan,
                    filename=path.name,
                    today=today,
                )
            except ImportRefused as error:
                raise CommandError(" ".join(error.messages) + " Nothing was imported.") from error
        self.stdout.write(self.imported_format.format(**summary))
