"""Benchmark: two versions of a large plan compared, as an administrator gets the comparison.

    .venv/bin/python bench/plan_diff.py [TASKS] [--profile]

Builds a scratch PostgreSQL database (`tiekartta_bench_plan_diff`) with one roadmap (2026–2028)
of TASKS tasks (default 2,000) in eight themes, 20 responsible people, a collaborator on every
third task, four kinds and three priorities, and 20 metrics with intermediate targets. Adopts
it (`plans.services.adopt_roadmap`: version 1), then drafts a revision through the revision
services as the digital group would (`start_revision`, `set_draft_task`, `drop_draft_task`,
`set_draft_metric_target`): 300 tasks rescheduled (two in three later, by one to four
quarters), 100 reassigned, 50 dropped (cancelled), 100 added and the targets of 5 metrics
changed, and adopts it (`adopt_revision`: version 2, the changed plan). Signs in through the
log-in form as an administrator and times, through the production server (gunicorn, 2 workers,
DEBUG off; bench/_server.py), a new connection per request, with 1 and 4 clients, each beside
the bare-Django floor for as many task rows as the comparison lists (`bench/urls_floor.py`):
the comparison page of version 1 with version 2 (`plan/compare/?a=1&b=2`) and the same as
.docx (`plan/compare.docx?a=1&b=2`). The goal (the plans issue: the diff of two versions of a
2,000-task roadmap under 1 s) is for the p50 with 1 client; exits non-zero when it is missed.
Then prints, for information, the in-process time of `plans.diff.compare` of the two stored
snapshots and each page's queries (Django's test client).

`--profile` skips the server and prints the in-process time and a cProfile summary of each page.
"""

from __future__ import annotations

import cProfile
import datetime
import io
import pstats
import statistics
import sys
import time
from decimal import Decimal
from typing import Any

from _server import Page, Server  # sets up Django before the imports below
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    RoadmapFactory,
    ThemeFactory,
    UserFactory,
)
from tiekartta.accounts.models import Role
from tiekartta.core.actors import Actor
from tiekartta.core.quarters import Quarter
from tiekartta.metrics.models import Metric, Milestone
from tiekartta.plans import services
from tiekartta.plans.diff import compare
from tiekartta.plans.models import PlanVersion
from tiekartta.roadmap.models import Kind, Priority, Status, Task

GOAL = 1000  # ms, the p50 with 1 client
ORG = "bench"
BASE = f"/o/{ORG}/r/2026-2028/"
COMPARE = f"{BASE}plan/compare/?a=1&b=2"
DOCX = f"{BASE}plan/compare.docx?a=1&b=2"
KINDS = [Kind.IMPLEMENTATION, Kind.STUDY, Kind.PROCUREMENT, Kind.PILOT]
PRIORITIES = [Priority.HIGH, Priority.MEDIUM, Priority.MEDIUM, Priority.LOW]
FIRST, LAST = Quarter(2026, 1), Quarter(2028, 4)
# The revision: which tasks it changes, by their place n in the plan (disjoint, spread over the
# themes and the people). Per 2,000 tasks: 300 rescheduled, 100 reassigned, 50 dropped.
RESCHEDULED = {0, 1, 2}  # n % 20
REASSIGNED = {3}  # n % 20
DROPPED = {4}  # n % 40
ADDED = 100
METRICS, METRICS_RETARGETED = 20, 5


def _quarter(index: int) -> str:
    return str(Quarter.from_index(max(FIRST.index, min(LAST.index, index))))


def build(count: int) -> dict[str, Any]:
    call_command("migrate", verbosity=0)
    started = time.monotonic()
    organisation = OrganisationFactory(slug=ORG)
    roadmap: Any = RoadmapFactory(
        organisation=organisation, slug="2026-2028", title="Digitiekartta 2026–2028"
    )
    themes: list[Any] = [
        ThemeFactory(roadmap=roadmap, name=f"Teema {n}", order=n, is_spearhead=n < 2)
        for n in range(8)
    ]
    people: list[Any] = [PersonFactory(organisation=organisation) for _ in range(20)]
    admin: Any = UserFactory(username="bench-admin")
    MembershipFactory(user=admin, organisation=organisation, role=Role.ADMIN)
    tasks = []
    for n in range(count):
        start = FIRST.index + n % 8
        tasks.append(
            Task(
                roadmap=roadmap,
                theme=themes[n % 8],
                owner=people[n % 20],
                title=f"Sähköisen asioinnin kehittämistehtävä numero {n}",
                kind=KINDS[n // 20 % 4],
                priority=PRIORITIES[n % 4],
                quick_win=not n % 5,
                start=_quarter(start),
                due=_quarter(start + 1 + n % 5),
                status=Status.IN_PROGRESS if n % 3 else Status.PLANNED,
                order=n,
            )
        )
    Task.objects.bulk_create(tasks)
    Collaborator = Task.collaborators.through
    Collaborator.objects.bulk_create(
        Collaborator(task_id=task.pk, person_id=people[(n + 7) % 20].pk)
        for n, task in enumerate(tasks)
        if n % 3 == 0
    )
    metrics = []
    for n in range(METRICS):
        metric = Metric.objects.create(
            roadmap=roadmap,
            theme=themes[n % 8] if n % 4 else None,
            owner=people[n % 20],
            name=f"Mittari {n}",
            unit="percent",
            baseline_value=Decimal(20),
            baseline_date=datetime.date(2025, 12, 31),
            target_value=Decimal(60 + n),
            target_date=datetime.date(2028, 12, 31),
            order=n,
        )
        Milestone.objects.bulk_create(
            Milestone(metric=metric, year=year, value=Decimal(30 + 10 * (year - 2026)))
            for year in (2026, 2027)
        )
        metrics.append(metric)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    actor = Actor.for_user(admin)
    adopted = services.Decision(datetime.date(2026, 1, 19), "Kaupunginhallitus", "19.1.2026 § 9")
    services.adopt_roadmap(actor=actor, roadmap=roadmap, decision=adopted)
    draft = services.start_revision(
        actor=actor, roadmap=roadmap, title="Tarkistus 2027", notes="Väliraportin havainnot."
    )
    changes = {"rescheduled": 0, "reassigned": 0, "dropped": 0, "added": 0, "metrics": 0}
    for n, task in enumerate(tasks):
        data = services.DraftTask(
            title=task.title,
            theme=task.theme,
            owner=task.owner,
            start=task.start,
            due=task.due,
            kind=task.kind,
            priority=task.priority,
            quick_win=task.quick_win,
        )
        if n % 20 in RESCHEDULED:
            # Two in three later, one in three earlier; the start moves with the end.
            start, due = Quarter.parse(task.start).index, Quarter.parse(task.due).index
            shift = 1 + n % 4 if n % 3 else -1
            shift = max(FIRST.index - start, min(LAST.index - due, shift)) or -1
            data.start, data.due = _quarter(start + shift), _quarter(due + shift)
            changes["rescheduled"] += 1
        elif n % 20 in REASSIGNED:
            data.owner = people[(n + 1) % 20]
            changes["reassigned"] += 1
        elif n % 40 in DROPPED:
            services.drop_draft_task(
                actor=actor, draft=draft, expected_version=draft.version, key=str(task.pk)
            )
            changes["dropped"] += 1
            continue
        else:
            continue
        services.set_draft_task(
            actor=actor, draft=draft, expected_version=draft.version, key=str(task.pk), data=data
        )
    for n in range(ADDED * count // 2000):
        start = FIRST.index + 4 + n % 6
        services.set_draft_task(
            actor=actor,
            draft=draft,
            expected_version=draft.version,
            key=None,
            data=services.DraftTask(
                title=f"Uusi tehtävä {n}: asiakaspalvelun kehittäminen",
                theme=themes[n % 8],
                owner=people[n % 20],
                start=_quarter(start),
                due=_quarter(start + 2),
                kind=KINDS[n % 4],
            ),
        )
        changes["added"] += 1
    for metric in metrics[:METRICS_RETARGETED]:
        services.set_draft_metric_target(
            actor=actor,
            draft=draft,
            expected_version=draft.version,
            key=str(metric.pk),
            target_value=metric.target_value + 10,
            target_date=datetime.date(2028, 12, 31),
        )
        changes["metrics"] += 1
    drafted = time.monotonic()
    revised = services.Decision(datetime.date(2027, 2, 15), "Kaupunginhallitus", "15.2.2027 § 21")
    services.adopt_revision(
        actor=actor, draft=draft, decision=revised, expected_version=draft.version
    )
    adopting = time.monotonic() - drafted
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    v1, v2 = PlanVersion.objects.filter(roadmap=roadmap).order_by("number")
    diff = compare(v1.snapshot, v2.snapshot)
    counts = diff.counts
    assert counts.rescheduled == changes["rescheduled"], (counts, changes)
    assert counts.reassigned == changes["reassigned"], (counts, changes)
    assert counts.removed == changes["dropped"] and counts.added == changes["added"], counts
    assert len(diff.metrics) == changes["metrics"], diff.metrics
    print(
        f"{count} tasks in 8 themes, 20 people, {METRICS} metrics; version 2 (revision):"
        f" {counts.rescheduled} rescheduled, {counts.reassigned} reassigned,"
        f" {counts.removed} dropped, {counts.added} added, {len(diff.metrics)} metric targets"
        f" ({len(diff.tasks)} task rows in the comparison); built in"
        f" {time.monotonic() - started:.0f} s (the revision's adoption {adopting:.1f} s)"
    )
    return {
        "roadmap": roadmap.pk,
        "admin": admin.pk,
        "language": admin.language,
        "rows": len(diff.tasks),
    }


def in_process(ids: dict[str, Any], profile: bool) -> None:
    from django.contrib.auth import get_user_model

    v1, v2 = PlanVersion.objects.filter(roadmap_id=ids["roadmap"]).order_by("number")
    with translation.override(ids["language"]):
        compare(v1.snapshot, v2.snapshot)
        samples = []
        for _ in range(9):
            started = time.perf_counter()
            compare(v1.snapshot, v2.snapshot)
            samples.append(time.perf_counter() - started)
    print(
        f"\nin-process, for information: plans.diff.compare(v1.snapshot, v2.snapshot)"
        f" median {1000 * statistics.median(samples):.1f} ms, max {1000 * max(samples):.1f} ms"
        f" (9 runs after one)"
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(pk=ids["admin"]))
    print(f"{'in-process (test client)':<34}{'ms':>8} {'queries':>8}")
    for label, path in (("comparison page", COMPARE), ("comparison .docx", DOCX)):
        client.get(path, secure=True)
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
            stats.sort_stats("tottime").print_stats(15)
            stats.sort_stats("cumulative").print_stats(r"tiekartta/", 15)
            print(out.getvalue())


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    count = int(args[0]) if args else 2000
    ids = build(count)
    if "--profile" in sys.argv:
        in_process(ids, profile=True)
        return 0
    floor = [f"/bench-floor/tasks.html?roadmap={ids['roadmap']}&rows={ids['rows']}"]
    with Server() as server:
        cookie = server.login("bench-admin", "salasana-123")
        status, html, _ = server.request(COMPARE, {"Cookie": cookie})
        assert status == 200 and b"Teema 0" in html, status
        held = server.compare(
            [
                Page("comparison v1 -> v2, page", [COMPARE], floor, GOAL, cookie),
                Page("comparison v1 -> v2, .docx", [DOCX], floor, GOAL, cookie),
            ]
        )
    in_process(ids, profile=False)
    return 0 if held else 1


if __name__ == "__main__":
    sys.exit(main())
