"""`manage.py import_ideas FILE --organisation ORG --source KIND --event NAME --idea-column
HEADING [--idea-column HEADING ...] [--group-column HEADING] [--date YYYY-MM-DD] [--dry-run]`:
a survey's answers as ideas, one per non-empty answer. Every problem is printed and nothing is
written unless the whole file is good (exit status 1)."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone, translation

from tiekartta.accounts.models import Organisation
from tiekartta.core.actors import Actor
from tiekartta.ideas.models import IdeaSource
from tiekartta.ideas.services import create_ideas
from tiekartta.ideas.survey import read_survey


class Command(BaseCommand):
    help = "Import a survey's free-text answers as ideas (one idea per non-empty answer)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The survey's export: .xlsx or .csv.")
        parser.add_argument("--organisation", required=True, help="The organisation's short name.")
        parser.add_argument("--source", required=True, choices=IdeaSource.values)
        parser.add_argument(
            "--event", required=True, help="The survey's name, e.g. 'Asukaskysely 2022'."
        )
        parser.add_argument(
            "--idea-column",
            action="append",
            required=True,
            metavar="HEADING",
            help="A column of free-text answers that are ideas; repeat for several.",
        )
        parser.add_argument(
            "--group-column",
            default="",
            metavar="HEADING",
            help="A column saying which group the respondent is in; kept as 'proposed by'.",
        )
        parser.add_argument(
            "--date",
            default="",
            help="The date of the ideas (YYYY-MM-DD), e.g. the survey's closing day; today "
            "by default.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Check only; save nothing.")
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.LANGUAGES],
            help="The language of the messages.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"No organisation {options['organisation']!r}.")
        try:
            received_on = (
                datetime.date.fromisoformat(options["date"])
                if options["date"]
                else timezone.localdate()
            )
        except ValueError as error:
            raise CommandError(f"--date {options['date']!r}: write YYYY-MM-DD.") from error
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        with translation.override(options["language"]):
            plan = read_survey(
                content,
                path.name,
                idea_columns=options["idea_column"],
                group_column=options["group_column"],
                source=options["source"],
                event=options["event"],
                received_on=received_on,
            )
            self.stdout.write(
                f"{path.name} → {organisation.slug}: {plan.respondents} respondents, "
                f"{len(plan.ideas)} ideas, {plan.empty_answers} empty answers"
            )
            for number, idea in plan.ideas:
                self.stdout.write(f"  row {number}: {idea.title}")
            for problem in plan.problems:
                column = f", column {problem.column!r}" if problem.column else ""
                self.stderr.write(f"  PROBLEM row {problem.row}{column}: {problem.message}")
            if plan.problems:
                raise CommandError(f"{len(plan.problems)} problem(s): nothing was imported.")
            if options["dry_run"]:
                self.stdout.write("dry run: nothing was imported")
                return
            try:
                created = create_ideas(
                    actor=Actor.system("Command line: import_ideas"),
                    organisation=organisation,
                    data=[idea for _number, idea in plan.ideas],
                )
            except ValidationError as error:
                raise CommandError(" ".join(error.messages) + " Nothing was imported.") from error
        self.stdout.write(f"imported {len(created)} ideas")
