"""The demo's follow-up history tells a story on first run, and loading it twice adds nothing."""

import datetime

import pytest
import time_machine
from django.core.management import call_command

from tiekartta.progress.dashboard import build_dashboard
from tiekartta.progress.models import ProgressEntry, Review, ReviewStatus
from tiekartta.progress.reminders import plan_reminders
from tiekartta.roadmap.models import FollowUpSettings, Roadmap, Status
from tiekartta.roadmap.risk import RiskFlag

TODAY = datetime.date(2026, 11, 27)


@pytest.mark.django_db
def test_demo_history_from_2023q1_and_a_live_present() -> None:
    with time_machine.travel("2026-11-27 10:00 +0200", tick=False):
        call_command("load_demo")
        counts = (Review.objects.count(), ProgressEntry.objects.count())
        call_command("load_demo")
        assert (Review.objects.count(), ProgressEntry.objects.count()) == counts
        plans = plan_reminders(TODAY, "kankaanpaa-demo")

    old = Roadmap.objects.get(organisation__slug="kankaanpaa-demo", slug="2023-2025")
    new = Roadmap.objects.get(organisation__slug="kankaanpaa-demo", slug="2026-2028")
    old_reviews = list(Review.objects.filter(roadmap=old).order_by("quarter"))
    assert old_reviews[0].quarter == "2023Q1" and old_reviews[-1].quarter == "2025Q4"
    assert len(old_reviews) == 12
    assert all(r.status == ReviewStatus.CLOSED and r.decisions for r in old_reviews)
    assert all(r.attendees.count() >= 9 for r in old_reviews)
    assert old.is_archived, "archived again after its history was written"
    # Entries sit on their meeting's day, not on the day the demo was loaded.
    first = ProgressEntry.objects.filter(review=old_reviews[0]).first()
    assert first is not None and first.recorded_at.date() == old_reviews[0].meeting_date

    with_entries = old.tasks.filter(progress_entries__isnull=False).distinct().count()
    assert with_entries >= 0.9 * old.tasks.count(), "most tasks have a history"
    for task in old.tasks.filter(status=Status.DONE):
        assert task.completion == 100, task.title
    studies = old.tasks.filter(kind="study", status=Status.DONE)
    assert any(
        "päätettiin" in e.note.lower() or "valmis" in e.note.lower()
        for e in ProgressEntry.objects.filter(task__in=studies, status=Status.DONE)
    )

    assert [r.quarter for r in Review.objects.filter(roadmap=new).order_by("quarter")] == [
        "2026Q1",
        "2026Q2",
        "2026Q3",
    ]
    owners_updates = ProgressEntry.objects.filter(
        task__roadmap=new, quarter="2026Q4", review__isnull=True
    )
    assert owners_updates.count() >= 3
    dashboard = build_dashboard(new, TODAY, margin=15)
    flags = {value: count for value, _label, count in dashboard.risk_counts}
    assert all(flags[flag] >= 1 for flag in RiskFlag.values), flags
    assert dashboard.completed_this_quarter and dashboard.late
    actual = [value for _q, value, _p in dashboard.burn_up_rows if value is not None]
    assert actual == sorted(actual) and len(actual) == 4

    # The plan predates the period; the old roadmap's changes to the plan are the 2024
    # revision's, on the day it was adopted, and the postponements and the cancellation
    # decided in the meetings, on their meeting dates.
    from tiekartta.plans.demo import REVISED_2024
    from tiekartta.reports.interim import build_interim_report

    changes = build_interim_report(old, TODAY, TODAY).plan_changes
    assert len(changes) >= 3
    meeting_days = {r.meeting_date for r in old_reviews}
    assert all(change.when.date() in meeting_days | {REVISED_2024.on} for change in changes)
    assert any(change.when.date() == REVISED_2024.on for change in changes)
    # The renewed roadmap was drafted as a plan too: its one change is the recovery exercise's
    # postponement, decided in the 2026Q3 meeting (not drafted in as "postponed").
    new_changes = build_interim_report(new, TODAY, TODAY).plan_changes
    new_meetings = {r.meeting_date for r in Review.objects.filter(roadmap=new)}
    assert [c.task for c in new_changes] == ["Tietojärjestelmien palautumisharjoitus"]
    assert all(change.when.date() in new_meetings for change in new_changes)

    settings = FollowUpSettings.for_organisation(new.organisation)
    assert settings.next_review_date == datetime.date(2026, 12, 10)
    [plan] = plans
    assert plan.status == "due"
    assert any(not r.skip_reason for r in plan.reminders), "someone is due a reminder"
