"""Benchmark: the metrics pages and the values interface for a roadmap with many metrics.

    .venv/bin/python bench/metrics.py [METRICS]

Builds a scratch SQLite database with one roadmap of METRICS metrics (default 200), each with a
value for every quarter so far and a correction of one of them, then times whole requests
through Django's test client (rendering included): the metrics overview, one metric's page, the
dashboard with its metrics panel, and the API's metric list and value list. Each is the median of
5 runs after one warm-up. Exits non-zero when a goal is missed; the query counts are pinned by
the tests instead.
"""

from __future__ import annotations

import datetime
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal

import _scratch  # noqa: F401 - sets up Django before the imports below
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    MembershipFactory,
    MetricFactory,
    OrganisationFactory,
    PersonFactory,
    RoadmapFactory,
    TaskFactory,
    ThemeFactory,
    UserFactory,
)
from tiekartta.accounts.services import create_api_token
from tiekartta.metrics.models import MetricValue
from tiekartta.metrics.periods import Frequency, Period

# Goals in milliseconds for a whole request, rendering included.
GOALS = {
    "metrics overview": 500,
    "metric page": 150,
    "dashboard with metrics": 800,
    "API: metric list": 500,
    "API: values of one metric": 100,
}


def timed(label: str, request: Callable[[], object], runs: int = 5) -> bool:
    request()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        response = request()
        samples.append(time.perf_counter() - started)
        assert getattr(response, "status_code", 200) == 200, (label, response)
    median = 1000 * statistics.median(samples)
    goal = GOALS[label]
    verdict = "ok" if median <= goal else "MISSED"
    print(f"{label:<28} {median:8.1f} ms   goal {goal} ms   {verdict}")
    return median <= goal


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    call_command("migrate", verbosity=0)
    organisation = OrganisationFactory(slug="bench")
    roadmap = RoadmapFactory(organisation=organisation, slug="2026-2028")
    themes = [ThemeFactory(roadmap=roadmap, name=f"Teema {n}") for n in range(8)]
    people = [PersonFactory(organisation=organisation) for _ in range(20)]
    tasks = [TaskFactory(theme=themes[n % 8], owner=people[n % 20]) for n in range(100)]
    user = UserFactory(username="bench-admin")
    MembershipFactory(user=user, organisation=organisation, role="admin")
    today = timezone.localdate()
    periods = []
    period = Period(2026, 1, Frequency.QUARTERLY)
    while period.first_day <= today:
        periods.append(str(period))
        period = period.next()
    now = timezone.now()
    for n in range(count):
        metric = MetricFactory(
            roadmap=roadmap, theme=themes[n % 8], owner=people[n % 20], name=f"Mittari {n}"
        )
        metric.tasks.set(tasks[n % 90 : n % 90 + 3])
        MetricValue.objects.bulk_create(
            MetricValue(
                metric=metric,
                period=code,
                value=Decimal(20 + 3 * index + n % 5),
                recorded_at=now - datetime.timedelta(days=90 * (len(periods) - index)),
            )
            for index, code in enumerate(periods)
        )
    print(f"{count} metrics, {count * len(periods)} values")
    client = Client()
    client.force_login(user)
    _token, secret = create_api_token(actor=None, organisation=organisation, name="bench")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    kwargs = {"org": "bench", "roadmap": "2026-2028"}
    first = roadmap.metrics.order_by("pk").first()
    assert first is not None
    results = [
        timed("metrics overview", lambda: client.get(reverse("metrics:overview", kwargs=kwargs))),
        timed(
            "metric page",
            lambda: client.get(reverse("metrics:detail", kwargs={**kwargs, "metric": first.pk})),
        ),
        timed(
            "dashboard with metrics",
            lambda: client.get(reverse("progress:dashboard", kwargs=kwargs)),
        ),
        timed("API: metric list", lambda: api.get("/api/v1/metrics")),
        timed("API: values of one metric", lambda: api.get(f"/api/v1/metrics/{first.pk}/values")),
    ]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
