"""Benchmark: the size of the roadmap overview's HTML for a large roadmap.

    .venv/bin/python bench/overview.py [TASKS]

Builds a scratch SQLite database with one roadmap of TASKS tasks (default 2,000) in eight
themes and fetches the overview as an editor (who sees the reorder buttons) and as a viewer:
the screen's first page, and the whole list (`?all=1`, for printing). Prints the bytes of each
page and per task row (the page's bytes less an empty roadmap's, divided by its rows). Not a
test: the numbers go into issue notes; the page size and the query counts are pinned by tests.
"""

from __future__ import annotations

import sys

import _scratch  # noqa: F401 - sets up Django before the imports below
from django.core.management import call_command
from django.test import Client

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


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
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
            title=f"Sähköisen asioinnin kehittämistehtävä numero {n}",
            start=f"202{6 + n % 3}Q{1 + n % 4}",
            due="2028Q4",
            quick_win=not n % 5,
        )
    clients = {}
    for role in (Role.EDITOR, Role.VIEWER):
        user = UserFactory(username=f"bench-{role}")
        MembershipFactory(user=user, organisation=organisation, role=role)
        clients[role] = Client()
        clients[role].force_login(user)
    for role, client in clients.items():
        base = len(client.get("/o/bench/r/empty/").content)
        for label, query in (("screen", ""), ("whole list", "?all=1")):
            response = client.get(f"/o/bench/r/2026-2028/{query}")
            assert response.status_code == 200, response.status_code
            html = response.content
            rows = html.count(b'<tr id="task-')
            per_row = (len(html) - base) / rows if rows else 0
            print(
                f"{role:<7} {label:<11} {len(html) / 1024:8.1f} kB"
                f" {rows:5} rows {per_row:7.0f} bytes per row"
            )


if __name__ == "__main__":
    main()
