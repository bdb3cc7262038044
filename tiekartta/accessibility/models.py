"""The accessibility statement (saavutettavuusseloste) and the feedback it invites.

The Act on Digital Services (306/2019, Laki digitaalisten palvelujen tarjoamisesta) asks every
public body for a statement per digital service, in Finnish and Swedish: how far the service
meets the requirements (fully, partially, not), how that was assessed and when, what is not
accessible and how to get around it, how to give feedback, and how to reach the supervisory
authority. Feedback must be answered within 14 days.

Feedback messages keep no history rows: the message and the sender's address must really be
gone when the retention period ends. What happened to each message (received, answered,
deleted) is told by the audit events, which hold no personal data.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tiekartta.accounts.models import Organisation
from tiekartta.core.text import limited_text, text_limits

# The law's deadline for answering feedback (306/2019, 17 §), in days after it arrived.
ANSWER_DAYS = 14
# A message is flagged in the list when its deadline is this close.
NEAR_DEADLINE_DAYS = 3
DEFAULT_RETENTION_DAYS = 365
MIN_RETENTION_DAYS = 30
MAX_RETENTION_DAYS = 3650

MESSAGE_LENGTH = 5000
NAME_LENGTH = 200
EMAIL_LENGTH = 254
PAGE_LENGTH = 500
ANSWER_LENGTH = 5000
TEXT_LENGTH = 4000
ISSUE_LENGTH = 1000

# The supervisory authority since 1 January 2025 (HE 71/2024 moved the supervision from the
# Regional State Administrative Agency for Southern Finland to Traficom). An organisation can
# change these if the authority or its contact details change.
AUTHORITY_NAME_FI = "Liikenne- ja viestintävirasto Traficom, saavutettavuuden valvonta"
AUTHORITY_NAME_SV = "Transport- och kommunikationsverket Traficom, tillsynen över tillgänglighet"
AUTHORITY_CONTACT = (
    "www.saavutettavuusvaatimukset.fi\nsaavutettavuus@traficom.fi\npuhelin / tfn 029 534 5000"
)


@dataclass(frozen=True)
class LocalText:
    text: str
    language: str  # the language the text is written in, for the lang attribute


def localised(obj: models.Model, field: str, language: str) -> LocalText:
    """A bilingual field in Swedish for Swedish readers, otherwise in Finnish; the other when
    one is empty. The English page shows the Finnish text (the law asks for Finnish and
    Swedish), marked as Finnish for screen readers."""
    order = ("sv", "fi") if language == "sv" else ("fi", "sv")
    for code in order:
        value = str(getattr(obj, f"{field}_{code}") or "")
        if value:
            return LocalText(value, code)
    return LocalText("", order[0])


class Compliance(models.TextChoices):
    """The three statuses of the EU model statement (2018/1523)."""

    FULL = "full", _("Fully compliant")
    PARTIAL = "partial", _("Partially compliant")
    NOT = "not", _("Not compliant")


class AssessmentMethod(models.TextChoices):
    SELF = "self", _("Self-assessment")
    THIRD_PARTY = "third_party", _("Assessment by a third party")


class AccessibilityStatement(models.Model):
    """One organisation's statement about its roadmap site. Public once it exists."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="accessibility_statement",
        verbose_name=_("organisation"),
    )
    compliance = models.CharField(
        _("compliance status"),
        max_length=16,
        choices=Compliance.choices,
        default=Compliance.PARTIAL,
    )
    assessed_on = models.DateField(_("date of the last assessment"))
    assessment_method = models.CharField(
        _("how it was assessed"),
        max_length=16,
        choices=AssessmentMethod.choices,
        default=AssessmentMethod.SELF,
    )
    assessed_by = models.CharField(
        _("assessed by"),
        max_length=200,
        blank=True,
        help_text=_("The company or unit that made a third-party assessment."),
    )
    description_fi = limited_text(_("about the service (Finnish)"), limit=TEXT_LENGTH, blank=True)
    description_sv = limited_text(_("about the service (Swedish)"), limit=TEXT_LENGTH, blank=True)
    feedback_contact = limited_text(
        _("contact for feedback"),
        limit=1000,
        help_text=_("Who answers feedback and how to reach them besides the form: e-mail, phone."),
    )
    authority_name_fi = models.CharField(
        _("supervisory authority (Finnish)"), max_length=200, default=AUTHORITY_NAME_FI
    )
    authority_name_sv = models.CharField(
        _("supervisory authority (Swedish)"), max_length=200, default=AUTHORITY_NAME_SV
    )
    authority_contact = limited_text(
        _("contact of the supervisory authority"), limit=1000, default=AUTHORITY_CONTACT
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Optimistic locking: a save must name the version it started from.
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version", "updated_at"])

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")
        constraints = [
            *text_limits(
                "accessibility_statement",
                description_fi=TEXT_LENGTH,
                description_sv=TEXT_LENGTH,
                feedback_contact=1000,
                authority_contact=1000,
            ),
            models.CheckConstraint(
                condition=models.Q(compliance__in=Compliance.values),
                name="accessibility_statement_compliance_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(assessment_method__in=AssessmentMethod.values),
                name="accessibility_statement_method_valid",
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    def clean(self) -> None:
        if self.assessed_on and self.assessed_on > timezone.localdate():
            raise ValidationError(
                {"assessed_on": _("The date of the assessment cannot be in the future.")}
            )

    def text(self, field: str, language: str) -> LocalText:
        return localised(self, field, language)


wcag_criterion = RegexValidator(
    r"^[1-4]\.[0-9]{1,2}\.[0-9]{1,2}$",
    message=_("Write a WCAG success criterion as its number, for example 1.4.3."),
)


class KnownIssue(models.Model):
    """Content that is not accessible: what, which WCAG criterion, how to get around it and
    when a fix is expected."""

    statement = models.ForeignKey(
        AccessibilityStatement,
        on_delete=models.CASCADE,
        related_name="issues",
        verbose_name=_("accessibility statement"),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    what_fi = limited_text(_("what is not accessible (Finnish)"), limit=ISSUE_LENGTH)
    what_sv = limited_text(_("what is not accessible (Swedish)"), limit=ISSUE_LENGTH, blank=True)
    criterion = models.CharField(
        _("WCAG criterion"), max_length=8, blank=True, validators=[wcag_criterion]
    )
    workaround_fi = limited_text(_("workaround (Finnish)"), limit=ISSUE_LENGTH, blank=True)
    workaround_sv = limited_text(_("workaround (Swedish)"), limit=ISSUE_LENGTH, blank=True)
    fix_expected = models.DateField(_("fix expected by"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("known accessibility issue")
        verbose_name_plural = _("known accessibility issues")
        ordering = ["order", "pk"]
        constraints = [
            *text_limits(
                "accessibility_issue",
                what_fi=ISSUE_LENGTH,
                what_sv=ISSUE_LENGTH,
                workaround_fi=ISSUE_LENGTH,
                workaround_sv=ISSUE_LENGTH,
            )
        ]

    def __str__(self) -> str:
        return self.what_fi[:80]

    def text(self, field: str, language: str) -> LocalText:
        return localised(self, field, language)


class FeedbackSettings(models.Model):
    """How long the organisation keeps feedback after answering it."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="feedback_settings",
        verbose_name=_("organisation"),
    )
    retention_days = models.PositiveIntegerField(
        _("keep answered feedback for (days)"),
        default=DEFAULT_RETENTION_DAYS,
        validators=[
            MinValueValidator(
                MIN_RETENTION_DAYS,
                message=_("Keep feedback at least %(limit_value)s days after answering it."),
            ),
            MaxValueValidator(
                MAX_RETENTION_DAYS,
                message=_("Keep feedback at most %(limit_value)s days after answering it."),
            ),
        ],
        help_text=_(
            "After this many days from the answer, the message and the sender's details are "
            "deleted. Unanswered feedback is kept until it is answered."
        ),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("feedback settings")
        verbose_name_plural = _("feedback settings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(retention_days__gte=MIN_RETENTION_DAYS)
                & models.Q(retention_days__lte=MAX_RETENTION_DAYS),
                name="feedback_retention_days_in_range",
                violation_error_message=_("Keep feedback from 30 to 3650 days after answering it."),
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    @classmethod
    def for_organisation(cls, organisation: Organisation) -> FeedbackSettings:
        """The saved settings, or the defaults (unsaved) when the admin has not set them."""
        found = cls.objects.filter(organisation=organisation).first()
        return found or cls(organisation=organisation)


class FeedbackKind(models.TextChoices):
    ACCESSIBILITY = "accessibility", _("Accessibility problem")
    GENERAL = "general", _("Feedback on the roadmap")


class FeedbackQuerySet(models.QuerySet["FeedbackMessage"]):
    def open(self) -> FeedbackQuerySet:
        return self.filter(answered_at__isnull=True)

    def answered(self) -> FeedbackQuerySet:
        return self.filter(answered_at__isnull=False)

    def overdue(self, today: datetime.date) -> FeedbackQuerySet:
        return self.open().filter(answer_due__lt=today)

    def due_within(self, days: int, today: datetime.date) -> FeedbackQuerySet:
        """Open messages whose deadline is at most `days` away, the overdue ones included."""
        return self.open().filter(answer_due__lte=today + datetime.timedelta(days=days))


class FeedbackMessage(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="feedback_messages",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("subject"), max_length=16, choices=FeedbackKind.choices)
    message = limited_text(_("message"), limit=MESSAGE_LENGTH)
    name = models.CharField(_("name"), max_length=NAME_LENGTH, blank=True)
    email = models.EmailField(_("e-mail"), max_length=EMAIL_LENGTH, blank=True)
    page = models.CharField(_("sent from the page"), max_length=PAGE_LENGTH, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    answer_due = models.DateField(_("answer due"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answer = limited_text(_("answer"), limit=ANSWER_LENGTH, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answer_emailed_at = models.DateTimeField(_("answer e-mailed"), null=True, blank=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback message")
        verbose_name_plural = _("feedback messages")
        ordering = ["answer_due", "received_at", "pk"]
        indexes = [
            models.Index(fields=["organisation", "answer_due"], name="feedback_org_due"),
        ]
        constraints = [
            *text_limits("feedback", message=MESSAGE_LENGTH, answer=ANSWER_LENGTH),
            models.CheckConstraint(
                condition=models.Q(kind__in=FeedbackKind.values), name="feedback_kind_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(message=""),
                name="feedback_message_not_empty",
                violation_error_message=_("Write a message."),
            ),
            # Answered means an answer was written, and only then.
            models.CheckConstraint(
                condition=(models.Q(answered_at__isnull=True) & models.Q(answer=""))
                | (models.Q(answered_at__isnull=False) & ~models.Q(answer="")),
                name="feedback_answer_with_time",
                violation_error_message=_("An answer needs its text and its time."),
            ),
            models.CheckConstraint(
                condition=models.Q(answer_emailed_at__isnull=True)
                | models.Q(answered_at__isnull=False),
                name="feedback_emailed_only_when_answered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @staticmethod
    def deadline_for(received_at: datetime.datetime) -> datetime.date:
        return timezone.localdate(received_at) + datetime.timedelta(days=ANSWER_DAYS)

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None

    def days_left(self, today: datetime.date) -> int:
        return (self.answer_due - today).days

    def deadline_state(self, today: datetime.date) -> str:
        """answered, overdue, near (within NEAR_DEADLINE_DAYS) or open."""
        if self.is_answered:
            return "answered"
        left = self.days_left(today)
        if left < 0:
            return "overdue"
        if left <= NEAR_DEADLINE_DAYS:
            return "near"
        return "open"

    def page_is_local(self) -> bool:
        """Whether the page it was sent from can be shown as a link on this site."""
        # "/\\evil.example" is another host to a browser, as "//evil.example" is.
        return self.page.startswith("/") and url_has_allowed_host_and_scheme(
            self.page, allowed_hosts=None
        )


class FeedbackThrottle(models.Model):
    """One accepted submission of the feedback form, by a keyed hash of the sender's address:
    enough to limit how many messages one address sends, without keeping the address itself.
    Rows older than the limit's window are deleted by `purge_feedback`."""

    address_digest = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("feedback submission")
        verbose_name_plural = _("feedback submissions")

    def __str__(self) -> str:
        return f"{self.address_digest[:8]} {self.at:%Y-%m-%d %H:%M}"
