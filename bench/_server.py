"""Benchmarks as users get the pages: on PostgreSQL, through the production server.

Imported first by a benchmark, before anything of Django's (as `_scratch` is for the in-process
ones): it creates a scratch PostgreSQL database named after the benchmark (dropped again at the
end; TIEKARTTA_BENCH_KEEP=1 keeps it), points DATABASE_URL at it and sets Django up with the
benchmark settings (`bench/settings_bench.py`: the production settings, DEBUG off, plus the
bare-Django floor views), so that the benchmark writes its data where the server reads it.

    with Server() as server:             # gunicorn -w 2, production settings, this database
        cookie = server.login("bench-editor", "salasana-123")
        results = server.compare([Page(...), ...])

Every request opens a new TCP connection (http.client, one connection per request, as a
browser's first visit or a reuser's script does). Each page is timed with 1 client and with 4
concurrent clients (threads); every request of a page is followed by the same client's request
of its floor, a bare Django view that reads and renders the same rows with a trivial template
(`bench/urls_floor.py`), so that the two are measured under the same load in the same run.

The server's settings come from the environment: TIEKARTTA_BENCH_DATABASE_URL names the
PostgreSQL server and a database to connect to for creating the scratch one (default: the CI's,
postgres://tiekartta:tiekartta-ci@127.0.0.1:5432/tiekartta; the role needs CREATEDB), and
TIEKARTTA_BENCH_REQUESTS the timed requests per client count (default 20 for 1 client and
4 x 10 for 4 clients). DATABASE_CONN_MAX_AGE passes through to the server as in production.
"""

from __future__ import annotations

import atexit
import http.client
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402

ADMIN_URL = os.environ.get(
    "TIEKARTTA_BENCH_DATABASE_URL",
    "postgres://tiekartta:tiekartta-ci@127.0.0.1:5432/tiekartta",
)
REQUESTS = int(os.environ.get("TIEKARTTA_BENCH_REQUESTS", "20"))
CLIENTS = (1, 4)
WORKERS = 2
HOST = "127.0.0.1"
SCRATCH = Path(tempfile.mkdtemp(prefix="tiekartta-bench-"))
NAME = "tiekartta_bench_" + re.sub(r"\W", "_", Path(sys.argv[0]).stem).lower()


def _admin() -> psycopg.Connection:
    try:
        return psycopg.connect(ADMIN_URL, autocommit=True)
    except psycopg.OperationalError as error:
        sys.exit(
            f"PostgreSQL does not answer at {ADMIN_URL} ({error}).\n"
            "Start it (pg_ctlcluster 15 main start) or set TIEKARTTA_BENCH_DATABASE_URL."
        )


def _drop() -> None:
    from django.db import connections

    connections.close_all()
    with _admin() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{NAME}" WITH (FORCE)')


def _create() -> str:
    with _admin() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{NAME}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{NAME}"')
    if os.environ.get("TIEKARTTA_BENCH_KEEP") != "1":
        atexit.register(_drop)
    return urllib.parse.urlparse(ADMIN_URL)._replace(path=f"/{NAME}").geturl()


os.environ["DATABASE_URL"] = _create()
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings_bench"
os.environ["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(50)
os.environ["DJANGO_ALLOWED_HOSTS"] = HOST
os.environ.pop("DJANGO_DEBUG", None)
# As behind the reverse proxy that ends TLS (README, Running in production): every request says
# it came over HTTPS, so that the production settings' redirect to HTTPS does not answer it.
os.environ["DJANGO_SECURE_PROXY_SSL_HEADER"] = "X-Forwarded-Proto"
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}

import django  # noqa: E402

django.setup()


@dataclass
class Page:
    """One timed request (or a sequence of them, timed together) and its floor."""

    label: str
    paths: Sequence[str]
    floor: Sequence[str]
    goal: float | None = None  # ms, for the p50 with 1 client
    cookie: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    status: int = 200
    cookieless: bool = False  # a public page: the answer must set no cookie


@dataclass
class Timing:
    samples: list[float] = field(default_factory=list)
    size: int = 0

    @property
    def p50(self) -> float:
        return 1000 * statistics.median(self.samples)

    @property
    def p95(self) -> float:
        return 1000 * statistics.quantiles(self.samples, n=20, method="inclusive")[18]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


class Server:
    """gunicorn serving config.wsgi with the benchmark settings on the scratch database."""

    def __init__(self, workers: int = WORKERS) -> None:
        self.workers = workers
        self.port = _free_port()
        self.log = SCRATCH / "gunicorn.log"
        self.process: subprocess.Popen[bytes] | None = None
        # Each page's p50 with 1 client over its floor's, by label, once compare() has run.
        self.ratios: dict[str, float] = {}

    def __enter__(self) -> Server:
        from django.db import connections

        connections.close_all()  # the data is written; the server's workers open their own
        # As `make serve` does: the production settings serve hashed static files from a manifest.
        from django.conf import settings
        from django.core.management import call_command

        if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
            call_command("collectstatic", interactive=False, verbosity=0)
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            # What `make serve` runs (config/gunicorn_conf.py), with the benchmark's port,
            # workers and log file.
            "--config",
            str(ROOT / "config" / "gunicorn_conf.py"),
            "--workers",
            str(self.workers),
            "--bind",
            f"{HOST}:{self.port}",
            "--chdir",
            str(ROOT),
            "--timeout",
            "300",
            "--error-logfile",
            str(self.log),
        ]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603
                command, cwd=ROOT, env=os.environ.copy(), stdout=log, stderr=log
            )
        deadline = time.monotonic() + 60
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped:\n{self.log.read_text()[-3000:]}")
            try:
                status, _, _ = self.request("/healthz")
            except OSError:
                status = 0
            if status == 200:
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer:\n{self.log.read_text()[-3000:]}")
            time.sleep(0.2)
        print(
            f"gunicorn {self.workers} workers at http://{HOST}:{self.port}/, "
            f"PostgreSQL database {NAME}, DEBUG off,"
            f" DATABASE_CONN_MAX_AGE={os.environ.get('DATABASE_CONN_MAX_AGE', '0')}"
        )
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    # One request on a new connection.
    def request(
        self,
        path: str,
        headers: dict[str, str] | None = None,
        method: str = "GET",
        body: str | None = None,
    ) -> tuple[int, bytes, http.client.HTTPMessage]:
        connection = http.client.HTTPConnection(HOST, self.port, timeout=300)
        try:
            sent = {**PROXY_HEADERS, **(headers or {})}
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            return response.status, response.read(), response.headers
        finally:
            connection.close()

    def login(self, username: str, password: str) -> str:
        """Signs in through the log-in form (with its CSRF token); the Cookie header to send."""
        status, body, headers = self.request("/login/")
        assert status == 200, status
        cookies = _cookies(headers)
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        assert match and "csrftoken" in cookies, "no CSRF token on the log-in form"
        form = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": match.group(1).decode(),
                "username": username,
                "password": password,
            }
        )
        status, _, headers = self.request(
            "/login/",
            {
                "Cookie": f"csrftoken={cookies['csrftoken']}",
                "Content-Type": "application/x-www-form-urlencoded",
                # Over HTTPS Django's CSRF check wants the form's origin, as a browser sends it.
                "Origin": f"https://{HOST}:{self.port}",
            },
            method="POST",
            body=form,
        )
        session = _cookies(headers).get("sessionid")
        assert status == 302 and session, f"log-in as {username} failed ({status})"
        return f"sessionid={session}"

    def memory(self) -> dict[str, float]:
        """The master's and its workers' memory together, MiB: resident now (RSS, shared pages
        counted in each process), its peak, and the proportional share (PSS, shared pages
        divided among the processes that share them)."""
        assert self.process
        total = {"VmRSS": 0.0, "VmHWM": 0.0, "Pss": 0.0}
        for pid in [self.process.pid, *_children(self.process.pid)]:
            text = (
                Path(f"/proc/{pid}/status").read_text()
                + Path(f"/proc/{pid}/smaps_rollup").read_text()
            )
            for name in total:
                total[name] += int(re.search(rf"^{name}:\s+(\d+) kB", text, re.M).group(1)) / 1024  # type: ignore[union-attr]
        return total

    # Timing.
    def _fetch(
        self, paths: Sequence[str], headers: dict[str, str], status: int, cookieless: bool = False
    ) -> tuple[float, int]:
        size = 0
        started = time.perf_counter()
        for path in paths:
            answered, body, answer = self.request(path, headers)
            assert answered == status, (path, answered, status)
            assert not (cookieless and answer.get_all("Set-Cookie")), f"{path} set a cookie"
            size += len(body)
        return time.perf_counter() - started, size

    def time(self, page: Page, clients: int) -> tuple[Timing, Timing]:
        """The page and its floor, each request of the page followed by one of the floor."""
        headers = dict(page.headers)
        floor_headers = {}
        if page.cookie:
            headers["Cookie"] = floor_headers["Cookie"] = page.cookie
        each = REQUESTS if clients == 1 else max(2, REQUESTS * 2 // clients)
        timed, floor = Timing(), Timing()
        lock = threading.Lock()
        start = threading.Barrier(clients)
        failures: list[BaseException] = []

        def client() -> None:
            try:
                start.wait()
                for _ in range(each):
                    seconds, size = self._fetch(page.paths, headers, page.status, page.cookieless)
                    floor_seconds, floor_size = self._fetch(page.floor, floor_headers, 200)
                    with lock:
                        timed.samples.append(seconds)
                        timed.size = size
                        floor.samples.append(floor_seconds)
                        floor.size = floor_size
            except BaseException as error:
                failures.append(error)
                start.abort()

        threads = [threading.Thread(target=client) for _ in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if failures:
            raise failures[0]
        return timed, floor

    def compare(self, pages: Sequence[Page]) -> bool:
        """Times each page with 1 and 4 clients beside its floor, prints; True if all goals held."""
        for page in pages:  # warm-up: templates compiled and caches filled in both workers
            for _ in range(2 * self.workers):
                self._fetch(page.paths, _with_cookie(page.headers, page.cookie), page.status)
                self._fetch(page.floor, _with_cookie({}, page.cookie), 200)
        print(
            f"{'':<34}{'clients':>7} {'p50 ms':>8} {'p95 ms':>8} {'kB':>8}"
            f"   {'floor p50':>9} {'floor kB':>8} {'x floor':>7}   goal"
        )
        held = True
        load = os.getloadavg()[0]
        for page in pages:
            for clients in CLIENTS:
                timed, floor = self.time(page, clients)
                ratio = timed.p50 / floor.p50
                if clients == 1:
                    self.ratios[page.label] = ratio
                verdict = ""
                if clients == 1 and page.goal is not None:
                    ok = timed.p50 <= page.goal
                    held = held and ok
                    verdict = f"{page.goal:g} ms {'ok' if ok else 'MISSED'}"
                label = page.label if clients == 1 else ""
                print(
                    f"{label:<34}{clients:>7} {timed.p50:8.1f} {timed.p95:8.1f}"
                    f" {timed.size / 1024:8.1f}   {floor.p50:9.1f} {floor.size / 1024:8.1f}"
                    f" {ratio:6.1f}x   {verdict}",
                    flush=True,
                )
        memory = self.memory()
        print(
            f"server memory, master and {self.workers} workers: RSS {memory['VmRSS']:.0f} MiB"
            f" (peak {memory['VmHWM']:.0f} MiB; goal 200 MiB), PSS {memory['Pss']:.0f} MiB"
        )
        print(
            f"load average {load:.1f} before the timing, {os.getloadavg()[0]:.1f} after, on"
            f" {os.cpu_count()} CPUs (others' work slows both the pages and their floors)"
        )
        return held


def _with_cookie(headers: dict[str, str], cookie: str) -> dict[str, str]:
    return {**headers, "Cookie": cookie} if cookie else dict(headers)


def _cookies(headers: http.client.HTTPMessage) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    for value in headers.get_all("Set-Cookie") or []:
        jar.load(value)
    return {name: morsel.value for name, morsel in jar.items()}


def _children(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{pid}$", text, re.MULTILINE):
            found.append(int(status.parent.name))
    return found
