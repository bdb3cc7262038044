"""One way to time a request for the benchmarks: the median of several runs after a warm-up,
with the queries of the last run, printed beside its goal."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def measure(label: str, request: Callable[[], object], goal: float, runs: int = 9) -> bool:
    request()
    samples = []
    queries = 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            request()
            samples.append(time.perf_counter() - started)
        queries = len(captured)
    median = 1000 * statistics.median(samples)
    verdict = "ok" if median <= goal else "MISSED"
    print(f"{label:<32} {median:8.1f} ms  {queries:3d} queries   goal {goal} ms   {verdict}")
    return median <= goal
