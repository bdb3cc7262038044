"""Progress entries, review meetings and settings: validation, history and order of entries."""

import datetime
import threading
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from conftest import World
from tests.factories import PersonFactory, ReviewFactory
from tiekartta.accounts.models import Role
from tiekartta.core.locking import ConflictError
from tiekartta.progress import services
from tiekartta.progress.models import ProgressEntry, Review, ReviewStatus
from tiekartta.roadmap import services as roadmap_services
from tiekartta.roadmap.models import FollowUpSettings, Status, Task

TODAY = datetime.date(2026, 11, 27)


def record(world: World, **changes: object) -> ProgressEntry:
    values: dict[str, object] = {
        "actor": world.users[Role.EDITOR],
        "task": world.own_task,
        "quarter": "2026Q4",
        "completion": 40,
        "status": Status.IN_PROGRESS,
        "note": "Edennyt",
        "today": TODAY,
    }
    values.update(changes)
    return services.record_progress(**values)  # type: ignore[arg-type]


def test_entry_sets_the_tasks_completion_and_status_with_history(world: World) -> None:
    actor = world.users[Role.OWNER]
    entry = record(world, actor=actor, completion=35)
    task = Task.objects.get(pk=world.own_task.pk)
    assert (task.completion, task.status) == (35, Status.IN_PROGRESS)
    assert entry.author == actor and entry.recorded_at is not None
    latest = task.history.latest()
    assert latest.history_user == actor and latest.completion == 35
    assert task.version == 2, "a progress entry bumps the version so stale task forms are told"


def test_latest_quarter_wins_over_a_late_backfill(world: World) -> None:
    record(world, quarter="2026Q4", completion=60)
    record(world, quarter="2026Q2", completion=20, note="Jälkikirjaus")
    task = Task.objects.get(pk=world.own_task.pk)
    assert task.completion == 60
    assert ProgressEntry.objects.filter(task=task).count() == 2


def test_a_backdated_entry_does_not_overturn_a_later_status(world: World) -> None:
    record(world, quarter="2026Q3", completion=50)
    task = Task.objects.get(pk=world.own_task.pk)
    data = roadmap_services.TaskInput.from_task(task)
    data.status = Status.POSTPONED
    roadmap_services.update_task(actor=None, task=task, expected_version=task.version, data=data)
    record(world, quarter="2026Q1", completion=10, note="Jälkikirjaus")
    task.refresh_from_db()
    assert (task.status, task.completion) == (Status.POSTPONED, 50)


def test_losing_the_race_to_open_a_quarter_is_a_message(world: World) -> None:
    """Both pass validation, then the database's unique key decides: the loser is told."""
    original = Review.full_clean
    with (
        mock.patch.object(Review, "full_clean", lambda self, *a, **k: None),
        pytest.raises(ValidationError) as error,
    ):
        services.open_review(
            actor=None,
            roadmap=world.roadmap,
            quarter=world.review.quarter,
            meeting_date=TODAY,
            today=TODAY,
        )
    assert Review.full_clean is original
    assert "already has a review for this quarter" in str(error.value)
    assert Review.objects.filter(roadmap=world.roadmap).count() == 1


def test_two_entries_for_the_same_quarter_are_both_kept_in_order(world: World) -> None:
    first = record(world, completion=30, actor=world.users[Role.EDITOR])
    second = record(world, completion=45, actor=world.users[Role.ADMIN])
    entries = list(ProgressEntry.objects.filter(task=world.own_task).in_order())
    assert entries == [first, second]
    assert Task.objects.get(pk=world.own_task.pk).completion == 45


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"completion": 140}, "completion", "less than or equal to 100"),
        ({"quarter": "2025Q4"}, "quarter", "within the roadmap period 2026–2028"),
        ({"quarter": "2027Q1"}, "quarter", "future quarter"),
        ({"quarter": "syksy"}, "quarter", "for example 2024Q3"),
        ({"status": "valmis"}, "status", "not a valid choice"),
        ({"status": Status.DONE, "completion": 90}, "__all__", "fully complete"),
    ],
)
def test_bad_entries_are_refused_and_nothing_is_saved(
    world: World, changes: dict[str, object], field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as error:
        record(world, **changes)
    assert any(message in m for m in error.value.message_dict[field]), error.value.message_dict
    assert not ProgressEntry.objects.exists()
    task = Task.objects.get(pk=world.own_task.pk)
    assert (task.completion, task.version) == (0, 1)


def test_the_database_refuses_a_completion_over_100(world: World) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressEntry.objects.create(
            task=world.own_task, quarter="2026Q4", completion=101, status=Status.IN_PROGRESS
        )


def test_archived_roadmap_takes_no_entries(world: World) -> None:
    world.roadmap.is_archived = True
    world.roadmap.save()
    with pytest.raises(ValidationError, match="archived"):
        record(world)
    assert not ProgressEntry.objects.exists()


def test_entries_in_a_closed_review_are_refused_but_corrections_are_new_entries(
    world: World,
) -> None:
    review = ReviewFactory(roadmap=world.roadmap, quarter="2026Q4", meeting_date=TODAY)
    in_meeting = record(world, review=review, completion=50)
    services.close_review(actor=world.users[Role.EDITOR], review=review)
    with pytest.raises(ValidationError, match="closed"):
        record(world, review=review, completion=55)
    correction = record(world, completion=55, note="Korjaus kokouksen jälkeen")
    in_meeting.refresh_from_db()
    assert in_meeting.completion == 50, "the meeting's entry is frozen"
    assert correction.review is None
    assert Task.objects.get(pk=world.own_task.pk).completion == 55


def test_review_entry_must_be_for_the_reviews_quarter(world: World) -> None:
    with pytest.raises(ValidationError, match="review's quarter"):
        record(world, review=world.review, quarter="2026Q4")


def test_open_review_validates_and_records_history(world: World) -> None:
    actor = world.users[Role.EDITOR]
    review = services.open_review(
        actor=actor,
        roadmap=world.roadmap,
        quarter="2026Q4",
        meeting_date=TODAY,
        attendees=[world.owner_person, world.other_person],
        minutes="Aloitettiin",
        today=TODAY,
    )
    assert review.status == ReviewStatus.OPEN and review.opened_by == actor
    assert set(review.attendees.all()) == {world.owner_person, world.other_person}
    row = review.history.get()
    assert row.history_user == actor and row.history_type == "+"
    with pytest.raises(ValidationError) as error:
        services.open_review(
            actor=actor, roadmap=world.roadmap, quarter="2026Q4", meeting_date=TODAY, today=TODAY
        )
    assert "already has a review for this quarter" in str(error.value)
    foreign = PersonFactory(organisation=world.outsider_organisation)
    with pytest.raises(ValidationError, match="belong to this organisation"):
        services.open_review(
            actor=actor,
            roadmap=world.roadmap,
            quarter="2026Q2",
            meeting_date=TODAY,
            attendees=[foreign],
            today=TODAY,
        )
    assert Review.objects.filter(roadmap=world.roadmap).count() == 2  # the world's and this one


def test_meeting_details_use_optimistic_locking(world: World) -> None:
    review = world.review
    common = {
        "meeting_date": review.meeting_date,
        "attendees": [world.owner_person],
        "decisions": "",
    }
    services.update_review_details(
        actor=world.users[Role.EDITOR],
        review=review,
        expected_version=1,
        minutes="Ensimmäinen",
        **common,
    )
    stale = Review.objects.get(pk=review.pk)
    stale.version = 1
    with pytest.raises(ConflictError):
        services.update_review_details(
            actor=world.users[Role.ADMIN],
            review=stale,
            expected_version=1,
            minutes="Toinen",
            **common,
        )
    assert Review.objects.get(pk=review.pk).minutes == "Ensimmäinen"


def test_closing_twice_is_refused_and_closed_details_are_frozen(world: World) -> None:
    review = services.close_review(actor=world.users[Role.EDITOR], review=world.review)
    assert review.closed_at is not None and review.closed_by == world.users[Role.EDITOR]
    with pytest.raises(ValidationError, match="already closed"):
        services.close_review(actor=None, review=world.review)
    with pytest.raises(ValidationError, match="frozen"):
        services.update_review_details(
            actor=None,
            review=review,
            expected_version=review.version,
            meeting_date=review.meeting_date,
            attendees=[],
            minutes="Muutos",
            decisions="",
        )


def test_settings_are_validated_and_saved_with_history(world: World) -> None:
    actor = world.users[Role.ADMIN]
    with pytest.raises(ValidationError) as error:
        services.save_follow_up_settings(
            actor=actor,
            organisation=world.organisation,
            risk_margin=0,
            next_review_date=None,
            reminder_days_before=7,
            sign_in_link_hours=72,
        )
    assert "risk_margin" in error.value.message_dict
    assert not FollowUpSettings.objects.exists()
    saved = services.save_follow_up_settings(
        actor=actor,
        organisation=world.organisation,
        risk_margin=20,
        next_review_date=TODAY,
        reminder_days_before=5,
        sign_in_link_hours=48,
    )
    assert FollowUpSettings.for_organisation(world.organisation).risk_margin == 20
    assert saved.history.get().history_user == actor


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite's in-memory test database cannot host two writing connections",
)
@pytest.mark.django_db(transaction=True)
def test_two_people_recording_at_once_both_keep_their_entry(world: World) -> None:
    """Two real connections record the same task at the same moment: both entries are kept,
    and the task shows whichever the database serialised last."""
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def worker(persona: str, completion: int) -> None:
        try:
            barrier.wait()
            record(world, actor=world.users[persona], completion=completion)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=worker, args=(Role.EDITOR, 30)),
        threading.Thread(target=worker, args=(Role.ADMIN, 70)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    entries = list(ProgressEntry.objects.filter(task=world.own_task).in_order())
    assert sorted(e.completion for e in entries) == [30, 70]
    task = Task.objects.get(pk=world.own_task.pk)
    assert task.completion == entries[-1].completion
    assert task.version == 3
