"""What the import commands share: the same arguments, every row and problem printed, and
nothing written unless the whole file is good. (The underscore keeps Django from listing this
module as a command.)"""

from __future__ import annotations

import datetime
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone, translation

from tiekartta.reports.management.commands._roadmaps import find_roadmap
from tiekartta.reports.tables import ImportRefused, TablePlan
from tiekartta.roadmap.models import Roadmap

PlanT = TypeVar("PlanT", bound=TablePlan[Any])


class ImportCommand(BaseCommand, ABC, Generic[PlanT]):
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
    def plan(self, roadmap: Roadmap, content: bytes, filename: str, today: datetime.date) -> PlanT:
        """Read the file and say, row by row, what importing it would do."""

    @abstractmethod
    def describe(self, plan: PlanT) -> None:
        """Write how each row was read (and anything else the import would create)."""

    @abstractmethod
    def apply(self, roadmap: Roadmap, plan: PlanT, today: datetime.date) -> dict[str, int]:
        """Save a plan without problems; raises ImportRefused and saves nothing on any error."""

    def handle(self, *args: Any, **options: Any) -> None:
        roadmap = find_roadmap(options["roadmap"], options["organisation"])
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        today = timezone.localdate()
        with translation.override(options["language"]):
            plan = self.plan(roadmap, content, path.name, today)
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
                summary = self.apply(roadmap, plan, today)
            except ImportRefused as error:
                raise CommandError(" ".join(error.messages) + " Nothing was imported.") from error
        self.stdout.write(self.imported_format.format(**summary))
