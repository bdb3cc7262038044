"""FollowUpSettings moved from progress to roadmap without losing a row."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tiekartta.roadmap.models import FollowUpSettings

BEFORE_MOVE = [
    ("roadmap", "0001_initial"),
    ("progress", "0002_followupsettings_metric_grace_days_and_more"),
]


@pytest.mark.django_db(transaction=True)
def test_follow_up_settings_and_their_history_survive_the_move() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_MOVE)
    old = executor.loader.project_state(BEFORE_MOVE).apps
    organisation = old.get_model("accounts", "Organisation").objects.create(
        name="Siirtola", slug="siirtola"
    )
    row = old.get_model("progress", "FollowUpSettings").objects.create(
        organisation=organisation, risk_margin=33, metric_grace_days=12
    )
    old.get_model("progress", "HistoricalFollowUpSettings").objects.create(
        id=row.pk,
        organisation_id=organisation.pk,
        risk_margin=33,
        metric_grace_days=12,
        history_date=timezone.now(),
        history_type="+",
    )
    assert not ContentType.objects.filter(app_label="roadmap", model="followupsettings").exists()

    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(leaves)
    ContentType.objects.clear_cache()

    new = executor.loader.project_state(leaves).apps
    moved = new.get_model("roadmap", "FollowUpSettings").objects.get(organisation=organisation.pk)
    assert (moved.pk, moved.risk_margin, moved.metric_grace_days) == (row.pk, 33, 12)
    saved = FollowUpSettings.objects.get(organisation_id=organisation.pk)
    assert saved.risk_margin == 33
    [history] = saved.history.all()
    assert (history.risk_margin, history.history_type) == (33, "+")
    content_type = ContentType.objects.get_for_model(FollowUpSettings)
    assert content_type.app_label == "roadmap"
    assert content_type.permission_set.filter(codename="change_followupsettings").exists()
