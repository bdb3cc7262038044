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
from django.utils.translation import gettext as _

from tiekartta.core.actors import Actor
from tiekartta.imports import services
from tiekartta.imports.questions import (
    DATE_ORDER,
    NEW_NAME,
    STATUS,
    ImportAnswers,
    Question,
    name_key,
)
from tiekartta.imports.registry import Importer
from tiekartta.imports.tables import ImportRefused, Problem, TablePlan, choice_index, normalise
from tiekartta.roadmap.cli import find_roadmap
from tiekartta.roadmap.models import Status

PlanT = TypeVar("PlanT", bound=TablePlan[Any])


class ImportCommand(BaseCommand, ABC, Generic[PlanT]):
    # The kind of import: how the file is read and saved, as on the web pages.
    importer: Importer[PlanT]
    # How the first line names the rows that change something already saved.
    updated_label = "updated"
    # The last line, filled in with the summary `apply` returns.
    imported_format: str
    # Whether the kind asks questions (plan.questions), answered here by options.
    asks_questions = False

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
        if self.asks_questions:
            parser.add_argument(
                "--map-status",
                action="append",
                default=[],
                metavar="WORD=STATUS",
                help="What a status word of the file means, e.g. odottaa=planned "
                "(planned, in_progress, done, postponed, cancelled, or their names).",
            )
            parser.add_argument(
                "--date-order",
                choices=["dmy", "mdy"],
                default="",
                help="How the file's slashed dates are written: day first (dmy, 12/08/2026 is "
                "12 August) or month first (mdy, as US tools write them).",
            )
            parser.add_argument(
                "--map-name",
                action="append",
                default=[],
                metavar="NAME=EXISTING",
                help="A theme or person of the file that is an existing one, e.g. "
                "'Digituki=Digituki ja osaaminen'; 'NAME=' keeps it as a new one.",
            )

    def answers(self, options: dict[str, Any]) -> ImportAnswers:
        """The options' answers to what the file would ask."""
        answers = ImportAnswers(date_order=options.get("date_order") or "")
        statuses = choice_index(Status)
        for mapping in options.get("map_status") or []:
            word, sign, meaning = mapping.partition("=")
            status = statuses.get(normalise(meaning))
            if not sign or not normalise(word) or status is None:
                raise CommandError(
                    f"--map-status {mapping!r}: write WORD=STATUS, STATUS one of "
                    + ", ".join(Status.values)
                )
            answers.statuses[normalise(word)] = status
        for mapping in options.get("map_name") or []:
            word, sign, meaning = mapping.partition("=")
            if not sign or not normalise(word):
                raise CommandError(f"--map-name {mapping!r}: write NAME=EXISTING or NAME=")
            for kind in ("theme", "owner"):
                answers.names[name_key(kind, normalise(word))] = normalise(meaning) or NEW_NAME
        return answers

    def unanswered(self, question: Question) -> str:
        """An open question, as the problem the command refuses the file with."""
        rows = question.rows_text
        if question.kind == STATUS:
            return _(
                "“%(word)s” (rows %(rows)s) is not a status the import knows. Say which status "
                'it means with --map-status "%(word)s=STATUS", STATUS one of %(choices)s.'
            ) % {"word": question.word, "rows": rows, "choices": ", ".join(Status.values)}
        if question.kind == DATE_ORDER:
            return _(
                "Dates such as %(example)s (rows %(rows)s) read differently day first and "
                "month first. Say which the file uses with --date-order dmy or --date-order mdy."
            ) % {"example": question.word, "rows": rows}
        names = ", ".join(f"“{label}”" for value, label in question.choices if value != NEW_NAME)
        return _(
            "“%(word)s” (rows %(rows)s) is nearly %(names)s. Say which it is with --map-name "
            '"%(word)s=NAME", or --map-name "%(word)s=" to create it as new.'
        ) % {"word": question.word, "rows": rows, "names": names}

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
            answers = self.answers(options) if self.asks_questions else None
            plan = self.importer.plan(roadmap, content, path.name, today, answers)
            if plan.source:
                self.stdout.write(
                    f"{path.name}: {_('exported from %(tool)s') % {'tool': plan.source}}"
                )
            self.stdout.write(
                f"{path.name} → {roadmap} ({roadmap.organisation.slug}): {len(plan.rows)} rows, "
                f"{plan.created_count} new, {plan.updated_count} {self.updated_label}, "
                f"{plan.unchanged_count} unchanged"
            )
            self.describe(plan)
            problems = plan.all_problems + [
                Problem(question.rows[0] if question.rows else 0, "", self.unanswered(question))
                for question in plan.questions
            ]
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
