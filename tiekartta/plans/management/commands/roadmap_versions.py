"""`manage.py roadmap_versions ROADMAP [--organisation ORG] [--diff A B]`: the roadmap's
adopted versions (number, date, decision), or the differences between two of them task by
task. A and B are version numbers, or `live` for the plan as it is now."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import formats, translation
from django.utils.translation import gettext as _

from tiekartta.plans import selectors
from tiekartta.plans.diff import ADDED, REMOVED, Change, PlanDiff, compare
from tiekartta.roadmap.cli import find_roadmap


class Command(BaseCommand):
    help = "List a roadmap's adopted versions, or print the differences between two of them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("roadmap", help="The roadmap's short name or id.")
        parser.add_argument("--organisation", default="", help="The organisation's short name.")
        parser.add_argument(
            "--diff",
            nargs=2,
            metavar=("A", "B"),
            help="Print what changed from version A to version B ('live': the plan now).",
        )
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.LANGUAGES],
            help="The language of the output.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        roadmap = find_roadmap(options["roadmap"], options["organisation"])
        with translation.override(options["language"]):
            versions = selectors.versions_of(roadmap)
            if not options["diff"]:
                self._list(roadmap, versions)
                return
            a, b = options["diff"]
            known = {str(v.number) for v in versions} | {selectors.LIVE}
            for which in (a, b):
                if which not in known:
                    raise CommandError(
                        f"No version {which!r} of {roadmap.slug}: "
                        f"choose from {', '.join(sorted(known))}."
                    )
            diff = compare(
                selectors.snapshot_of(roadmap, a, versions, None),
                selectors.snapshot_of(roadmap, b, versions, None),
            )
            self._print_diff(diff)

    def _list(self, roadmap: Any, versions: list[Any]) -> None:
        if not versions:
            self.stdout.write(_("The roadmap has not been adopted yet."))
            return
        for row in selectors.version_rows(versions):
            version = row["version"]
            line = "\t".join(
                [
                    str(version.number),
                    formats.date_format(version.decided_on, "SHORT_DATE_FORMAT"),
                    str(version.get_kind_display()),
                    version.decision_label,
                    _("%(tasks)s tasks") % {"tasks": row["tasks"]},
                ]
            )
            self.stdout.write(line)

    def _print_diff(self, diff: PlanDiff) -> None:
        if diff.is_empty:
            self.stdout.write(_("No differences in the plan."))
            return
        counts = diff.counts
        self.stdout.write(
            _(
                "Tasks added %(added)s, dropped %(removed)s, changed %(changed)s "
                "(rescheduled %(rescheduled)s, reassigned %(reassigned)s)."
            )
            % counts.__dict__
        )
        for change in diff.themes:
            self.stdout.write(f"{_sign(change)} {_('Theme')}: {change.name}")
            self._fields(change)
        for group in diff.groups:
            self.stdout.write(f"\n{group.name}")
            for change in group.tasks:
                self.stdout.write(f"{_sign(change)} {change.name}")
                self._fields(change)
        if diff.metrics:
            self.stdout.write(f"\n{_('Metrics')}")
            for change in diff.metrics:
                self.stdout.write(f"{_sign(change)} {change.name}")
                self._fields(change)

    def _fields(self, change: Change) -> None:
        for field in change.fields:
            if change.kind in (ADDED, REMOVED):
                self.stdout.write(f"    {field.label}: {field.after}")
            else:
                self.stdout.write(
                    f"    {field.label}: {field.before or '—'} → {field.after or '—'}"
                )


def _sign(change: Change) -> str:
    return {ADDED: "+", REMOVED: "-"}.get(change.kind, "~")
