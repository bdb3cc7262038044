"""Every change to a metric and its values is visible: on the metric's page and in the
organisation's change log, with who, when and each field before → after."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from django.urls import reverse

from conftest import World
from tiekartta.accounts.models import Role
from tiekartta.metrics import services
from tiekartta.metrics.tests.view_helpers import ORG, url


def plain_text(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def test_definition_and_value_changes_are_shown_before_and_after(world: World) -> None:
    editor = world.users["editor"]
    metric = services.create_metric(
        actor=editor,
        roadmap=world.roadmap,
        data=services.MetricInput(
            name="Sähköisen asioinnin osuus",
            owner=world.owner_person,
            target_value=Decimal("60"),
            target_date=datetime.date(2028, 12, 31),
            baseline_value=Decimal("20"),
            baseline_date=datetime.date(2025, 12, 31),
        ),
    )
    data = services.MetricInput.from_metric(metric)
    data.target_value = Decimal("65.5")
    services.update_metric(actor=editor, metric=metric, expected_version=1, data=data)
    value, _created = services.record_value(
        actor=editor, metric=metric, period="2026Q2", value=Decimal("30")
    )
    services.record_value(
        actor=world.users["admin"],
        metric=metric,
        period="2026Q2",
        value=Decimal("31.25"),
        expected_version=value.version,
    )

    client = world.client_for(Role.VIEWER)
    page = plain_text(client.get(url("detail", metric=metric.pk)).content.decode())
    history = page[page.index("Change history") :]
    # The target change, as numbers are read, not as stored (65.5000).
    assert "Target value 60 65.5" in history
    assert "Value 30 31.25" in history, "the correction with its earlier value"
    assert "Period – Q2/2026" in history, "periods as the language writes them"
    assert history.index("31.25") < history.index("Target value 60 65.5"), "newest first"

    log = client.get(reverse("activity:change_log", kwargs={"org": ORG})).content.decode()
    assert "Sähköisen asioinnin osuus · Q2/2026" in log
    assert url("detail", metric=metric.pk) in log, "each entry links to the metric"
    assert "Target value" in plain_text(log)
