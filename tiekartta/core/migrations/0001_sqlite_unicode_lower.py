"""Rebuild SQLite's indexes with the Unicode-aware lower() (tiekartta.core.sqlite), so that an
index on lower(name) built with the built-in, ASCII-only lower() matches what is looked up now.
Nothing to do on PostgreSQL, whose lower() has always folded every letter."""

from typing import Any

from django.db import migrations


def reindex(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("REINDEX")


class Migration(migrations.Migration):
    dependencies: list[tuple[str, str]] = []
    run_before: list[tuple[str, str]] = []

    operations = [migrations.RunPython(reindex, migrations.RunPython.noop, elidable=False)]
