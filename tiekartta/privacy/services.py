"""Data protection: exports of one person's data and of a whole organisation, the
organisation's retention periods, and the daily purge of what the retention no longer allows.

Every export and every purge that deleted something leaves an audit event in the same
transaction, so that the change log tells who took a copy of whose data and what was erased.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from tiekartta.accessibility.services import purge_expired_feedback
from tiekartta.accounts.events import record_event
from tiekartta.accounts.models import (
    EmailVerification,
    EventKind,
    Invitation,
    Organisation,
    SignInLink,
    User,
)
from tiekartta.core.actors import Actor, as_actor
from tiekartta.core.audit import history_by
from tiekartta.core.locking import ConflictError, claim_version
from tiekartta.ideas.models import SurveyImport, SurveyImportStatus
from tiekartta.imports.models import ImportBatch, ImportStatus
from tiekartta.privacy.models import RetentionSettings
from tiekartta.privacy.selectors import (
    Subject,
    organisation_document,
    organisations_of,
    person_document,
    to_json,
)
from tiekartta.roadmap.models import Person

logger = logging.getLogger(__name__)


# Exports ------------------------------------------------------------------------------------


def _row_count(document: dict[str, Any]) -> int:
    return sum(len(rows) for rows in document["tables"].values())


@transaction.atomic
def export_person_data(
    *, actor: Actor, subject: Subject, organisation: Organisation | None
) -> bytes:
    """The subject's data as one JSON document. With `organisation` (its administrator's
    download) only that organisation's rows; without (the operator's command) everything the
    installation holds, recorded in the change log of each organisation the person is in."""
    now = timezone.now()
    document = person_document(subject, organisation, now)
    data = {
        "user": subject.user.pk if subject.user else None,
        "rows": _row_count(document),
        "scope": "organisation" if organisation else "installation",
    }
    targets: list[Organisation | None] = (
        [organisation] if organisation else [*organisations_of(subject)] or [None]
    )
    for target in targets:
        record_event(
            actor=actor,
            organisation=target,
            kind=EventKind.PERSONAL_DATA_EXPORT,
            subject=subject.label,
            data=data,
        )
    return to_json(document)


@transaction.atomic
def export_organisation(*, actor: Actor, organisation: Organisation) -> bytes:
    """Every row of the organisation as one JSON document (a transaction: one moment's data)."""
    document = organisation_document(organisation, timezone.now())
    record_event(
        actor=actor,
        organisation=organisation,
        kind=EventKind.ORGANISATION_EXPORTED,
        subject=organisation.slug,
        data={"rows": _row_count(document), "tables": len(document["tables"])},
    )
    return to_json(document)


# The organisation's retention periods --------------------------------------------------------


@transaction.atomic
def save_retention_settings(
    *,
    actor: Actor,
    organisation: Organisation,
    expected_version: int,
    import_days: int,
    removed_person_days: int,
) -> RetentionSettings:
    """`expected_version` is the version the administrator started from, 0 when none were
    saved yet (the form showed the defaults); saved since, or saved for the first time
    meanwhile, is a ConflictError."""
    who = as_actor(actor)
    current = RetentionSettings.objects.select_for_update().filter(organisation=organisation)
    saved = current.first()
    if saved is None:
        if expected_version != 0:
            raise ConflictError  # the row the form came from is gone
        saved = RetentionSettings(organisation=organisation)
    else:
        saved.version = claim_version(RetentionSettings, saved.pk, expected_version)
    saved.import_days = import_days
    saved.removed_person_days = removed_person_days
    saved.full_clean()
    with history_by(saved, who):
        saved.save()
    record_event(
        actor=who,
        organisation=organisation,
        kind=EventKind.RETENTION_SAVED,
        subject=organisation.name,
        data={"import_days": import_days, "removed_person_days": removed_person_days},
    )
    return saved


# The daily purge ----------------------------------------------------------------------------


@dataclass
class PurgeReport:
    """What was (or, in a dry run, would be) deleted: the installation's counts, and each
    organisation's that had anything."""

    installation: dict[str, int] = field(default_factory=dict)
    organisations: dict[str, dict[str, int]] = field(default_factory=dict)
    feedback: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        found = [f"installation: {what} {count}" for what, count in self.installation.items()]
        for name, counts in self.organisations.items():
            found += [f"{name}: {what} {count}" for what, count in counts.items()]
        found += [f"{name}: feedback messages {count}" for name, count in self.feedback.items()]
        return found


def _days_ago(now: datetime.datetime, days: int) -> datetime.datetime:
    return now - datetime.timedelta(days=days)


def _erase_invitation_addresses(ids: list[int]) -> None:
    # The invitation's history rows would keep the address the deletion is to remove.
    Invitation.history.model.objects.filter(id__in=ids).update(email="")


def _purge_organisation(
    organisation: Organisation, now: datetime.datetime, dry_run: bool
) -> tuple[dict[str, int], dict[str, int]]:
    """The organisation's rules; returns the counts and the retention days they used."""
    retention = RetentionSettings.for_organisation(organisation)
    link_cutoff = _days_ago(now, settings.TIEKARTTA_EXPIRED_LINK_DAYS)
    imports = ImportBatch.objects.filter(
        roadmap__organisation=organisation,
        status__in=[ImportStatus.PENDING, ImportStatus.DISCARDED],
        created_at__lt=_days_ago(now, retention.import_days),
    )
    # A survey's export held its respondents' names and addresses: a pending one goes with the
    # other uploads (an imported or discarded one was emptied already).
    surveys = SurveyImport.objects.filter(
        organisation=organisation,
        status=SurveyImportStatus.PENDING,
        created_at__lt=_days_ago(now, retention.import_days),
    )
    invitations = Invitation.objects.filter(
        organisation=organisation, accepted_at__isnull=True
    ).filter(Q(expires_at__lt=link_cutoff) | Q(revoked_at__lt=link_cutoff))
    links = SignInLink.objects.filter(organisation=organisation).filter(
        Q(expires_at__lt=link_cutoff) | Q(used_at__lt=link_cutoff)
    )
    # A removed person's history rows: the deletion ("-") is older than the retention, and no
    # Person has the id any more.
    HistoricalPerson = Person.history.model
    removed = (
        HistoricalPerson.objects.filter(
            organisation_id=organisation.pk,
            history_type="-",
            history_date__lt=_days_ago(now, retention.removed_person_days),
        )
        .exclude(id__in=Person._base_manager.values("pk"))
        .values("id")
    )
    addresses = HistoricalPerson.objects.filter(id__in=removed).exclude(email="")
    counts = {
        "imports": imports.count(),
        "survey_uploads": surveys.count(),
        "invitations": invitations.count(),
        "sign_in_links": links.count(),
        "person_history_addresses": addresses.count(),
    }
    if not dry_run:
        imports.delete()
        surveys.delete()
        invitation_ids = list(invitations.values_list("pk", flat=True))
        invitations.delete()
        _erase_invitation_addresses(invitation_ids)
        links.delete()
        addresses.update(email="")
    used = {
        "import_days": retention.import_days,
        "removed_person_days": retention.removed_person_days,
        "expired_link_days": settings.TIEKARTTA_EXPIRED_LINK_DAYS,
    }
    return counts, used


def _clear_sessions(now: datetime.datetime, dry_run: bool) -> int:
    """Expired sessions, as `manage.py clearsessions` deletes them."""
    if settings.SESSION_ENGINE == "django.contrib.sessions.backends.db":
        expired = Session.objects.filter(expire_date__lt=now)
        count = expired.count()
        if not dry_run:
            expired.delete()
        return count
    # Other engines count nothing here; their store deletes its own expired sessions.
    if not dry_run:
        import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    return 0


def _purge_installation(now: datetime.datetime, dry_run: bool) -> dict[str, int]:
    login_cutoff = _days_ago(now, settings.TIEKARTTA_LOGIN_RECORD_DAYS)
    link_cutoff = _days_ago(now, settings.TIEKARTTA_EXPIRED_LINK_DAYS)
    login_records = [
        AccessLog.objects.filter(attempt_time__lt=login_cutoff),
        AccessAttempt.objects.filter(attempt_time__lt=login_cutoff),
        AccessFailureLog.objects.filter(attempt_time__lt=login_cutoff),
    ]
    verifications = EmailVerification.objects.filter(
        Q(expires_at__lt=link_cutoff) | Q(used_at__lt=link_cutoff)
    )
    # A removed account's history rows keep its address and name; the user name stays, so
    # that the history still tells an account from another.
    HistoricalUser = User.history.model
    removed_users = (
        HistoricalUser.objects.filter(
            history_type="-",
            history_date__lt=_days_ago(now, settings.TIEKARTTA_REMOVED_USER_DAYS),
        )
        .exclude(id__in=User._base_manager.values("pk"))
        .values("id")
    )
    user_rows = HistoricalUser.objects.filter(id__in=removed_users).exclude(
        email="", first_name="", last_name=""
    )
    counts = {
        "login_records": sum(records.count() for records in login_records),
        "email_verifications": verifications.count(),
        "user_history_rows": user_rows.count(),
    }
    if not dry_run:
        for records in login_records:
            records.delete()
        verifications.delete()
        user_rows.update(email="", first_name="", last_name="")
    counts["sessions"] = _clear_sessions(now, dry_run)
    return counts


PURGER = Actor.system("Command line: purge_expired")


@transaction.atomic
def purge_expired(
    *, actor: Actor = PURGER, now: datetime.datetime | None = None, dry_run: bool = False
) -> PurgeReport:
    """Apply every retention rule once: the installation's (log-in records, sessions, e-mail
    confirmations, removed accounts' history), each organisation's (unconfirmed imports,
    expired invitations and sign-in links, removed people's addresses in the history) and the
    feedback's own (accessibility.services.purge_expired_feedback). One audit event for the
    installation and one per organisation, when anything was deleted."""
    now = now or timezone.now()
    who = as_actor(actor)
    report = PurgeReport()
    report.installation = _purge_installation(now, dry_run)
    if not dry_run and any(report.installation.values()):
        record_event(
            actor=who,
            organisation=None,
            kind=EventKind.DATA_PURGED,
            subject="installation",
            data={
                **report.installation,
                "login_record_days": settings.TIEKARTTA_LOGIN_RECORD_DAYS,
                "expired_link_days": settings.TIEKARTTA_EXPIRED_LINK_DAYS,
                "removed_user_days": settings.TIEKARTTA_REMOVED_USER_DAYS,
            },
        )
    for organisation in Organisation.objects.order_by("name", "pk"):
        counts, used = _purge_organisation(organisation, now, dry_run)
        if not any(counts.values()):
            continue
        report.organisations[organisation.name] = counts
        if not dry_run:
            record_event(
                actor=who,
                organisation=organisation,
                kind=EventKind.DATA_PURGED,
                subject=organisation.name,
                data={**counts, **used},
            )
    for result in purge_expired_feedback(actor=who, now=now, dry_run=dry_run):
        report.feedback[result.organisation.name] = result.deleted
    for line in report.lines():
        logger.info("purge_expired%s: %s", " (dry run)" if dry_run else "", line)
    return report
