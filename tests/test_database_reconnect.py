"""With kept database connections (DATABASE_CONN_MAX_AGE, README: Running in production), a
connection that the database dropped (a restart, a fail-over, an idle timeout) is replaced before
a request uses it: the first request after the drop is answered as any other, not with the 503
of a database away. Through the production server (config/gunicorn_conf.py) on the test
database: PostgreSQL only, as an in-memory SQLite database is not shared between processes and
has no connection to drop."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess  # nosec B404  # the test's own server process
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)

pytestmark = [
    pytest.mark.django_db(transaction=True),  # the server sees only what is committed
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the server process needs a shared database"
    ),
]


def _database_url() -> str:
    db = connection.settings_dict
    user, password = quote(db["USER"] or "", safe=""), quote(db["PASSWORD"] or "", safe="")
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    return f"postgres://{user}:{password}@{host}:{port}/{db['NAME']}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _health(port: int) -> int:
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        client.request("GET", "/healthz")
        return client.getresponse().status
    finally:
        client.close()


@pytest.fixture
def server() -> Iterator[int]:
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_SECRET_KEY": "reconnect-test-" + "k" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": _database_url(),
        "DATABASE_CONN_MAX_AGE": "600",
        "TIEKARTTA_BIND": f"127.0.0.1:{port}",
        "TIEKARTTA_WEB_WORKERS": "1",
    }
    env.pop("DJANGO_DEBUG", None)
    process = subprocess.Popen(  # nosec B603  # this interpreter, the production server
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn_conf.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _health(port)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(process.stderr.read().decode()) from None  # type: ignore[union-attr]
                time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def _drop_the_servers_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return int(cursor.fetchone()[0])


def test_a_dropped_kept_connection_is_replaced_before_the_next_request(server: int) -> None:
    assert _health(server) == 200
    assert _health(server) == 200  # the second request reuses the kept connection
    assert _drop_the_servers_connections() >= 1
    assert [_health(server) for _ in range(3)] == [200, 200, 200]
