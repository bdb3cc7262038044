"""Generate the national load data set for benchmarks (tiekartta.demo.load_data)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tiekartta.demo.load_data import (
    DEFAULT_PREFIX,
    DEFAULT_SEED,
    LOAD_PASSWORD,
    LoadDataError,
    LoadOptions,
    generate,
    organisation_slug,
    summary_lines,
    username,
)


class Command(BaseCommand):
    help = (
        "Generate load data for benchmarks: ORGANISATIONS municipalities, each with people and "
        "user accounts, a roadmap of TASKS tasks with QUARTERS quarters of follow-up history "
        "(progress entries, review meetings), metrics with values, and for every third a public "
        "site with news. Deterministic: the same arguments give the same rows. Written in bulk, "
        "past the services (no audit events or history rows): benchmark data only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisations", type=int, default=300, help="Default 300.")
        parser.add_argument(
            "--tasks", type=int, default=150, help="Tasks per organisation (default 150)."
        )
        parser.add_argument(
            "--quarters",
            type=int,
            default=12,
            help="Quarters of follow-up history, each with a review meeting (default 12).",
        )
        parser.add_argument(
            "--seed",
            default=DEFAULT_SEED,
            help=f"Seed of the random data (default {DEFAULT_SEED}).",
        )
        parser.add_argument(
            "--prefix",
            default=DEFAULT_PREFIX,
            help=f"Short names are PREFIX-001, PREFIX-002, ... (default {DEFAULT_PREFIX}).",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete an earlier load with the same prefix first (otherwise refused).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            load = LoadOptions(
                organisations=options["organisations"],
                tasks=options["tasks"],
                quarters=options["quarters"],
                seed=options["seed"],
                prefix=options["prefix"],
            )
            totals = generate(load, replace=options["replace"], log=self.stdout.write)
        except LoadDataError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Load data written in {totals.seconds:.1f} s:"))
        for line in summary_lines(totals):
            self.stdout.write(line)
        first = organisation_slug(load.prefix, 1)
        self.stdout.write(
            f"Log-ins (password for all: {LOAD_PASSWORD}): {username(first, 'admin', 1)}, "
            f"{username(first, 'editor', 1)}, {username(first, 'owner', 1)}, "
            f"{username(first, 'viewer', 1)}; likewise for {organisation_slug(load.prefix, 2)} "
            "and the others."
        )
