"""Delete answered feedback whose retention period has ended, message and e-mail with it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tiekartta.accessibility.services import purge_expired_feedback
from tiekartta.core.actors import Actor

PURGER = Actor.system("Command line: purge_feedback")


class Command(BaseCommand):
    help = (
        "Delete each organisation's answered feedback messages (with the senders' names and "
        "addresses) once the retention days set on Feedback settings have passed since the "
        "answer. Records one audit event per organisation. Run daily."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be deleted; delete nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run = options["dry_run"]
        results = purge_expired_feedback(actor=PURGER, dry_run=dry_run)
        verb = "would delete" if dry_run else "deleted"
        for result in results:
            self.stdout.write(f"{result.organisation.name}: {verb} {result.deleted} message(s)")
        total = sum(result.deleted for result in results)
        self.stdout.write(f"{verb} {total} message(s) in all")
