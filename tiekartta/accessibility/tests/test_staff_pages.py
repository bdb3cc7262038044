"""The administrator's pages: the statement, the feedback list, answering, the retention."""

from __future__ import annotations

import datetime
import smtplib
from typing import Any
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import World
from tiekartta.accessibility import services
from tiekartta.accessibility.models import (
    AccessibilityStatement,
    FeedbackKind,
    FeedbackMessage,
    FeedbackSettings,
    KnownIssue,
)
from tiekartta.accounts.models import AuditEvent, EventKind

ORG = "testikaupunki"


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"accessibility:{name}", kwargs={"org": ORG, **kwargs})


def statement_post(version: Any = "", **changes: Any) -> dict[str, Any]:
    data = {
        "version": version,
        "compliance": "partial",
        "assessed_on": "2026-11-16",
        "assessment_method": "self",
        "assessed_by": "",
        "description_fi": "Kuvaus",
        "description_sv": "Beskrivning",
        "feedback_contact": "digi@testikaupunki.example",
        "authority_name_fi": "",
        "authority_name_sv": "",
        "authority_contact": "",
        "issues-TOTAL_FORMS": "1",
        "issues-INITIAL_FORMS": "0",
        "issues-MIN_NUM_FORMS": "0",
        "issues-MAX_NUM_FORMS": "50",
        "issues-0-issue": "",
        "issues-0-what_fi": "Aikajana vaatii vaakavieritystä.",
        "issues-0-what_sv": "",
        "issues-0-criterion": "1.4.10",
        "issues-0-workaround_fi": "",
        "issues-0-workaround_sv": "",
        "issues-0-fix_expected": "2027-03-31",
    }
    data.update(changes)
    return data


def receive(world: World, days_ago: int = 0, **changes: Any) -> FeedbackMessage:
    values = {
        "organisation": world.organisation,
        "kind": FeedbackKind.ACCESSIBILITY,
        "message": "Kontrasti on heikko.",
        "language": "fi",
        "address": f"192.0.2.{days_ago + 1}",
        "now": timezone.now() - datetime.timedelta(days=days_ago),
        **changes,
    }
    return services.receive_feedback(**values)


def test_the_admin_writes_the_statement_and_edits_it(world: World) -> None:
    client = world.client_for("admin")
    assert client.get(url("statement_edit")).status_code == 200
    response = client.post(url("statement_edit"), statement_post())
    assert response.status_code == 302, response.content.decode()[:3000]
    statement = AccessibilityStatement.objects.get(organisation=world.organisation)
    assert statement.issues.get().criterion == "1.4.10"
    # Emptied authority fields fall back to the current authority.
    assert "Traficom" in statement.authority_name_fi and "Traficom" in statement.authority_name_sv
    assert AuditEvent.objects.filter(kind=EventKind.STATEMENT_SAVED).count() == 1
    issue = statement.issues.get()
    # Edit: the issue is removed and another added; the compliance changes.
    edited = statement_post(
        version=str(statement.version),
        compliance="full",
        **{
            "issues-TOTAL_FORMS": "2",
            "issues-INITIAL_FORMS": "1",
            "issues-0-issue": str(issue.pk),
            "issues-0-DELETE": "on",
            "issues-1-issue": "",
            "issues-1-what_fi": "Uusi ongelma",
            "issues-1-criterion": "",
            "issues-1-fix_expected": "",
        },
    )
    assert client.post(url("statement_edit"), edited).status_code == 302
    statement.refresh_from_db()
    assert statement.compliance == "full"
    assert [i.what_fi for i in statement.issues.all()] == ["Uusi ongelma"]
    assert statement.history.count() == 2
    assert KnownIssue.history.filter(history_type="-").count() == 1


def test_a_stale_statement_save_is_refused_and_keeps_the_input(world: World) -> None:
    client = world.client_for("admin")
    client.post(url("statement_edit"), statement_post())
    statement = AccessibilityStatement.objects.get()
    first = client.post(
        url("statement_edit"), statement_post(version=str(statement.version), assessed_by="A")
    )
    assert first.status_code == 302
    stale = client.post(
        url("statement_edit"),
        statement_post(version=str(statement.version), assessed_by="Minun versioni"),
    )
    assert stale.status_code == 409
    assert "Minun versioni" in stale.content.decode()
    statement.refresh_from_db()
    assert statement.assessed_by == "A"
    # A second "new statement" form, opened before the first was saved, is refused too.
    assert client.post(url("statement_edit"), statement_post()).status_code == 409


def test_bad_statement_input_is_shown_next_to_the_field(world: World) -> None:
    client = world.client_for("admin")
    future = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    response = client.post(
        url("statement_edit"),
        statement_post(assessed_on=future, **{"issues-0-criterion": "WCAG AA"}),
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "The date of the assessment cannot be in the future." in text
    assert "Write a WCAG success criterion as its number, for example 1.4.3." in text
    assert not AccessibilityStatement.objects.exists()


@pytest.mark.parametrize("persona", ["editor", "owner", "viewer"])
def test_only_the_administrator_manages_accessibility(world: World, persona: str) -> None:
    feedback = receive(world)
    client = world.client_for(persona)
    for path in (
        url("statement_edit"),
        url("feedback_list"),
        url("feedback_detail", message=feedback.pk),
        url("feedback_settings"),
    ):
        assert client.get(path).status_code == 403, path


def test_another_organisations_message_is_404(world: World) -> None:
    foreign = services.receive_feedback(
        organisation=world.outsider_organisation,
        kind=FeedbackKind.GENERAL,
        message="Naapurista",
        language="fi",
        address="192.0.2.99",
    )
    client = world.client_for("admin")
    assert client.get(url("feedback_detail", message=foreign.pk)).status_code == 404


def test_the_list_is_sorted_by_deadline_and_flags_near_and_overdue(
    world: World, django_assert_max_num_queries: Any
) -> None:
    overdue = receive(world, days_ago=16)
    near = receive(world, days_ago=12)
    fresh = receive(world, days_ago=1, kind=FeedbackKind.GENERAL)
    answered = receive(world, days_ago=5)
    services.answer_feedback(actor=world.users["admin"], feedback=answered, answer="Korjattu.")
    client = world.client_for("admin")
    with django_assert_max_num_queries(12):
        response = client.get(url("feedback_list") + "?lang=en")
    text = response.content.decode()
    order = [text.index(f"#{message.pk}</a>") for message in (overdue, near, fresh)]
    assert order == sorted(order)
    assert f"#{answered.pk}</a>" not in text
    assert "Overdue by 2 days" in text
    assert "Due in 2 days" in text
    assert "1 message is past its deadline." in text
    assert "1 message is due within 3 days." in text
    overdue_only = client.get(url("feedback_list") + "?show=overdue").content.decode()
    assert f"#{overdue.pk}</a>" in overdue_only and f"#{near.pk}</a>" not in overdue_only
    answered_only = client.get(url("feedback_list") + "?show=answered").content.decode()
    assert f"#{answered.pk}</a>" in answered_only and f"#{fresh.pk}</a>" not in answered_only


def test_the_list_takes_constant_queries(world: World, django_assert_max_num_queries: Any) -> None:
    client = world.client_for("admin")
    for days in range(3):
        receive(world, days_ago=days)
    with django_assert_max_num_queries(12) as few:
        client.get(url("feedback_list") + "?show=all")
    for days in range(3, 30):
        receive(world, days_ago=days % 20, address=f"198.51.100.{days}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url("feedback_list") + "?show=all")


def test_what_residents_wrote_is_escaped_for_the_admin(world: World) -> None:
    feedback = receive(
        world, message="<script>alert(1)</script>", name="<b>Nimi</b>", page="javascript:alert(1)"
    )
    client = world.client_for("admin")
    for path in (url("feedback_list"), url("feedback_detail", message=feedback.pk)):
        text = client.get(path).content.decode()
        assert "<script>alert(1)" not in text and "<b>Nimi</b>" not in text
        assert "&lt;script&gt;alert(1)" in text
    # A page that is not this site's is shown as text, never as a link.
    detail = client.get(url("feedback_detail", message=feedback.pk)).content.decode()
    assert 'href="javascript:' not in detail


@pytest.mark.parametrize(
    ("page", "linked"),
    [
        ("/julkinen/testikaupunki/saavutettavuus/", True),
        ("//evil.example/x", False),
        ("/\\evil.example/x", False),
        ("https://evil.example/", False),
    ],
)
def test_only_this_sites_pages_are_linked(world: World, page: str, linked: bool) -> None:
    assert receive(world, page=page).page_is_local() is linked


def test_the_admin_answers_and_the_answer_is_emailed(world: World, mailoutbox: Any) -> None:
    feedback = receive(world, email="asukas@example.fi", language="sv")
    client = world.client_for("admin")
    response = client.post(
        url("feedback_detail", message=feedback.pk),
        {"answer": "Tack, vi rättar kontrasten.", "send_email": "on"},
    )
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.answer == "Tack, vi rättar kontrasten."
    assert feedback.answered_by == world.users["admin"]
    assert feedback.answered_at is not None and feedback.answer_emailed_at is not None
    [mail] = mailoutbox
    assert mail.to == ["asukas@example.fi"]
    assert "Tack, vi rättar kontrasten." in mail.body
    assert "Kontrasti on heikko." in mail.body
    event = AuditEvent.objects.get(kind=EventKind.FEEDBACK_ANSWERED)
    assert event.actor == world.users["admin"] and event.data["on_time"] is True
    # Answered once: a second answer from a stale page is refused and the first one stays.
    again = client.post(url("feedback_detail", message=feedback.pk), {"answer": "Toinen"})
    assert again.status_code == 409
    feedback.refresh_from_db()
    assert feedback.answer == "Tack, vi rättar kontrasten."


def test_a_failed_email_leaves_the_answer_recorded(world: World) -> None:
    feedback = receive(world, email="asukas@example.fi")
    client = world.client_for("admin")
    with mock.patch(
        "tiekartta.accessibility.services.send_mail", side_effect=smtplib.SMTPException("down")
    ):
        response = client.post(
            url("feedback_detail", message=feedback.pk),
            {"answer": "Kiitos.", "send_email": "on"},
            follow=True,
        )
    assert "the e-mail could not be sent" in response.content.decode()
    feedback.refresh_from_db()
    assert feedback.is_answered and feedback.answer_emailed_at is None


def test_an_empty_answer_is_refused(world: World) -> None:
    feedback = receive(world)
    client = world.client_for("admin")
    response = client.post(url("feedback_detail", message=feedback.pk), {"answer": "  "})
    assert response.status_code == 400
    assert "Write the answer." in response.content.decode()
    feedback.refresh_from_db()
    assert not feedback.is_answered


def test_the_admin_sets_the_retention(world: World) -> None:
    client = world.client_for("admin")
    page = client.get(url("feedback_settings")).content.decode()
    assert 'value="365"' in page
    too_short = client.post(url("feedback_settings"), {"retention_days": "5", "version": "1"})
    assert too_short.status_code == 400
    assert "Keep feedback at least 30 days after answering it." in too_short.content.decode()
    saved = client.post(url("feedback_settings"), {"retention_days": "90", "version": "1"})
    assert saved.status_code == 302
    settings = FeedbackSettings.objects.get(organisation=world.organisation)
    assert settings.retention_days == 90
    assert settings.history.get().history_user == world.users["admin"]
    stale = client.post(url("feedback_settings"), {"retention_days": "60", "version": "1"})
    assert stale.status_code == 409
    settings.refresh_from_db()
    assert settings.retention_days == 90
