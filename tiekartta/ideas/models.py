"""Ideas (kehitysideat): what the roadmap's tasks grow from.

An idea belongs to an organisation, not to a roadmap: the 2022 surveys and workshops were held
before the 2023–2025 roadmap existed, and a parked idea waits for the next period. Where it came
from is its source (a kind, and the event: "Toiveiden tynnyri 2022"). Its status moves from new
through review to one of four ends; every change carries a reason, kept as a `StatusChange`,
because the reason is what the person who proposed it is told.

Invariants in the database (the same on SQLite and PostgreSQL): a merged idea names the idea it
was merged into and no other idea does, never itself; an idea with a task is accepted.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tiekartta.accounts.models import Organisation
from tiekartta.core.text import DESCRIPTION, NOTE, limited_text, text_limits
from tiekartta.roadmap.models import Task, Theme

TITLE_LENGTH = 200
EVENT_LENGTH = 200
SUBMITTER_LENGTH = 200


class IdeaSource(models.TextChoices):
    RESIDENT_SURVEY = "resident_survey", _("Residents' survey")
    EMPLOYEE_SURVEY = "employee_survey", _("Employees' survey")
    OFFICIALS_SURVEY = "officials_survey", _("Elected officials' survey")
    IDEATION = "ideation", _("Ideation meeting")
    WORKSHOP = "workshop", _("Workshop")
    PUBLIC_FORM = "public_form", _("Public idea form")
    OTHER = "other", _("Other")


class IdeaStatus(models.TextChoices):
    NEW = "new", _("New")
    UNDER_REVIEW = "under_review", _("Under review")
    ACCEPTED = "accepted", _("Accepted")
    MERGED = "merged", _("Merged")
    PARKED = "parked", _("Parked")
    REJECTED = "rejected", _("Rejected")


# Where an idea's life ends for now: these need a reason, since the reason is the answer.
DECIDED = frozenset(
    {IdeaStatus.ACCEPTED, IdeaStatus.MERGED, IdeaStatus.PARKED, IdeaStatus.REJECTED}
)


class Idea(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="ideas")
    title = models.CharField(_("title"), max_length=TITLE_LENGTH)
    description = limited_text(_("description"), limit=DESCRIPTION, blank=True)
    theme = models.ForeignKey(
        Theme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("theme"),
    )
    source = models.CharField(
        _("source"), max_length=20, choices=IdeaSource.choices, default=IdeaSource.OTHER
    )
    event = models.CharField(
        _("source event"),
        max_length=EVENT_LENGTH,
        blank=True,
        help_text=_("For example “Toiveiden tynnyri 2022” or “Workshop: e-services, autumn 2022”."),
    )
    received_on = models.DateField(_("date"))
    submitter = models.CharField(
        _("proposed by"),
        max_length=SUBMITTER_LENGTH,
        blank=True,
        help_text=_("Optional. A name or a group (“a resident”, “social services”)."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=IdeaStatus.choices, default=IdeaStatus.NEW
    )
    # The reason of the latest decision, as the proposer and the public page read it.
    status_reason = limited_text(_("reason"), limit=NOTE, blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_ideas",
        verbose_name=_("merged into"),
    )
    task = models.ForeignKey(
        Task,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="source_ideas",
        verbose_name=_("task"),
    )
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Shown with its status and reason on the public site."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords(excluded_fields=["version", "updated_at"])

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        indexes = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["organisation", "-received_on"]),
        ]
        constraints = [
            *text_limits("idea", description=DESCRIPTION, status_reason=NOTE),
            models.CheckConstraint(
                condition=Q(status__in=IdeaStatus.values), name="idea_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(source__in=IdeaSource.values), name="idea_source_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=IdeaStatus.MERGED, merged_into__isnull=False)
                | (~Q(status=IdeaStatus.MERGED) & Q(merged_into__isnull=True)),
                name="idea_merged_names_its_idea",
                violation_error_message=_("A merged idea names the idea it was merged into."),
            ),
            models.CheckConstraint(
                condition=~Q(merged_into=F("pk")),
                name="idea_not_merged_into_itself",
                violation_error_message=_("An idea cannot be merged into itself."),
            ),
            models.CheckConstraint(
                condition=Q(task__isnull=True) | Q(status=IdeaStatus.ACCEPTED),
                name="idea_with_task_is_accepted",
                violation_error_message=_("An idea that became a task is accepted."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_decided(self) -> bool:
        return self.status in DECIDED

    def clean(self) -> None:
        errors: dict[str, str] = {}
        theme, task, target = self.theme, self.task, self.merged_into
        if theme is not None and theme.roadmap.organisation_id != self.organisation_id:
            errors["theme"] = str(_("Choose a theme of this organisation."))
        if task is not None and task.roadmap.organisation_id != self.organisation_id:
            errors["task"] = str(_("Choose a task of this organisation."))
        if target is not None:
            if target.pk == self.pk:
                errors["merged_into"] = str(_("An idea cannot be merged into itself."))
            elif target.organisation_id != self.organisation_id:
                errors["merged_into"] = str(_("Choose an idea of this organisation."))
            elif target.status == IdeaStatus.MERGED:
                errors["merged_into"] = str(
                    _("That idea was itself merged into another one: merge into that one.")
                )
        if errors:
            raise ValidationError(errors)


class StatusChange(models.Model):
    """One decision on an idea: from which status to which, why, by whom and when. What the
    proposer and the public page are shown; the idea's history keeps every other edit."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=16, choices=IdeaStatus.choices)
    to_status = models.CharField(_("to"), max_length=16, choices=IdeaStatus.choices)
    reason = limited_text(_("reason"), limit=NOTE, blank=True)
    changed_at = models.DateTimeField(_("changed"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        constraints = [
            *text_limits("ideastatuschange", reason=NOTE),
            models.CheckConstraint(
                condition=~Q(from_status=F("to_status")), name="idea_status_change_changes"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.idea}: {self.from_status} → {self.to_status}"


class SurveyImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    APPLIED = "applied", _("Imported")
    DISCARDED = "discarded", _("Discarded")


class SurveyImport(models.Model):
    """A survey's export between its upload and the user's confirmation, with the columns and
    the source the user chose. The file holds what the respondents wrote about themselves
    (names, e-mail addresses), so it is kept only until it is imported or discarded: then its
    content is emptied, and a pending one is purged with the other pending uploads."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="survey_imports"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(editable=False)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=SurveyImportStatus.choices,
        default=SurveyImportStatus.PENDING,
    )
    # What the user chose: the idea columns, the group column, the source, the event, the date
    # and the theme; the preview and the confirmation read the file with the same choices.
    choices = models.JSONField(default=dict, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    applied_at = models.DateTimeField(_("imported"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("survey import")
        verbose_name_plural = _("survey imports")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=SurveyImportStatus.values), name="survey_import_status_valid"
            )
        ]

    def __str__(self) -> str:
        return self.filename
