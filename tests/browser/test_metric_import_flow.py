"""Importing metric values in Chromium: an editor uploads a town's CSV, checks the preview with
a correction of a recorded value, confirms, waits on the page that follows the background
worker's progress, and finds the values on the metric's page."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from conftest import World
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import MetricFactory
from tiekartta.imports.models import ImportBatch, ImportKind, ImportStatus
from tiekartta.jobs.models import Job, JobState
from tiekartta.metrics import services
from tiekartta.metrics.models import Channel, MetricValue
from tiekartta.metrics.periods import Frequency, Period

METRICS = "/o/testikaupunki/r/2026-2028/metrics/"
QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def test_editor_imports_metric_values_through_the_preview(world: World, page: Any) -> None:
    today = timezone.localdate()
    quarter = Period.containing(today, Frequency.QUARTERLY)
    share = MetricFactory(
        roadmap=world.roadmap, owner=world.owner_person, name="Sähköisen asioinnin osuus"
    )
    paper = MetricFactory(
        roadmap=world.roadmap,
        owner=world.other_person,
        name="Paperin kulutus",
        unit="kg",
        frequency="yearly",
    )
    services.record_value(
        actor=None, metric=share, period=str(quarter), value=Decimal("30"), today=today
    )
    content = (
        "Digitiekartan mittarit\r\n"
        "\r\n"
        "Mittari;Kausi;Arvo;Huomio\r\n"
        f"sähköisen asioinnin osuus;Q{quarter.number}/{quarter.year};41,5 %;Syksyn kysely\r\n"
        f"Paperin kulutus;{today.year};1 250 kg;\r\n"
    ).encode("cp1252")

    log_in(page, "editor-user")
    page.goto(METRICS)
    page.get_by_role("link", name="Import values").click()
    page.get_by_role("heading", name="Import metric values").wait_for()
    assert_accessible(page, "metric import upload")
    page.get_by_label("Metric values (.xlsx or .csv)").set_input_files(
        files=[{"name": "mittarit.csv", "mimeType": "text/csv", "buffer": content}]
    )
    page.get_by_role("button", name="Read the file").click()
    page.get_by_role("heading", name="Check the metric values").wait_for()
    assert_accessible(page, "metric import preview")
    table = page.get_by_role("table", name="How each row was read").inner_text()
    assert "30\u00a0% → 41.5\u00a0%" in table, table
    assert "1,250\u00a0kg" in table and "Syksyn kysely" in table
    assert MetricValue.objects.get(metric=share).value == Decimal("30"), "nothing saved yet"
    assert ImportBatch.objects.get().kind == ImportKind.METRIC_VALUES

    with override_settings(TASKS=QUEUE):  # the real queue: the worker saves the file
        page.get_by_role("button", name="Import 2 values").click()
        page.get_by_role("heading", name="Importing mittarit.csv").wait_for()
        assert page.get_by_role("progressbar").get_attribute("value") == "0"
        page.get_by_text("Waiting for its turn").wait_for()
        assert_accessible(page, "metric import in progress")
        assert Job.objects.get(kind="import").state == JobState.QUEUED
        assert MetricValue.objects.get(metric=share).value == Decimal("30"), "not saved yet"
        # The page polls (htmx); the worker, here in the test's own process, takes the job.
        call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
        page.get_by_text("Imported: 1 new values, 1 corrected, 0 unchanged.").wait_for()
    assert page.url.endswith(METRICS)
    assert ImportBatch.objects.get().status == ImportStatus.APPLIED
    corrected = MetricValue.objects.get(metric=share)
    assert corrected.value == Decimal("41.5") and corrected.channel == Channel.IMPORT
    assert MetricValue.objects.get(metric=paper).value == Decimal("1250")

    page.goto(
        reverse(
            "metrics:detail",
            kwargs={"org": "testikaupunki", "roadmap": "2026-2028", "metric": share.pk},
        )
    )
    values = page.locator("section", has=page.get_by_role("heading", name="Recorded values"))
    text = values.inner_text()
    assert "41.5\u00a0%" in text and "Syksyn kysely" in text, text
    assert "Corrected once" in text, "the earlier value stays in the history"


def test_without_javascript_the_import_page_is_asked_again_by_its_link(
    world: World, browser: Any, live_server: Any
) -> None:
    metric = MetricFactory(roadmap=world.roadmap, owner=world.owner_person, name="Kävijät")
    year = timezone.localdate().year
    content = f"Mittari;Kausi;Arvo\r\nKävijät;Q1/{year};120\r\n".encode()
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, "editor-user")
        page.goto(f"{METRICS}import/")
        page.get_by_label("Metric values (.xlsx or .csv)").set_input_files(
            files=[{"name": "kavijat.csv", "mimeType": "text/csv", "buffer": content}]
        )
        page.get_by_role("button", name="Read the file").click()
        with override_settings(TASKS=QUEUE):
            page.get_by_role("button", name="Import 1 value").click()
            page.get_by_role("heading", name="Importing kavijat.csv").wait_for()
            page.get_by_text("Waiting for its turn").wait_for()
            call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
            page.get_by_role("link", name="Check whether it is ready").click()
            page.get_by_text("Imported: 1 new values, 0 corrected, 0 unchanged.").wait_for()
    finally:
        context.close()
    assert MetricValue.objects.get(metric=metric).value == Decimal("120")
