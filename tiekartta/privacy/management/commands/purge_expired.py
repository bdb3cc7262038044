"""Delete what the retention periods no longer allow. Run daily (cron, systemd timer)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tiekartta.privacy.services import PURGER, purge_expired


class Command(BaseCommand):
    help = (
        "Delete log-in records, expired sessions, expired invitations, sign-in links and "
        "e-mail confirmations, unconfirmed imports and answered feedback past their retention, "
        "and erase removed people's e-mail addresses from the history. Records an audit event "
        "for each organisation (and the installation) where something was deleted. Run daily."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be deleted; delete nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run = options["dry_run"]
        report = purge_expired(actor=PURGER, dry_run=dry_run)
        verb = "would delete" if dry_run else "deleted"
        for line in report.lines():
            self.stdout.write(f"{verb}: {line}")
        total = (
            sum(report.installation.values())
            + sum(sum(counts.values()) for counts in report.organisations.values())
            + sum(report.feedback.values())
        )
        self.stdout.write(f"{verb} {total} row(s) in all")
