"""Benchmark: the public roadmap page of a large roadmap, as residents (and caches) read it.

    .venv/bin/python bench/public_site.py [TASKS]

Builds a scratch PostgreSQL database with one published roadmap of TASKS public tasks (default
2,000) in 10 themes, each with a public summary, and times the pages as a resident gets them
from the production server (gunicorn, 2 workers, DEBUG off; bench/_server.py), without a
session, a new connection per request, with 1 and 4 clients, each beside the bare-Django floor
for the same rows: the roadmap page (its first page of 100 tasks, with every task's progress
counted for the themes), a search, the timeline (all tasks), a task's page and a repeat
answered 304 by its ETag. The goals are for the p50 with 1 client; exits non-zero when one is
missed. The query counts are pinned by the tests instead.
"""

from __future__ import annotations

import sys

from _server import Page, Server  # sets up Django before the imports below
from django.core.management import call_command

from tests.factories import OrganisationFactory, PersonFactory, RoadmapFactory, ThemeFactory
from tiekartta.roadmap.models import Task

GOALS = {
    "roadmap page (p50)": 100,
    "roadmap page, search": 100,
    "timeline, all tasks": 300,
    "task page": 50,
    "304 on a repeat": 30,
}


def build(count: int) -> tuple[str, int, int]:
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
    return "/julkinen/bench/2026-2028/", int(first), roadmap.pk


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    base, task, roadmap = build(count)
    found = Task.objects.filter(roadmap_id=roadmap, title__icontains="tehtävä 19").count()

    def floor(rows: int) -> list[str]:
        return [f"/bench-floor/tasks.html?roadmap={roadmap}&rows={rows}"]

    with Server() as server:
        status, _, headers = server.request(f"{base}?lang=fi")
        assert status == 200, status
        etag = headers["ETag"]

        def page(
            label: str,
            path: str,
            rows: int,
            headers: dict[str, str] | None = None,
            status: int = 200,
        ) -> Page:
            return Page(
                label, [path], floor(rows), GOALS[label], "", headers or {}, status, cookieless=True
            )

        held = server.compare(
            [
                page("roadmap page (p50)", f"{base}?lang=fi", min(count, 100)),
                page(
                    "roadmap page, search",
                    f"{base}?lang=fi&q=teht%C3%A4v%C3%A4+19",
                    min(found, 100),
                ),
                page("timeline, all tasks", f"{base}aikajana/?lang=fi", count),
                page("task page", f"{base}tehtava/{task}/?lang=fi", 1),
                page(
                    "304 on a repeat",
                    f"{base}?lang=fi",
                    0,
                    headers={"If-None-Match": etag},
                    status=304,
                ),
            ]
        )
    return 0 if held else 1


if __name__ == "__main__":
    sys.exit(main())
