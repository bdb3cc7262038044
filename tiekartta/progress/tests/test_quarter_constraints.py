"""Every stored quarter is well formed: the database refuses anything else, on SQLite as on
PostgreSQL, even past the model's validators."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction

from conftest import World
from tests.factories import PersonFactory, ProgressEntryFactory
from tiekartta.progress.models import ProgressEntry, ReminderLog, Review
from tiekartta.roadmap.models import Task

pytestmark = pytest.mark.django_db

MALFORMED = [
    "2026Q5",
    "20x6Q1",
    "2026Q0",
    "2026q1",
    "26Q1",
    "٢٠٢٦Q1",
    "2026-3",
    "Q32026",
]
# Longer than the six characters PostgreSQL's varchar(6) takes (DataError there); SQLite keeps
# no length, so its check constraint must refuse them too.
TOO_LONG = ["2026Q12", "2026Q1\n", " 2026Q1"]


def _refused(update: object) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        update()  # type: ignore[operator]


@pytest.mark.parametrize("bad", MALFORMED)
def test_task_start_and_due_take_only_a_quarter(world: World, bad: str) -> None:
    tasks = Task.objects.filter(pk=world.own_task.pk)
    _refused(lambda: tasks.update(start=bad))
    _refused(lambda: tasks.update(due=bad))


@pytest.mark.parametrize("bad", TOO_LONG)
def test_a_quarter_with_more_after_it_is_refused(world: World, bad: str) -> None:
    tasks = Task.objects.filter(pk=world.own_task.pk)
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        tasks.update(start=bad)
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        Review.objects.filter(pk=world.review.pk).update(quarter=bad)


def test_task_start_and_due_may_be_empty_or_a_quarter(world: World) -> None:
    tasks = Task.objects.filter(pk=world.own_task.pk)
    tasks.update(start="", due="")
    tasks.update(start="2026Q1", due="2028Q4")
    assert tasks.get().due == "2028Q4"


@pytest.mark.parametrize("bad", [*MALFORMED, ""])
def test_review_progress_and_reminder_quarters_take_only_a_quarter(world: World, bad: str) -> None:
    entry = ProgressEntryFactory(task=world.own_task)
    reminder = ReminderLog.objects.create(
        organisation=world.organisation,
        person=PersonFactory(organisation=world.organisation),
        review_date=datetime.date(2026, 9, 20),
        quarter="2026Q3",
        task_count=1,
    )
    _refused(lambda: Review.objects.filter(pk=world.review.pk).update(quarter=bad))
    _refused(lambda: ProgressEntry.objects.filter(pk=entry.pk).update(quarter=bad))
    _refused(lambda: ReminderLog.objects.filter(pk=reminder.pk).update(quarter=bad))


def test_the_constraint_message_is_the_quarter_message(world: World) -> None:
    # The field's validator tells the user (a task's validation asks the database only about
    # the rules between fields, roadmap.models.Task.validate_constraints); the database's
    # constraint, for writes past validation, says the same.
    task = world.own_task
    task.start = "2026Q5"
    with pytest.raises(ValidationError) as error:
        task.full_clean()
    assert "Enter a quarter as year and quarter" in str(error.value.message_dict["start"])
    constraint = next(c for c in Task._meta.constraints if c.name == "task_start_is_quarter")
    assert "Enter a quarter as year and quarter" in str(constraint.get_violation_error_message())
