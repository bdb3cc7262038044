"""Benchmark: the follow-up pages of a large roadmap, as signed-in members get them.

    .venv/bin/python bench/follow_up_server.py [TASKS] [--profile]

Builds a scratch PostgreSQL database (`tiekartta_bench_follow_up_server`) with one roadmap
(2025–2028) of TASKS tasks (default 2,000) in eight themes and 20 responsible people, about five
progress entries each over the past quarters, three closed review meetings and an open one for
the current quarter with every ongoing task in it (a third of them recorded in the meeting, a
few with the owner's update before it). Signs in through the log-in form as an editor who is
responsible for every 20th task and times, through the production server (gunicorn, 2 workers,
DEBUG off; bench/_server.py), a new connection per request, with 1 and 4 clients, each beside
the bare-Django floor for the same number of rows (`bench/urls_floor.py`): the dashboard, a
task's page, the open review meeting (its first page, and the whole list, `?all=1`, for
printing), its draft minutes and My tasks. Then prints the queries of each page and of a review
row's save (in-process, Django's test client). The goals (issue 17) are for the p50 with
1 client; exits non-zero when one is missed.

`--profile` skips the server and prints the in-process time and a cProfile summary of each page.
"""

from __future__ import annotations

import cProfile
import datetime
import http.client
import io
import os
import pstats
import random
import statistics
import sys
import time
from typing import Any

from _server import Page, Server  # sets up Django before the imports below
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    RoadmapFactory,
    ThemeFactory,
    UserFactory,
)
from tiekartta.accounts.models import Role
from tiekartta.core.quarters import Quarter, quarter_range
from tiekartta.progress.models import ProgressEntry, Review, ReviewStatus
from tiekartta.progress.selectors import REVIEW_PAGE_SIZE
from tiekartta.roadmap.models import Status, Task

# As behind the production reverse proxy that ends TLS (main's bench/_server.py does the same
# since; kept here so that this benchmark runs on a branch made before that).
os.environ["DJANGO_SECURE_PROXY_SSL_HEADER"] = "X-Forwarded-Proto"


class ProxiedServer(Server):
    def request(
        self,
        path: str,
        headers: dict[str, str] | None = None,
        method: str = "GET",
        body: str | None = None,
    ) -> tuple[int, bytes, http.client.HTTPMessage]:
        sent = {"X-Forwarded-Proto": "https", **(headers or {})}
        if method != "GET":
            sent.setdefault("Origin", f"https://127.0.0.1:{self.port}")
        return super().request(path, sent, method, body)


GOAL = 50  # ms, every page but the printable whole list
ORG = "bench"
BASE = f"/o/{ORG}/r/2025-2028/"


def build(count: int) -> dict[str, int]:
    call_command("migrate", verbosity=0)
    today = timezone.localdate()
    current = Quarter.of_date(today)
    organisation = OrganisationFactory(slug=ORG)
    roadmap: Any = RoadmapFactory(
        organisation=organisation, slug="2025-2028", start_year=2025, end_year=2028
    )
    themes: list[Any] = [
        ThemeFactory(roadmap=roadmap, name=f"Teema {n}", order=n) for n in range(8)
    ]
    editor: Any = UserFactory(username="bench-editor")
    MembershipFactory(user=editor, organisation=organisation, role=Role.EDITOR)
    people: list[Any] = [PersonFactory(organisation=organisation, user=editor)]
    people += [PersonFactory(organisation=organisation) for _ in range(19)]
    quarters = list(quarter_range(Quarter(2025, 1), Quarter(2028, 4)))
    past = [q for q in quarters if q < current][-5:]
    random.seed(17)
    tasks = []
    for n in range(count):
        done = n % 10 == 0
        later = n % 10 == 1  # planned to start next year: not in this quarter's follow-up
        start = quarters[4 + n % 6] if not later else Quarter(current.year + 1, 3)
        tasks.append(
            Task(
                roadmap=roadmap,
                theme=themes[n % 8],
                owner=people[n % 20],
                title=f"Sähköisen asioinnin kehittämistehtävä numero {n}",
                start=str(start),
                due=str(quarters[10 + n % 6]),
                order=n,
                status=Status.DONE if done else Status.PLANNED if later else Status.IN_PROGRESS,
                completion=100 if done else 0,
            )
        )
    Task.objects.bulk_create(tasks)
    reviews = {
        str(q): Review.objects.create(
            roadmap=roadmap,
            quarter=str(q),
            meeting_date=q.last_day - datetime.timedelta(days=10),
            status=ReviewStatus.CLOSED,
            closed_at=timezone.now(),
        )
        for q in past[-3:]
    }
    review = Review.objects.create(roadmap=roadmap, quarter=str(current), meeting_date=today)
    review.attendees.set(people[:6])
    entries = []
    for n, task in enumerate(tasks):
        if task.status == Status.PLANNED:
            continue
        value = 0
        for quarter in past:
            value = 100 if task.status == Status.DONE else min(95, value + random.randint(2, 15))  # noqa: S311
            entries.append(
                ProgressEntry(
                    task=task,
                    quarter=str(quarter),
                    completion=value,
                    status=task.status,
                    note=f"Edistyi vuosineljänneksellä {quarter}.",
                    review=reviews.get(str(quarter)),
                )
            )
        if task.status == Status.IN_PROGRESS and n % 3 != 2:
            value = min(95, value + 5)
            entries.append(
                ProgressEntry(
                    task=task,
                    quarter=str(current),
                    completion=value,
                    status=task.status,
                    note="Kirjattu kokouksessa." if n % 3 == 0 else "Omistajan päivitys.",
                    review=review if n % 3 == 0 else None,
                )
            )
        task.completion = value
    ProgressEntry.objects.bulk_create(entries)
    Task.objects.bulk_update(tasks, ["completion"])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would soon: the planner knows the rows
    print(f"{count} tasks in 8 themes, 20 people, {len(entries)} progress entries")
    return {"review": review.pk, "task": tasks[2].pk, "roadmap": roadmap.pk, "editor": editor.pk}


def paths(ids: dict[str, int], count: int) -> dict[str, tuple[str, str, int | None]]:
    """label: (path, floor, goal)."""
    review = f"{BASE}reviews/{ids['review']}/"
    rows = Task.objects.filter(roadmap_id=ids["roadmap"]).exclude(status=Status.PLANNED).count()
    mine = count // 20

    def tasks(n: int) -> str:
        return f"/bench-floor/tasks.html?roadmap={ids['roadmap']}&rows={n}"

    return {
        "dashboard": (f"{BASE}dashboard/", tasks(100), GOAL),
        "task page": (f"{BASE}tasks/{ids['task']}/", tasks(5), GOAL),
        "review meeting, first page": (review, tasks(REVIEW_PAGE_SIZE), GOAL),
        "review meeting, ?all=1": (review + "?all=1", tasks(rows), None),
        "draft minutes": (review + "minutes/", tasks(rows), GOAL),
        "my tasks": (f"/o/{ORG}/my-tasks/", tasks(mine), GOAL),
    }


def row_save(client: Client, ids: dict[str, int], task_id: int) -> tuple[int, float, int]:
    """A review row saved as htmx posts it: (status, ms, queries)."""
    client.get(f"{BASE}reviews/{ids['review']}/", secure=True)
    task = Task.objects.get(pk=task_id)
    data = {
        "context": "review",
        "review": ids["review"],
        f"t{task_id}-quarter": str(Quarter.of_date(timezone.localdate())),
        f"t{task_id}-completion": min(100, task.completion + 1),
        f"t{task_id}-status": Status.IN_PROGRESS,
        f"t{task_id}-note": "Benchmark",
    }
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.post(
            f"{BASE}tasks/{task_id}/progress/",
            data,
            HTTP_HX_REQUEST="true",
            secure=True,
        )
        seconds = time.perf_counter() - started
    if "--sql" in sys.argv:
        for query in queries.captured_queries:
            print("   ", query["sql"][:160])
    return response.status_code, 1000 * seconds, len(queries)


def in_process(ids: dict[str, int], count: int, profile: bool) -> None:
    from django.contrib.auth import get_user_model

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(pk=ids["editor"]))
    print(f"\n{'in-process (test client)':<34}{'ms':>8} {'queries':>8}")
    for label, (path, _floor, _goal) in paths(ids, count).items():
        if "--sql" in sys.argv:
            break
        samples = []
        for _ in range(5):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(path, secure=True)
                samples.append(time.perf_counter() - started)
            assert response.status_code == 200, (path, response.status_code)
        print(f"{label:<34}{1000 * statistics.median(samples):8.1f} {len(queries):8}")
        if profile:
            profiler = cProfile.Profile()
            profiler.enable()
            client.get(path, secure=True)
            profiler.disable()
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            stats.sort_stats("tottime").print_stats(12)
            stats.sort_stats("cumulative").print_stats(r"tiekartta/(?!.*middleware)", 12)
            print(out.getvalue())
    ongoing = list(
        Task.objects.filter(roadmap_id=ids["roadmap"], status=Status.IN_PROGRESS)
        .order_by("pk")
        .values_list("pk", flat=True)[:5]
    )
    for task_id in ongoing[:2]:
        status, ms, count_of_queries = row_save(client, ids, task_id)
        assert status == 200, status
        print(f"{'review row save':<34}{ms:8.1f} {count_of_queries:8}")


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    count = int(args[0]) if args else 2000
    ids = build(count)
    if "--profile" in sys.argv:
        in_process(ids, count, profile=True)
        return 0
    with ProxiedServer() as server:
        cookie = server.login("bench-editor", "salasana-123")
        pages = [
            Page(label, [path], [floor], goal, cookie)
            for label, (path, floor, goal) in paths(ids, count).items()
        ]
        held = server.compare(pages)
    in_process(ids, count, profile=False)
    return 0 if held else 1


if __name__ == "__main__":
    sys.exit(main())
