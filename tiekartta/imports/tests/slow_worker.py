"""A real `db_worker` process whose imports save one task every SLOW_WORKER_DELAY seconds, for
the test that kills it mid-import (test_import_worker_killed.py). Run with the test database in
DATABASE_URL: `python -m tiekartta.imports.tests.slow_worker`. Nothing else uses it."""

from __future__ import annotations

import os
import time
from typing import Any

import django

QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
    django.setup()
    from django.core.management import call_command
    from django.test import override_settings

    from tiekartta.roadmap import services

    delay = float(os.environ.get("SLOW_WORKER_DELAY", "0.2"))
    create_task = services.create_task

    def slow_create_task(**kwargs: Any) -> Any:
        time.sleep(delay)
        return create_task(**kwargs)

    services.create_task = slow_create_task  # type: ignore[assignment]
    with override_settings(TASKS=QUEUE):
        call_command("db_worker", "--no-startup-delay", "--interval", "0.1")


if __name__ == "__main__":
    main()
