"""The send_reminders command: who is reminded, when, in which language, and only once."""

from __future__ import annotations

import datetime
import io
import re
import smtplib
from typing import Any
from unittest import mock

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.mail import send_mail as real_send_mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from conftest import BrowserLikeClient, World
from tests.factories import (
    MembershipFactory,
    PersonFactory,
    ProgressEntryFactory,
    RoadmapFactory,
    TaskFactory,
    ThemeFactory,
    UserFactory,
    verify_email,
)
from tiekartta.accounts.models import Membership, Role, SignInLink
from tiekartta.accounts.services import hash_sign_in_token
from tiekartta.progress.models import ReminderLog
from tiekartta.roadmap.models import FollowUpSettings, Roadmap, Status, Task

REVIEW_DATE = datetime.date(2026, 12, 10)
IN_WINDOW = "2026-12-01 09:00 +0200"
OWNER_EMAIL = "tekninen.johtaja@testikaupunki.fi"
BASE_URL = "https://tiekartta.testikaupunki.fi"
# The token is after #: the browser never sends it, so no access log records it.
SIGN_IN_URL = re.compile(re.escape(BASE_URL) + r"/[^\s]*login/link/#(?P<token>[A-Za-z0-9_-]+)")


@pytest.fixture(autouse=True)
def base_url(settings: Any) -> None:
    """A base address unlike the default, so that the e-mail must really be built from it."""
    settings.TIEKARTTA_BASE_URL = BASE_URL


@pytest.fixture(autouse=True)
def empty_outbox() -> None:
    mail.outbox = []


def follow_up(world: World, **changes: Any) -> FollowUpSettings:
    values: dict[str, Any] = {"next_review_date": REVIEW_DATE, "reminder_days_before": 14}
    values.update(changes)
    return FollowUpSettings.objects.create(organisation=world.organisation, **values)


def with_owner_email(world: World) -> None:
    """The owner's Person has the address, and the owner's account has it verified (as
    accepting an invitation sent there does): the reminder carries a sign-in link."""
    world.owner_person.email = OWNER_EMAIL
    world.owner_person.save()
    verify_email(world.users[Role.OWNER], OWNER_EMAIL)


def follow_link(client: BrowserLikeClient, found: re.Match[str]) -> Any:
    """What the link's page does: post the token from the fragment."""
    return client.post(reverse("accounts:sign_in_link"), {"token": found.group("token")})


def run(*args: str, **options: Any) -> str:
    out = io.StringIO()
    call_command("send_reminders", *args, stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def record_url(task: Task) -> str:
    return reverse(
        "progress:record",
        kwargs={
            "org": task.roadmap.organisation.slug,
            "roadmap": task.roadmap.slug,
            "task": task.pk,
        },
    )


def ready(world: World) -> None:
    follow_up(world)
    with_owner_email(world)


# Dry run -------------------------------------------------------------------------------------


def test_dry_run_lists_the_owner_and_writes_nothing(world: World) -> None:
    ready(world)
    with time_machine.travel(IN_WINDOW, tick=False):
        output = run("--dry-run")
    assert (
        f"would send Tekninen johtaja <{OWNER_EMAIL}>: 1 task(s): Vesimittarien etäluenta" in output
    )
    assert "dry run: nothing sent" in output
    assert mail.outbox == []
    assert not ReminderLog.objects.exists()
    assert not SignInLink.objects.exists()


# Sending -------------------------------------------------------------------------------------


def test_one_mail_per_person_lists_all_their_tasks_with_links(world: World) -> None:
    ready(world)
    follow_up_settings = FollowUpSettings.objects.get(organisation=world.organisation)
    follow_up_settings.sign_in_link_hours = 48
    follow_up_settings.save()
    second = TaskFactory(
        theme=world.other_theme, owner=world.owner_person, title="Sähköinen asiointi"
    )
    with time_machine.travel(IN_WINDOW, tick=False):
        output = run()
        now = datetime.datetime.now(tz=datetime.UTC)

    assert f"sent Tekninen johtaja <{OWNER_EMAIL}>: 2 task(s)" in output
    assert "1 sent, 0 failed" in output
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [OWNER_EMAIL]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    body = message.body
    assert "Vesimittarien etäluenta" in body and "Sähköinen asiointi" in body
    assert BASE_URL + record_url(world.own_task) in body
    assert BASE_URL + record_url(second) in body
    assert BASE_URL + reverse("progress:my_tasks", kwargs={"org": "testikaupunki"}) in body
    assert "48 hours" in body
    assert "Kokoelmajärjestelmä" not in body  # someone else's task

    found = SIGN_IN_URL.search(body)
    assert found is not None, body
    assert found.group(0) == BASE_URL + reverse("accounts:sign_in_link") + "#" + found["token"]
    link = SignInLink.objects.get()
    assert link.user == world.users[Role.OWNER]
    assert link.token_hash == hash_sign_in_token(found.group("token"))
    # Several tasks: the link lands on the owner's own list.
    assert link.next_path == reverse("progress:my_tasks", kwargs={"org": "testikaupunki"})
    assert link.expires_at == now + datetime.timedelta(hours=48)
    assert link.used_at is None

    log = ReminderLog.objects.get()
    assert (log.organisation, log.person) == (world.organisation, world.owner_person)
    assert (log.review_date, log.quarter, log.task_count) == (REVIEW_DATE, "2026Q4", 2)


def test_the_link_of_a_single_task_signs_in_straight_to_its_update_page(world: World) -> None:
    ready(world)
    with time_machine.travel(IN_WINDOW, tick=False):
        run()
        body = mail.outbox[0].body
        found = SIGN_IN_URL.search(body)
        assert found is not None, body
        assert SignInLink.objects.get().next_path == record_url(world.own_task)

        client = BrowserLikeClient()
        response = follow_link(client, found)
        assert response.status_code == 302
        assert response.url == record_url(world.own_task)
        assert client.session["_auth_user_id"] == str(world.users[Role.OWNER].pk)
        assert client.get(response.url).status_code == 200


def test_the_users_verified_address_is_used_when_the_person_has_none(world: World) -> None:
    follow_up(world)
    verify_email(world.users[Role.OWNER], "omistaja@example.fi")
    with time_machine.travel(IN_WINDOW, tick=False):
        run()
    assert [message.to for message in mail.outbox] == [["omistaja@example.fi"]]
    assert SIGN_IN_URL.search(mail.outbox[0].body)


def test_an_unverified_account_address_is_not_used(world: World) -> None:
    follow_up(world)
    owner = world.users[Role.OWNER]
    owner.email = "omistaja@example.fi"  # typed in by someone, never confirmed
    owner.save()
    with time_machine.travel(IN_WINDOW, tick=False):
        output = run()
    assert "no e-mail address" in output
    assert mail.outbox == []


def test_a_second_run_the_same_day_sends_nothing(world: World) -> None:
    ready(world)
    with time_machine.travel(IN_WINDOW, tick=False):
        run()
        output = run()
    assert len(mail.outbox) == 1
    assert ReminderLog.objects.count() == 1
    assert SignInLink.objects.count() == 1
    assert f"skip Tekninen johtaja <{OWNER_EMAIL}>: already reminded for this review" in output
    assert "0 sent, 0 failed" in output


def test_a_later_day_in_the_window_does_not_remind_again(world: World) -> None:
    ready(world)
    with time_machine.travel(IN_WINDOW, tick=False):
        run()
    with time_machine.travel("2026-12-08 09:00 +0200", tick=False):
        output = run()
    assert len(mail.outbox) == 1
    assert "already reminded for this review" in output


def test_a_new_review_date_reminds_again(world: World) -> None:
    ready(world)
    with time_machine.travel(IN_WINDOW, tick=False):
        run()
    FollowUpSettings.objects.filter(organisation=world.organisation).update(
        next_review_date=datetime.date(2027, 3, 10)
    )
    with time_machine.travel("2027-03-01 09:00 +0200", tick=False):
        run()
    assert len(mail.outbox) == 2
    assert sorted(ReminderLog.objects.values_list("review_date", "quarter")) == [
        (REVIEW_DATE, "2026Q4"),
        (datetime.date(2027, 3, 10), "2027Q1"),
    ]


# Who is skipped ------------------------------------------------------------------------------


def test_an_owner_without_a_user_account_is_listed_as_skipped(world: World) -> None:
    ready(world)
    world.other_person.email = "museo@testikaupunki.fi"
    world.other_person.save()
    with time_machine.travel(IN_WINDOW, tick=False):
        output = run()
    assert (
        "skip Museonjohtaja <museo@testikaupunki.fi>: no user account in the organisation "
        "that may record progress (1 task(s))" in output
    )
    assert [message.to for message in mail.outbox] == [[OWNER_EMAIL]]
    assert list(ReminderLog.objects.values_list("person", flat=True)) == [world.owner_person.pk]


def test_an_owner_whose_user_is_inactive_is_skipped(world: World) -> None:
    ready(world)
    owner = world.users[Role.OWNER]
    owner.is_active = False
    owner.save()
    with time_machine.travel(IN_WINDOW, tick=False):
        output = run()
    assert "skip Tekninen johtaja" in output and "no user account" in output
    assert mail.outbox == []
    assert not SignInLink.objects.exists()


def test_an_owner_whose_user_is_not_a_member_is_skipped(world: World) -> None:
    follow_up(world)
    stranger = verify_email(UserFactory(username="stranger-user"), "vieras@example.fi")
    MembershipFactory(user=stranger, organisation=world.outsider_organisation, role=Role.EDITOR)
    person = PersonFactory(organisation=world.organisation, name="Vieras", user=stranger)
    TaskFactory(theme=world.theme, owner=person, title="Vieraan tehtävä")
    with time_machine.travel(IN_WINDOW, tick=False):
        output = run()
    assert "skip Vieras <vieras@example.fi>: no user account in the organisation" in output
    assert all(message.to != ["vieras@example.fi"] for message in mail.outbox)


def test_an_owner_without_an_address_is_skipped(world: World) -> None:
    follow_up(world)
    with time_machine.travel(IN_WINDOW, tick=False):
        output = run()
    assert "skip Tekninen johtaja <->: no e-mail address (1 task(s))" in output
    assert mail.outbox == []
    assert not ReminderLog.objects.exists()


# Which tasks ---------------------------------------------------------------------------------


def test_a_task_with_this_quarters_entry_is_not_reminded(world: World) -> None:
    ready(world)
    ProgressEntryFactory(task=world.own_task, quarter="2026Q4", completion=50)
    with time_machine.travel(IN_WINDOW, tick=False):
        output = run()
    assert "Tekninen johtaja" not in output
    assert mail.outbox == []


def test_a_task_with_only_last_quarters_entry_is_reminded(world: World) -> None:
    ready(world)
    ProgressEntryFactory(task=world.own_task, quarter="2026Q3", completion=50)
    with time_machine.travel(IN_WINDOW, tick=False):
        run()
    assert [message.to for message in mail.outbox] == [[OWNER_EMAIL]]


def test_only_the_tasks_without_this_quarters_entry_are_listed(world: World) -> None:
    ready(world)
    updated = TaskFactory(theme=world.theme, owner=world.owner_person, title="Päivitetty")
    ProgressEntryFactory(task=updated, quarter="2026Q4", completion=60)
    with time_machine.travel(IN_WINDOW, tick=False):
        run()
    body = mail.outbox[0].body
    assert "Vesimittarien etäluenta" in body
    assert "Päivitetty" not in body
    assert ReminderLog.objects.get().task_count == 1


@pytest.mark.parametrize("status", [Status.DONE, Status.CANCELLED])
def test_a_closed_task_is_not_reminded(world: World, status: str) -> None:
    ready(world)
    Task.objects.filter(pk=world.own_task.pk).update(status=status, completion=100)
    with time_machine.travel(IN_WINDOW, tick=False):
        output = run()
    assert "Tekninen johtaja" not in output
    assert mail.outbox == []


def test_a_planned_task_that_starts_later_is_not_reminded(world: World) -> None:
    ready(world)
    Task.objects.filter(pk=world.own_task.pk).update(start="2027Q2", due="2027Q4")
    with time_machine.travel(IN_WINDOW, tick=False):
        run()
    assert mail.outbox == []


def test_a_task_of_an_archived_roadmap_is_not_reminded(world: World) -> None:
    ready(world)
    archived = RoadmapFactory(organisation=world.organisation, slug="2023-2025", is_archived=True)
    TaskFactory(
        theme=ThemeFactory(roadmap=archived), owner=world.owner_person, title="Vanha tehtävä"
    )
    with time_machine.travel(IN_WINDOW, tick=False):
        run()
    body = mail.outbox[0].body
    assert "Vesimittarien etäluenta" in body
    assert "Vanha tehtävä" not in body
    assert ReminderLog.objects.get().task_count == 1


def test_an_archived_roadmap_alone_sends_nothing(world: World) -> None:
    ready(world)
    world.roadmap.is_archived = True
    world.roadmap.save()
    with time_machine.travel(IN_WINDOW, tick=False):
        output = run()
    assert "0 owner(s) to remind" in output
    assert mail.outbox == []


# The window ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "moment",
    [
        "2026-11-26 00:30 +0200",  # first day of the window, just after midnight in Helsinki
        "2026-12-10 23:30 +0200",  # the review day itself, late in the evening
    ],
)
def test_reminders_go_out_on_the_edges_of_the_window(world: World, moment: str) -> None:
    ready(world)
    with time_machine.travel(moment, tick=False):
        output = run()
    assert "review on 2026-12-10, 2 owner(s) to remind" in output
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("moment", "explanation"),
    [
        (
            "2026-11-25 23:30 +0200",
            "Testikaupunki: the review on 2026-12-10 is not yet within the reminder window",
        ),
        (
            "2026-12-11 00:30 +0200",
            "Testikaupunki: the review date 2026-12-10 has passed: set the next one",
        ),
    ],
)
def test_outside_the_window_nothing_is_sent(world: World, moment: str, explanation: str) -> None:
    ready(world)
    with time_machine.travel(moment, tick=False):
        output = run()
    assert explanation in output
    assert mail.outbox == []
    assert not ReminderLog.objects.exists()
    assert not SignInLink.objects.exists()


@pytest.mark.parametrize("saved", [True, False])
def test_without_a_review_date_nothing_is_sent(world: World, saved: bool) -> None:
    with_owner_email(world)
    if saved:
        follow_up(world, next_review_date=None)
    with time_machine.travel(IN_WINDOW, tick=False):
        output = run()
    assert "Testikaupunki: no next review date set: nothing to send" in output
    assert mail.outbox == []
    assert not ReminderLog.objects.exists()
    assert not FollowUpSettings.objects.filter(next_review_date__isnull=False).exists()


# Language ------------------------------------------------------------------------------------


def owners_subject(world: World, language: str) -> str:
    ready(world)
    owner = world.users[Role.OWNER]
    owner.language = language
    owner.save()
    with time_machine.travel(IN_WINDOW, tick=False):
        run()
    assert len(mail.outbox) == 1
    return mail.outbox[0].subject


def test_the_mail_of_an_english_speaker_is_in_english(world: World) -> None:
    subject = owners_subject(world, "en")
    assert (
        subject == "Tiekartta: please update your tasks for Q4/2026 before the review on 12/10/2026"
    )


def test_the_mail_of_a_finnish_speaker_uses_finnish_formats(world: World) -> None:
    subject = owners_subject(world, "fi")
    assert "10.12.2026" in subject
    assert "12/10/2026" not in subject


def test_the_mail_of_a_finnish_speaker_has_a_finnish_subject(world: World) -> None:
    subject = owners_subject(world, "fi")
    assert subject.startswith("Tiekartta: päivitäthän tehtäväsi vuosineljännekseltä Q4/2026")


# Options and failures ------------------------------------------------------------------------


def test_an_unknown_organisation_is_an_error(world: World) -> None:
    ready(world)
    with time_machine.travel(IN_WINDOW, tick=False), pytest.raises(CommandError, match="nowhere"):
        run("--organisation", "nowhere")
    assert mail.outbox == []


def test_the_organisation_option_limits_the_run(world: World) -> None:
    ready(world)
    with time_machine.travel(IN_WINDOW, tick=False):
        output = run("--organisation", "naapurikunta")
    assert "Naapurikunta" in output
    assert "Testikaupunki" not in output
    assert mail.outbox == []

    with time_machine.travel(IN_WINDOW, tick=False):
        output = run("--organisation", "testikaupunki")
    assert "Naapurikunta" not in output
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "failure",
    [smtplib.SMTPException("mail server said no"), ConnectionRefusedError("mail server said no")],
)
def test_a_failed_send_is_not_logged_and_is_retried_next_run(
    world: World, failure: Exception
) -> None:
    ready(world)
    errors = io.StringIO()
    with (
        time_machine.travel(IN_WINDOW, tick=False),
        mock.patch("tiekartta.progress.reminders.send_mail", side_effect=failure),
        pytest.raises(CommandError, match="retried next run"),
    ):
        call_command("send_reminders", stdout=io.StringIO(), stderr=errors)
    assert f"FAILED Tekninen johtaja <{OWNER_EMAIL}>: mail server said no" in errors.getvalue()
    assert not ReminderLog.objects.exists()
    assert mail.outbox == []

    with time_machine.travel(IN_WINDOW, tick=False):
        output = run()
    assert "1 sent, 0 failed" in output
    assert len(mail.outbox) == 1
    assert ReminderLog.objects.count() == 1


def test_one_failure_does_not_stop_the_others(world: World) -> None:
    ready(world)
    colleague = UserFactory(username="archivist-user")
    MembershipFactory(user=colleague, organisation=world.organisation, role=Role.EDITOR)
    archivist = PersonFactory(
        organisation=world.organisation,
        name="Arkistonhoitaja",
        email="arkisto@testikaupunki.fi",
        user=colleague,
    )
    TaskFactory(theme=world.theme, owner=archivist, title="Sähköinen arkisto")

    def refuse_the_owner(subject: str, body: str, sender: Any, to: list[str]) -> int:
        if to == [OWNER_EMAIL]:
            raise smtplib.SMTPRecipientsRefused({OWNER_EMAIL: (550, b"No such user")})
        return real_send_mail(subject, body, sender, to)

    with (
        time_machine.travel(IN_WINDOW, tick=False),
        mock.patch("tiekartta.progress.reminders.send_mail", side_effect=refuse_the_owner),
        pytest.raises(CommandError, match="1 reminder"),
    ):
        run()
    assert [message.to for message in mail.outbox] == [["arkisto@testikaupunki.fi"]]
    assert list(ReminderLog.objects.values_list("person", flat=True)) == [archivist.pk]


def test_a_viewer_named_responsible_is_not_sent_a_sign_in_link(world: World) -> None:
    ready(world)
    Membership.objects.filter(user=world.users[Role.OWNER]).update(role=Role.VIEWER)
    with time_machine.travel(IN_WINDOW, tick=False):
        output = run()
    assert "that may record progress" in output
    assert not mail.outbox


def test_a_roadmap_that_has_not_begun_is_not_reminded(world: World) -> None:
    ready(world)
    Roadmap.objects.filter(pk=world.roadmap.pk).update(start_year=2027)
    with time_machine.travel(IN_WINDOW, tick=False):
        run()
    assert not mail.outbox
