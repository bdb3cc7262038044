"""The follow-up's services take an Actor: a user is kept in the user columns and the history
rows, a token or the system only in the history rows' change reason, which the change log
reads. Pages still render entries that have no user."""

import datetime

from django.urls import reverse

from conftest import World
from tiekartta.accounts.models import Role
from tiekartta.core.actors import Actor
from tiekartta.progress import services
from tiekartta.progress.demo import set_demo_review_date
from tiekartta.roadmap.models import FollowUpSettings, Status, Task

TODAY = datetime.date(2026, 11, 27)
SYSTEM = Actor.system("Command line: import_tasks")


def record(world: World, actor: object) -> None:
    services.record_progress(
        actor=actor,  # type: ignore[arg-type]
        task=world.own_task,
        quarter="2026Q4",
        completion=45,
        status=Status.IN_PROGRESS,
        note="Tuotu",
        today=TODAY,
    )


def test_a_system_actor_is_named_in_the_history_and_no_user_is_the_author(world: World) -> None:
    record(world, SYSTEM)
    entry = world.own_task.progress_entries.get()
    assert entry.author is None
    row = Task.objects.get(pk=world.own_task.pk).history.latest()
    assert row.history_user is None
    assert row.history_change_reason == "Command line: import_tasks"
    assert row.completion == 45


def test_a_user_actor_is_the_author_and_the_history_user(world: World) -> None:
    user = world.users[Role.OWNER]
    record(world, Actor.for_user(user))
    assert world.own_task.progress_entries.get().author == user
    row = Task.objects.get(pk=world.own_task.pk).history.latest()
    assert row.history_user == user
    assert not row.history_change_reason


def test_the_task_page_and_the_change_log_show_an_entry_without_a_user(world: World) -> None:
    record(world, SYSTEM)
    client = world.client_for(Role.VIEWER)
    page = client.get(
        reverse(
            "progress:task_detail",
            kwargs={
                "org": world.organisation.slug,
                "roadmap": world.roadmap.slug,
                "task": world.own_task.pk,
            },
        )
    )
    assert page.status_code == 200
    assert "Tuotu" in page.content.decode()
    log = client.get(reverse("activity:change_log", kwargs={"org": world.organisation.slug}))
    assert log.status_code == 200
    assert "Command line: import_tasks" in log.content.decode()


def test_closing_a_review_as_the_system_keeps_no_user(world: World) -> None:
    review = services.close_review(actor=Actor.system("X"), review=world.review, today=TODAY)
    assert review.closed_by is None
    row = review.history.latest()
    assert (row.history_user, row.history_change_reason) == (None, "X")


def test_opening_a_review_as_a_user_keeps_the_user(world: World) -> None:
    user = world.users[Role.EDITOR]
    review = services.open_review(
        actor=Actor.for_user(user),
        roadmap=world.roadmap,
        quarter="2026Q4",
        meeting_date=TODAY,
        today=TODAY,
    )
    assert review.opened_by == user
    assert review.history.latest().history_user == user


def test_the_demo_writes_the_follow_up_settings_through_the_service(world: World) -> None:
    set_demo_review_date(world.organisation.pk)
    settings = FollowUpSettings.objects.get(organisation=world.organisation)
    assert settings.next_review_date == datetime.date(2026, 12, 10)
    assert settings.reminder_days_before == 14
    row = settings.history.latest()
    assert (row.history_user, row.history_change_reason) == (None, "Demo")
    # Settings an admin has saved are left alone.
    set_demo_review_date(world.organisation.pk, actor=Actor.system("Again"))
    assert settings.history.count() == 1
