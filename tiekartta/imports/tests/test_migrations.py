"""Moving ImportBatch from reports to imports keeps every uploaded file: the rows written
before the move are read by the new model after it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import RoadmapFactory, UserFactory
from tiekartta.imports.models import ImportBatch, ImportKind, ImportStatus

BEFORE_THE_MOVE = [
    ("reports", "0002_importbatch_kind_importbatch_import_kind_valid"),
    ("imports", None),
]


@pytest.mark.django_db(transaction=True)
def test_uploaded_files_survive_the_move_to_the_imports_app() -> None:
    roadmap = RoadmapFactory()
    user = UserFactory()
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_THE_MOVE)
    old_apps = executor.loader.project_state(BEFORE_THE_MOVE[0]).apps
    OldBatch = old_apps.get_model("reports", "ImportBatch")
    assert OldBatch._meta.db_table == "reports_importbatch"
    pending = OldBatch.objects.create(
        roadmap_id=roadmap.pk,
        uploaded_by_id=user.pk,
        kind="metric_values",
        filename="arvot.csv",
        content=b"Mittari;Kausi;Arvo\r\n",
    )
    applied = OldBatch.objects.create(
        roadmap_id=roadmap.pk,
        filename="tehtavat.xlsx",
        content=b"",
        status="applied",
        summary={"created": 3},
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert ImportBatch._meta.db_table == "imports_importbatch"
    kept = ImportBatch.objects.get(pk=pending.pk)
    assert kept.roadmap == roadmap and kept.uploaded_by == user
    assert kept.kind == ImportKind.METRIC_VALUES and kept.status == ImportStatus.PENDING
    assert kept.filename == "arvot.csv" and bytes(kept.content) == b"Mittari;Kausi;Arvo\r\n"
    done = ImportBatch.objects.get(pk=applied.pk)
    assert done.kind == ImportKind.TASKS and done.status == ImportStatus.APPLIED
    assert done.summary == {"created": 3}
    # New uploads go on after the old ones.
    newer = ImportBatch.objects.create(roadmap=roadmap, filename="uusi.csv", content=b"x")
    assert newer.pk > applied.pk
