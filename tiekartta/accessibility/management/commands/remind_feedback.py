"""E-mail each organisation's administrators about feedback near or past its 14-day deadline."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from tiekartta.accessibility.models import NEAR_DEADLINE_DAYS
from tiekartta.accessibility.reminders import (
    SEND_ERRORS,
    plan_feedback_reminders,
    send_feedback_reminder,
)
from tiekartta.accounts.models import Organisation


class Command(BaseCommand):
    help = (
        "Tell the administrators of each organisation which feedback messages are due within "
        "DAYS days or overdue. Run daily; it repeats until the messages are answered."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=NEAR_DEADLINE_DAYS,
            help=f"Remind about messages due within this many days (default {NEAR_DEADLINE_DAYS}).",
        )
        parser.add_argument("--dry-run", action="store_true", help="List only; send nothing.")
        parser.add_argument("--organisation", default="", help="Only this organisation (slug).")

    def handle(self, *args: Any, **options: Any) -> None:
        slug, days, dry_run = options["organisation"], options["days"], options["dry_run"]
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        if slug and not Organisation.objects.filter(slug=slug).exists():
            raise CommandError(f"No organisation with the short name {slug!r}.")
        today = timezone.localdate()
        sent = failed = 0
        plans = plan_feedback_reminders(today, days, slug)
        if not plans:
            self.stdout.write(f"No open feedback is due within {days} day(s).")
        for plan in plans:
            titles = ", ".join(
                f"{message} (due {message.answer_due.isoformat()})" for message in plan.messages
            )
            self.stdout.write(
                f"{plan.organisation.name}: {len(plan.messages)} message(s): {titles}"
            )
            for user in plan.without_email:
                self.stdout.write(f"  skip {user.get_username()}: no e-mail address")
            if not plan.recipients:
                self.stdout.write("  no administrator with an e-mail address to remind")
            for user in plan.recipients:
                who = f"{user.get_username()} <{user.email}>"
                if dry_run:
                    self.stdout.write(f"  would send {who}")
                    continue
                try:
                    send_feedback_reminder(plan, user, today)
                except SEND_ERRORS as error:
                    failed += 1
                    self.stderr.write(f"  FAILED {who}: {error}")
                else:
                    sent += 1
                    self.stdout.write(f"  sent {who}")
        self.stdout.write("dry run: nothing sent" if dry_run else f"{sent} sent, {failed} failed")
        if failed:
            raise CommandError(f"{failed} reminder(s) could not be sent; the next run retries.")
