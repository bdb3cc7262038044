"""Backups of the whole database and their restore: `manage.py backup` and `manage.py restore`.

A backup is one gzip-compressed tar file with two members:

- `manifest.json`: the format and its version, the database engine, when the backup was made,
  the latest applied migration of each app, the SHA-256 of the dump, and every table's row count
  with a checksum of its rows;
- the dump: `database.sqlite3` (a copy made with SQLite's online backup API, so a running server
  can go on writing) or `database.pgdump` (`pg_dump`'s custom format, for `pg_restore`).

The counts and row checksums come from the same snapshot as the dump (on PostgreSQL the dump
runs in a snapshot exported from a read-only repeatable-read transaction in which the rows are
counted; on SQLite they are read from the copy itself), so a restore can prove that every row
came back. A restore checks the file completely (gzip's CRC, the dump's SHA-256, SQLite's
quick check) before it touches the database, refuses a backup of another engine and, unless
told to, a database that already holds data.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404  # runs pg_dump and pg_restore, see run()
import tarfile
import tempfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import django
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.postgresql.client import DatabaseClient as PostgresClient
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = "tiekartta-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
# Rows that `manage.py migrate` writes into a new database: a database with rows only in these
# tables is empty as far as a restore is concerned.
BOOKKEEPING_TABLES = frozenset({"django_migrations", "django_content_type", "auth_permission"})
_CHUNK = 1 << 20


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why, for the operator."""


@dataclass(frozen=True)
class TableSummary:
    rows: int
    sha256: str  # order-independent: the sum of the rows' SHA-256 values modulo 2**256


@dataclass(frozen=True)
class Manifest:
    engine: str
    created: str
    migrations: dict[str, str]
    dump_name: str
    dump_sha256: str
    dump_bytes: int
    tables: dict[str, TableSummary]
    server_version: str = ""
    django_version: str = ""
    format_version: int = FORMAT_VERSION

    @property
    def rows(self) -> int:
        return sum(table.rows for table in self.tables.values())

    def to_json(self) -> bytes:
        document = {
            "format": FORMAT,
            "format_version": self.format_version,
            "engine": self.engine,
            "server_version": self.server_version,
            "django_version": self.django_version,
            "created": self.created,
            "migrations": self.migrations,
            "dump": {"name": self.dump_name, "sha256": self.dump_sha256, "bytes": self.dump_bytes},
            "tables": {
                name: {"rows": table.rows, "sha256": table.sha256}
                for name, table in sorted(self.tables.items())
            },
        }
        return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"

    @classmethod
    def from_json(cls, content: bytes) -> Manifest:
        try:
            document = json.loads(content.decode("utf-8"))
            if document.get("format") != FORMAT:
                raise ValueError("not a Tiekartta backup")
            version = int(document["format_version"])
            if version != FORMAT_VERSION:
                raise BackupError(
                    _(
                        "This backup is in format version %(version)s; this version of "
                        "Tiekartta reads version %(supported)s."
                    )
                    % {"version": version, "supported": FORMAT_VERSION}
                )
            dump = document["dump"]
            return cls(
                engine=str(document["engine"]),
                created=str(document["created"]),
                migrations={str(app): str(name) for app, name in document["migrations"].items()},
                dump_name=str(dump["name"]),
                dump_sha256=str(dump["sha256"]),
                dump_bytes=int(dump["bytes"]),
                tables={
                    str(name): TableSummary(rows=int(table["rows"]), sha256=str(table["sha256"]))
                    for name, table in document["tables"].items()
                },
                server_version=str(document.get("server_version", "")),
                django_version=str(document.get("django_version", "")),
                format_version=version,
            )
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as error:
            raise BackupError(_("The file is not a Tiekartta backup.")) from error


@dataclass(frozen=True)
class TableComparison:
    name: str
    expected: TableSummary | None  # None: the table is not in the backup
    restored: TableSummary | None  # None: the table is missing after the restore

    @property
    def matches(self) -> bool:
        return self.expected == self.restored


@dataclass(frozen=True)
class RestoreReport:
    manifest: Manifest
    target: str
    tables: list[TableComparison]
    pending_migrations: int = 0  # in the code, not applied in the restored database
    unknown_migrations: list[str] = field(default_factory=list)  # applied, not in the code

    @property
    def ok(self) -> bool:
        return all(table.matches for table in self.tables)


# Backup.


def create_backup(
    output: Path | str,
    *,
    connection: BaseDatabaseWrapper | None = None,
    now: datetime.datetime | None = None,
) -> Manifest:
    """Write a backup of the database (by default the configured one) to `output`.

    The file appears under its name only when it is complete (written beside it, then renamed),
    readable by its owner only: it holds everything, password hashes and e-mail addresses too.
    An existing file of that name is replaced.
    """
    connection = connection or connections[DEFAULT_DB_ALIAS]
    output = Path(output)
    engine = _engine_of(connection)
    if connection.in_atomic_block:
        raise BackupError(_("A backup cannot be made inside a database transaction."))
    directory = output.absolute().parent
    if not directory.is_dir():
        raise BackupError(
            _("The directory %(directory)s does not exist.") % {"directory": directory}
        )
    created = (now or timezone.now()).astimezone(datetime.UTC).replace(microsecond=0)
    with tempfile.TemporaryDirectory(dir=directory, prefix=".tiekartta-backup-") as work:
        dump = Path(work) / DUMP_NAMES[engine]
        if engine == "sqlite":
            tables, migrations, server_version = _dump_sqlite(connection, dump)
        else:
            tables, migrations, server_version = _dump_postgresql(connection, dump)
        manifest = Manifest(
            engine=engine,
            created=created.isoformat(),
            migrations=migrations,
            dump_name=dump.name,
            dump_sha256=_sha256_of(dump),
            dump_bytes=dump.stat().st_size,
            tables=tables,
            server_version=server_version,
            django_version=django.get_version(),
        )
        partial = Path(work) / "backup.tar.gz"
        _write_archive(partial, manifest, dump, mtime=created.timestamp())
        os.chmod(partial, 0o600)
        os.replace(partial, output)
    return manifest


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _write_archive(path: Path, manifest: Manifest, dump: Path, *, mtime: float) -> None:
    content = manifest.to_json()
    info = tarfile.TarInfo(MANIFEST_NAME)
    info.size = len(content)
    info.mtime = int(mtime)
    info.mode = 0o600
    with tarfile.open(path, "w:gz", compresslevel=6) as archive:
        # The manifest first, so that a reader meets it before the dump.
        with tempfile.SpooledTemporaryFile() as buffer:
            buffer.write(content)
            buffer.seek(0)
            archive.addfile(info, buffer)
        dump_info = archive.gettarinfo(dump, arcname=manifest.dump_name)
        dump_info.mode = 0o600
        dump_info.uid = dump_info.gid = 0
        dump_info.uname = dump_info.gname = ""
        with dump.open("rb") as stream:
            archive.addfile(dump_info, stream)


def _dump_sqlite(
    connection: BaseDatabaseWrapper, dump: Path
) -> tuple[dict[str, TableSummary], dict[str, str], str]:
    """Copy the database with SQLite's online backup API, in one step: one consistent
    snapshot, with the server's readers and writers going on (a writer waits at most for the
    copy, within the connection's timeout)."""
    connection.ensure_connection()
    copy = sqlite3.connect(dump)
    try:
        connection.connection.backup(copy)
        cursor = copy.cursor()
        tables = inventory(cursor, "sqlite")
        migrations = _migration_state(cursor)
    finally:
        copy.close()
    return tables, migrations, sqlite3.sqlite_version


def _dump_postgresql(
    connection: BaseDatabaseWrapper, dump: Path
) -> tuple[dict[str, TableSummary], dict[str, str], str]:
    """pg_dump in the snapshot of a read-only repeatable-read transaction in which the rows are
    counted and the migrations read, so that the manifest describes exactly the dump."""
    pg_dump = program("pg_dump")
    connection.ensure_connection()
    connection.set_autocommit(False)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
            snapshot, server_version = cursor.fetchone()
            args, env = postgres_command(
                pg_dump,
                connection.settings_dict,
                ["--format=custom", "--compress=0", f"--snapshot={snapshot}", f"--file={dump}"],
            )
            run(args, env)
            tables = inventory(cursor, "postgresql", connection=connection)
            migrations = _migration_state(cursor)
    finally:
        connection.rollback()
        connection.set_autocommit(True)
    return tables, migrations, str(server_version)


# What a database holds.


def inventory(
    cursor: Any, engine: str, *, connection: BaseDatabaseWrapper | None = None
) -> dict[str, TableSummary]:
    """Every table's row count and a checksum of its rows, read through a DB-API cursor (of
    SQLite's module or of a Django connection). Each row is read as text by the database
    (quote() of every column on SQLite, the row as text on PostgreSQL), so that the checksum
    does not depend on how a driver converts values."""
    summaries = {}
    # B608 below: the names come from the database's own catalogue and are quoted (_quote);
    # identifiers cannot be passed as query parameters.
    for table in _table_names(cursor, engine, connection):
        if engine == "sqlite":
            cursor.execute(f"PRAGMA table_info({_quote(table)})")
            columns = [row[1] for row in cursor.fetchall()]
            select = ", ".join(f"quote({_quote(column)})" for column in columns)
            cursor.execute(f"SELECT {select} FROM {_quote(table)}")  # noqa: S608  # nosec B608
        else:
            cursor.execute(f"SELECT t::text FROM {_quote(table)} AS t")  # noqa: S608  # nosec B608
        count, total = 0, 0
        while rows := cursor.fetchmany(1000):
            for row in rows:
                text = "\x1f".join(row)
                total += int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest(), "big")
                count += 1
        summaries[table] = TableSummary(rows=count, sha256=f"{total % (1 << 256):064x}")
    return summaries


def database_inventory(connection: BaseDatabaseWrapper) -> dict[str, TableSummary]:
    engine = _engine_of(connection)
    with connection.cursor() as cursor:
        return inventory(cursor, engine, connection=connection)


def occupied_tables(connection: BaseDatabaseWrapper) -> list[str]:
    """The tables with rows in them, beyond those that `manage.py migrate` fills."""
    engine = _engine_of(connection)
    with connection.cursor() as cursor:
        occupied = []
        for table in _table_names(cursor, engine, connection):
            if table in BOOKKEEPING_TABLES:
                continue
            # A catalogue's table name, quoted (see inventory()).
            cursor.execute(f"SELECT 1 FROM {_quote(table)} LIMIT 1")  # noqa: S608  # nosec B608
            if cursor.fetchone() is not None:
                occupied.append(table)
        return occupied


def _table_names(cursor: Any, engine: str, connection: BaseDatabaseWrapper | None) -> list[str]:
    if engine == "sqlite":
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
        )
        return [row[0] for row in cursor.fetchall()]
    assert connection is not None
    return sorted(connection.introspection.table_names(cursor))


def _migration_state(cursor: Any) -> dict[str, str]:
    """The latest applied migration of each app, in the order they were applied."""
    try:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    except Exception:  # a database that was never migrated
        return {}
    return dict(cursor.fetchall())


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _engine_of(connection: BaseDatabaseWrapper) -> str:
    if connection.vendor not in DUMP_NAMES:
        raise BackupError(
            _("Backups are made of SQLite and PostgreSQL databases, not %(engine)s.")
            % {"engine": connection.vendor}
        )
    return connection.vendor


def describe_target(connection: BaseDatabaseWrapper) -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"SQLite {settings['NAME']}"
    place = ":".join(str(part) for part in (settings.get("HOST"), settings.get("PORT")) if part)
    return f"PostgreSQL {settings['NAME']}" + (f" ({place})" if place else "")


# Restore.


@dataclass(frozen=True)
class VerifiedBackup:
    manifest: Manifest
    dump: Path  # the dump, extracted and checked


def open_backup(path: Path | str, workdir: Path, *, engine: str | None = None) -> VerifiedBackup:
    """Read a backup file, extract its dump into `workdir` and check it. Raises BackupError on
    any damage, and if `engine` is given, on a backup of another engine; the database is not
    touched."""
    path = Path(path)
    damaged = _("%(file)s cannot be read: it is damaged or not a Tiekartta backup (%(error)s).")
    try:
        with tarfile.open(path, "r:gz") as archive:
            members = {member.name: member for member in archive.getmembers()}
            manifest_member = members.get(MANIFEST_NAME)
            if manifest_member is None or not manifest_member.isfile():
                raise BackupError(_("The file is not a Tiekartta backup."))
            manifest = Manifest.from_json(_read_member(archive, manifest_member))
            if manifest.engine not in DUMP_NAMES or DUMP_NAMES[manifest.engine] != (
                manifest.dump_name
            ):
                raise BackupError(_("The file is not a Tiekartta backup."))
            if engine is not None and manifest.engine != engine:
                raise BackupError(
                    _(
                        "This is a backup of a %(backup)s database, but the configured database is "
                        "%(target)s. Restore it where the database is %(backup)s."
                    )
                    % {"backup": ENGINE_NAMES[manifest.engine], "target": ENGINE_NAMES[engine]}
                )
            dump_member = members.get(manifest.dump_name)
            if dump_member is None or not dump_member.isfile():
                raise BackupError(
                    _("The backup has no database dump (%(name)s).") % {"name": manifest.dump_name}
                )
            dump = workdir / manifest.dump_name  # one of two fixed names: never a path outside
            digest = hashlib.sha256()
            source = archive.extractfile(dump_member)
            assert source is not None
            with source, dump.open("wb") as target:
                while chunk := source.read(_CHUNK):
                    digest.update(chunk)
                    target.write(chunk)
            # To the end of the gzip stream, where gzip checks its CRC-32 of everything: the
            # manifest has no checksum of its own.
            stream = archive.fileobj
            assert stream is not None
            while stream.read(_CHUNK):
                pass
    except FileNotFoundError as error:
        raise BackupError(_("There is no file %(file)s.") % {"file": path}) from error
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise BackupError(damaged % {"file": path, "error": error}) from error
    if digest.hexdigest() != manifest.dump_sha256:
        raise BackupError(
            _(
                "The backup's checksum does not match: the dump in %(file)s has been damaged "
                "or changed. Nothing was restored."
            )
            % {"file": path}
        )
    if manifest.engine == "sqlite":
        _check_sqlite_copy(dump)
    return VerifiedBackup(manifest=manifest, dump=dump)


def _read_member(archive: tarfile.TarFile, member: tarfile.TarInfo) -> bytes:
    stream = archive.extractfile(member)
    assert stream is not None
    with stream:
        return stream.read()


def _check_sqlite_copy(dump: Path) -> None:
    try:
        copy = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
        try:
            result = copy.execute("PRAGMA quick_check").fetchall()
        finally:
            copy.close()
    except sqlite3.DatabaseError as error:
        result = [(str(error),)]
    if result != [("ok",)]:
        raise BackupError(
            _("The database in the backup is damaged (%(error)s). Nothing was restored.")
            % {"error": "; ".join(str(row[0]) for row in result[:3])}
        )


Confirm = Callable[[Manifest, str, Sequence[str]], bool]


def restore_backup(
    path: Path | str,
    *,
    connection: BaseDatabaseWrapper | None = None,
    force: bool = False,
    confirm: Confirm | None = None,
) -> RestoreReport | None:
    """Restore a backup into the database (by default the configured one), replacing all of it.

    Checks the whole file first, then that the backup is of this engine and that the database
    holds no data (unless `force`), then asks `confirm(manifest, target, occupied tables)`; a
    False answer stops with nothing changed (returns None). After the restore every table's
    row count and row checksum are compared with the manifest.
    """
    connection = connection or connections[DEFAULT_DB_ALIAS]
    engine = _engine_of(connection)
    if connection.in_atomic_block:
        raise BackupError(_("A restore cannot be made inside a database transaction."))
    target = describe_target(connection)
    with tempfile.TemporaryDirectory(prefix="tiekartta-restore-") as work:
        backup = open_backup(path, Path(work), engine=engine)
        manifest = backup.manifest
        occupied = occupied_tables(connection)
        if occupied and not force:
            raise BackupError(
                _(
                    "The database %(target)s is not empty (%(tables)s hold rows). A restore "
                    "replaces everything in it: to do that, run the restore with --force."
                )
                % {"target": target, "tables": _some(occupied)}
            )
        if confirm is not None and not confirm(manifest, target, occupied):
            return None
        if engine == "sqlite":
            _restore_sqlite(backup.dump, connection)
        else:
            _restore_postgresql(backup.dump, connection, Path(work))
    return _report(manifest, target, connection)


def _some(names: Sequence[str], limit: int = 5) -> str:
    shown = ", ".join(names[:limit])
    if len(names) > limit:
        shown += " " + _("and %(count)s more") % {"count": len(names) - limit}
    return shown


def _restore_sqlite(dump: Path, connection: BaseDatabaseWrapper) -> None:
    """The backup API again, from the copy into the database: it replaces every page, schema
    and all, as one write."""
    connection.ensure_connection()
    copy = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
    try:
        copy.backup(connection.connection)
    except sqlite3.Error as error:
        raise BackupError(
            _("The restore failed: %(error)s. The database was not changed.") % {"error": error}
        ) from error
    finally:
        copy.close()


def _restore_postgresql(dump: Path, connection: BaseDatabaseWrapper, work: Path) -> None:
    """Drop every table of the database and run the dump's SQL (pg_restore's script) in one
    transaction with psql: if anything fails, the database stays as it was."""
    pg_restore = program("pg_restore")
    psql = program("psql")
    script = work / "restore.sql"
    run([pg_restore, "--no-owner", "--no-privileges", f"--file={script}", str(dump)], None)
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        # The functions of the schema too (a trigger's, such as the plan versions' guard in
        # plans' migration 0002): the dump makes them again. Not an extension's.
        cursor.execute(
            "SELECT p.oid::regprocedure::text FROM pg_proc p"
            " JOIN pg_namespace n ON n.oid = p.pronamespace"
            " WHERE n.nspname = current_schema()"
            " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')"
        )
        functions = [row[0] for row in cursor.fetchall()]
    drops = work / "drop.sql"
    drops.write_text(
        (
            f"DROP TABLE IF EXISTS {', '.join(_quote(table) for table in tables)} CASCADE;\n"
            if tables
            else ""
        )
        + "".join(f"DROP FUNCTION IF EXISTS {function} CASCADE;\n" for function in functions),
        encoding="utf-8",
    )
    connection.close()
    args, env = postgres_command(
        psql,
        connection.settings_dict,
        [
            "--no-psqlrc",
            "--quiet",
            "--set=ON_ERROR_STOP=1",
            "--single-transaction",
            f"--file={drops}",
            f"--file={script}",
        ],
    )
    run(args, env)


def _report(manifest: Manifest, target: str, connection: BaseDatabaseWrapper) -> RestoreReport:
    restored = database_inventory(connection)
    comparisons = [
        TableComparison(name, manifest.tables.get(name), restored.get(name))
        for name in sorted(set(manifest.tables) | set(restored))
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations")
        applied = {(str(app), str(name)) for app, name in cursor.fetchall()}
    # The code's migrations; the applied ones are read above, on whatever connection this is.
    loader = MigrationLoader(None, ignore_no_migrations=True)
    graph = loader.graph

    def is_applied(key: tuple[str, str]) -> bool:
        replaced = loader.replacements.get(key)
        return key in applied or (replaced is not None and set(replaced.replaces) <= applied)

    known = set(graph.nodes) | {
        key for migration in loader.replacements.values() for key in migration.replaces
    }
    pending = [key for key in graph.nodes if not is_applied(key)]
    unknown = sorted(f"{app}.{name}" for app, name in applied if (app, name) not in known)
    return RestoreReport(
        manifest=manifest,
        target=target,
        tables=comparisons,
        pending_migrations=len(pending),
        unknown_migrations=unknown,
    )


# The PostgreSQL client programs.


def program(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            _(
                "%(program)s was not found. Install PostgreSQL's client programs, of the "
                "server's version or newer (on Debian and Ubuntu: apt install "
                "postgresql-client), so that %(program)s is on the PATH."
            )
            % {"program": name}
        )
    return found


def postgres_command(
    executable: str, settings: dict[str, Any], parameters: Iterable[str]
) -> tuple[list[str], dict[str, str]]:
    """The command line and environment for a PostgreSQL client program connecting as the
    settings say: host, port, user and database as arguments, the password (and TLS options)
    in the environment, never on the command line where other users of the machine see it."""
    args, env = PostgresClient.settings_to_cmd_args_env(settings, list(parameters))
    return [executable, *args[1:]], env or {}


def run(args: list[str], env: dict[str, str] | None) -> None:
    name = Path(args[0]).name
    try:
        # A fixed program, its arguments from the settings, no shell.
        completed = subprocess.run(  # noqa: S603  # nosec B603
            args,
            env={**os.environ, **(env or {})},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    except OSError as error:
        raise BackupError(
            _("%(program)s could not be started: %(error)s") % {"program": name, "error": error}
        ) from error
    if completed.returncode != 0:
        lines = [line for line in completed.stderr.strip().splitlines() if line.strip()]
        raise BackupError(
            _("%(program)s failed (exit status %(status)s): %(error)s")
            % {
                "program": name,
                "status": completed.returncode,
                "error": "\n".join(lines[-10:]) or "-",
            }
        )
