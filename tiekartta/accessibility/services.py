"""Every write of the accessibility app: the statement, feedback, its answer and its deletion.

Keyword-only, one transaction each, validated with full_clean(); the statement and the
settings leave history rows attributed to the actor, and every write an audit event. Feedback
messages keep no history (see models): the events say what happened to them, without the
message or the sender's details.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tiekartta.accessibility.models import (
    AUTHORITY_CONTACT,
    AUTHORITY_NAME_FI,
    AUTHORITY_NAME_SV,
    AccessibilityStatement,
    FeedbackMessage,
    FeedbackSettings,
    FeedbackThrottle,
    KnownIssue,
)
from tiekartta.accounts.events import record_event
from tiekartta.accounts.models import EventKind, Organisation
from tiekartta.core.actors import Actor, as_actor
from tiekartta.core.audit import history_by
from tiekartta.core.locking import ConflictError, claim_version

# Who writes what residents send: nobody signed in.
PUBLIC_FORM = Actor.system("Public feedback form")
# The rate limit: at most this many messages from one address within the window.
FEEDBACK_WINDOW = datetime.timedelta(hours=1)


def feedback_limit() -> int:
    return int(getattr(settings, "TIEKARTTA_FEEDBACK_LIMIT_PER_HOUR", 5))


# The statement -----------------------------------------------------------------------------


@dataclass(frozen=True)
class IssueInput:
    what_fi: str
    what_sv: str = ""
    criterion: str = ""
    workaround_fi: str = ""
    workaround_sv: str = ""
    fix_expected: datetime.date | None = None
    # The issue this row edits; None for a new one.
    pk: int | None = None


@dataclass
class StatementInput:
    compliance: str
    assessed_on: datetime.date
    assessment_method: str
    feedback_contact: str
    assessed_by: str = ""
    description_fi: str = ""
    description_sv: str = ""
    authority_name_fi: str = ""
    authority_name_sv: str = ""
    authority_contact: str = ""
    issues: list[IssueInput] = field(default_factory=list)


def _apply_statement(statement: AccessibilityStatement, data: StatementInput) -> None:
    statement.compliance = data.compliance
    statement.assessed_on = data.assessed_on
    statement.assessment_method = data.assessment_method
    statement.assessed_by = data.assessed_by.strip()
    statement.description_fi = data.description_fi.strip()
    statement.description_sv = data.description_sv.strip()
    statement.feedback_contact = data.feedback_contact.strip()
    # An emptied authority field goes back to the current authority rather than to nothing:
    # the statement must always say where to complain.
    defaults = {
        "authority_name_fi": AUTHORITY_NAME_FI,
        "authority_name_sv": AUTHORITY_NAME_SV,
        "authority_contact": AUTHORITY_CONTACT,
    }
    for name, default in defaults.items():
        setattr(statement, name, getattr(data, name).strip() or default)


def _save_issues(statement: AccessibilityStatement, issues: list[IssueInput], actor: Actor) -> None:
    """Change, add and remove the known issues; unchanged rows are left alone, so the history
    shows only what changed."""
    existing = {issue.pk: issue for issue in statement.issues.all()}
    kept: set[int] = set()
    for order, item in enumerate(issues):
        issue = existing.get(item.pk) if item.pk is not None else None
        if issue is None:
            issue = KnownIssue(statement=statement)
        values = {
            "order": order,
            "what_fi": item.what_fi.strip(),
            "what_sv": item.what_sv.strip(),
            "criterion": item.criterion.strip(),
            "workaround_fi": item.workaround_fi.strip(),
            "workaround_sv": item.workaround_sv.strip(),
            "fix_expected": item.fix_expected,
        }
        if issue.pk is not None:
            kept.add(issue.pk)
            if all(getattr(issue, name) == value for name, value in values.items()):
                continue
        for name, value in values.items():
            setattr(issue, name, value)
        issue.full_clean(exclude=["statement"])
        with history_by(issue, actor):
            issue.save()
    for pk, issue in existing.items():
        if pk not in kept:
            with history_by(issue, actor):
                issue.delete()


@transaction.atomic
def save_statement(
    *,
    actor: Actor,
    organisation: Organisation,
    expected_version: int | None,
    data: StatementInput,
) -> AccessibilityStatement:
    """Create the organisation's statement or edit it. Editing names the version the form was
    read at (`expected_version`): if somebody saved meanwhile, ConflictError and nothing is
    saved. A new statement is refused the same way when one was created meanwhile."""
    who = as_actor(actor)
    statement = AccessibilityStatement.objects.filter(organisation=organisation).first()
    if statement is None:
        if expected_version:
            raise ConflictError
        statement = AccessibilityStatement(organisation=organisation)
    else:
        if expected_version is None:
            raise ConflictError
        statement.version = claim_version(AccessibilityStatement, statement.pk, expected_version)
    _apply_statement(statement, data)
    statement.full_clean()
    with history_by(statement, who):
        statement.save()
    _save_issues(statement, data.issues, who)
    record_event(
        actor=who,
        organisation=organisation,
        kind=EventKind.STATEMENT_SAVED,
        subject=organisation.name,
        data={"compliance": statement.compliance, "issues": len(data.issues)},
    )
    return statement


# Feedback ----------------------------------------------------------------------------------


class RateLimited(Exception):
    """The address has sent as many messages as the limit allows within the window."""


def address_digest(address: str) -> str:
    """A keyed hash of the address: equal addresses compare equal, but the database never
    holds an address, and the hash cannot be reversed by trying every IPv4 address without
    the secret key."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"feedback:{address}".encode(), hashlib.sha256).hexdigest()


def _count_submission(address: str, now: datetime.datetime) -> None:
    """Refuse the submission when the address is over its limit; otherwise count it."""
    digest = address_digest(address)
    recent = FeedbackThrottle.objects.filter(address_digest=digest, at__gt=now - FEEDBACK_WINDOW)
    if recent.count() >= feedback_limit():
        raise RateLimited
    FeedbackThrottle.objects.create(address_digest=digest, at=now)


@transaction.atomic
def count_trapped_submission(*, address: str, now: datetime.datetime | None = None) -> None:
    """A submission the honeypot caught: stored nowhere, but it counts against the address's
    limit, so that a robot gets nothing out of trying on."""
    _count_submission(address, now or timezone.now())


@transaction.atomic
def receive_feedback(
    *,
    organisation: Organisation,
    kind: str,
    message: str,
    address: str,
    language: str,
    name: str = "",
    email: str = "",
    page: str = "",
    now: datetime.datetime | None = None,
) -> FeedbackMessage:
    """Store a resident's message with its deadline (received + 14 days). RateLimited when
    the address has sent too many messages within the hour; ValidationError for bad input."""
    now = now or timezone.now()
    _count_submission(address, now)
    feedback = FeedbackMessage(
        organisation=organisation,
        kind=kind,
        message=message.strip(),
        name=name.strip(),
        email=email.strip(),
        page=page.strip()[: FeedbackMessage._meta.get_field("page").max_length],
        language=language,
        received_at=now,
        answer_due=FeedbackMessage.deadline_for(now),
    )
    feedback.full_clean()
    feedback.save()
    record_event(
        actor=PUBLIC_FORM,
        organisation=organisation,
        kind=EventKind.FEEDBACK_RECEIVED,
        subject=str(feedback),
        data={"feedback": feedback.pk, "kind": kind, "answer_due": feedback.answer_due.isoformat()},
    )
    return feedback


@transaction.atomic
def answer_feedback(
    *, actor: Actor, feedback: FeedbackMessage, answer: str, now: datetime.datetime | None = None
) -> FeedbackMessage:
    """Record the answer. A message is answered once: if somebody answered it meanwhile,
    ConflictError and their answer stays."""
    who = as_actor(actor)
    text = answer.strip()
    if not text:
        raise ValidationError({"answer": _("Write the answer.")})
    limit = FeedbackMessage._meta.get_field("answer").max_length or 0
    if len(text) > limit:
        raise ValidationError(
            {"answer": _("Write the answer in at most %(limit)s characters.") % {"limit": limit}}
        )
    now = now or timezone.now()
    claimed = FeedbackMessage.objects.filter(pk=feedback.pk, answered_at__isnull=True).update(
        answered_at=now, answer=text, answered_by=who.history_user
    )
    if not claimed:
        raise ConflictError
    feedback.refresh_from_db()
    record_event(
        actor=who,
        organisation=feedback.organisation,
        kind=EventKind.FEEDBACK_ANSWERED,
        subject=str(feedback),
        data={
            "feedback": feedback.pk,
            "on_time": timezone.localdate(now) <= feedback.answer_due,
        },
    )
    return feedback


def email_answer(*, feedback: FeedbackMessage, now: datetime.datetime | None = None) -> None:
    """Send the recorded answer to the sender, in the language they wrote in, and note when.
    Raises the mail server's error (smtplib.SMTPException, OSError) when sending fails."""
    if not feedback.is_answered or not feedback.email:
        raise ValueError("only an answered message with an address can be e-mailed")
    with translation.override(feedback.language or settings.LANGUAGE_CODE):
        context = {"feedback": feedback, "organisation": feedback.organisation}
        subject = render_to_string("accessibility/email/answer_subject.txt", context).strip()
        body = render_to_string("accessibility/email/answer_body.txt", context)
    send_mail(subject, body, None, [feedback.email])
    FeedbackMessage.objects.filter(pk=feedback.pk).update(answer_emailed_at=now or timezone.now())
    feedback.refresh_from_db(fields=["answer_emailed_at"])


@transaction.atomic
def save_feedback_settings(
    *,
    actor: Actor,
    organisation: Organisation,
    expected_version: int | None,
    retention_days: int,
) -> FeedbackSettings:
    who = as_actor(actor)
    current = FeedbackSettings.objects.filter(organisation=organisation).first()
    if current is None:
        if expected_version and expected_version != 1:
            raise ConflictError
        # The defaults are shown as version 1; the first save is version 2, so that another
        # form still showing the defaults is told that the settings were saved meanwhile.
        current = FeedbackSettings(organisation=organisation, version=2)
    else:
        if expected_version is None:
            raise ConflictError
        current.version = claim_version(FeedbackSettings, current.pk, expected_version)
    current.retention_days = retention_days
    current.full_clean()
    with history_by(current, who):
        current.save()
    return current


@dataclass(frozen=True)
class PurgeResult:
    organisation: Organisation
    deleted: int


@transaction.atomic
def purge_expired_feedback(
    *, actor: Actor, now: datetime.datetime | None = None, dry_run: bool = False
) -> list[PurgeResult]:
    """Delete each organisation's answered messages whose retention has ended, with one audit
    event per organisation, and the rate limit's expired counts. Unanswered messages stay."""
    now = now or timezone.now()
    who = as_actor(actor)
    results = []
    retention = {row.organisation_id: row.retention_days for row in FeedbackSettings.objects.all()}
    organisations = Organisation.objects.filter(feedback_messages__answered_at__isnull=False)
    for organisation in organisations.distinct().order_by("name"):
        days = retention.get(organisation.pk, FeedbackSettings().retention_days)
        expired = FeedbackMessage.objects.filter(
            organisation=organisation, answered_at__lt=now - datetime.timedelta(days=days)
        )
        count = expired.count()
        if not count:
            continue
        results.append(PurgeResult(organisation, count))
        if dry_run:
            continue
        expired.delete()
        record_event(
            actor=who,
            organisation=organisation,
            kind=EventKind.FEEDBACK_PURGED,
            subject=organisation.name,
            data={"deleted": count, "retention_days": days},
        )
    if not dry_run:
        FeedbackThrottle.objects.filter(at__lte=now - FEEDBACK_WINDOW).delete()
    return results
