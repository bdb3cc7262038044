"""Benchmark: a roadmap renewed for the next period, as an administrator confirms it in the wizard.

    .venv/bin/python bench/renewal.py [TASKS] [--copies 5] [--profile]

Builds a scratch PostgreSQL database (`tiekartta_bench_renewal`) with COPIES + 1 identical
organisations, each with one roadmap (2026–2028) of TASKS tasks (default 300) in eight themes
and 20 responsible people: one in ten done, one in twenty cancelled, the rest in progress or
planned; a collaborator on every third task and a predecessor on every fourth; 20 metrics, each
with a value for the 12 quarters of the period, two intermediate targets and three tasks; and
ten parked ideas. Each renewal closes the roadmap it renews, so each is timed on a fresh copy.

Signs in through the log-in form as an administrator of every copy and, through the production
server (gunicorn, 2 workers, DEBUG off; bench/_server.py), a new connection per request, walks
the wizard (`plan/renew/`) of each copy as a browser does: step 1, then step 2 (POST
step=period: the proposal with every theme, unfinished task and metric as a row of fields),
then the confirmation (POST step=confirm with every field as step 2 offers it: the period, each
theme kept under its name, each unfinished task carried with its proposed theme and schedule,
each metric with its target; built from `plans.renewal.propose` and checked against the field
names of the step 2 page). The confirmation proposes again and runs `plans.renewal.renew`; it
answers with a redirect to the new roadmap. Step 1 and 2 are warmed up on the first copy in
both workers first. Prints the confirmation's median and max over the copies against the goal
(the plans issue: renewal of a 300-task roadmap under 5 s) and the step 2 page's for
information; exits non-zero when the median misses the goal. Then renews the last copy
in-process (`propose` + `renew`, the time and the queries), for information.

A browser posts every field of step 2: two per theme, four per unfinished task, three per
metric and six more (the CSRF token, the step and the period's four). Should that ever be more
than the server's DATA_UPLOAD_MAX_NUMBER_FIELDS (TIEKARTTA_MAX_FORM_FIELDS, 20,000 by default),
the server refuses the confirmation (400, TooManyFieldsSent) before the view: the benchmark
says so and exits non-zero.

`--profile` skips the server and prints the in-process renewal with a cProfile summary.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import io
import pstats
import re
import statistics
import sys
import time
import urllib.parse
from decimal import Decimal
from typing import Any

from _server import Server  # sets up Django before the imports below
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone, translation

from tests.factories import (
    IdeaFactory,
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
from tiekartta.ideas.models import IdeaStatus
from tiekartta.metrics.formatting import expected_places, round_to
from tiekartta.metrics.models import Metric, MetricValue, Milestone
from tiekartta.plans import renewal
from tiekartta.plans.renewal_views import _plan
from tiekartta.roadmap.models import Kind, Priority, Roadmap, Status, Task

GOAL = 5.0  # s, the median of the confirmations
SLUG = "2026-2028"
START, END = 2029, 2031  # the new period: renewal.default_period of 2026–2028
QUARTERS = [Quarter(2026 + q // 4, q % 4 + 1) for q in range(12)]
KINDS = [Kind.IMPLEMENTATION, Kind.STUDY, Kind.PROCUREMENT, Kind.PILOT]
PRIORITIES = [Priority.HIGH, Priority.MEDIUM, Priority.MEDIUM, Priority.LOW]
METRICS = 20
ROW = r"(?:theme|task|metric)_\d+_[a-z_]+"  # a row's field of step 2
FIELD = re.compile(rf'name="({ROW})"'.encode())


def org_slug(copy: int) -> str:
    return f"bench-{copy}"


def base(copy: int) -> str:
    return f"/o/{org_slug(copy)}/r/{SLUG}/plan/renew/"


def _status(n: int) -> str:
    if n % 10 == 0:
        return Status.DONE
    if n % 20 == 5:
        return Status.CANCELLED
    return Status.PLANNED if n % 7 == 3 else Status.IN_PROGRESS


def build_copy(copy: int, count: int, admin: Any) -> None:
    organisation = OrganisationFactory(slug=org_slug(copy), name=f"Kunta {copy}")
    MembershipFactory(user=admin, organisation=organisation, role=Role.ADMIN)
    roadmap: Any = RoadmapFactory(
        organisation=organisation,
        slug=SLUG,
        title="Digitiekartta 2026–2028",
        description="Kunnan digitalisaation tiekartta.",
    )
    themes: list[Any] = [
        ThemeFactory(
            roadmap=roadmap,
            name=f"Teema {n}",
            order=n,
            is_spearhead=n == 0,
            description=f"Teeman {n} kuvaus.",
        )
        for n in range(8)
    ]
    people: list[Any] = [PersonFactory(organisation=organisation) for _ in range(20)]
    tasks = []
    for n in range(count):
        status = _status(n)
        start = n % 8
        tasks.append(
            Task(
                roadmap=roadmap,
                theme=themes[n % 8],
                owner=people[n % 20],
                title=f"Sähköisen asioinnin kehittämistehtävä numero {n}",
                description="Tehtävän kuvaus. " * 5,
                kind=KINDS[n // 20 % 4],
                priority=PRIORITIES[n % 4],
                quick_win=not n % 5,
                start=str(QUARTERS[start]),
                due=str(QUARTERS[min(11, start + 2 + n % 6)]),
                status=status,
                completion=100 if status == Status.DONE else (n * 7) % 90,
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
    Predecessor = Task.predecessors.through
    Predecessor.objects.bulk_create(
        Predecessor(from_task_id=task.pk, to_task_id=tasks[n - 1].pk)
        for n, task in enumerate(tasks)
        if n and n % 4 == 0
    )
    now = timezone.now()
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
        metric.tasks.set(tasks[3 * n : 3 * n + 3])
        Milestone.objects.bulk_create(
            Milestone(metric=metric, year=year, value=Decimal(30 + 10 * (year - 2026)))
            for year in (2026, 2027)
        )
        MetricValue.objects.bulk_create(
            MetricValue(
                metric=metric,
                period=str(quarter),
                value=Decimal(20 + 3 * index + n % 5) + Decimal("0.5"),
                recorded_at=now - datetime.timedelta(days=90 * (12 - index)),
            )
            for index, quarter in enumerate(QUARTERS)
        )
    for n in range(10):
        IdeaFactory(
            organisation=organisation, title=f"Pysäköity idea {n}", status=IdeaStatus.PARKED
        )


def build(count: int, copies: int) -> Any:
    call_command("migrate", verbosity=0)
    started = time.monotonic()
    admin: Any = UserFactory(username="bench-admin")
    for copy in range(copies + 1):
        build_copy(copy, count, admin)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    roadmap = Roadmap.objects.get(organisation__slug=org_slug(0), slug=SLUG)
    proposal = renewal.propose(roadmap, START, END)
    print(
        f"{copies + 1} copies of a roadmap of {count} tasks in 8 themes, 20 people, {METRICS}"
        f" metrics x 12 values; each renewal carries {len(proposal.unfinished)} unfinished tasks"
        f" ({len(proposal.done)} done, {len(proposal.cancelled)} cancelled left behind) and"
        f" {len(proposal.metrics)} metrics; built in {time.monotonic() - started:.0f} s"
    )
    return admin


def period_fields() -> dict[str, str]:
    return {
        "title": f"Digitiekartta {START}–{END}",
        "slug": f"{START}-{END}",
        "start_year": str(START),
        "end_year": str(END),
    }


def confirm_fields(roadmap: Roadmap) -> dict[str, str]:
    """What step 2 submits when the user changes nothing: every row as proposed."""
    proposal = renewal.propose(roadmap, START, END)
    fields = {"step": "confirm", **period_fields()}
    for theme in proposal.plan.themes:
        assert theme.source is not None
        fields[f"theme_{theme.source.pk}_keep"] = "on"
        fields[f"theme_{theme.source.pk}_name"] = theme.name
    for item in proposal.unfinished:
        key = f"task_{item.task.pk}"
        fields[f"{key}_carry"] = "on"
        fields[f"{key}_theme"] = str(item.task.theme_id)
        fields[f"{key}_start"] = item.start
        fields[f"{key}_due"] = item.due
    for metric in proposal.metrics:
        key = f"metric_{metric.metric.pk}"
        target = round_to(metric.target_value, expected_places(metric.metric))
        fields[f"{key}_carry"] = "on"
        fields[f"{key}_target_value"] = str(target)
        fields[f"{key}_target_date"] = datetime.date(END, 12, 31).isoformat()
    return fields


class Wizard:
    """The renewal wizard of one copy, as a browser walks it."""

    def __init__(self, server: Server, session: str, copy: int) -> None:
        self.server, self.copy, self.path = server, copy, base(copy)
        status, body, headers = server.request(self.path, {"Cookie": session})
        assert status == 200, (self.path, status)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        csrf = re.search(r"csrftoken=([^;]+)", ";".join(headers.get_all("Set-Cookie") or []))
        assert token and csrf, "no CSRF token on the wizard's first step"
        self.token = token.group(1).decode()
        self.headers = {
            "Cookie": f"{session}; csrftoken={csrf.group(1)}",
            "Content-Type": "application/x-www-form-urlencoded",
            # Over HTTPS Django's CSRF check wants the form's origin, as a browser sends it.
            "Origin": f"https://127.0.0.1:{server.port}",
        }

    def post(self, fields: dict[str, str]) -> tuple[float, int, bytes, str]:
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": self.token, **fields})
        started = time.perf_counter()
        status, answer, headers = self.server.request(
            self.path, self.headers, method="POST", body=body
        )
        return time.perf_counter() - started, status, answer, headers.get("Location", "")

    def step_two(self) -> tuple[float, set[str]]:
        seconds, status, html, _ = self.post({"step": "period", **period_fields()})
        assert status == 200, status
        return seconds, {name.decode() for name in FIELD.findall(html)}


class Queries:
    """Every query's statement (up to its WHERE) and time, without Django's 9,000 cap on the
    queries it logs (connection.execute_wrapper)."""

    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0
        self.by_statement: dict[str, list[float]] = {}

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            seconds = time.perf_counter() - started
            head = re.sub(r"\s+", " ", sql.split(" WHERE ")[0])[:100]
            self.count += 1
            self.seconds += seconds
            self.by_statement.setdefault(head, []).append(seconds)


def in_process(admin: Any, copy: int, profile: bool) -> None:
    roadmap = Roadmap.objects.get(organisation__slug=org_slug(copy), slug=SLUG)
    actor = Actor.for_user(admin)
    profiler = cProfile.Profile()
    queries = Queries()
    with translation.override(admin.language), connection.execute_wrapper(queries):
        started = time.perf_counter()
        if profile:
            profiler.enable()
        proposal = renewal.propose(roadmap, START, END)
        proposed = time.perf_counter()
        propose_queries = queries.count
        # The plan the wizard makes of an unchanged step 2 (renewal_views._plan).
        content: dict[str, Any] = {}
        for theme in proposal.plan.themes:
            assert theme.source is not None
            content[f"theme_{theme.source.pk}_keep"] = True
            content[f"theme_{theme.source.pk}_name"] = theme.name
        for item in proposal.unfinished:
            key = f"task_{item.task.pk}"
            content.update(
                {
                    f"{key}_carry": True,
                    f"{key}_theme": str(item.task.theme_id),
                    f"{key}_start": item.start,
                    f"{key}_due": item.due,
                }
            )
        for metric in proposal.metrics:
            key = f"metric_{metric.metric.pk}"
            content[f"{key}_carry"] = True
            content[f"{key}_target_value"] = metric.target_value
            content[f"{key}_target_date"] = datetime.date(END, 12, 31)
        period = {**period_fields(), "start_year": START, "end_year": END}
        renewed_at = time.perf_counter()
        outcome = renewal.renew(actor=actor, roadmap=roadmap, plan=_plan(proposal, period, content))
        done = time.perf_counter()
        if profile:
            profiler.disable()
    print(
        f"\nin-process, for information ({org_slug(copy)}): propose"
        f" {1000 * (proposed - started):.0f} ms ({propose_queries} queries), renew"
        f" {done - renewed_at:.2f} s ({queries.count - propose_queries} queries, all queries"
        f" {queries.seconds:.2f} s waiting on the database; {len(outcome.carried)} tasks and"
        f" {len(outcome.metrics)} metrics carried)"
    )
    if profile:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("tottime").print_stats(15)
        stats.sort_stats("cumulative").print_stats(r"tiekartta/", 30)
        print(out.getvalue())
        print("queries by statement (up to its WHERE), the most time first: count, ms in all")
        ranked = sorted(queries.by_statement.items(), key=lambda kv: -sum(kv[1]))
        for head, samples in ranked[:20]:
            print(f"{len(samples):6} {1000 * sum(samples):8.0f}  {head}")


class Refused(Exception):
    """The production settings refuse the confirmation: it has too many fields."""

    def __init__(self, fields: int) -> None:
        super().__init__(fields)
        self.fields = fields


def run(server: Server, copies: range, confirmations: list[float], steps: list[float]) -> None:
    """The wizard of each copy, timed; Refused if the confirmation is refused for its size."""
    session = server.login("bench-admin", "salasana-123")
    # Warm-up: the wizard's two steps in both workers (templates compiled, caches filled).
    for _ in range(2 * server.workers):
        Wizard(server, session, copies[0]).step_two()
    for copy in copies:
        wizard = Wizard(server, session, copy)
        seconds, names = wizard.step_two()
        roadmap = Roadmap.objects.get(organisation__slug=org_slug(copy), slug=SLUG)
        fields = confirm_fields(roadmap)
        posted = {name for name in fields if re.fullmatch(ROW, name)}
        assert posted == names, sorted(posted ^ names)[:5]
        answered, status, body, location = wizard.post(fields)
        sent = len(fields) + 1  # and the CSRF token
        if status == 400 and sent > settings.DATA_UPLOAD_MAX_NUMBER_FIELDS:
            raise Refused(sent)
        assert status == 302 and location.endswith(f"/r/{START}-{END}/plan/"), (
            status,
            location,
            body[:2000],
        )
        steps.append(seconds)
        confirmations.append(answered)
        new = Roadmap.objects.get(organisation__slug=org_slug(copy), slug=f"{START}-{END}")
        carried = Task.objects.filter(roadmap=new).count()
        assert carried == sum(1 for n in fields if n.startswith("task_") and n.endswith("_carry"))
        print(
            f"{org_slug(copy)}: step 2 {1000 * seconds:.0f} ms, confirmation ({sent} fields)"
            f" {answered:.2f} s, {carried} tasks carried",
            flush=True,
        )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("tasks", nargs="?", type=int, default=300)
    parser.add_argument("--copies", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    admin = build(args.tasks, args.copies)
    if args.profile:
        in_process(admin, args.copies, profile=True)
        return 0
    confirmations: list[float] = []
    steps: list[float] = []
    refused = None
    with Server() as server:
        try:
            run(server, range(args.copies), confirmations, steps)
        except Refused as error:
            refused = error.fields
    if refused:
        print(
            f"REFUSED: the server answers the confirmation 400 (TooManyFieldsSent): the form has"
            f" {refused} fields, DATA_UPLOAD_MAX_NUMBER_FIELDS is"
            f" {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS}, so this roadmap cannot be renewed in"
            " the wizard.",
            flush=True,
        )
        return 1
    median = statistics.median(confirmations)
    ok = median <= GOAL and not refused
    verdict = "ok" if ok else "MISSED" if median > GOAL else "REFUSED in production"
    print(
        f"\n{'':<36}{'runs':>5} {'median':>9} {'max':>9}   goal\n"
        f"{'renewal, confirmation (POST)':<36}{len(confirmations):>5} {median:8.2f}s"
        f" {max(confirmations):8.2f}s   {GOAL:g} s {verdict}\n"
        f"{'wizard step 2 page (POST)':<36}{len(steps):>5}"
        f" {statistics.median(steps):8.2f}s {max(steps):8.2f}s"
    )
    in_process(admin, args.copies, profile=False)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
