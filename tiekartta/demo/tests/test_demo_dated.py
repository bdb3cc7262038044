"""The demo's history is dated as it happened: tasks drafted as a plan (never "done at 0 %"),
the finished roadmap archived when its period was over, owners' updates entered by the
owners."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from tiekartta.progress.models import ProgressEntry
from tiekartta.roadmap.models import Roadmap, Status, Task


@pytest.mark.django_db
def test_the_demo_history_is_dated_and_attributed_as_it_happened() -> None:
    call_command("load_demo")
    task_history = Task.history.model  # type: ignore[attr-defined]
    assert task_history.objects.exists()
    assert not task_history.objects.filter(status=Status.DONE, completion__lt=100).exists()
    drafts = task_history.objects.filter(history_type="+")
    assert not drafts.exclude(status=Status.PLANNED).exists(), "drafted as a plan"
    assert not task_history.objects.filter(history_date__gt=timezone.now()).exists()

    finished = Roadmap.objects.get(organisation__slug="kankaanpaa-demo", slug="2023-2025")
    assert finished.is_archived
    rows = list(finished.history.order_by("history_date", "history_id"))  # type: ignore[attr-defined]
    archivings = [
        row
        for row, before in zip(rows[1:], rows, strict=False)
        if row.is_archived and not before.is_archived
    ]
    assert len(archivings) == 1, [(r.history_date, r.is_archived) for r in rows]
    archived_at = timezone.localtime(archivings[0].history_date).date()
    assert datetime.date(2026, 1, 1) <= archived_at <= datetime.date(2026, 3, 31)
    assert rows[0].history_type == "+" and rows[0].history_date < archivings[0].history_date

    updates = ProgressEntry.objects.filter(review=None).select_related("task__owner", "author")
    by_owners = [entry for entry in updates if entry.task.owner.user_id is not None]
    assert len(by_owners) >= 2
    for entry in by_owners:
        owner = entry.task.owner.user_id
        assert entry.author_id == owner, entry.task.title
        row = task_history.objects.filter(
            id=entry.task_id, completion=entry.completion, history_date=entry.recorded_at
        ).get()
        assert row.history_user_id == owner, entry.task.title
        assert entry.recorded_at < timezone.now()
