"""The daily round, for one cron line or systemd timer: reminders, the feedback deadlines, every
retention rule (`purge_expired`), and the clean-up of background jobs and the worker's queue.

Each step runs even when an earlier one fails (a mail server that is down must not keep the
old files forever); the command then exits non-zero naming the steps that failed, so the
scheduler's mail or journal shows it."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend

from tiekartta.jobs.services import delete_old_jobs, give_up_stale_jobs

logger = logging.getLogger(__name__)


def _jobs() -> None:
    stale = give_up_stale_jobs()
    old = delete_old_jobs(older_than=datetime.timedelta(hours=settings.TIEKARTTA_JOB_KEEP_HOURS))
    logger.info("Background jobs: %s given up, %s old ones deleted", stale, old)


class Command(BaseCommand):
    help = "The daily round: reminders, feedback deadlines and retention, clean-ups."

    def steps(self) -> list[tuple[str, Callable[[], Any]]]:
        out = {"stdout": self.stdout, "stderr": self.stderr}
        return [
            ("send_reminders", lambda: call_command("send_reminders", **out)),
            ("remind_feedback", lambda: call_command("remind_feedback", **out)),
            # Every retention rule: feedback, log-in records, uploads, links, sessions.
            ("purge_expired", lambda: call_command("purge_expired", **out)),
            ("jobs", _jobs),
            ("prune_db_task_results", lambda: self.prune_queue(out)),
        ]

    def prune_queue(self, out: dict[str, Any]) -> None:
        # Only the database queue keeps rows to prune ("immediate" runs jobs in the request).
        if isinstance(task_backends["default"], DatabaseBackend):
            call_command("prune_db_task_results", "--min-age-days", "7", **out)

    def handle(self, *args: Any, **options: Any) -> None:
        failed = []
        for name, step in self.steps():
            try:
                step()
            except Exception:  # reported below; the other steps still run
                logger.exception("Daily step %s failed", name)
                failed.append(name)
        if failed:
            raise CommandError(f"These daily steps failed: {', '.join(failed)}.")
        self.stdout.write("The daily round is done.")
