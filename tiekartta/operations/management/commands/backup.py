"""`manage.py backup --output FILE`: the whole database in one checked file (see backups.py)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.translation import gettext as _

from tiekartta.operations.backups import BackupError, create_backup, describe_target


class Command(BaseCommand):
    help = (
        "Write a backup of the configured database to one file: the dump (SQLite's online "
        "backup or pg_dump) with a manifest of its checksum, migrations and row counts. Safe "
        "while the server runs. Restore it with `manage.py restore FILE`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            "-o",
            required=True,
            metavar="FILE",
            help="The file to write, e.g. tiekartta-2026-12-01.tar.gz (replaced if it exists).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        connection = connections[DEFAULT_DB_ALIAS]
        try:
            manifest = create_backup(options["output"], connection=connection)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                _("Backup of %(database)s written to %(file)s: %(tables)s tables, %(rows)s rows.")
                % {
                    "database": describe_target(connection),
                    "file": options["output"],
                    "tables": len(manifest.tables),
                    "rows": manifest.rows,
                }
            )
        )
        self.stdout.write(_("SHA-256 of the dump: %(sha256)s") % {"sha256": manifest.dump_sha256})
