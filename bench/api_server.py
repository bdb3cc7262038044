"""Benchmark: the interface's lists as a warehouse's script gets them from the production server.

    .venv/bin/python bench/api_server.py [TASKS] [METRICS]

Builds a scratch PostgreSQL database with one roadmap of TASKS tasks (default 2,000; each with
an owner, two collaborators, a predecessor and a progress entry) and METRICS metrics (default
100) with a value for each of 12 quarters, creates an API token and times, through gunicorn
(2 workers, DEBUG off; bench/_server.py) with a new connection and the token's
`Authorization: Bearer` header on every request, with 1 and 4 clients, each beside its
bare-Django floor (the same rows as JSON, no token): the task list's first page of 100, a page
of 500, a 304 repeat by its ETag, the metric list of METRICS metrics, and one metric's values.
The goals (issue 17) are for the p50 with 1 client: 45 ms for the pages of 100 and within 2.5x
of the floor; exits non-zero when one is missed. The query counts are pinned by the tests.
"""

from __future__ import annotations

import datetime
import os
import sys
from decimal import Decimal

# The rate limit is counted as in production (in the cache), but set high enough for the run.
os.environ.setdefault("TIEKARTTA_API_RATE", "100000/m")

from _server import Page, Server  # sets up Django before the imports below
from django.core.management import call_command
from django.utils import timezone

from tests.factories import OrganisationFactory, PersonFactory, RoadmapFactory, ThemeFactory
from tiekartta.accounts.models import Organisation
from tiekartta.accounts.services import create_api_token
from tiekartta.metrics.models import Metric, MetricValue
from tiekartta.progress.models import ProgressEntry
from tiekartta.roadmap.models import Task

GOALS = {
    "tasks, page of 100": 45,
    "tasks, page of 500": 150,
    "tasks, 304 on a repeat": 30,
    "metrics, list": 45,
    "metric values": 30,
}
# The p50 of each page of 100 with 1 client within this many times its floor's.
FLOOR_RATIO = 2.5
QUARTERS = [f"{2024 + q // 4}Q{q % 4 + 1}" for q in range(12)]


def build(tasks: int, metrics: int) -> int:
    call_command("migrate", verbosity=0)
    organisation = OrganisationFactory(slug="bench")
    roadmap = RoadmapFactory(organisation=organisation, slug="2026-2028")
    themes = [ThemeFactory(roadmap=roadmap, name=f"Teema {n}") for n in range(10)]
    people = [PersonFactory(organisation=organisation) for _ in range(40)]
    Task.objects.bulk_create(
        Task(
            roadmap=roadmap,
            theme=themes[n % 10],
            owner=people[n % 40],
            title=f"Tehtävä {n}",
            description="Kuvaus " * 20,
            start="2026Q1",
            due="2027Q4",
            completion=n % 100,
            status="in_progress",
            order=n,
        )
        for n in range(tasks)
    )
    rows = list(Task.objects.filter(roadmap=roadmap).order_by("pk"))
    Collaborator = Task.collaborators.through
    Collaborator.objects.bulk_create(
        Collaborator(task_id=t.pk, person_id=people[(n + k) % 40].pk)
        for n, t in enumerate(rows)
        for k in (1, 2)
    )
    Predecessor = Task.predecessors.through
    Predecessor.objects.bulk_create(
        Predecessor(from_task_id=t.pk, to_task_id=rows[n - 1].pk) for n, t in enumerate(rows) if n
    )
    ProgressEntry.objects.bulk_create(
        ProgressEntry(task=t, quarter="2026Q3", completion=t.completion, status="in_progress")
        for t in rows
    )
    now = timezone.now()
    for n in range(metrics):
        metric = Metric.objects.create(
            roadmap=roadmap,
            theme=themes[n % 10],
            owner=people[n % 40],
            name=f"Mittari {n}",
            target_value=Decimal(100),
            target_date="2028-12-31",
            baseline_value=Decimal(10),
            baseline_date="2024-01-01",
            order=n,
        )
        MetricValue.objects.bulk_create(
            MetricValue(
                metric=metric,
                period=period,
                value=Decimal(20 + 3 * index + n % 5) + Decimal("0.5"),
                recorded_at=now - datetime.timedelta(days=90 * (12 - index)),
            )
            for index, period in enumerate(QUARTERS)
        )
    print(f"{tasks} tasks (2 collaborators, a predecessor, an entry each), {metrics} metrics x 12")
    return int(roadmap.pk)


def main() -> int:
    tasks = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    metrics = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    roadmap = build(tasks, metrics)
    _token, secret = create_api_token(
        actor=None, organisation=Organisation.objects.get(slug="bench"), name="bench"
    )
    auth = {"Authorization": f"Bearer {secret}"}
    first = Metric.objects.filter(roadmap_id=roadmap).order_by("pk").first()
    assert first is not None
    base = f"/api/v1/roadmaps/{roadmap}"

    def floor(kind: str, query: str) -> list[str]:
        return [f"/bench-floor/{kind}?{query}"]

    with Server() as server:
        status, _, headers = server.request(f"{base}/tasks", auth)
        assert status == 200, (status, headers.get("Location"))
        etag = headers["ETag"]
        pages = [
            Page(
                "tasks, page of 100",
                [f"{base}/tasks"],
                floor("tasks.json", f"roadmap={roadmap}&rows=100"),
                GOALS["tasks, page of 100"],
                headers=auth,
            ),
            Page(
                "tasks, page of 500",
                [f"{base}/tasks?limit=500"],
                floor("tasks.json", f"roadmap={roadmap}&rows=500"),
                GOALS["tasks, page of 500"],
                headers=auth,
            ),
            Page(
                "tasks, 304 on a repeat",
                [f"{base}/tasks"],
                floor("tasks.json", f"roadmap={roadmap}&rows=0"),
                GOALS["tasks, 304 on a repeat"],
                headers={**auth, "If-None-Match": etag},
                status=304,
            ),
            Page(
                "metrics, list",
                ["/api/v1/metrics"],
                floor("metrics.json", f"roadmap={roadmap}"),
                GOALS["metrics, list"],
                headers=auth,
            ),
            Page(
                "metric values",
                [f"/api/v1/metrics/{first.pk}/values"],
                floor("values.json", f"metric={first.pk}"),
                GOALS["metric values"],
                headers=auth,
            ),
        ]
        held = server.compare(pages)
        ratios = server.ratios
        for label in ("tasks, page of 100", "metrics, list"):
            if label in ratios:
                ok = ratios[label] <= FLOOR_RATIO
                held = held and ok
                print(
                    f"{label}: {ratios[label]:.1f}x its floor"
                    f" (goal {FLOOR_RATIO}x) {'ok' if ok else 'MISSED'}"
                )
    return 0 if held else 1


if __name__ == "__main__":
    sys.exit(main())
