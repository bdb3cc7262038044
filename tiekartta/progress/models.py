"""Quarterly follow-up: progress entries, review meetings, the organisation's follow-up settings
and the log of reminders sent."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tiekartta.accounts.models import Organisation
from tiekartta.core.quarters import Quarter, quarter_constraint, validate_quarter
from tiekartta.roadmap.models import Person, Roadmap, Status, Task

DEFAULT_RISK_MARGIN = 15
DEFAULT_METRIC_GRACE_DAYS = 45


class FollowUpSettings(models.Model):
    """What the admin decides about follow-up for the whole organisation."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="follow_up_settings",
        verbose_name=_("organisation"),
    )
    risk_margin = models.PositiveSmallIntegerField(
        _("risk margin (percentage points)"),
        default=DEFAULT_RISK_MARGIN,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "A task is at risk when its completion is this many percentage points behind "
            "its planned line."
        ),
    )
    next_review_date = models.DateField(
        _("next review meeting"),
        null=True,
        blank=True,
        help_text=_("Reminders to task owners are sent before this date."),
    )
    reminder_days_before = models.PositiveSmallIntegerField(
        _("reminder days before the meeting"),
        default=7,
        validators=[MaxValueValidator(60)],
    )
    sign_in_link_hours = models.PositiveSmallIntegerField(
        _("sign-in link validity (hours)"),
        default=72,
        validators=[MinValueValidator(1), MaxValueValidator(336)],
        help_text=_("How long the one-time sign-in link in a reminder works."),
    )
    metric_grace_days = models.PositiveSmallIntegerField(
        _("grace for metric values (days)"),
        default=DEFAULT_METRIC_GRACE_DAYS,
        validators=[MaxValueValidator(365)],
        help_text=_(
            "A metric is stale when no value has arrived this many days after its period ended."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up settings")
        verbose_name_plural = _("follow-up settings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(risk_margin__gte=1, risk_margin__lte=100),
                name="follow_up_risk_margin_range",
            ),
            models.CheckConstraint(
                condition=models.Q(sign_in_link_hours__gte=1, sign_in_link_hours__lte=336),
                name="follow_up_link_hours_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    @classmethod
    def for_organisation(cls, organisation: Organisation) -> FollowUpSettings:
        """The saved settings, or the defaults (unsaved) so that reading never writes."""
        found = cls.objects.filter(organisation=organisation).first()
        return found or cls(organisation=organisation)


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
    minutes = models.TextField(_("minutes"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
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
    note = models.TextField(_("note"), blank=True, max_length=2000)
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
