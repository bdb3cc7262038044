"""The daily round runs every step, goes on past a failing one and then says which failed."""

from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone

from conftest import World
from tiekartta.jobs.models import Job, JobState


def _job(world: World, state: str, **fields: Any) -> Job:
    return Job.objects.create(
        organisation=world.organisation,
        requested_by=world.users["admin"],
        kind="interim_report_pdf",
        key=state,
        state=state,
        **fields,
    )


def test_the_round_cleans_up_the_jobs(world: World) -> None:
    quiet = _job(world, JobState.RUNNING)
    old = _job(world, JobState.DONE, content=b"%PDF")
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=25), tick=False):
        fresh = _job(world, JobState.DONE, content=b"%PDF")
        call_command("run_daily", stdout=StringIO(), stderr=StringIO())
    assert not Job.objects.filter(pk__in=[old.pk, quiet.pk]).exists()  # kept 24 h
    assert Job.objects.filter(pk=fresh.pk).exists()


def test_a_failing_step_does_not_stop_the_others(world: World, monkeypatch: Any) -> None:
    ran: list[str] = []
    real = call_command

    def fake(name: str, *args: Any, **kwargs: Any) -> Any:
        ran.append(name)
        if name == "send_reminders":
            raise RuntimeError("the mail server is down")
        if name == "run_daily":
            return real(name, *args, **kwargs)
        return None

    monkeypatch.setattr("tiekartta.operations.management.commands.run_daily.call_command", fake)
    monkeypatch.setattr(
        "tiekartta.operations.management.commands.run_daily.DatabaseBackend", object
    )
    quiet = _job(world, JobState.RUNNING)
    with (
        time_machine.travel(timezone.now() + datetime.timedelta(hours=1), tick=False),
        pytest.raises(CommandError, match="send_reminders"),
    ):
        real("run_daily", stdout=StringIO(), stderr=StringIO())
    assert ran == ["send_reminders", "remind_feedback", "purge_expired", "prune_db_task_results"]
    quiet.refresh_from_db()
    assert quiet.state == JobState.FAILED  # the jobs step ran after the failure
