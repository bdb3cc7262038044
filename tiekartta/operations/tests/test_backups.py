"""The backup and restore drill, on whichever database the suite runs (SQLite or PostgreSQL).

A backup of the test database is restored into a scratch database of the same engine (a
temporary file on SQLite; a database created for the test and dropped after it on PostgreSQL,
which needs a role with CREATEDB), and the two are compared table by table. The tests are
transactional: pg_dump reads the database from another session, which sees committed rows only.
"""

from __future__ import annotations

import copy
import gzip
import hashlib
import io
import json
import tarfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.recorder import MigrationRecorder
from django.db.utils import load_backend

from tests.factories import OrganisationFactory
from tiekartta.accounts.models import Organisation
from tiekartta.demo.loader import load_demo
from tiekartta.operations import backups
from tiekartta.operations.backups import BackupError, create_backup, restore_backup
from tiekartta.roadmap.models import Task

pytestmark = pytest.mark.django_db(transaction=True)

SCRATCH_ALIAS = "backup_drill"


def default() -> BaseDatabaseWrapper:
    return connections[DEFAULT_DB_ALIAS]


@pytest.fixture
def scratch(tmp_path: Path, transactional_db: Any) -> Iterator[BaseDatabaseWrapper]:
    """An empty database of the suite's engine, with a connection of its own."""
    source = default()
    settings = copy.deepcopy(source.settings_dict)
    name = f"{source.settings_dict['NAME']}_drill_{uuid.uuid4().hex[:8]}"
    if source.vendor == "sqlite":
        settings["NAME"] = str(tmp_path / "scratch.sqlite3")
    else:
        with source.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        settings["NAME"] = name
    target = load_backend(settings["ENGINE"]).DatabaseWrapper(settings, SCRATCH_ALIAS)
    try:
        yield target
    finally:
        target.close()
        if source.vendor != "sqlite":
            with source.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def table_rows(connection: BaseDatabaseWrapper) -> dict[str, tuple[int, str]]:
    """Every table's row count and a checksum of its rows, as the driver returns them (not
    as the backup module reads them)."""
    found = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows = sorted(
                repr(tuple(bytes(v) if isinstance(v, memoryview) else v for v in row))
                for row in cursor.fetchall()
            )
            digest = hashlib.sha256("\n".join(rows).encode()).hexdigest()
            found[table] = (len(rows), digest)
    return found


def latest_migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder.Migration.objects.order_by("id").values_list("app", "name"):
        latest[app] = name
    return latest


def repack(source: Path, target: Path, change: Any) -> None:
    """Rewrite a backup's members through `change(manifest dict, dump bytes)`."""
    with tarfile.open(source, "r:gz") as archive:
        manifest = json.loads(archive.extractfile("manifest.json").read())  # type: ignore[union-attr]
        dump = archive.extractfile(manifest["dump"]["name"]).read()  # type: ignore[union-attr]
    manifest, dump = change(manifest, dump)
    with tarfile.open(target, "w:gz") as archive:
        for name, content in (
            ("manifest.json", json.dumps(manifest).encode()),
            (manifest["dump"]["name"], dump),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))


def test_a_backup_of_the_demo_restores_into_an_empty_database_with_every_row(
    tmp_path: Path, scratch: BaseDatabaseWrapper
) -> None:
    load_demo()
    path = tmp_path / "tiekartta.tar.gz"

    manifest = create_backup(path)

    assert path.stat().st_mode & 0o777 == 0o600
    assert manifest.engine == default().vendor
    assert manifest.tables["roadmap_task"].rows == Task.objects.count() > 30
    assert manifest.migrations == latest_migrations()
    assert manifest.migrations["roadmap"].startswith("00")
    before = table_rows(default())
    assert set(manifest.tables) == set(before)
    assert {table: summary.rows for table, summary in manifest.tables.items()} == {
        table: rows for table, (rows, _) in before.items()
    }
    assert backups.occupied_tables(scratch) == []

    report = restore_backup(path, connection=scratch)

    assert report is not None and report.ok
    assert len(report.tables) == len(before)
    assert report.pending_migrations == 0 and report.unknown_migrations == []
    after = table_rows(scratch)
    assert after == before
    assert after["roadmap_task"][0] == Task.objects.count()


def test_a_database_with_data_is_refused_unless_forced_and_then_replaced(
    tmp_path: Path, scratch: BaseDatabaseWrapper
) -> None:
    OrganisationFactory(slug="ensimmainen")
    first = tmp_path / "first.tar.gz"
    create_backup(first)
    restore_backup(first, connection=scratch)
    OrganisationFactory(slug="toinen")
    second = tmp_path / "second.tar.gz"
    create_backup(second)

    with pytest.raises(BackupError, match=r"is not empty .*accounts_organisation.*--force"):
        restore_backup(second, connection=scratch)
    assert table_rows(scratch)["accounts_organisation"][0] == 1

    report = restore_backup(second, connection=scratch, force=True)

    assert report is not None and report.ok
    assert table_rows(scratch) == table_rows(default())
    assert table_rows(scratch)["accounts_organisation"][0] == 2


def test_a_freshly_migrated_database_counts_as_empty(
    tmp_path: Path, scratch: BaseDatabaseWrapper
) -> None:
    OrganisationFactory()
    path = tmp_path / "tiekartta.tar.gz"
    create_backup(path)
    connections[SCRATCH_ALIAS] = scratch
    try:
        call_command("migrate", database=SCRATCH_ALIAS, verbosity=0)
    finally:
        del connections[SCRATCH_ALIAS]
    migrated = table_rows(scratch)
    assert migrated["django_content_type"][0] > 0 and migrated["django_migrations"][0] > 0
    assert backups.occupied_tables(scratch) == []

    report = restore_backup(path, connection=scratch)

    assert report is not None and report.ok
    assert table_rows(scratch) == table_rows(default())


def assert_untouched(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        assert connection.introspection.table_names(cursor) == []


def test_a_damaged_backup_is_refused_before_the_database_is_touched(
    tmp_path: Path, scratch: BaseDatabaseWrapper
) -> None:
    OrganisationFactory()
    path = tmp_path / "tiekartta.tar.gz"
    create_backup(path)

    def flip_a_byte(manifest: dict[str, Any], dump: bytes) -> tuple[dict[str, Any], bytes]:
        middle = len(dump) // 2
        return manifest, dump[:middle] + bytes([dump[middle] ^ 0xFF]) + dump[middle + 1 :]

    changed = tmp_path / "changed.tar.gz"
    repack(path, changed, flip_a_byte)
    with pytest.raises(BackupError, match="checksum does not match"):
        restore_backup(changed, connection=scratch)

    content = path.read_bytes()
    damaged = tmp_path / "damaged.tar.gz"
    middle = len(content) // 2
    damaged.write_bytes(content[:middle] + bytes([content[middle] ^ 0xFF]) + content[middle + 1 :])
    # Early in the file: the manifest, which only gzip's CRC-32 covers.
    damaged_manifest = tmp_path / "damaged-manifest.tar.gz"
    damaged_manifest.write_bytes(content[:200] + bytes([content[200] ^ 0x01]) + content[201:])
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(content[: len(content) - 100])
    for broken in (damaged, damaged_manifest, truncated):
        with pytest.raises(BackupError, match="damaged or not a Tiekartta backup"):
            restore_backup(broken, connection=scratch)

    other = tmp_path / "other.tar.gz"
    other.write_bytes(gzip.compress(b"not a tar file at all" * 100))
    with pytest.raises(BackupError, match="damaged or not a Tiekartta backup"):
        restore_backup(other, connection=scratch)
    with pytest.raises(BackupError, match="There is no file"):
        restore_backup(tmp_path / "missing.tar.gz", connection=scratch)
    assert_untouched(scratch)


def test_a_backup_of_the_other_engine_is_refused(
    tmp_path: Path, scratch: BaseDatabaseWrapper
) -> None:
    path = tmp_path / "tiekartta.tar.gz"
    create_backup(path)
    other = "postgresql" if default().vendor == "sqlite" else "sqlite"

    def from_the_other_engine(
        manifest: dict[str, Any], dump: bytes
    ) -> tuple[dict[str, Any], bytes]:
        manifest["engine"] = other
        manifest["dump"]["name"] = backups.DUMP_NAMES[other]
        return manifest, dump

    moved = tmp_path / "other-engine.tar.gz"
    repack(path, moved, from_the_other_engine)
    with pytest.raises(BackupError) as refused:
        restore_backup(moved, connection=scratch, force=True)
    assert str(refused.value).startswith(
        f"This is a backup of a {backups.ENGINE_NAMES[other]} database, but the configured "
        f"database is {backups.ENGINE_NAMES[default().vendor]}."
    )
    assert_untouched(scratch)


def test_the_commands_back_up_and_restore_the_configured_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    OrganisationFactory(slug="varmuuskopio")
    path = tmp_path / "tiekartta.tar.gz"
    call_command("backup", output=str(path))
    assert "written to" in capsys.readouterr().out
    before = table_rows(default())

    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore", str(path), interactive=False)

    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    call_command("restore", str(path), force=True)
    output = capsys.readouterr().out
    assert "This replaces everything in the database" in output
    assert "Restore cancelled; nothing was changed." in output

    Organisation.objects.filter(slug="varmuuskopio").update(name="Muutettu")
    monkeypatch.setattr("builtins.input", lambda prompt: "yes")
    call_command("restore", str(path), force=True)
    output = capsys.readouterr().out
    assert "every table's rows match the backup" in output
    assert "accounts_organisation" in output
    assert Organisation.objects.get(slug="varmuuskopio").name != "Muutettu"
    assert table_rows(default()) == before


def test_a_restore_that_does_not_match_the_manifest_fails_the_command(
    tmp_path: Path, scratch: BaseDatabaseWrapper, capsys: pytest.CaptureFixture[str]
) -> None:
    OrganisationFactory()
    path = tmp_path / "tiekartta.tar.gz"
    create_backup(path)

    def one_row_more(manifest: dict[str, Any], dump: bytes) -> tuple[dict[str, Any], bytes]:
        manifest["tables"]["accounts_organisation"]["rows"] += 1
        return manifest, dump

    claimed = tmp_path / "claimed.tar.gz"
    repack(path, claimed, one_row_more)
    report = restore_backup(claimed, connection=scratch)
    assert report is not None and not report.ok
    [different] = [table for table in report.tables if not table.matches]
    assert different.name == "accounts_organisation"


def test_the_password_reaches_postgresql_programs_in_the_environment_only() -> None:
    settings = {
        "NAME": "tiekartta",
        "USER": "tiekartta",
        "PASSWORD": "salainen-sana",
        "HOST": "db.example.fi",
        "PORT": 5433,
        "OPTIONS": {"sslmode": "verify-full"},
    }
    args, env = backups.postgres_command("/usr/bin/pg_dump", settings, ["--format=custom"])
    assert args == [
        "/usr/bin/pg_dump",
        "-U",
        "tiekartta",
        "-h",
        "db.example.fi",
        "-p",
        "5433",
        "--format=custom",
        "tiekartta",
    ]
    assert not any("salainen" in arg for arg in args)
    assert env == {"PGPASSWORD": "salainen-sana", "PGSSLMODE": "verify-full"}
    backups.run(["/bin/sh", "-c", 'test "$PGPASSWORD" = salainen-sana'], env)


def test_a_missing_or_failing_program_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(BackupError, match=r"exit status 3.*no connection to the server"):
        backups.run(["/bin/sh", "-c", "echo 'no connection to the server' >&2; exit 3"], None)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(BackupError, match=r"pg_dump was not found.*apt install postgresql-client"):
        backups.program("pg_dump")
    if default().vendor == "postgresql":
        with pytest.raises(BackupError, match="pg_dump was not found"):
            create_backup(tmp_path / "tiekartta.tar.gz")
        assert not (tmp_path / "tiekartta.tar.gz").exists()
        assert default().get_autocommit()
