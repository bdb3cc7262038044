# The table that came with ImportBatch from reports takes this app's name; its rows stay.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("imports", "0001_initial"),
        ("reports", "0003_move_importbatch_to_imports"),
    ]

    operations = [
        migrations.AlterModelTable(name="importbatch", table=None),
    ]
