"""The database refuses to change a stored plan version, whatever writes it (a shell, a raw
update, another tool). Deleting stays possible: deleting a roadmap takes its versions with it."""

from django.db import migrations


MESSAGE = "A plan version is kept as it was adopted and cannot be changed."

SQLITE = [
    f"""CREATE TRIGGER plans_planversion_no_update BEFORE UPDATE ON plans_planversion
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
]
SQLITE_REVERSE = ["DROP TRIGGER IF EXISTS plans_planversion_no_update;"]

POSTGRES = [
    f"""CREATE OR REPLACE FUNCTION plans_planversion_immutable() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION '{MESSAGE}'; END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER plans_planversion_no_update BEFORE UPDATE ON plans_planversion
    FOR EACH ROW EXECUTE FUNCTION plans_planversion_immutable();""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS plans_planversion_no_update ON plans_planversion;",
    "DROP FUNCTION IF EXISTS plans_planversion_immutable();",
]


def forwards(apps, schema_editor):
    statements = POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE
    for statement in statements:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    statements = (
        POSTGRES_REVERSE if schema_editor.connection.vendor == "postgresql" else SQLITE_REVERSE
    )
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
