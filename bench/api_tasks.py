"""Benchmark: the interface's task list for a large roadmap, as a warehouse reads it.

    .venv/bin/python bench/api_tasks.py [TASKS]

Builds a scratch SQLite database with one roadmap of TASKS tasks (default 2,000) in 10 themes,
each with an owner, two collaborators, a predecessor and a progress entry, then times whole
requests in-process through Django's test client (serialising included; not yet through the
production server, as bench/_server.py serves open_data.py): one page of 100 (the default) and
of 500 (the cap), the whole list walked by `next` in pages of 500, a repeat answered 304 by its
ETag, and one page of the roadmap's progress entries. Each is the median of 9 runs after one
warm-up; exits non-zero when a goal is missed. The query counts are pinned by the tests instead.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import _scratch  # noqa: F401 - sets up Django before the imports below
from _timing import measure
from django.core.management import call_command
from django.test import Client

from tests.factories import (
    OrganisationFactory,
    PersonFactory,
    RoadmapFactory,
    ThemeFactory,
)
from tiekartta.accounts.services import create_api_token
from tiekartta.progress.models import ProgressEntry
from tiekartta.roadmap.models import Task

# Goals in milliseconds for a whole request (the whole list: for all its requests together).
GOALS = {
    "tasks, page of 100": 100,
    "tasks, page of 500": 250,
    "tasks, all pages of 500": 1000,
    "tasks, 304 on a repeat": 20,
    "progress, page of 500": 150,
}


def timed(label: str, request: Callable[[], object], runs: int = 9) -> bool:
    return measure(label, request, GOALS[label], runs)


def build(count: int) -> int:
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
        for n in range(count)
    )
    tasks = list(Task.objects.filter(roadmap=roadmap).order_by("pk"))
    Collaborator = Task.collaborators.through
    Collaborator.objects.bulk_create(
        Collaborator(task_id=t.pk, person_id=people[(n + k) % 40].pk)
        for n, t in enumerate(tasks)
        for k in (1, 2)
    )
    Predecessor = Task.predecessors.through
    Predecessor.objects.bulk_create(
        Predecessor(from_task_id=t.pk, to_task_id=tasks[n - 1].pk) for n, t in enumerate(tasks) if n
    )
    ProgressEntry.objects.bulk_create(
        ProgressEntry(task=t, quarter="2026Q3", completion=t.completion, status="in_progress")
        for t in tasks
    )
    print(f"{count} tasks, {2 * count} collaborators, {count - 1} predecessors, {count} entries")
    return int(roadmap.pk)


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    roadmap = build(count)
    from tiekartta.accounts.models import Organisation

    _token, secret = create_api_token(
        actor=None, organisation=Organisation.objects.get(slug="bench"), name="bench"
    )
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    base = f"/api/v1/roadmaps/{roadmap}"

    def get(url: str, headers: dict[str, str] | None = None) -> int:
        response = api.get(url, headers=headers or {})
        assert response.status_code in {200, 304}, (url, response.status_code)
        return response.status_code

    def walk() -> int:
        url: str | None = f"{base}/tasks?limit=500"
        seen = 0
        while url:
            body = api.get(url).json()
            seen += len(body["results"])
            url = body["next"]
        assert seen == count, seen
        return 200

    etag = api.get(f"{base}/tasks")["ETag"]
    results = [
        timed("tasks, page of 100", lambda: get(f"{base}/tasks")),
        timed("tasks, page of 500", lambda: get(f"{base}/tasks?limit=500")),
        timed("tasks, all pages of 500", walk),
        timed(
            "tasks, 304 on a repeat", lambda: get(f"{base}/tasks", {"If-None-Match": etag}) == 304
        ),
        timed("progress, page of 500", lambda: get(f"{base}/progress?limit=500")),
    ]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
