"""Benchmark: the roadmap overview of a large roadmap, as signed-in members get it.

    .venv/bin/python bench/overview.py [TASKS]

Builds a scratch PostgreSQL database with one roadmap of TASKS tasks (default 2,000) in eight
themes, 20 responsible people and four kinds, signs in through the log-in form as an editor
(who sees the reorder buttons) and as a viewer, and times the overview as they get it from the
production server (gunicorn, 2 workers, DEBUG off; bench/_server.py), a new connection per
request, with 1 and 4 clients, each beside the bare-Django floor for the same number of rows:
the screen's first page, the whole list (`?all=1`, for printing), the list filtered to 100 and
to 25 tasks, and the timeline. Then prints the bytes of each page and per task row (the page's
bytes less an empty roadmap's, divided by its rows). The goals (issue 17) are for the p50 with
1 client; exits non-zero when one is missed. The page size and the query counts are pinned by
tests.
"""

from __future__ import annotations

import sys

from _server import Page, Server  # sets up Django before the imports below
from django.core.management import call_command

from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    RoadmapFactory,
    TaskFactory,
    ThemeFactory,
    UserFactory,
)
from tiekartta.accounts.models import Role
from tiekartta.roadmap.models import Kind

GOALS = {
    "screen": 270,
    "whole list": 270,
    "filtered to 100": 23,
    "filtered to 25": 13,
    "timeline": 270,
}
KINDS = [Kind.IMPLEMENTATION, Kind.STUDY, Kind.PROCUREMENT, Kind.PILOT]
BASE = "/o/bench/r/2026-2028/"


def build(count: int) -> tuple[int, int]:
    """The roadmap's pk and the pk of its first person, who owns every 20th task."""
    call_command("migrate", verbosity=0)
    organisation = OrganisationFactory(slug="bench")
    roadmap = RoadmapFactory(organisation=organisation, slug="2026-2028")
    empty = RoadmapFactory(organisation=organisation, slug="empty")
    themes = [ThemeFactory(roadmap=roadmap, name=f"Teema {n}") for n in range(8)]
    for n in range(8):
        ThemeFactory(roadmap=empty, name=f"Teema {n}")
    people = [PersonFactory(organisation=organisation) for _ in range(20)]
    for n in range(count):
        TaskFactory(
            theme=themes[n % 8],
            owner=people[n % 20],
            # Each person's tasks cycle through four kinds: a person and a kind are 1/80.
            kind=KINDS[n // 20 % 4],
            title=f"Sähköisen asioinnin kehittämistehtävä numero {n}",
            start=f"202{6 + n % 3}Q{1 + n % 4}",
            due="2028Q4",
            quick_win=not n % 5,
        )
    for role in (Role.EDITOR, Role.VIEWER):
        user = UserFactory(username=f"bench-{role}")
        MembershipFactory(user=user, organisation=organisation, role=role)
    print(f"{count} tasks in 8 themes, 20 people, 4 kinds")
    return roadmap.pk, people[0].pk


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    roadmap, person = build(count)

    def floor(rows: int) -> list[str]:
        return [f"/bench-floor/tasks.html?roadmap={roadmap}&rows={rows}"]

    with Server() as server:
        cookies = {
            role: server.login(f"bench-{role}", "salasana-123")
            for role in (Role.EDITOR, Role.VIEWER)
        }
        queries = {
            "screen": ("", min(count, 100)),
            "whole list": ("?all=1", count),
            "filtered to 100": (f"?owner={person}", count // 20),
            "filtered to 25": (f"?owner={person}&kind={KINDS[0]}", count // 80),
        }
        pages = [
            Page(f"{role}, {label}", [BASE + query], floor(rows), GOALS[label], cookies[role])
            for role in (Role.EDITOR, Role.VIEWER)
            for label, (query, rows) in queries.items()
            if role == Role.EDITOR or label in {"screen", "whole list"}
        ]
        pages.append(
            Page(
                "editor, timeline",
                [f"{BASE}timeline/"],
                floor(count),
                GOALS["timeline"],
                cookies[Role.EDITOR],
            )
        )
        held = server.compare(pages)

        print()
        for role, cookie in cookies.items():
            status, empty, _ = server.request("/o/bench/r/empty/", {"Cookie": cookie})
            assert status == 200, status
            for label, (query, _rows) in queries.items():
                status, html, _ = server.request(BASE + query, {"Cookie": cookie})
                assert status == 200, status
                rows = html.count(b'<tr id="task-')
                per_row = (len(html) - len(empty)) / rows if rows else 0
                print(
                    f"{role:<7} {label:<16} {len(html) / 1024:8.1f} kB"
                    f" {rows:5} rows {per_row:7.0f} bytes per row"
                )
    return 0 if held else 1


if __name__ == "__main__":
    sys.exit(main())
