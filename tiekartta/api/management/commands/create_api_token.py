"""Create an API token from the command line, e.g. when a data warehouse is set up by script.

Only the token goes to standard output, so that `TOKEN=$(manage.py create_api_token …)` works;
what a person needs to know goes to standard error.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tiekartta.accounts.models import ApiToken, Organisation
from tiekartta.accounts.services import create_api_token
from tiekartta.core.actors import Actor


class Command(BaseCommand):
    help = "Create an API token for an organisation and print it (it is stored only hashed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--organisation", required=True, help="The organisation's short name (slug)."
        )
        parser.add_argument(
            "--name", required=True, help="Which system uses the token, e.g. Tietovarasto."
        )
        parser.add_argument(
            "--records-progress",
            action="store_true",
            help="The token may also record progress entries for every task.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options["organisation"]
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            known = ", ".join(Organisation.objects.values_list("slug", flat=True)) or "none"
            raise CommandError(f"No organisation {slug!r}. Known short names: {known}.")
        name = options["name"].strip()
        if ApiToken.objects.filter(organisation=organisation).named(name).exists():
            raise CommandError(
                f"{organisation.slug} already has a token named {name!r} (revoked ones count "
                "too). Choose another name."
            )
        try:
            token, secret = create_api_token(
                actor=Actor.system("Command line: create_api_token"),
                organisation=organisation,
                name=name,
                records_progress=options["records_progress"],
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(secret)
        self.stderr.write(
            f"Created the API token {token.name!r} for {organisation.slug}. Store it now: "
            "it cannot be shown again. Revoke it on the API tokens page."
        )
