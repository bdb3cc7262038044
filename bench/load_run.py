"""Load run: a bounded run of signed-in users against the production server on loopback.

    .venv/bin/python bench/load_run.py [--clients 4] [--minutes 10]
        [--organisations 3] [--tasks 300] [--quarters 12]

Writes the national load data (`manage.py generate_load_data`, by default 3 municipalities of
300 tasks with 12 quarters of follow-up history; the first has a public roadmap) into a scratch
PostgreSQL database, starts gunicorn (2 workers, production settings; bench/_server.py) and
runs CLIENTS clients for MINUTES minutes. Each client signs in as its own editor of the first
municipality and walks, in a random order drawn again every round, the overview, a task page
(20 tasks in turn), the dashboard, the timeline, the open review meeting, the API's task list
(with a token, `Authorization: Bearer`) and the public roadmap page (without a cookie), one
request at a time on a new connection, with no pause. Every answer outside 2xx/3xx and every
connection error counts as an error. Prints the requests, the errors (with the first few),
p50/p95/p99 per page and overall, the requests per second, the server's memory and the load
average; exits non-zero on any error.

The API's rate limit (TIEKARTTA_API_RATE) is raised for the run, since clients without a pause
would meet it; the other settings are production's.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import threading
import time
from collections import defaultdict

os.environ.setdefault("TIEKARTTA_API_RATE", "1000000/m")

import _load
from _server import Server

from tiekartta.demo.load_data import username


def percentile(samples: list[float], share: float) -> float:
    if len(samples) == 1:
        return samples[0]
    return statistics.quantiles(samples, n=100, method="inclusive")[round(share * 100) - 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--organisations", type=int, default=3)
    parser.add_argument("--tasks", type=int, default=300)
    parser.add_argument("--quarters", type=int, default=12)
    args = parser.parse_args()

    seconds = _load.load(args.organisations, args.tasks, args.quarters)
    town = _load.town(1)
    print(
        f"load data: {args.organisations} municipalities x {args.tasks} tasks,"
        f" {args.quarters} quarters, written in {seconds:.0f} s; pages of {town.slug}"
    )
    pages = town.pages()
    pages["API task list"] = town.api_tasks
    assert "public roadmap" in pages, "the first municipality has no public roadmap"

    samples: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    lock = threading.Lock()
    with Server() as server:
        # The editors' sessions; the load has three editors, so clients beyond share them.
        cookies = [
            server.login(username(town.slug, "editor", n % 3 + 1), town.password)
            for n in range(args.clients)
        ]
        deadline = time.monotonic() + 60 * args.minutes
        memory_before = server.memory()
        load_before = os.getloadavg()[0]

        def client(number: int) -> None:
            rng = random.Random(number)  # noqa: S311  # nosec B311 - a benchmark's order
            task = 0
            while time.monotonic() < deadline:
                names = list(pages)
                rng.shuffle(names)
                for name in names:
                    path = pages[name]
                    headers: dict[str, str] = {}
                    if name == "task page":
                        task = (task + 1) % len(town.task_ids)
                        path = f"{town.base}tasks/{town.task_ids[task]}/"
                    if name == "API task list":
                        headers["Authorization"] = f"Bearer {town.token}"
                    elif name != "public roadmap":
                        headers["Cookie"] = cookies[number]
                    started = time.perf_counter()
                    try:
                        status, _body, _headers = server.request(path, headers)
                        failure = None if 200 <= status < 400 else f"{status} {path}"
                    except OSError as error:
                        failure = f"{type(error).__name__}: {error} {path}"
                    elapsed = time.perf_counter() - started
                    with lock:
                        samples[name].append(elapsed)
                        if failure:
                            errors.append(failure)

        threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        memory = server.memory()

    every = [s for values in samples.values() for s in values]
    print(
        f"{args.clients} clients for {args.minutes:g} min:"
        f" {len(every)} requests ({len(every) / (60 * args.minutes):.1f}/s), {len(errors)} errors"
    )
    print(f"{'':<18}{'requests':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for name, values in [*sorted(samples.items()), ("all pages", every)]:
        print(
            f"{name:<18}{len(values):>9} {1000 * statistics.median(values):8.1f}"
            f" {1000 * percentile(values, 0.95):8.1f} {1000 * percentile(values, 0.99):8.1f}"
        )
    for failure in errors[:10]:
        print("error:", failure)
    print(
        f"server memory, master and {server.workers} workers: RSS {memory_before['VmRSS']:.0f}"
        f" MiB before the run, {memory['VmRSS']:.0f} MiB after (peak {memory['VmHWM']:.0f} MiB),"
        f" PSS {memory['Pss']:.0f} MiB"
    )
    print(
        f"load average {load_before:.1f} before the run, {os.getloadavg()[0]:.1f} after,"
        f" on {os.cpu_count()} CPUs"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
