"""Every write of the follow-up: progress entries, review meetings and settings.

Keyword-only, one transaction each, validated with full_clean(); a task's new completion and
status are saved with a task history row attributed to the actor in the same transaction.

Every service takes the actor as an `Actor` (a user, an API token or the system; a plain user
is still accepted, see `core.actors.as_actor`). A user column (an entry's author, who opened or
closed a meeting) keeps the actor's user, none for a token or the system; the history rows name
the actor either way (`core.audit.history_by`), so the change log can say "Command line: ...".
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tiekartta.accounts.models import Organisation
from tiekartta.core.actors import Actor, as_actor
from tiekartta.core.audit import history_by, history_paused, write_history_row
from tiekartta.core.locking import ConflictError, claim_version
from tiekartta.core.quarters import QUARTER_PATTERN, Quarter
from tiekartta.progress.minutes import build_minutes
from tiekartta.progress.models import (
    REVIEW_HISTORY,
    MinutesDocument,
    ProgressEntry,
    ReminderLog,
    Review,
    ReviewStatus,
)
from tiekartta.roadmap.models import (
    TASK_HISTORY,
    FollowUpSettings,
    Person,
    Roadmap,
    Status,
    Task,
)
from tiekartta.roadmap.services import (
    apply_public_summary,
    apply_summary_translations,
    ensure_open,
)


def _check_quarter(roadmap: Roadmap, quarter: str, field: str, today: datetime.date) -> None:
    if not QUARTER_PATTERN.match(quarter or ""):
        raise ValidationError(
            {field: _("Enter a quarter as year and quarter, for example 2024Q3.")}
        )
    value = Quarter.parse(quarter)
    if not roadmap.contains_quarter(value):
        raise ValidationError(
            {
                field: _("Choose a quarter within the roadmap period %(period)s.")
                % {"period": roadmap.period_label}
            }
        )
    if value > Quarter.of_date(today):
        raise ValidationError({field: _("Progress cannot be recorded for a future quarter.")})


# Progress entries ----------------------------------------------------------------------------


@transaction.atomic
def record_progress(
    *,
    actor: Actor,
    task: Task,
    quarter: str,
    completion: int,
    status: str,
    note: str = "",
    review: Review | None = None,
    today: datetime.date | None = None,
    public_summary: str | None = None,
    public_summary_translations: Mapping[str, str] | None = None,
) -> ProgressEntry:
    """Add a progress entry; the task shows the latest entry of its latest quarter.

    `public_summary`, when given, replaces the task's summary for residents (None keeps it);
    `public_summary_translations` ({"sv": "…"}, "" for none) its language versions named, the
    task's other versions kept; the entry's `note` stays internal.

    Entries are only ever added. Two people recording the same task at once both get their
    entry saved, in the order the database serialises them on the task's row lock.
    """
    who = as_actor(actor)
    today = today or timezone.localdate()
    # The lock orders concurrent entries for the task and makes "latest" well defined.
    locked = Task.objects.select_for_update().select_related("roadmap").get(pk=task.pk)
    roadmap = locked.roadmap
    ensure_open(roadmap)
    _check_quarter(roadmap, quarter, "quarter", today)
    if review is not None:
        current_review = Review.objects.select_for_update().get(pk=review.pk)
        if current_review.roadmap_id != roadmap.pk:
            raise ValidationError(_("The review belongs to another roadmap."))
        if not current_review.is_open:
            raise ValidationError(
                _(
                    "The review meeting is closed and its entries are frozen. Record a "
                    "correction on the task's page."
                )
            )
        if current_review.quarter != quarter:
            raise ValidationError({"quarter": _("The entry must be for the review's quarter.")})
    entry = ProgressEntry(
        task=locked,
        quarter=quarter,
        completion=completion,
        status=status,
        note=note.strip(),
        review=review,
        author=who.history_user,
    )
    # The task and the review were just read under their locks and the author is the actor:
    # their rows exist, so the three lookups that check it are skipped. The table's check
    # constraints repeat the fields' validators (one query and savepoint each, 15 queries); the
    # one rule no field validator checks is checked here, with the constraint's message.
    entry.full_clean(exclude=["task", "review", "author"], validate_constraints=False)
    _check_done_is_complete(entry)
    entry.save()
    latest = ProgressEntry.objects.filter(task=locked).newest_first().first()
    # A backdated correction is history; only the latest entry speaks for the task now, so a
    # status set later on the task form is not overturned by an older quarter's entry.
    changes: dict[str, Any] = {}
    if latest == entry and (entry.completion, entry.status) != (locked.completion, locked.status):
        changes.update(completion=entry.completion, status=entry.status)
    versions_before = locked.translations
    summary_changed = public_summary is not None and public_summary.strip() != locked.public_summary
    if summary_changed and public_summary is not None:
        apply_public_summary(locked, public_summary)
    if public_summary_translations:
        _check_summary_languages(locked, public_summary_translations)
        apply_summary_translations(locked, public_summary_translations)
    if summary_changed or locked.translations != versions_before:
        for name, value in (
            ("public_summary", locked.public_summary),
            ("translations", locked.translations),
        ):
            try:
                Task._meta.get_field(name).clean(value, locked)  # type: ignore[union-attr]
            except ValidationError as error:
                raise ValidationError({"public_summary": error.messages}) from error
        changes.update(
            public_summary=locked.public_summary,
            public_summary_updated_at=locked.public_summary_updated_at,
            translations=locked.translations,
        )
    if changes:
        # One update and one history row: the task's history (and the public feed built on
        # it) shows one change per entry recorded, not one per column touched.
        now = timezone.now()
        Task.objects.filter(pk=locked.pk).update(
            **changes, version=F("version") + 1, updated_at=now
        )
        # The row is locked: what the update wrote is known without reading it back.
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.version += 1
        locked.updated_at = now
        write_history_row(TASK_HISTORY, locked, who, "~")
    task.completion, task.status, task.version = locked.completion, locked.status, locked.version
    task.public_summary = locked.public_summary
    task.public_summary_updated_at = locked.public_summary_updated_at
    task.translations = locked.translations
    return entry


def _check_done_is_complete(entry: ProgressEntry) -> None:
    """The table's constraint `progress_done_is_complete`, checked before the insert."""
    if entry.status == Status.DONE and entry.completion != 100:
        constraint = next(
            c for c in ProgressEntry._meta.constraints if c.name == "progress_done_is_complete"
        )
        raise ValidationError({NON_FIELD_ERRORS: [constraint.get_violation_error_message()]})


def _check_summary_languages(task: Task, versions: Mapping[str, str]) -> None:
    languages = task.roadmap.organisation.content_languages
    unknown = sorted(code for code in versions if code not in languages.others)
    if unknown:
        raise ValidationError(
            {
                "public_summary": _(
                    "The organisation does not write in %(languages)s: a summary can have "
                    "versions in %(others)s only."
                )
                % {
                    "languages": ", ".join(unknown),
                    "others": ", ".join(languages.others) or "–",
                }
            }
        )


# Review meetings -----------------------------------------------------------------------------


def _check_attendees(roadmap: Roadmap, attendees: Iterable[Person]) -> list[Person]:
    chosen = list(attendees)
    if any(p.organisation_id != roadmap.organisation_id for p in chosen):
        raise ValidationError({"attendees": _("Attendees must belong to this organisation.")})
    return chosen


@transaction.atomic
def open_review(
    *,
    actor: Actor,
    roadmap: Roadmap,
    quarter: str,
    meeting_date: datetime.date,
    attendees: Iterable[Person] = (),
    minutes: str = "",
    today: datetime.date | None = None,
) -> Review:
    who = as_actor(actor)
    ensure_open(roadmap)
    _check_quarter(roadmap, quarter, "quarter", today or timezone.localdate())
    chosen = _check_attendees(roadmap, attendees)
    review = Review(
        roadmap=roadmap,
        quarter=quarter,
        meeting_date=meeting_date,
        minutes=minutes,
        opened_by=who.history_user,
    )
    review.full_clean()
    try:
        # A savepoint, so that losing the race to open the same quarter leaves the
        # surrounding transaction usable for the message.
        with transaction.atomic(), history_paused(review):
            review.save()
            review.attendees.set(chosen)
    except IntegrityError as error:
        raise ValidationError(
            {"quarter": _("This roadmap already has a review for this quarter.")}
        ) from error
    write_history_row(REVIEW_HISTORY, review, who, "+")
    return review


@transaction.atomic
def update_review_details(
    *,
    actor: Actor,
    review: Review,
    expected_version: int,
    meeting_date: datetime.date,
    attendees: Iterable[Person],
    minutes: str,
    decisions: str,
) -> Review:
    """Save the meeting details if nobody saved them since `expected_version` was read."""
    ensure_open(review.roadmap)
    chosen = _check_attendees(review.roadmap, attendees)
    try:
        review.version = claim_version(
            Review, review.pk, expected_version, status=ReviewStatus.OPEN
        )
    except ConflictError:
        if Review.objects.filter(pk=review.pk, status=ReviewStatus.CLOSED).exists():
            raise ValidationError(
                _("The review meeting is closed; its minutes are frozen.")
            ) from None
        raise
    review.meeting_date = meeting_date
    review.minutes = minutes
    review.decisions = decisions
    review.full_clean()
    with history_paused(review):
        review.save()
        review.attendees.set(chosen)
    write_history_row(REVIEW_HISTORY, review, actor, "~")
    return review


@transaction.atomic
def close_review(*, actor: Actor, review: Review, today: datetime.date | None = None) -> Review:
    """Freeze the meeting: no more entries through it, and the minutes are final, as they
    read on `today` (by default the current date)."""
    who = as_actor(actor)
    ensure_open(review.roadmap)
    locked = Review.objects.select_for_update().get(pk=review.pk)
    if not locked.is_open:
        raise ValidationError(_("The review meeting is already closed."))
    locked.minutes_snapshot = build_minutes(locked, today or timezone.localdate()).to_json()
    locked.status = ReviewStatus.CLOSED
    locked.closed_at = timezone.now()
    locked.closed_by = who.history_user
    locked.version += 1
    locked.full_clean()
    with history_by(locked, who):
        locked.save()
    review.status, review.closed_at, review.closed_by = (
        locked.status,
        locked.closed_at,
        locked.closed_by,
    )
    review.version = locked.version
    review.minutes_snapshot = locked.minutes_snapshot
    return review


@transaction.atomic
def store_minutes_document(*, review: Review, language: str, pdf: bytes) -> MinutesDocument:
    """Keep a closed meeting's printed minutes. Not a change anybody makes (the minutes were
    recorded when the meeting closed), so no history row or event; two first requests at once
    keep the one stored first."""
    if review.is_open:
        raise ValidationError(_("Only a closed meeting's minutes are kept as a document."))
    document, _created = MinutesDocument.objects.get_or_create(
        review=review, language=language, defaults={"pdf": pdf}
    )
    return document


# Settings ------------------------------------------------------------------------------------


@transaction.atomic
def save_follow_up_settings(
    *,
    actor: Actor,
    organisation: Organisation,
    risk_margin: int,
    next_review_date: datetime.date | None,
    reminder_days_before: int,
    sign_in_link_hours: int,
    metric_grace_days: int | None = None,
    public_shows_names: bool | None = None,
    expected_version: int | None = None,
) -> FollowUpSettings:
    """`expected_version` is the version of the settings the administrator started from, 0
    when none were saved yet (the form showed the defaults); saved since, or saved for the
    first time meanwhile, is a ConflictError. None saves whatever is there (the demo)."""
    current = FollowUpSettings.objects.select_for_update().filter(organisation=organisation)
    settings = current.first() or FollowUpSettings(organisation=organisation)
    if expected_version is not None:
        if settings.pk is None:
            if expected_version != 0:
                raise ConflictError  # the row the form came from is gone
        else:
            settings.version = claim_version(FollowUpSettings, settings.pk, expected_version)
    elif settings.pk is not None:
        settings.version = claim_version(FollowUpSettings, settings.pk, settings.version)
    settings.risk_margin = risk_margin
    settings.next_review_date = next_review_date
    settings.reminder_days_before = reminder_days_before
    settings.sign_in_link_hours = sign_in_link_hours
    if metric_grace_days is not None:
        settings.metric_grace_days = metric_grace_days
    if public_shows_names is not None:
        settings.public_shows_names = public_shows_names
    settings.full_clean()
    with history_by(settings, actor):
        settings.save()
    return settings


# Reminders -----------------------------------------------------------------------------------


@transaction.atomic
def log_reminder(
    *,
    actor: Actor,
    organisation: Organisation,
    person: Person,
    review_date: datetime.date,
    quarter: str,
    task_count: int,
) -> ReminderLog:
    """Note that `person` was reminded before `review_date`. The log keeps neither a user nor a
    history, so `actor` (the command that sent the reminder) is taken for uniformity only."""
    log = ReminderLog(
        organisation=organisation,
        person=person,
        review_date=review_date,
        quarter=quarter,
        task_count=task_count,
    )
    log.full_clean()
    log.save()
    return log
