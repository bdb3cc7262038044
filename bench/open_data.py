"""Benchmark: the open data of a large public roadmap, as a reuser reads it.

    .venv/bin/python bench/open_data.py [TASKS]

Builds a scratch SQLite database with one published roadmap of TASKS public tasks (default
2,000) in 10 themes and 20 public metrics with 8 values each, then times whole requests through
Django's test client (serialising included; gunicorn is not installed, so not through a
production server): a JSON page of 100 (the default) and of 500 (the cap), the whole list
walked by `next` in pages of 500, the whole list as CSV, a repeat answered 304 by its ETag,
and the metrics. Each is the median of 9 runs after one warm-up; exits non-zero when a goal is
missed. The query counts are pinned by the tests instead.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from decimal import Decimal

import _scratch  # noqa: F401 - sets up Django before the imports below
from _timing import measure
from django.core.management import call_command
from django.test import Client

from tests.factories import OrganisationFactory, PersonFactory, RoadmapFactory, ThemeFactory
from tiekartta.metrics.models import Metric, MetricValue
from tiekartta.roadmap.models import Task

# Goals in milliseconds for a whole request (the whole list: for all its requests together).
# The goal is the first: the default page of a 2,000-task roadmap under 100 ms. The
# others as the staff interface's benchmark sets them for the same sizes.
GOALS = {
    "tasks JSON, page of 100": 100,
    "tasks JSON, page of 500": 250,
    "tasks JSON, all 4 pages of 500": 1000,
    "tasks CSV, whole list": 1000,
    "tasks, 304 on a repeat": 20,
    "metrics JSON": 100,
}


def timed(label: str, request: Callable[[], object], runs: int = 9) -> bool:
    return measure(label, request, GOALS[label], runs)


def build(count: int) -> None:
    call_command("migrate", verbosity=0)
    organisation = OrganisationFactory(slug="bench", name="Bench")
    roadmap = RoadmapFactory(organisation=organisation, slug="2026-2028", is_public=True)
    themes = [ThemeFactory(roadmap=roadmap, name=f"Teema {n}") for n in range(10)]
    people = [PersonFactory(organisation=organisation) for _ in range(40)]
    Task.objects.bulk_create(
        Task(
            roadmap=roadmap,
            theme=themes[n % 10],
            owner=people[n % 40],
            title=f"Tehtävä {n}",
            description="Kuvaus " * 20,
            public_summary="Yhteenveto asukkaille " * 5,
            start="2026Q1",
            due="2027Q4",
            completion=n % 100,
            status="in_progress",
            order=n,
            is_public=True,
        )
        for n in range(count)
    )
    for n in range(20):
        metric = Metric.objects.create(
            roadmap=roadmap,
            owner=people[n],
            name=f"Mittari {n}",
            target_value=Decimal(100),
            target_date="2028-12-31",
            is_public=True,
            order=n,
        )
        MetricValue.objects.bulk_create(
            MetricValue(
                metric=metric,
                period=f"{2025 + q // 4}Q{q % 4 + 1}",
                value=Decimal(q * 3),
                channel="form",
                recorded_at="2026-01-01T00:00Z",
            )
            for q in range(8)
        )
    print(f"{count} public tasks in 10 themes, 20 public metrics with 8 values each")


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    build(count)
    client = Client()
    base = "/avoin-data/v1/organisations/bench/roadmaps/2026-2028"

    def get(url: str, headers: dict[str, str] | None = None) -> int:
        response = client.get(url, headers=headers or {})
        assert response.status_code in {200, 304}, (url, response.status_code)
        return response.status_code

    def walk() -> int:
        url: str | None = f"{base}/tasks?limit=500"
        seen = 0
        while url:
            body = client.get(url).json()
            seen += len(body["results"])
            url = body["next"]
        assert seen == count, seen
        return 200

    def whole_csv() -> int:
        response = client.get(f"{base}/tasks.csv")
        assert response.content.count(b"\r\n") == count + 1
        return response.status_code

    etag = client.get(f"{base}/tasks?limit=500")["ETag"]
    results = [
        timed("tasks JSON, page of 100", lambda: get(f"{base}/tasks")),
        timed("tasks JSON, page of 500", lambda: get(f"{base}/tasks?limit=500")),
        timed("tasks JSON, all 4 pages of 500", walk),
        timed("tasks CSV, whole list", whole_csv),
        timed(
            "tasks, 304 on a repeat",
            lambda: get(f"{base}/tasks?limit=500", {"If-None-Match": etag}) == 304,
        ),
        timed("metrics JSON", lambda: get(f"{base}/metrics")),
    ]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
