"""purge_expired: each retention rule deletes what is past it, keeps what is not, and leaves
other organisations to their own periods; every purge is counted and recorded."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from io import StringIO
from typing import Any

import time_machine
from axes.models import AccessAttempt, AccessLog
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from conftest import World
from tests.factories import PersonFactory, UserFactory
from tiekartta.accessibility import services as feedback_services
from tiekartta.accessibility.models import FeedbackKind, FeedbackMessage
from tiekartta.accounts.models import (
    AuditEvent,
    EmailVerification,
    EventKind,
    Invitation,
    Organisation,
    SignInLink,
    User,
)
from tiekartta.accounts.services import invite_member
from tiekartta.imports.models import ImportBatch, ImportStatus
from tiekartta.privacy import services
from tiekartta.privacy.models import RetentionSettings
from tiekartta.roadmap.models import Person, Roadmap


@contextmanager
def days_ago(days: float) -> Iterator[None]:
    with time_machine.travel(timezone.now() - datetime.timedelta(days=days), tick=False):
        yield


def make_old(days: float, create: Callable[[], Any]) -> Any:
    with days_ago(days):
        return create()


def purge(**kwargs: Any) -> services.PurgeReport:
    return services.purge_expired(actor=services.PURGER, **kwargs)


def purge_events(organisation: Organisation | None) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(kind=EventKind.DATA_PURGED, organisation=organisation))


def batch(roadmap: Roadmap, status: str = ImportStatus.PENDING) -> ImportBatch:
    return ImportBatch.objects.create(
        roadmap=roadmap, filename="tehtavat.xlsx", content=b"PK\x03\x04", status=status
    )


def retention(organisation: Organisation, **values: int) -> None:
    RetentionSettings.objects.create(organisation=organisation, **values)


# Log-in records ------------------------------------------------------------------------------


def log_in_record(username: str) -> AccessLog:
    return AccessLog.objects.create(
        username=username, ip_address="192.0.2.7", user_agent="Firefox", path_info="/kirjaudu/"
    )


@override_settings(TIEKARTTA_LOGIN_RECORD_DAYS=90)
def test_log_in_records_past_the_retention_are_deleted(world: World) -> None:
    old = make_old(91, lambda: log_in_record("admin-user"))
    old_attempt = make_old(
        100,
        lambda: AccessAttempt.objects.create(
            username="x", ip_address="192.0.2.8", user_agent="curl", failures_since_start=1
        ),
    )
    recent = make_old(89, lambda: log_in_record("editor-user"))
    report = purge()
    assert not AccessLog.objects.filter(pk=old.pk).exists()
    assert not AccessAttempt.objects.filter(pk=old_attempt.pk).exists()
    assert AccessLog.objects.filter(pk=recent.pk).exists()
    assert report.installation["login_records"] == 2
    [event] = purge_events(None)
    assert event.data["login_records"] == 2
    assert event.data["login_record_days"] == 90


# Sessions ------------------------------------------------------------------------------------


def test_expired_sessions_are_cleared(world: World) -> None:
    expired = SessionStore()
    expired["a"] = 1
    expired.set_expiry(-10)
    expired.create()
    live = SessionStore()
    live["b"] = 2
    live.create()
    report = purge()
    assert not Session.objects.filter(session_key=expired.session_key).exists()
    assert Session.objects.filter(session_key=live.session_key).exists()
    assert report.installation["sessions"] == 1


# Imports -------------------------------------------------------------------------------------


def test_unconfirmed_imports_follow_each_organisations_retention(world: World) -> None:
    retention(world.outsider_organisation, import_days=60)
    old_pending = make_old(15, lambda: batch(world.roadmap))
    old_discarded = make_old(30, lambda: batch(world.roadmap, ImportStatus.DISCARDED))
    old_applied = make_old(30, lambda: batch(world.roadmap, ImportStatus.APPLIED))
    recent = make_old(13, lambda: batch(world.roadmap))
    neighbours = make_old(30, lambda: batch(world.outsider_roadmap))
    report = purge()
    left = set(ImportBatch.objects.values_list("pk", flat=True))
    assert old_pending.pk not in left and old_discarded.pk not in left
    assert {old_applied.pk, recent.pk, neighbours.pk} <= left
    assert report.organisations == {
        "Testikaupunki": {
            "imports": 2,
            "survey_uploads": 0,
            "invitations": 0,
            "sign_in_links": 0,
            "person_history_addresses": 0,
        }
    }
    [event] = purge_events(world.organisation)
    assert event.data["imports"] == 2 and event.data["import_days"] == 14
    assert purge_events(world.outsider_organisation) == []


def test_pending_survey_uploads_go_with_the_other_uploads(world: World) -> None:
    from tiekartta.ideas.models import SurveyImport, SurveyImportStatus

    def survey(status: str = SurveyImportStatus.PENDING) -> SurveyImport:
        return SurveyImport.objects.create(
            organisation=world.organisation,
            filename="kysely.xlsx",
            content=b"PK\x03\x04 nimi@example.fi",
            status=status,
        )

    old = make_old(15, survey)
    old_applied = make_old(30, lambda: survey(SurveyImportStatus.APPLIED))
    recent = make_old(13, survey)
    report = purge()
    left = set(SurveyImport.objects.values_list("pk", flat=True))
    assert old.pk not in left and {old_applied.pk, recent.pk} <= left
    assert report.organisations["Testikaupunki"]["survey_uploads"] == 1


# Invitations, sign-in links, e-mail confirmations --------------------------------------------


def invite(organisation: Organisation, email: str) -> Invitation:
    return invite_member(actor=None, organisation=organisation, email=email, role="viewer")[0]


@override_settings(TIEKARTTA_EXPIRED_LINK_DAYS=30, TIEKARTTA_INVITATION_DAYS=7)
def test_invitations_expired_long_ago_go_with_the_address_in_their_history(world: World) -> None:
    old = make_old(38, lambda: invite(world.organisation, "vanha@example.fi"))
    recent = make_old(36, lambda: invite(world.organisation, "tuore@example.fi"))
    accepted = make_old(60, lambda: invite(world.organisation, "jasen@example.fi"))
    Invitation.objects.filter(pk=accepted.pk).update(accepted_at=accepted.sent_at)
    neighbours = make_old(38, lambda: invite(world.outsider_organisation, "naapuri@example.fi"))
    purge()
    left = set(Invitation.objects.values_list("pk", flat=True))
    assert old.pk not in left
    assert {recent.pk, accepted.pk} <= left
    # The other organisation's expired invitation went by the same installation-wide rule.
    assert neighbours.pk not in left
    history = Invitation.history.model.objects
    assert not history.filter(email="vanha@example.fi").exists()
    assert history.filter(id=old.pk).exists()
    assert history.filter(email="tuore@example.fi").exists()


@override_settings(TIEKARTTA_EXPIRED_LINK_DAYS=30)
def test_sign_in_links_and_email_confirmations_past_the_retention_go(world: World) -> None:
    user = world.users["owner"]

    def link() -> SignInLink:
        now = timezone.now()
        return SignInLink.objects.create(
            user=user,
            organisation=world.organisation,
            token_hash=f"{now.timestamp():064.0f}"[-64:],
            next_path="/",
            expires_at=now + datetime.timedelta(days=3),
        )

    def confirmation() -> EmailVerification:
        now = timezone.now()
        return EmailVerification.objects.create(
            user=user,
            email="uusi@example.fi",
            token_hash=f"v{now.timestamp():063.0f}"[-64:],
            created_at=now,
            expires_at=now + datetime.timedelta(days=1),
        )

    old_link, recent_link = make_old(40, link), make_old(20, link)
    old_confirmation, recent_confirmation = make_old(40, confirmation), make_old(20, confirmation)
    report = purge()
    assert list(SignInLink.objects.values_list("pk", flat=True)) == [recent_link.pk]
    assert list(EmailVerification.objects.values_list("pk", flat=True)) == [recent_confirmation.pk]
    assert old_link.pk != recent_link.pk and old_confirmation.pk != recent_confirmation.pk
    assert report.organisations["Testikaupunki"]["sign_in_links"] == 1
    assert report.installation["email_verifications"] == 1


# Removed people's addresses in the history --------------------------------------------------


def removed_person(organisation: Organisation, email: str, days: int) -> int:
    person = PersonFactory(organisation=organisation, email=email)
    pk = person.pk
    make_old(days, person.delete)
    return pk


def test_removed_peoples_addresses_leave_the_history_after_the_retention(world: World) -> None:
    retention(world.organisation, removed_person_days=30)
    retention(world.outsider_organisation, removed_person_days=365)
    gone = removed_person(world.organisation, "poistettu@example.fi", 31)
    lately = removed_person(world.organisation, "askettain@example.fi", 29)
    neighbours = removed_person(world.outsider_organisation, "naapuri@example.fi", 100)
    current = PersonFactory(organisation=world.organisation, email="nykyinen@example.fi")
    report = purge()
    history = Person.history.model.objects
    assert set(history.filter(id=gone).values_list("email", flat=True)) == {""}
    # The name stays, so that the history still reads.
    assert history.filter(id=gone, name__startswith="Vastuuhenkilö").exists()
    assert history.filter(id=lately, email="askettain@example.fi").exists()
    assert history.filter(id=neighbours, email="naapuri@example.fi").exists()
    assert history.filter(id=current.pk, email="nykyinen@example.fi").exists()
    assert report.organisations["Testikaupunki"]["person_history_addresses"] == 2
    assert purge_events(world.outsider_organisation) == []


@override_settings(TIEKARTTA_REMOVED_USER_DAYS=90)
def test_removed_accounts_names_and_addresses_leave_their_history(world: World) -> None:
    def account(username: str) -> int:
        user = UserFactory(username=username, email=f"{username}@example.fi")
        user.save()  # a history row
        return int(user.pk)

    gone, lately = account("poistunut"), account("lahtenyt")
    make_old(91, User.objects.get(pk=gone).delete)
    make_old(89, User.objects.get(pk=lately).delete)
    purge()
    history = User.history.model.objects
    assert set(history.filter(id=gone).values_list("email", "first_name")) == {("", "")}
    assert history.filter(id=gone, username="poistunut").exists()
    assert history.filter(id=lately, email="lahtenyt@example.fi").exists()


# Feedback, the dry run, the command ---------------------------------------------------------


def answered_feedback(organisation: Organisation, days: int) -> FeedbackMessage:
    def create() -> FeedbackMessage:
        feedback = feedback_services.receive_feedback(
            organisation=organisation,
            kind=FeedbackKind.GENERAL,
            message="Viesti",
            email="palaute@example.fi",
            language="fi",
            address="192.0.2.1",
        )
        feedback_services.answer_feedback(actor=None, feedback=feedback, answer="Vastaus")
        return feedback

    return make_old(days, create)


def test_the_feedbacks_own_purge_runs_in_the_same_command(world: World) -> None:
    old = answered_feedback(world.organisation, 400)
    recent = answered_feedback(world.organisation, 10)
    report = purge()
    assert list(FeedbackMessage.objects.values_list("pk", flat=True)) == [recent.pk]
    assert old.pk != recent.pk
    assert report.feedback == {"Testikaupunki": 1}
    assert AuditEvent.objects.filter(kind=EventKind.FEEDBACK_PURGED).count() == 1


def test_a_dry_run_counts_and_deletes_nothing(world: World) -> None:
    old = make_old(30, lambda: batch(world.roadmap))
    make_old(400, lambda: log_in_record("admin-user"))
    answered_feedback(world.organisation, 400)
    report = purge(dry_run=True)
    assert report.organisations["Testikaupunki"]["imports"] == 1
    assert report.installation["login_records"] == 1
    assert report.feedback == {"Testikaupunki": 1}
    assert ImportBatch.objects.filter(pk=old.pk).exists()
    assert AccessLog.objects.count() == 1 and FeedbackMessage.objects.count() == 1
    assert not AuditEvent.objects.filter(
        kind__in=[EventKind.DATA_PURGED, EventKind.FEEDBACK_PURGED]
    ).exists()


def test_nothing_to_delete_records_nothing(world: World) -> None:
    batch(world.roadmap)
    report = purge()
    assert report.organisations == {}
    assert not AuditEvent.objects.filter(kind=EventKind.DATA_PURGED).exists()


def test_the_command_prints_the_counts(world: World) -> None:
    make_old(30, lambda: batch(world.roadmap))
    out = StringIO()
    call_command("purge_expired", stdout=out)
    assert "deleted: Testikaupunki: imports 1" in out.getvalue()
    assert ImportBatch.objects.count() == 0
    [event] = purge_events(world.organisation)
    assert event.actor_label == "Command line: purge_expired"
    dry = StringIO()
    make_old(30, lambda: batch(world.roadmap))
    call_command("purge_expired", "--dry-run", stdout=dry)
    assert "would delete: Testikaupunki: imports 1" in dry.getvalue()
    assert ImportBatch.objects.count() == 1
