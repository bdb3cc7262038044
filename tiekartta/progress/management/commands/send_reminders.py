"""E-mail task owners whose follow-up tasks lack this quarter's update, and metric owners whose
metrics await a value, before the review."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import IntegrityError
from django.utils import timezone

from tiekartta.accounts.models import Organisation
from tiekartta.progress.reminders import (
    SEND_ERRORS,
    SENDER,
    Reminder,
    plan_reminders,
    send_reminder,
)

SKIP_REASONS = {
    "already_sent": "already reminded for this review",
    "no_account": "no user account in the organisation that may record progress",
    "no_email": "no e-mail address",
}
ORGANISATION_STATUS = {
    "no_date": "no next review date set: nothing to send",
    "too_early": "the review on {date} is not yet within the reminder window",
    "passed": "the review date {date} has passed: set the next one",
}


class Command(BaseCommand):
    help = (
        "Send each task or metric owner one reminder before the next review meeting, with a "
        "one-time sign-in link when it goes to the account's verified address. Safe to run "
        "daily: nobody is reminded twice for the same review."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="List who would get what; send nothing."
        )
        parser.add_argument("--organisation", default="", help="Only this organisation (slug).")

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options["organisation"]
        if slug and not Organisation.objects.filter(slug=slug).exists():
            raise CommandError(f"No organisation with the short name {slug!r}.")
        dry_run = options["dry_run"]
        today = timezone.localdate()
        sent = failed = 0
        for plan in plan_reminders(today, slug):
            name = plan.organisation.name
            if plan.status != "due":
                date = plan.review_date.isoformat() if plan.review_date else ""
                self.stdout.write(f"{name}: {ORGANISATION_STATUS[plan.status].format(date=date)}")
                continue
            review = _date(plan.review_date)
            self.stdout.write(
                f"{name}: review on {review}, {len(plan.reminders)} owner(s) to remind"
            )
            for reminder in plan.reminders:
                who = f"{reminder.person.name} <{reminder.address or '-'}>"
                if reminder.skip_reason:
                    reason = SKIP_REASONS[reminder.skip_reason]
                    self.stdout.write(f"  skip {who}: {reason} ({_counts(reminder)})")
                    continue
                if dry_run:
                    self.stdout.write(f"  would send {who}: {_contents(reminder)}{_link(reminder)}")
                    continue
                try:
                    send_reminder(reminder, actor=SENDER)
                except IntegrityError:
                    # Another run reminded the same person a moment ago.
                    self.stdout.write(f"  skip {who}: {SKIP_REASONS['already_sent']}")
                except SEND_ERRORS as error:
                    failed += 1
                    self.stderr.write(f"  FAILED {who}: {error}")
                else:
                    sent += 1
                    self.stdout.write(f"  sent {who}: {_counts(reminder)}{_link(reminder)}")
        summary = "dry run: nothing sent" if dry_run else f"{sent} sent, {failed} failed"
        self.stdout.write(summary)
        if failed:
            raise CommandError(
                f"{failed} reminder(s) could not be sent; they are retried next run."
            )


def _link(reminder: Reminder) -> str:
    return "" if reminder.with_link else " (no sign-in link: no verified address, or staff)"


def _counts(reminder: Reminder) -> str:
    parts = [f"{len(reminder.tasks)} task(s)"] if reminder.tasks or not reminder.metrics else []
    if reminder.metrics:
        parts.append(f"{len(reminder.metrics)} metric(s)")
    return ", ".join(parts)


def _contents(reminder: Reminder) -> str:
    """What the e-mail would list: the tasks, then the metrics with the period awaited."""
    parts = []
    if reminder.tasks or not reminder.metrics:
        titles = "; ".join(task.title for task in reminder.tasks)
        parts.append(f"{len(reminder.tasks)} task(s): {titles}")
    if reminder.metrics:
        names = "; ".join(
            f"{row.metric.name} ({row.state.freshness}, {row.state.timeliness.next_period})"
            for row in reminder.metrics
        )
        parts.append(f"{len(reminder.metrics)} metric(s): {names}")
    return " | ".join(parts)


def _date(value: datetime.date | None) -> str:
    return value.isoformat() if value else ""
