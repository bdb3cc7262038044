"""`manage.py restore FILE [--force] [--noinput]`: a backup back into the configured database
(see backups.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tiekartta.operations.backups import (
    BackupError,
    Manifest,
    RestoreReport,
    TableSummary,
    restore_backup,
)


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into the configured database, replacing "
        "everything in it. The file is checked first; a database that already holds data is "
        "refused unless --force is given. Stop the server (and the worker) first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="The backup file.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Restore even if the database already holds data: all of it is replaced.",
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        connection = connections[DEFAULT_DB_ALIAS]
        confirm = self.confirm if options["interactive"] else None
        try:
            report = restore_backup(
                options["file"], connection=connection, force=options["force"], confirm=confirm
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        if report is None:
            self.stdout.write(_("Restore cancelled; nothing was changed."))
            return
        self.print_report(report)
        if not report.ok:
            raise CommandError(
                _("The restored database does not match the backup in the tables marked above.")
            )

    def confirm(self, manifest: Manifest, target: str, occupied: Sequence[str]) -> bool:
        self.stdout.write(
            _(
                "This replaces everything in the database %(target)s with the backup made "
                "%(created)s (%(tables)s tables, %(rows)s rows)."
            )
            % {
                "target": target,
                "created": manifest.created,
                "tables": len(manifest.tables),
                "rows": manifest.rows,
            }
        )
        if occupied:
            self.stdout.write(
                _("The database holds data now (%(count)s tables with rows): it will be lost.")
                % {"count": len(occupied)}
            )
        answer = input(_("Type 'yes' to continue, anything else to cancel: "))
        return answer.strip().lower() in {"yes", pgettext("answer to a confirmation", "yes")}

    def print_report(self, report: RestoreReport) -> None:
        def rows(summary: TableSummary | None) -> str:
            return "-" if summary is None else str(summary.rows)

        width = max((len(table.name) for table in report.tables), default=5)
        self.stdout.write(
            f"{_('Table'):<{width}}  {_('Backup'):>9}  {_('Restored'):>9}  {_('Rows')}"
        )
        for table in report.tables:
            status = (
                self.style.SUCCESS(_("same")) if table.matches else self.style.ERROR(_("DIFFERENT"))
            )
            self.stdout.write(
                f"{table.name:<{width}}  {rows(table.expected):>9}  "
                f"{rows(table.restored):>9}  {status}"
            )
        if report.ok:
            self.stdout.write(
                self.style.SUCCESS(
                    _(
                        "Restored %(target)s from the backup made %(created)s: every table's "
                        "rows match the backup (%(tables)s tables, %(rows)s rows)."
                    )
                    % {
                        "target": report.target,
                        "created": report.manifest.created,
                        "tables": len(report.tables),
                        "rows": report.manifest.rows,
                    }
                )
            )
        if report.pending_migrations:
            self.stdout.write(
                self.style.WARNING(
                    _(
                        "The backup is older than this version of Tiekartta: %(count)s "
                        "migrations are not applied. Run `manage.py migrate` next."
                    )
                    % {"count": report.pending_migrations}
                )
            )
        if report.unknown_migrations:
            self.stdout.write(
                self.style.WARNING(
                    _(
                        "The backup was made by a newer version of Tiekartta (migrations this "
                        "version does not have: %(migrations)s). Install that version before "
                        "starting the server."
                    )
                    % {"migrations": ", ".join(report.unknown_migrations)}
                )
            )
