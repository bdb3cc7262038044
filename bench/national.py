"""National scale check: one town's pages with the whole country's data beside it.

    .venv/bin/python bench/national.py [--organisations 300] [--tasks 150] [--quarters 12]

Writes the load data (`manage.py generate_load_data`) of ONE municipality into a scratch
PostgreSQL database and times its pages through the production server (gunicorn, 2 workers,
production settings; bench/_server.py): the overview, the dashboard, a task page, the public
roadmap page and the API's task list, as an editor (the API with a token). Then replaces the
load with ORGANISATIONS municipalities (the same generator and seed, so the first town's rows
are the same) and times the same pages again, and the public front page, which lists every
published roadmap of the country. PostgreSQL's statistics are refreshed (ANALYZE) after each
load, as autovacuum would in production. Prints each page's p50 in both, their ratio (goal
1.5x) and the front page's p50 (goal 200 ms); exits non-zero when a goal is missed.
TIEKARTTA_BENCH_REQUESTS requests per page (default 20), 1 client, a new connection each.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

os.environ.setdefault("TIEKARTTA_API_RATE", "1000000/m")

import _load
from _server import REQUESTS, Server
from django.db import connection

RATIO_GOAL = 1.5
FRONT_GOAL = 200  # ms


def analyse() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    connection.close()


def timings(server: Server, town: _load.Town, front: bool) -> dict[str, float]:
    """The p50 in ms of each page after a warm-up."""
    cookie = server.login(town.login, town.password)
    pages = town.pages()
    del pages["timeline"], pages["review meeting"]
    requests: dict[str, tuple[str, dict[str, str]]] = {
        name: (path, {} if name == "public roadmap" else {"Cookie": cookie})
        for name, path in pages.items()
    }
    requests["API task list"] = (town.api_tasks, {"Authorization": f"Bearer {town.token}"})
    if front:
        requests["public front page"] = ("/", {})
    found = {}
    for name, (path, headers) in requests.items():
        samples = []
        for n in range(REQUESTS + 2 * server.workers):
            started = time.perf_counter()
            status, _body, _headers = server.request(path, headers)
            elapsed = time.perf_counter() - started
            assert status == 200, (name, path, status)
            if n >= 2 * server.workers:  # the warm-up: both workers, templates and caches
                samples.append(elapsed)
        found[name] = 1000 * statistics.median(samples)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--organisations", type=int, default=300)
    parser.add_argument("--tasks", type=int, default=150)
    parser.add_argument("--quarters", type=int, default=12)
    args = parser.parse_args()

    seconds = _load.load(1, args.tasks, args.quarters)
    analyse()
    town = _load.town(1)
    print(f"one municipality, {args.tasks} tasks, {args.quarters} quarters: {seconds:.0f} s")
    with Server() as server:
        alone = timings(server, town, front=True)

    started = time.monotonic()
    from django.core.management import call_command

    call_command(
        "generate_load_data",
        organisations=args.organisations,
        tasks=args.tasks,
        quarters=args.quarters,
        replace=True,
        stdout=open(os.devnull, "w"),  # noqa: SIM115
    )
    analyse()
    print(
        f"{args.organisations} municipalities x {args.tasks} tasks, {args.quarters} quarters:"
        f" {time.monotonic() - started:.0f} s"
    )
    town = _load.town(1)  # the same town, its rows written again
    with Server() as server:
        national = timings(server, town, front=True)
        memory = server.memory()

    held = True
    print(f"{'':<20}{'alone ms':>9} {'national ms':>12} {'ratio':>6}   goal")
    for name, ms in national.items():
        ratio = ms / alone[name]
        goal = f"{RATIO_GOAL:g}x"
        ok = ratio <= RATIO_GOAL
        if name == "public front page":  # one roadmap against the whole country's: no ratio
            ok = ms <= FRONT_GOAL
            goal = f"{FRONT_GOAL} ms"
        held = held and ok
        print(
            f"{name:<20}{alone[name]:9.1f} {ms:12.1f} {ratio:5.2f}x   {goal}"
            f" {'ok' if ok else 'MISSED'}"
        )
    print(
        f"server memory with the national data: RSS {memory['VmRSS']:.0f} MiB,"
        f" PSS {memory['Pss']:.0f} MiB; load average {os.getloadavg()[0]:.1f}"
        f" on {os.cpu_count()} CPUs"
    )
    return 0 if held else 1


if __name__ == "__main__":
    sys.exit(main())
