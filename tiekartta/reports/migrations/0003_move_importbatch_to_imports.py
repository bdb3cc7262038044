# ImportBatch now belongs to the imports app (imports.0001 took it over with its table): only
# the model state goes, the table and its rows stay.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0002_importbatch_kind_importbatch_import_kind_valid"),
        ("imports", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ImportBatch")],
            database_operations=[],
        ),
    ]
