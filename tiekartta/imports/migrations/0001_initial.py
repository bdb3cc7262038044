# ImportBatch moves here from reports without touching the database: the model is created in
# this app's state on the table reports already has (reports.0003 removes it from its own
# state), and 0002 then renames the table. Every uploaded file survives the move.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("reports", "0002_importbatch_kind_importbatch_import_kind_valid"),
        ("roadmap", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ImportBatch",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[("tasks", "Tasks"), ("metric_values", "Metric values")],
                                default="tasks",
                                max_length=16,
                                verbose_name="kind",
                            ),
                        ),
                        ("filename", models.CharField(max_length=255, verbose_name="file name")),
                        ("content", models.BinaryField()),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("pending", "Waiting for confirmation"),
                                    ("applied", "Imported"),
                                    ("discarded", "Discarded"),
                                ],
                                default="pending",
                                max_length=12,
                                verbose_name="status",
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="uploaded")),
                        ("applied_at", models.DateTimeField(blank=True, null=True, verbose_name="imported")),
                        ("summary", models.JSONField(blank=True, default=dict, verbose_name="summary")),
                        (
                            "roadmap",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="imports",
                                to="roadmap.roadmap",
                                verbose_name="roadmap",
                            ),
                        ),
                        (
                            "uploaded_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="uploaded by",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "task import",
                        "verbose_name_plural": "task imports",
                        "ordering": ["-created_at"],
                        "db_table": "reports_importbatch",
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("status__in", ["pending", "applied", "discarded"])),
                                name="import_status_valid",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("kind__in", ["tasks", "metric_values"])),
                                name="import_kind_valid",
                            ),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
