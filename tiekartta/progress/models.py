"""Quarterly follow-up: progress entries, review meetings and the log of reminders sent. The
organisation's follow-up settings live in roadmap (the risk flags there need them)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models.functions import Length, Trim
from django.db.models.lookups import GreaterThan
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from tiekartta.accounts.models import Organisation
from tiekartta.core.constraints import ConstraintErrorsOnFields
from tiekartta.core.quarters import (
    QUARTER_PATTERN,
    Quarter,
    format_quarter,
    quarter_constraint,
    validate_quarter,
)
from tiekartta.core.text import (
    DESCRIPTION,
    LONG_TEXT,
    NOTE,
    SHORT_DESCRIPTION,
    limited_text,
    text_limits,
)
from tiekartta.roadmap.models import Kind, Person, Roadmap, Status, Task


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


class Decision(models.TextChoices):
    """What the digital group decided when an experiment's result was in."""

    # In a context of their own: "Continue" and "Stop" are buttons elsewhere.
    NONE = "", pgettext_lazy("experiment decision", "No decision yet")
    SCALE_UP = "scale_up", pgettext_lazy("experiment decision", "Scale up")
    CONTINUE = "continue", pgettext_lazy("experiment decision", "Continue")
    STOP = "stop", pgettext_lazy("experiment decision", "Stop")


class Experiment(ConstraintErrorsOnFields, models.Model):
    """A pilot task (kokeilu) as an experiment: what it should show, how success is judged,
    what it showed, what was learned, and what was decided. Only a pilot task has one."""

    task = models.OneToOneField(
        Task, on_delete=models.CASCADE, related_name="experiment", verbose_name=_("task")
    )
    hypothesis = limited_text(
        _("hypothesis"),
        limit=NOTE,
        help_text=_("What the experiment should show, for example what gets easier or faster."),
    )
    success_criteria = limited_text(
        _("success criteria"),
        limit=NOTE,
        blank=True,
        help_text=_("How you will know it worked: a figure, a limit or an observation."),
    )
    starts = models.CharField(
        _("experiment starts"),
        max_length=6,
        blank=True,
        validators=[validate_quarter],
        help_text=_("Quarter, for example 2024Q1."),
    )
    ends = models.CharField(
        _("experiment ends"),
        max_length=6,
        blank=True,
        validators=[validate_quarter],
        help_text=_("Quarter, for example 2024Q4."),
    )
    result = limited_text(_("result"), limit=SHORT_DESCRIPTION, blank=True)
    lesson = limited_text(
        _("lesson learned"),
        limit=SHORT_DESCRIPTION,
        blank=True,
        help_text=_("What the next experiment should know, whatever the decision."),
    )
    decision = models.CharField(
        _("decision"), max_length=20, choices=Decision.choices, default=Decision.NONE, blank=True
    )
    decided_at = models.DateField(_("decided on"), null=True, blank=True)
    # Optimistic locking: the owner and the digital group may edit at once.
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    # The constraints' messages next to the field they are about (core.constraints).
    constraint_fields = {
        "experiment_schedule_ordered": "ends",
        "experiment_decision_has_result": "result",
        "experiment_decided_at_with_decision": "decided_at",
    }

    class Meta:
        verbose_name = _("experiment")
        verbose_name_plural = _("experiments")
        constraints = [
            *text_limits(
                "experiment",
                hypothesis=NOTE,
                success_criteria=NOTE,
                result=SHORT_DESCRIPTION,
                lesson=SHORT_DESCRIPTION,
            ),
            quarter_constraint("starts", "experiment_starts_is_quarter", blank=True),
            quarter_constraint("ends", "experiment_ends_is_quarter", blank=True),
            models.CheckConstraint(
                condition=models.Q(starts="")
                | models.Q(ends="")
                | models.Q(ends__gte=models.F("starts")),
                name="experiment_schedule_ordered",
                violation_error_message=_("The experiment cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=models.Q(decision__in=Decision.values), name="experiment_decision_valid"
            ),
            # Trim(): a result of spaces is no result, on SQLite and PostgreSQL alike.
            models.CheckConstraint(
                condition=models.Q(decision="") | models.Q(GreaterThan(Length(Trim("result")), 0)),
                name="experiment_decision_has_result",
                violation_error_message=_(
                    "Write the result first: a decision is made on the result."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(decision="", decided_at__isnull=True)
                | (~models.Q(decision="") & models.Q(decided_at__isnull=False)),
                name="experiment_decided_at_with_decision",
                violation_error_message=_("A decision has a date, and a date needs a decision."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.task)

    @property
    def schedule_label(self) -> str:
        if not self.starts and not self.ends:
            return ""
        if self.starts == self.ends or not self.starts or not self.ends:
            return format_quarter(self.starts or self.ends)
        return f"{format_quarter(self.starts)}–{format_quarter(self.ends)}"

    @property
    def is_decided(self) -> bool:
        return self.decision != Decision.NONE

    def clean(self) -> None:
        errors: dict[str, list[Any]] = {}
        task = self.task if self.task_id else None
        if task is not None and task.kind != Kind.PILOT:
            errors.setdefault(NON_FIELD_ERRORS, []).append(
                _("Only a pilot task has an experiment: make the task's kind Pilot first.")
            )
        if task is not None:
            roadmap = task.roadmap
            for name in ("starts", "ends"):
                value = getattr(self, name)
                if (
                    value
                    and QUARTER_PATTERN.match(value)
                    and not roadmap.contains_quarter(Quarter.parse(value))
                ):
                    errors.setdefault(name, []).append(
                        _("Choose a quarter within the roadmap period %(period)s.")
                        % {"period": roadmap.period_label}
                    )
        if errors:
            raise ValidationError(errors)
