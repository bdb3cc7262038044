"""purge_feedback deletes what the retention allows; remind_feedback tells the administrators."""

from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from conftest import World
from tests.factories import MembershipFactory, UserFactory
from tiekartta.accessibility import services
from tiekartta.accessibility.demo import add_demo_accessibility
from tiekartta.accessibility.models import (
    AccessibilityStatement,
    FeedbackKind,
    FeedbackMessage,
    FeedbackThrottle,
)
from tiekartta.accounts.models import AuditEvent, EventKind, Organisation, Role


def receive(organisation: Organisation, days_ago: int, email: str = "") -> FeedbackMessage:
    return services.receive_feedback(
        organisation=organisation,
        kind=FeedbackKind.ACCESSIBILITY,
        message="Viesti",
        email=email,
        language="fi",
        address=f"192.0.2.{days_ago}",
        now=timezone.now() - datetime.timedelta(days=days_ago),
    )


def answer(feedback: FeedbackMessage, days_ago: int) -> None:
    services.answer_feedback(
        actor=None,
        feedback=feedback,
        answer="Vastaus",
        now=timezone.now() - datetime.timedelta(days=days_ago),
    )


def run(command: str, *args: str) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_purge_deletes_answered_messages_past_the_retention_only(world: World) -> None:
    services.save_feedback_settings(
        actor=world.users["admin"],
        organisation=world.organisation,
        expected_version=1,
        retention_days=30,
    )
    expired = receive(world.organisation, 50, email="pois@example.fi")
    answer(expired, 40)
    kept_answered = receive(world.organisation, 20)
    answer(kept_answered, 10)
    unanswered = receive(world.organisation, 60)
    # Another organisation with the default retention (365 days) keeps its 40-day-old answer.
    neighbour = receive(world.outsider_organisation, 50)
    answer(neighbour, 40)

    assert "would delete 1 message(s)" in run("purge_feedback", "--dry-run")
    assert FeedbackMessage.objects.filter(pk=expired.pk).exists()

    output = run("purge_feedback")
    assert "Testikaupunki: deleted 1 message(s)" in output
    remaining = set(FeedbackMessage.objects.values_list("pk", flat=True))
    assert remaining == {kept_answered.pk, unanswered.pk, neighbour.pk}
    assert not FeedbackMessage.objects.filter(email="pois@example.fi").exists()
    event = AuditEvent.objects.get(kind=EventKind.FEEDBACK_PURGED)
    assert event.organisation == world.organisation
    assert event.data == {"deleted": 1, "retention_days": 30}
    assert event.actor_label == "Command line: purge_feedback"
    # The rate limit's counts from over an hour ago go too.
    assert not FeedbackThrottle.objects.exists()
    assert "deleted 0 message(s) in all" in run("purge_feedback")


def test_remind_feedback_emails_the_administrators(world: World, mailoutbox: Any) -> None:
    world.users["admin"].email = "cio@testikaupunki.example"
    world.users["admin"].save()
    second_admin = UserFactory(username="admin-2", email="")
    MembershipFactory(user=second_admin, organisation=world.organisation, role=Role.ADMIN)
    near = receive(world.organisation, 12)
    overdue = receive(world.organisation, 20)
    receive(world.organisation, 1)  # due in 13 days: not yet
    answered = receive(world.organisation, 13)
    answer(answered, 0)

    dry = run("remind_feedback", "--dry-run")
    assert "Testikaupunki: 2 message(s)" in dry
    assert "would send admin-user <cio@testikaupunki.example>" in dry
    assert "skip admin-2: no e-mail address" in dry
    assert not mailoutbox

    run("remind_feedback")
    [mail] = mailoutbox
    assert mail.to == ["cio@testikaupunki.example"]
    assert "2 feedback messages await an answer" in mail.subject
    assert f"/o/testikaupunki/accessibility/feedback/{near.pk}/" in mail.body
    assert f"/o/testikaupunki/accessibility/feedback/{overdue.pk}/" in mail.body
    assert "(overdue)" in mail.body
    assert f"/feedback/{answered.pk}/" not in mail.body
    # The editor, owner and viewer are not administrators.
    assert len(mailoutbox) == 1

    # With --days 0 only the overdue one is left.
    assert "Testikaupunki: 1 message(s)" in run("remind_feedback", "--dry-run", "--days", "0")
    with pytest.raises(CommandError):
        run("remind_feedback", "--organisation", "ei-ole")


def test_the_demo_has_a_statement_and_feedback_once(world: World) -> None:
    Organisation.objects.create(name="Kankaanpää (demo)", slug="kankaanpaa-demo", is_demo=True)
    added = add_demo_accessibility()
    assert len(added) == 2
    statement = AccessibilityStatement.objects.get(organisation__slug="kankaanpaa-demo")
    assert statement.issues.count() == 2
    assert FeedbackMessage.objects.filter(organisation__slug="kankaanpaa-demo").count() == 2
    assert add_demo_accessibility() == []
