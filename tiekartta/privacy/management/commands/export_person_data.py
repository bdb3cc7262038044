"""Everything the installation holds about one person, as a JSON file (GDPR art. 15, 20)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tiekartta.accounts.models import User
from tiekartta.core.actors import Actor
from tiekartta.privacy.selectors import Subject
from tiekartta.privacy.services import export_person_data

EXPORTER = Actor.system("Command line: export_person_data")


class Command(BaseCommand):
    help = (
        "Write everything the installation holds about one person (account, memberships, "
        "Person records, their tasks, entries, audit events, log-in records, feedback, history "
        "rows) to a JSON file. Recorded as an audit event in each of their organisations."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--user", help="The user name.")
        who.add_argument(
            "--email", help="The e-mail address (also people and feedback without an account)."
        )
        parser.add_argument("--output", required=True, help="The file to write ('-': stdout).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user with the user name {options['user']!r}.")
            subject = Subject(user=user)
        else:
            email = options["email"].strip()
            if not email:
                raise CommandError("Give an e-mail address.")
            accounts = list(User.objects.filter(email__iexact=email)[:2])
            if len(accounts) > 1:
                raise CommandError(f"Several users have the address {email!r}: use --user.")
            subject = Subject(user=accounts[0] if accounts else None, email=email)
        content = export_person_data(actor=EXPORTER, subject=subject, organisation=None)
        write(self, options["output"], content)


def write(command: BaseCommand, output: str, content: bytes) -> None:
    if output == "-":
        command.stdout.write(content.decode())
        return
    Path(output).write_bytes(content)
    command.stderr.write(f"Wrote {len(content)} bytes to {output}")
