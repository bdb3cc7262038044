from __future__ import annotations

import pytest

from conftest import World
from tests.factories import ReviewFactory, TaskFactory
from tiekartta.core.locking import ConflictError, claim_version
from tiekartta.progress.models import Review, ReviewStatus
from tiekartta.roadmap.models import Task

pytestmark = pytest.mark.django_db


def test_claim_version_raises_the_version_by_one_and_returns_it(world: World) -> None:
    task = TaskFactory(roadmap=world.roadmap)
    start = task.version
    assert claim_version(Task, task.pk, start) == start + 1
    task.refresh_from_db()
    assert task.version == start + 1


def test_claim_version_of_a_stale_version_raises_and_changes_nothing(world: World) -> None:
    task = TaskFactory(roadmap=world.roadmap)
    start = task.version
    claim_version(Task, task.pk, start)
    with pytest.raises(ConflictError):
        claim_version(Task, task.pk, start)
    task.refresh_from_db()
    assert task.version == start + 1


def test_claim_version_accepts_a_queryset(world: World) -> None:
    task = TaskFactory(roadmap=world.roadmap)
    with pytest.raises(ConflictError):
        claim_version(Task.objects.exclude(pk=task.pk), task.pk, task.version)
    assert claim_version(Task.objects.all(), task.pk, task.version) == task.version + 1


def test_claim_version_honours_the_extra_filter(world: World) -> None:
    review = ReviewFactory(roadmap=world.roadmap, quarter="2026Q1")
    start = review.version
    with pytest.raises(ConflictError):
        claim_version(Review, review.pk, start, status=ReviewStatus.CLOSED)
    review.refresh_from_db()
    assert review.version == start
    assert claim_version(Review, review.pk, start, status=ReviewStatus.OPEN) == start + 1


def test_conflict_error_carries_the_current_object_and_details() -> None:
    error = ConflictError(current="now", who="Aino")
    assert error.current == "now"
    assert error.details == {"who": "Aino"}
    assert ConflictError().current is None
