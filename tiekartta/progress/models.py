"""Quarterly follow-up: progress entries, review meetings and the log of reminders sent. The
organisation's follow-up settings live in roadmap (the risk flags there need them)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tiekartta.accounts.models import Organisation
from tiekartta.core.quarters import Quarter, quarter_constraint, validate_quarter
from tiekartta.core.text import DESCRIPTION, LONG_TEXT, NOTE, limited_text, text_limits
from tiekartta.roadmap.models import Person, Roadmap, Status, Task


class ReviewStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ReviewQuerySet(models.QuerySet["Review"]):
    def of_roadmap(self, roadmap: Roadmap) -> ReviewQuerySet:
        return self.filter(roadmap=roadmap)


# Module level so that services can write one history row after the attendees are set.
REVIEW_HISTORY = HistoricalRecords(
    m2m_fields=["attendees"], excluded_fields=["version", "minutes_snapshot"]
)


class Review(models.Model):
    """A quarterly review meeting (seurantakokous) of the digital group."""

    roadmap = models.ForeignKey(
        Roadmap, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("roadmap")
    )
    quarter = models.CharField(
        _("quarter"),
        max_length=6,
        validators=[validate_quarter],
        help_text=_("The quarter whose progress the meeting records."),
    )
    meeting_date = models.DateField(_("meeting date"))
    attendees = models.ManyToManyField(
        Person, blank=True, related_name="reviews_attended", verbose_name=_("attendees")
    )
    minutes = limited_text(_("minutes"), limit=LONG_TEXT, blank=True)
    decisions = limited_text(_("decisions"), limit=DESCRIPTION, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.OPEN
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # The minutes as they stood when the meeting was closed (see progress.minutes).
    minutes_snapshot = models.JSONField(null=True, blank=True, editable=False)
    # Optimistic locking of the meeting details, which several people may edit at once.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ReviewQuerySet.as_manager()
    history = REVIEW_HISTORY

    class Meta:
        verbose_name = _("review meeting")
        verbose_name_plural = _("review meetings")
        ordering = ["-quarter"]
        constraints = [
            *text_limits("review", minutes=LONG_TEXT, decisions=DESCRIPTION),
            models.UniqueConstraint(
                fields=["roadmap", "quarter"],
                name="review_one_per_quarter",
                violation_error_message=_("This roadmap already has a review for this quarter."),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ReviewStatus.values), name="review_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status=ReviewStatus.OPEN, closed_at__isnull=True)
                | models.Q(status=ReviewStatus.CLOSED, closed_at__isnull=False),
                name="review_closed_has_time",
            ),
            quarter_constraint("quarter", "review_quarter_is_quarter"),
        ]

    def __str__(self) -> str:
        return f"{self.roadmap} {self.quarter_value.label()}"

    @property
    def quarter_value(self) -> Quarter:
        return Quarter.parse(self.quarter)

    @property
    def is_open(self) -> bool:
        return self.status == ReviewStatus.OPEN


class ProgressEntryQuerySet(models.QuerySet["ProgressEntry"]):
    def newest_first(self) -> ProgressEntryQuerySet:
        return self.order_by("-quarter", "-recorded_at", "-pk")

    def in_order(self) -> ProgressEntryQuerySet:
        return self.order_by("quarter", "recorded_at", "pk")


class ProgressEntry(models.Model):
    """One recorded state of a task for a quarter. Entries are never changed: a correction is
    a new entry, so the list of entries is itself the history."""

    task = models.ForeignKey(
        Task, on_delete=models.CASCADE, related_name="progress_entries", verbose_name=_("task")
    )
    quarter = models.CharField(_("quarter"), max_length=6, validators=[validate_quarter])
    completion = models.PositiveSmallIntegerField(
        _("completion (%)"), validators=[MaxValueValidator(100)]
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    note = limited_text(_("note"), limit=NOTE, blank=True)
    review = models.ForeignKey(
        Review,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("review meeting"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="progress_entries",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now, editable=False)

    objects = ProgressEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("progress entry")
        verbose_name_plural = _("progress entries")
        ordering = ["quarter", "recorded_at", "pk"]
        indexes = [models.Index(fields=["task", "quarter"], name="progress_task_quarter")]
        constraints = [
            *text_limits("progress_entry", note=NOTE),
            models.CheckConstraint(
                condition=models.Q(completion__lte=100), name="progress_completion_at_most_100"
            ),
            quarter_constraint("quarter", "progress_quarter_is_quarter"),
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="progress_status_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(status=Status.DONE) | models.Q(completion=100),
                name="progress_done_is_complete",
                violation_error_message=_("A done task must be fully complete."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} {self.quarter}: {self.completion} %"


class ReminderLog(models.Model):
    """A reminder sent to one person before one review date, so that a daily run sends it once."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("person")
    )
    review_date = models.DateField(_("review meeting"))
    quarter = models.CharField(_("quarter"), max_length=6, validators=[validate_quarter])
    task_count = models.PositiveIntegerField(_("tasks"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "review_date"], name="reminder_once_per_review"
            ),
            quarter_constraint("quarter", "reminder_quarter_is_quarter"),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.review_date}"


class MinutesDocument(models.Model):
    """A closed meeting's minutes as printed (PDF), in one language. Printing long minutes
    takes WeasyPrint seconds; a closed meeting never changes (progress.services refuses edits
    and entries through it), so the first request after closing builds the document and every
    later one is served from here. No meeting is reopened; the roadmap's removal takes these
    along."""

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="documents", verbose_name=_("review meeting")
    )
    language = models.CharField(_("language"), max_length=8)
    pdf = models.BinaryField()
    built_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("minutes document")
        verbose_name_plural = _("minutes documents")
        constraints = [
            models.UniqueConstraint(
                fields=["review", "language"], name="minutes_document_one_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.review} ({self.language})"
