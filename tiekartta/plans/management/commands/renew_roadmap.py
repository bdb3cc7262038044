"""`manage.py renew_roadmap ROADMAP [--organisation ORG] --years 2029-2031 --slug SLUG
[--title TITLE] [--carry unfinished|none] [--no-metrics] [--keep-open] [--dry-run]`: the next
period's roadmap through the same service as the renewal wizard. Prints what it carries; a
refused renewal prints why, exits with status 1 and writes nothing."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from tiekartta.core.actors import Actor
from tiekartta.plans import renewal
from tiekartta.roadmap.cli import find_roadmap


class DryRun(Exception):
    """Raised inside the transaction to roll back a dry run."""


class Command(BaseCommand):
    help = "Renew a roadmap for the next period, carrying its unfinished tasks over."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("roadmap", help="The roadmap's short name or id.")
        parser.add_argument("--organisation", default="", help="The organisation's short name.")
        parser.add_argument("--years", required=True, help="The new period, e.g. 2029-2031.")
        parser.add_argument("--slug", required=True, help="The new roadmap's short name.")
        parser.add_argument("--title", default="", help="By default the old title, new years.")
        parser.add_argument(
            "--carry",
            choices=["unfinished", "none"],
            default="unfinished",
            help="Carry every unfinished task over (proposed schedules), or none.",
        )
        parser.add_argument(
            "--no-metrics", action="store_true", help="Do not carry the metrics over."
        )
        parser.add_argument(
            "--keep-open", action="store_true", help="Leave the old roadmap open (not archived)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Check and print; save nothing.")
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.LANGUAGES],
            help="The language of the messages.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        roadmap = find_roadmap(options["roadmap"], options["organisation"])
        match = re.fullmatch(r"\s*(\d{4})\s*[-–]\s*(\d{4})\s*", options["years"])
        if not match:
            raise CommandError(f"--years {options['years']!r}: write e.g. 2029-2031.")
        start, end = int(match[1]), int(match[2])
        with translation.override(options["language"]):
            try:
                renewal.check_period(roadmap, start, end)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            proposal = renewal.propose(roadmap, start, end)
            plan = proposal.plan
            plan.slug = options["slug"]
            if options["title"]:
                plan.title = options["title"]
            if options["carry"] == "none":
                plan.carry = []
            if options["no_metrics"]:
                plan.metrics = []
            actor = Actor.system("Command line: renew_roadmap")
            try:
                with transaction.atomic():
                    outcome = renewal.renew(
                        actor=actor, roadmap=roadmap, plan=plan, close=not options["keep_open"]
                    )
                    self._report(outcome, proposal, dry_run=options["dry_run"])
                    if options["dry_run"]:
                        raise DryRun
            except DryRun:
                self.stdout.write(_("Dry run: nothing was saved."))
            except ValidationError as error:
                for field, messages in getattr(error, "message_dict", {"": error.messages}).items():
                    for message in messages:
                        self.stderr.write(f"{field}: {message}" if field else message)
                raise CommandError(_("The roadmap was not renewed; nothing was saved.")) from None

    def _report(
        self, outcome: renewal.Outcome, proposal: renewal.Proposal, *, dry_run: bool
    ) -> None:
        new = outcome.renewal.target
        self.stdout.write(
            (
                _("Would make %(roadmap)s (%(period)s).")
                if dry_run
                else _("Made %(roadmap)s (%(period)s).")
            )
            % {"roadmap": new.title, "period": new.period_label}
        )
        for old, task in outcome.carried:
            self.stdout.write(
                _("Carried over: %(task)s (%(completion)s %%) %(old)s → %(new)s")
                % {
                    "task": old.title,
                    "completion": old.shown_completion,
                    "old": old.schedule_label or "—",
                    "new": task.schedule_label or "—",
                }
            )
        for old_metric, metric in outcome.metrics:
            self.stdout.write(
                _("Metric carried over: %(metric)s, baseline %(baseline)s")
                % {
                    "metric": old_metric.name,
                    "baseline": metric.baseline_value if metric.baseline_value is not None else "—",
                }
            )
        self.stdout.write(
            _("For the record: %(done)s done, %(cancelled)s cancelled, %(ideas)s ideas parked.")
            % {
                "done": len(proposal.done),
                "cancelled": len(proposal.cancelled),
                "ideas": len(proposal.parked_ideas),
            }
        )
