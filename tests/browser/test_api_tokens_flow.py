"""API tokens in Chromium: the administrator creates a token for the data warehouse, sees it
once, and revokes it; the warehouse's requests work in between and stop after."""

from __future__ import annotations

import json
from typing import Any, cast

from django.test import Client

from conftest import World
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import MetricFactory
from tiekartta.accounts.models import ApiToken
from tiekartta.metrics.models import Channel, Metric, MetricValue


def warehouse_posts(secret: str, metric_id: int) -> int:
    response = Client().post(
        f"/api/v1/metrics/{metric_id}/values",
        json.dumps({"period": "2026Q1", "value": 41.5}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    return response.status_code


def test_admin_creates_a_token_sees_it_once_and_revokes_it(world: World, page: Any) -> None:
    metric = cast(Metric, MetricFactory(roadmap=world.roadmap, owner=world.owner_person))
    log_in(page, "admin-user")
    page.goto("/o/testikaupunki/r/2026-2028/")
    page.locator("summary", has_text="Settings").click()  # the menu's Settings group
    page.get_by_role("link", name="API tokens").click()
    page.get_by_role("heading", name="API tokens").wait_for()
    page.get_by_text("No tokens yet.").wait_for()
    assert_accessible(page, "token list, empty")

    page.get_by_role("link", name="Create a token").click()
    page.get_by_role("button", name="Create the token").click()
    page.locator("#id_name_error").wait_for()
    assert_accessible(page, "token form with an error")
    page.get_by_label("Name").fill("Tietovarasto")
    page.get_by_role("button", name="Create the token").click()
    page.get_by_role("heading", name="API token created").wait_for()
    field = page.get_by_label("Token")
    secret = field.input_value()
    assert secret.startswith("tk_")
    assert field.get_attribute("readonly") is not None
    assert secret not in page.url
    assert "cannot be shown again" in page.get_by_role("main").inner_text()
    assert_accessible(page, "token created")
    assert warehouse_posts(secret, metric.pk) == 201
    saved = MetricValue.objects.get(metric=metric)
    assert saved.channel == Channel.API and saved.api_token == ApiToken.objects.get()

    page.get_by_role("link", name="Back to the API tokens").click()
    table = page.get_by_role("table", name="API tokens of the organisation")
    row = table.get_by_role("row").filter(has_text="Tietovarasto")
    assert secret not in page.content(), "the list never shows the secret again"
    assert secret[:10] in row.inner_text()
    assert "Active" in row.inner_text()
    assert_accessible(page, "token list")

    row.get_by_role("link", name="Revoke").click()
    page.get_by_role("heading", name="Revoke the token Tietovarasto?").wait_for()
    assert_accessible(page, "revoke confirmation")
    page.get_by_role("button", name="Revoke").click()
    page.get_by_text("The token Tietovarasto was revoked").wait_for()
    row = page.get_by_role("row").filter(has_text="Tietovarasto")
    assert "Revoked" in row.inner_text()
    assert row.get_by_role("link", name="Revoke").count() == 0
    assert warehouse_posts(secret, metric.pk) == 401


def warehouse_records_progress(secret: str, world: World) -> int:
    task = world.own_task
    task.refresh_from_db()
    response = Client().post(
        f"/api/v1/roadmaps/{world.roadmap.pk}/tasks/{task.pk}/progress",
        json.dumps({"completion": 30, "status": "in_progress", "version": task.version}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    return response.status_code


def test_admin_creates_a_token_that_may_record_progress(world: World, page: Any) -> None:
    log_in(page, "admin-user")
    page.goto("/o/testikaupunki/api-tokens/new/")
    page.get_by_label("Name").fill("Raportointi")
    page.get_by_label("May record progress").check()
    assert_accessible(page, "token form with the progress grant")
    page.get_by_role("button", name="Create the token").click()
    page.get_by_role("heading", name="API token created").wait_for()
    secret = page.get_by_label("Token").input_value()
    assert warehouse_records_progress(secret, world) == 201
    page.get_by_role("link", name="Back to the API tokens").click()
    row = page.get_by_role("row").filter(has_text="Raportointi")
    assert "Records progress" in row.inner_text()

    # A token created without the tick reads the roadmap but records no progress.
    page.goto("/o/testikaupunki/api-tokens/new/")
    page.get_by_label("Name").fill("Lukija")
    page.get_by_role("button", name="Create the token").click()
    reader = page.get_by_label("Token").input_value()
    assert warehouse_records_progress(reader, world) == 403
    roadmaps = Client().get("/api/v1/roadmaps", headers={"Authorization": f"Bearer {reader}"})
    assert roadmaps.json()["count"] == 1
