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
