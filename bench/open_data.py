"""Benchmark: the open data of a large public roadmap, as a reuser reads it.

    .venv/bin/python bench/open_data.py [TASKS]

Builds a scratch PostgreSQL database with one published roadmap of TASKS public tasks (default
2,000) in 10 themes and 20 public metrics with 8 values each, and times the open data as a
reuser's script gets it from the production server (gunicorn, 2 workers, DEBUG off;
bench/_server.py), a new connection per request, with 1 and 4 clients, each beside the
bare-Django floor for the same rows (as JSON or CSV): a JSON page of 100 (the default) and of
500 (the cap), the whole list walked by `next` in pages of 500, the whole list as CSV, a repeat
answered 304 by its ETag, and the metrics. The goals are for the p50 with 1 client; exits
non-zero when one is missed. The query counts are pinned by the tests instead.
"""

from __future__ import annotations

import json
import sys
import urllib.parse
from decimal import Decimal

from _server import Page, Server  # sets up Django before the imports below
from django.core.management import call_command

from tests.factories import OrganisationFactory, PersonFactory, RoadmapFactory, ThemeFactory
from tiekartta.metrics.models import Metric, MetricValue
from tiekartta.roadmap.models import Task

# Goals in milliseconds for a whole request (the whole list: for all its requests together).
# The goal is the first: the default page of a 2,000-task roadmap under 100 ms. The
# others as the staff interface's benchmark sets them for the same sizes.
GOALS = {
    "tasks JSON, page of 100": 100,
    "tasks JSON, page of 500": 250,
    "tasks JSON, all pages of 500": 1000,
    "tasks CSV, whole list": 1000,
    "tasks, 304 on a repeat": 20,
    "metrics JSON": 100,
}


def build(count: int) -> int:
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
    return roadmap.pk


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    roadmap = build(count)
    base = "/avoin-data/v1/organisations/bench/roadmaps/2026-2028"

    def floor(kind: str, rows: int, offset: int = 0) -> str:  # metrics.json: all, rows unread
        return f"/bench-floor/{kind}?roadmap={roadmap}&rows={rows}&offset={offset}"

    with Server() as server:
        # The pages that `next` leads to, and the whole CSV, checked once before the timing.
        pages: list[str] = []
        url: str | None = f"{base}/tasks?limit=500"
        seen = 0
        while url:
            split = urllib.parse.urlsplit(url)
            pages.append(f"{split.path}?{split.query}")
            status, body, _ = server.request(pages[-1])
            assert status == 200, (url, status)
            results = json.loads(body)
            seen += len(results["results"])
            url = results["next"]
        assert seen == count, seen
        etag = server.request(f"{base}/tasks?limit=500")[2]["ETag"]
        status, body, _ = server.request(f"{base}/tasks.csv")
        assert status == 200 and body.count(b"\r\n") == count + 1, status

        def page(
            label: str,
            paths: list[str],
            floors: list[str],
            headers: dict[str, str] | None = None,
            status: int = 200,
        ) -> Page:
            return Page(
                label, paths, floors, GOALS[label], "", headers or {}, status, cookieless=True
            )

        held = server.compare(
            [
                page("tasks JSON, page of 100", [f"{base}/tasks"], [floor("tasks.json", 100)]),
                page(
                    "tasks JSON, page of 500",
                    [f"{base}/tasks?limit=500"],
                    [floor("tasks.json", 500)],
                ),
                page(
                    "tasks JSON, all pages of 500",
                    pages,
                    [floor("tasks.json", 500, offset) for offset in range(0, count, 500)],
                ),
                page("tasks CSV, whole list", [f"{base}/tasks.csv"], [floor("tasks.csv", count)]),
                page(
                    "tasks, 304 on a repeat",
                    [f"{base}/tasks?limit=500"],
                    [floor("tasks.json", 0)],
                    headers={"If-None-Match": etag},
                    status=304,
                ),
                page("metrics JSON", [f"{base}/metrics"], [floor("metrics.json", 0)]),
            ]
        )
    return 0 if held else 1


if __name__ == "__main__":
    sys.exit(main())
