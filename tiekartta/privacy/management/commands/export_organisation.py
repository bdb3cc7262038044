"""Every row of one organisation, from every app, as a JSON file."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tiekartta.accounts.models import Organisation
from tiekartta.core.actors import Actor
from tiekartta.privacy.management.commands.export_person_data import write
from tiekartta.privacy.services import export_organisation

EXPORTER = Actor.system("Command line: export_organisation")


class Command(BaseCommand):
    help = (
        "Write all of one organisation's rows from every app (its members' accounts without "
        "passwords, no token secrets) to a JSON file; nothing of other organisations. "
        "Recorded as an audit event."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--org", required=True, help="The organisation's short name (slug).")
        parser.add_argument("--output", required=True, help="The file to write ('-': stdout).")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(slug=options["org"]).first()
        if organisation is None:
            raise CommandError(f"No organisation with the short name {options['org']!r}.")
        content = export_organisation(actor=EXPORTER, organisation=organisation)
        write(self, options["output"], content)
