"""`manage.py export_ideas --organisation ORG --format csv|xlsx --output FILE`: every idea of
the organisation with its source, event, status, reason and task, as the ideas page offers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from tiekartta.accounts.models import Organisation
from tiekartta.ideas import exports


class Command(BaseCommand):
    help = "Write every idea of an organisation to a .csv or .xlsx file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", required=True, help="The organisation's short name.")
        parser.add_argument("--format", required=True, choices=sorted(exports.FORMATS))
        parser.add_argument("--output", required=True, help="The file to write.")
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.LANGUAGES],
            help="The language of the headers and the names of sources and statuses.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"No organisation {options['organisation']!r}.")
        with translation.override(options["language"]):
            content, _type = exports.export(organisation, options["format"])
        try:
            Path(options["output"]).write_bytes(content)
        except OSError as error:
            raise CommandError(f"Cannot write {options['output']}: {error}") from error
        self.stdout.write(f"{organisation.ideas.count()} ideas → {options['output']}")
