"""Benchmark: the follow-up pages' read side for a large roadmap.

    .venv/bin/python bench/follow_up.py [TASKS]

Builds a scratch SQLite database with one roadmap of TASKS tasks (default 300), each with a
progress entry in every quarter so far (12 quarters of history), then times the dashboard, a
review meeting's rows, the minutes and My tasks, each the median of 5 runs. Not a test: the
numbers go into issue notes; the query counts are pinned by the tests instead.
"""

from __future__ import annotations

import datetime
import statistics
import sys
import time

import _scratch  # noqa: F401 - sets up Django before the imports below
from django.core.management import call_command

from tests.factories import (
    OrganisationFactory,
    PersonFactory,
    ProgressEntryFactory,
    ReviewFactory,
    RoadmapFactory,
    TaskFactory,
    ThemeFactory,
    UserFactory,
)
from tiekartta.core.quarters import Quarter, quarter_range
from tiekartta.progress.dashboard import build_dashboard
from tiekartta.progress.minutes import build_minutes
from tiekartta.progress.selectors import build_review, own_tasks

TODAY = datetime.date(2028, 12, 1)


def timed(label: str, function: object, runs: int = 5) -> None:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()  # type: ignore[operator]
        samples.append(time.perf_counter() - started)
    print(f"{label:<28} {1000 * statistics.median(samples):8.1f} ms")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    call_command("migrate", verbosity=0)
    organisation = OrganisationFactory(slug="bench")
    roadmap = RoadmapFactory(organisation=organisation, start_year=2026, end_year=2028)
    themes = [ThemeFactory(roadmap=roadmap, name=f"Teema {n}") for n in range(8)]
    user = UserFactory(username="bench-owner")
    people = [PersonFactory(organisation=organisation) for _ in range(19)]
    people.append(PersonFactory(organisation=organisation, user=user))
    quarters = list(quarter_range(Quarter(2026, 1), Quarter(2028, 4)))
    review = ReviewFactory(roadmap=roadmap, quarter="2028Q4", meeting_date=TODAY)
    for n in range(count):
        task = TaskFactory(
            theme=themes[n % 8],
            owner=people[n % 20],
            start=str(quarters[n % 4]),
            due=str(quarters[4 + n % 8]),
            status="in_progress",
        )
        for index, quarter in enumerate(quarters):
            ProgressEntryFactory(task=task, quarter=str(quarter), completion=min(100, 8 * index))
    print(f"{count} tasks, {count * len(quarters)} progress entries")
    timed("dashboard", lambda: build_dashboard(roadmap, TODAY, 15))
    timed("review meeting rows", lambda: build_review(review, TODAY, 15))
    timed("minutes", lambda: build_minutes(review, TODAY))
    timed("my tasks", lambda: own_tasks(organisation, user.pk, TODAY, 15))


if __name__ == "__main__":
    main()
