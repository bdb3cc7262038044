"""The benchmarks' load data: as many rows as asked, the same rows for the same arguments, and
rows that every model's validation accepts although they were written in bulk."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import models

from tiekartta.accounts.models import Membership, Organisation, Role, User
from tiekartta.core.quarters import Quarter
from tiekartta.demo.load_data import (
    CURRENT,
    LOAD_PASSWORD,
    LoadDataError,
    LoadOptions,
    generate,
)
from tiekartta.metrics.models import Metric, MetricValue, Milestone
from tiekartta.news.models import NewsItem
from tiekartta.progress.minutes import build_minutes
from tiekartta.progress.models import ProgressEntry, Review, ReviewStatus
from tiekartta.roadmap.models import FollowUpSettings, Person, Roadmap, Status, Task, Theme
from tiekartta.roadmap.publicity import public_task_list

SMALL = LoadOptions(organisations=4, tasks=30, quarters=6)
TASK_KEY = ("roadmap__organisation__slug", "theme__name", "order")


def _quiet(_line: str) -> None:
    pass


def _load(options: LoadOptions = SMALL, *, replace: bool = False) -> None:
    generate(options, replace=replace, log=_quiet)


def _rows(queryset: models.QuerySet[Any], *fields: str) -> list[tuple[Any, ...]]:
    return list(queryset.order_by(*fields).values_list(*fields))


def _prefixed(*task_paths: str) -> tuple[str, ...]:
    return tuple(f"{path}__{key}" for path in task_paths for key in TASK_KEY)


def digest() -> str:
    """Every generated table by its natural keys (not primary keys, which a second run gives
    anew), timestamps and the frozen minutes included."""
    task = (
        *TASK_KEY,
        "title",
        "description",
        "kind",
        "owner__email",
        "collaborating_units",
        "unit",
        "start",
        "due",
        "priority",
        "quick_win",
        "status",
        "completion",
        "is_public",
        "public_summary",
        "public_summary_updated_at",
        "created_at",
        "updated_at",
    )
    review = ("roadmap__organisation__slug", "quarter")
    tables: Iterable[list[tuple[Any, ...]]] = [
        _rows(Organisation.objects.all(), "slug", "name", "is_demo"),
        _rows(
            User.objects.all(),
            "username",
            "password",
            "first_name",
            "last_name",
            "email",
            "date_joined",
        ),
        _rows(Membership.objects.all(), "organisation__slug", "user__username", "role"),
        _rows(
            Person.objects.all(),
            "organisation__slug",
            "email",
            "name",
            "title",
            "unit",
            "user__username",
        ),
        _rows(FollowUpSettings.objects.all(), "organisation__slug", "next_review_date"),
        _rows(
            Roadmap.objects.all(),
            "organisation__slug",
            "slug",
            "title",
            "description",
            "start_year",
            "end_year",
            "is_public",
            "created_at",
        ),
        _rows(
            Theme.objects.all(),
            "roadmap__organisation__slug",
            "name",
            "is_spearhead",
            "order",
            "colour",
        ),
        _rows(Task.objects.all(), *task),
        _rows(Task.collaborators.through.objects.all(), *_prefixed("task"), "person__email"),
        _rows(Task.predecessors.through.objects.all(), *_prefixed("from_task", "to_task")),
        _rows(
            Review.objects.all(),
            *review,
            "meeting_date",
            "minutes",
            "decisions",
            "status",
            "opened_by__username",
            "closed_at",
            "created_at",
            "minutes_snapshot",
        ),
        _rows(
            Review.attendees.through.objects.all(),
            *(f"review__{key}" for key in review),
            "person__email",
        ),
        _rows(
            ProgressEntry.objects.all(),
            *_prefixed("task"),
            "quarter",
            "recorded_at",
            "completion",
            "status",
            "note",
            "review__quarter",
            "author__username",
        ),
        _rows(
            Metric.objects.all(),
            "roadmap__organisation__slug",
            "name",
            "theme__name",
            "owner__email",
            "baseline_value",
            "target_value",
            "is_public",
        ),
        _rows(
            Milestone.objects.all(),
            "metric__roadmap__organisation__slug",
            "metric__name",
            "year",
            "value",
        ),
        _rows(
            MetricValue.objects.all(),
            "metric__roadmap__organisation__slug",
            "metric__name",
            "period",
            "value",
            "recorded_at",
        ),
        _rows(
            Metric.tasks.through.objects.all(),
            "metric__roadmap__organisation__slug",
            "metric__name",
            *_prefixed("task"),
        ),
        _rows(NewsItem.objects.all(), "organisation__slug", "published_at", "title", "body"),
        _rows(NewsItem.tasks.through.objects.all(), "newsitem__title", *_prefixed("task")),
    ]
    sha = hashlib.sha256()
    for table in tables:
        assert table, "every generated table has rows"
        sha.update(repr(table).encode())
    return sha.hexdigest()


@pytest.mark.django_db
def test_the_same_arguments_give_the_same_rows_and_another_seed_others() -> None:
    _load()
    first = digest()
    _load(replace=True)
    assert digest() == first
    _load(LoadOptions(organisations=4, tasks=30, quarters=6, seed="toinen"), replace=True)
    assert digest() != first


@pytest.mark.django_db
def test_counts_follow_the_arguments() -> None:
    _load()
    first_quarter = Quarter.from_index(CURRENT.index - SMALL.quarters + 1)
    organisations = Organisation.objects.filter(slug__startswith="kuorma-")
    assert sorted(organisations.values_list("slug", flat=True)) == [
        "kuorma-001",
        "kuorma-002",
        "kuorma-003",
        "kuorma-004",
    ]
    for organisation in organisations:
        roadmap = Roadmap.objects.get(organisation=organisation)
        assert roadmap.start_year == first_quarter.year and roadmap.end_year == CURRENT.year + 1
        assert roadmap.tasks.count() == SMALL.tasks
        assert roadmap.themes.filter(is_spearhead=True).count() == 2
        reviews = list(roadmap.reviews.order_by("quarter"))
        assert [review.quarter for review in reviews] == [
            str(Quarter.from_index(first_quarter.index + n)) for n in range(SMALL.quarters)
        ]
        assert [review.status for review in reviews] == [ReviewStatus.CLOSED] * (
            SMALL.quarters - 1
        ) + [ReviewStatus.OPEN]
        roles = sorted(
            Membership.objects.filter(organisation=organisation).values_list("role", flat=True)
        )
        assert roles.count(Role.ADMIN) == 1 and roles.count(Role.EDITOR) == 3
        assert roles.count(Role.OWNER) == 4 and roles.count(Role.VIEWER) == 1
        assert roadmap.metrics.count() > 0
    entries = ProgressEntry.objects.filter(task__roadmap__organisation__in=organisations)
    assert entries.count() > SMALL.organisations * SMALL.tasks
    assert set(entries.values_list("quarter", flat=True)) <= {
        str(Quarter.from_index(first_quarter.index + n)) for n in range(SMALL.quarters)
    }
    # Every third organisation publishes its roadmap: 001 and 004 here.
    published = Roadmap.objects.filter(is_public=True).values_list("organisation__slug", flat=True)
    assert sorted(published) == ["kuorma-001", "kuorma-004"]


@pytest.mark.django_db
def test_every_model_accepts_a_sample_of_the_rows() -> None:
    _load()
    samples: list[models.Model] = []
    for model in (
        Organisation,
        User,
        Membership,
        Person,
        FollowUpSettings,
        Roadmap,
        Theme,
        Task,
        Review,
        ProgressEntry,
        Metric,
        Milestone,
        MetricValue,
        NewsItem,
    ):
        rows = list(model.objects.order_by("pk"))
        assert rows, model
        samples.extend(rows[:: max(1, len(rows) // 25)])
    for sample in samples:
        sample.full_clean()


@pytest.mark.django_db
def test_tasks_show_their_latest_entry_and_meetings_their_entries() -> None:
    _load()
    for task in Task.objects.all():
        latest = task.progress_entries.newest_first().first()
        if latest is None:
            assert (task.status, task.completion) == (Status.PLANNED, 0)
        else:
            assert (task.status, task.completion) == (latest.status, latest.completion)
    for entry in ProgressEntry.objects.select_related("review", "task__roadmap"):
        assert entry.review is None or entry.review.quarter == entry.quarter
        assert entry.review is None or entry.review.roadmap_id == entry.task.roadmap_id
        # Only owners' updates before the open meeting are outside a meeting.
        assert entry.review is not None or entry.quarter == str(CURRENT)
    open_quarter = ProgressEntry.objects.filter(quarter=str(CURRENT))
    assert open_quarter.filter(review__isnull=True).exists()
    assert open_quarter.filter(review__isnull=False).exists()


@pytest.mark.django_db
def test_frozen_minutes_read_as_the_meeting_left_them() -> None:
    """The snapshot is what build_minutes gave when the meeting closed; only the tasks updated
    since (in the open quarter) may stand otherwise now, so they are left out of the
    comparison of the tasks not discussed."""
    _load()
    for roadmap in Roadmap.objects.all():
        review = roadmap.reviews.filter(status=ReviewStatus.CLOSED).order_by("-quarter").first()
        assert review is not None
        frozen = build_minutes(review, CURRENT.first_day)
        assert frozen.frozen
        review.minutes_snapshot = None
        live = build_minutes(review, CURRENT.first_day)
        assert frozen.groups == live.groups and frozen.groups
        assert frozen.attendees == live.attendees
        assert (frozen.previous_quarter, frozen.previous_date) == (
            live.previous_quarter,
            live.previous_date,
        )
        assert frozen.completed == live.completed
        moved = set(
            ProgressEntry.objects.filter(task__roadmap=roadmap, quarter=str(CURRENT)).values_list(
                "task__title", flat=True
            )
        )
        assert [row for row in frozen.not_discussed if row[0] not in moved] == [
            row for row in live.not_discussed if row[0] not in moved
        ]


@pytest.mark.django_db
def test_a_published_roadmap_has_public_tasks_summaries_and_news() -> None:
    _load()
    roadmap = Roadmap.objects.get(organisation__slug="kuorma-001")
    tasks = public_task_list(roadmap)
    assert tasks and any(task.public_summary for task in tasks)
    assert NewsItem.objects.published().filter(organisation=roadmap.organisation).exists()
    assert roadmap.metrics.filter(is_public=True).exists()
    assert not Roadmap.objects.get(organisation__slug="kuorma-002").is_public


@pytest.mark.django_db
def test_the_documented_log_ins_work() -> None:
    _load(LoadOptions(organisations=1, tasks=3, quarters=1))
    admin = User.objects.get(username="kuorma-001-admin")
    assert admin.check_password(LOAD_PASSWORD)
    assert Membership.objects.get(user=admin).role == Role.ADMIN
    assert Person.objects.get(user=admin).title == "Tietohallintopäällikkö"
    for name in ("kuorma-001-editor-3", "kuorma-001-owner-4", "kuorma-001-viewer"):
        assert User.objects.get(username=name).check_password(LOAD_PASSWORD)


@pytest.mark.django_db
def test_an_earlier_load_is_replaced_only_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    other = Organisation.objects.create(name="Kuorma", slug="kuorma-demo")
    arguments = ["--organisations", "2", "--tasks", "5", "--quarters", "2"]
    call_command("generate_load_data", *arguments)
    output = capsys.readouterr().out
    assert "roadmap.Task" in output and "kuorma-001-admin" in output
    with pytest.raises(CommandError, match="--replace"):
        call_command("generate_load_data", *arguments)
    call_command("generate_load_data", "--organisations", "1", "--tasks", "5", "--replace")
    assert list(Organisation.objects.order_by("slug").values_list("slug", flat=True)) == [
        "kuorma-001",
        other.slug,
    ]
    assert not User.objects.filter(username__startswith="kuorma-002-").exists()
    assert Task.objects.count() == 5
    with pytest.raises(LoadDataError):
        LoadOptions(organisations=1, tasks=1, quarters=1, prefix="Ei kelpaa")
