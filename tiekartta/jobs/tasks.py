"""The worker's entry point (django-tasks): `manage.py db_worker` runs it."""

from __future__ import annotations

from django_tasks import task

from tiekartta.jobs import services


@task()
def run_job(job_id: str) -> None:
    services.run(job_id)
