"""A web worker's start-up (config.urls, as gunicorn's first request loads it) imports no
document or spreadsheet library: WeasyPrint, python-docx, openpyxl and Pillow cost tens of MiB
in every worker and are loaded only where a document is built (mostly by the background
worker) or an upload read. README, *Running in production*: the server's memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("weasyprint", "openpyxl", "docx", "PIL", "pydyf", "fontTools", "lxml")

SCRIPT = """
import json, sys
import django
django.setup()
import config.urls
from config.wsgi import application
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def test_web_worker_start_up_imports_no_document_library() -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_SECRET_KEY": "start-up-imports-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DJANGO_DEBUG", None)
    answer = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    loaded = set(json.loads(answer.stdout.strip().splitlines()[-1]))
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


MASTER = """
import json, runpy, sys
runpy.run_path("config/gunicorn_conf.py")
print(json.dumps(sorted(sys.modules)))
"""


def _load_server_configuration(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", MASTER],
        cwd=ROOT,
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_the_servers_master_process_loads_none_of_the_application() -> None:
    """gunicorn's master only forks and watches the workers: the settings are tried in a child
    process, so that the master is some 13 MiB rather than 40 (README, the server's memory)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_SECRET_KEY": "start-up-imports-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    }
    env.pop("DJANGO_DEBUG", None)
    answer = _load_server_configuration(env)
    assert answer.returncode == 0, answer.stderr
    loaded = set(json.loads(answer.stdout.strip().splitlines()[-1]))
    assert "config.env" in loaded
    assert not {"config.settings", "django.db", "django.apps", "tiekartta.roadmap"} & loaded


def test_the_server_does_not_start_with_settings_that_do_not_load() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    for name in ("DJANGO_DEBUG", "DJANGO_SECRET_KEY"):
        env.pop(name, None)
    answer = _load_server_configuration(env)
    assert answer.returncode == 1
    assert "The settings (config.settings) do not load" in answer.stderr
    assert "DJANGO_SECRET_KEY" in answer.stderr
