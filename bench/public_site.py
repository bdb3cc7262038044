"""Benchmark: the public roadmap page of a large roadmap, as residents (and caches) read it.

    .venv/bin/python bench/public_site.py [TASKS]

Builds a scratch SQLite database with one published roadmap of TASKS public tasks (default
2,000) in 10 themes, each with a public summary, then times whole requests through Django's
test client (no gunicorn in the project's requirements, so not through a production server,
as the other benches): the roadmap page (its first page of 100 tasks, with every task's
progress counted for the themes), a search, the timeline (all tasks), a task's page and a
repeat answered 304 by its ETag. Each is the median of 9 runs after one warm-up; exits
non-zero when a goal is missed. The query counts are pinned by the tests instead.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import _scratch  # noqa: F401 - sets up Django before the imports below
from _timing import measure
from django.core.management import call_command
from django.test import Client

from tests.factories import OrganisationFactory, PersonFactory, RoadmapFactory, ThemeFactory
from tiekartta.roadmap.models import Task

GOALS = {
    "roadmap page (p50)": 100,
    "roadmap page, search": 100,
    "timeline, all tasks": 300,
    "task page": 50,
    "304 on a repeat": 30,
}


def timed(label: str, request: Callable[[], object], runs: int = 9) -> bool:
    return measure(label, request, GOALS[label], runs)


def build(count: int) -> tuple[str, int]:
    call_command("migrate", verbosity=0)
    organisation = OrganisationFactory(slug="bench")
    roadmap = RoadmapFactory(organisation=organisation, slug="2026-2028", is_public=True)
    themes = [ThemeFactory(roadmap=roadmap, name=f"Teema {n}") for n in range(10)]
    people = [PersonFactory(organisation=organisation) for _ in range(40)]
    Task.objects.bulk_create(
        Task(
            roadmap=roadmap,
            theme=themes[n % 10],
            owner=people[n % 40],
            title=f"Tehtävä {n}",
            description="Sisäinen kuvaus " * 20,
            public_summary="Etenee suunnitellusti. " * 5,
            start="2026Q1",
            due=f"{2026 + n % 3}Q{1 + n % 4}",
            completion=n % 100,
            status="in_progress",
            is_public=True,
            order=n,
        )
        for n in range(count)
    )
    print(f"{count} public tasks in 10 themes")
    first = Task.objects.filter(roadmap=roadmap).order_by("pk").values_list("pk", flat=True)[0]
    return "/julkinen/bench/2026-2028/", int(first)


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    base, task = build(count)
    visitor = Client()

    def get(url: str, headers: dict[str, str] | None = None) -> int:
        response = visitor.get(url, headers=headers or {})
        assert response.status_code in {200, 304}, (url, response.status_code)
        assert not response.cookies, url
        return response.status_code

    etag = visitor.get(f"{base}?lang=fi")["ETag"]
    results = [
        timed("roadmap page (p50)", lambda: get(f"{base}?lang=fi")),
        timed("roadmap page, search", lambda: get(f"{base}?lang=fi&q=teht%C3%A4v%C3%A4+19")),
        timed("timeline, all tasks", lambda: get(f"{base}aikajana/?lang=fi")),
        timed("task page", lambda: get(f"{base}tehtava/{task}/?lang=fi")),
        timed("304 on a repeat", lambda: get(f"{base}?lang=fi", {"If-None-Match": etag}) == 304),
    ]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
