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
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tiekartta.accounts.models import Organisation
from tiekartta.core.text import DESCRIPTION, LONG_TEXT, NOTE, limited_text, text_limits
from tiekartta.roadmap.models import Person, Task, Theme

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


def event_names_source(label: str, event: str) -> bool:
    """Whether the event's name already says the source ("Asukaskysely 2022" of a residents'
    survey, "Työpaja: asiointi" of a workshop): then the event alone is shown."""
    return bool(event) and event.casefold().startswith(label.casefold())


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
    # The workshop the idea was written in, if it was; the workshops that scored it are
    # Workshop.ideas.
    workshop = models.ForeignKey(
        "Workshop",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="written_ideas",
        verbose_name=_("written in the workshop"),
    )
    # The secret part of the address where a resident who proposed the idea on the public form
    # follows it, without an account. Only ideas from the public form have one.
    follow_key = models.CharField(max_length=43, unique=True, null=True, blank=True, editable=False)
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
    def source_line(self) -> str:
        """The source and its event as one line: "Workshop: e-services", or the event alone
        where its name says the source already."""
        label = str(self.get_source_display())
        if not self.event:
            return label
        if event_names_source(label, self.event):
            return self.event
        return f"{label}: {self.event}"

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


# The scale a score is given on: 1 … scale. Kept on each workshop as it was when the workshop
# opened, so that changing the setting later never changes what an old score meant.
SCALE_MIN, SCALE_MAX = 3, 10
DOTS_MAX = 20
WEIGHT_MAX = 10


class ScoringSettings(models.Model):
    """How the organisation scores ideas: the scale of impact, effort and strategic fit, their
    weights in the priority, and how many dots each person has in a dot vote."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="scoring_settings"
    )
    scale = models.PositiveSmallIntegerField(
        _("scale"),
        default=5,
        validators=[MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)],
        help_text=_("Scores are given from 1 to this number."),
    )
    impact_weight = models.PositiveSmallIntegerField(
        _("weight of impact"), default=2, validators=[MaxValueValidator(WEIGHT_MAX)]
    )
    effort_weight = models.PositiveSmallIntegerField(
        _("weight of effort"),
        default=1,
        validators=[MaxValueValidator(WEIGHT_MAX)],
        help_text=_("Less effort raises the priority."),
    )
    fit_weight = models.PositiveSmallIntegerField(
        _("weight of strategic fit"), default=1, validators=[MaxValueValidator(WEIGHT_MAX)]
    )
    dots = models.PositiveSmallIntegerField(
        _("dots per person"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(DOTS_MAX)],
        help_text=_("How many dots each person may give in a dot vote."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("scoring settings")
        verbose_name_plural = _("scoring settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(scale__gte=SCALE_MIN, scale__lte=SCALE_MAX),
                name="scoring_scale_range",
                violation_error_message=_("The scale runs from 3 to 10."),
            ),
            models.CheckConstraint(
                condition=Q(
                    impact_weight__lte=WEIGHT_MAX,
                    effort_weight__lte=WEIGHT_MAX,
                    fit_weight__lte=WEIGHT_MAX,
                ),
                name="scoring_weights_range",
                violation_error_message=_("A weight is at most 10."),
            ),
            models.CheckConstraint(
                condition=Q(impact_weight__gt=0) | Q(effort_weight__gt=0) | Q(fit_weight__gt=0),
                name="scoring_some_weight",
                violation_error_message=_("Give at least one of the weights a value."),
            ),
            models.CheckConstraint(
                condition=Q(dots__gte=1, dots__lte=DOTS_MAX),
                name="scoring_dots_range",
                violation_error_message=_("Each person has from 1 to 20 dots."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    @classmethod
    def for_organisation(cls, organisation: Organisation) -> ScoringSettings:
        """The saved settings, or the defaults (unsaved) so that reading never writes."""
        found = cls.objects.filter(organisation=organisation).first()
        return found or cls(organisation=organisation)


class Voting(models.TextChoices):
    SCORES = "scores", _("Scores: impact, effort and strategic fit")
    DOTS = "dots", _("Dot votes")


class WorkshopStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Workshop(models.Model):
    """A workshop (työpaja) or an ideation meeting of the group: ideas written one after
    another and scored on a shared screen. Closing it keeps its record (who came, which ideas,
    how they were scored) as it stood, like a review meeting's minutes."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="workshops"
    )
    title = models.CharField(_("title"), max_length=EVENT_LENGTH)
    theme = models.ForeignKey(
        Theme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workshops",
        verbose_name=_("theme"),
    )
    held_on = models.DateField(_("date"))
    voting = models.CharField(
        _("voting"), max_length=8, choices=Voting.choices, default=Voting.SCORES
    )
    scale = models.PositiveSmallIntegerField(
        _("scale"), validators=[MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)]
    )
    dots = models.PositiveSmallIntegerField(
        _("dots per person"), validators=[MinValueValidator(1), MaxValueValidator(DOTS_MAX)]
    )
    attendees = models.ManyToManyField(
        Person, blank=True, related_name="workshops_attended", verbose_name=_("attendees")
    )
    ideas = models.ManyToManyField(
        Idea, blank=True, related_name="workshops", verbose_name=_("ideas")
    )
    notes = limited_text(_("notes"), limit=LONG_TEXT, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=WorkshopStatus.choices, default=WorkshopStatus.OPEN
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # The record as it stood when the workshop was closed (ideas.workshops.record_of).
    record = models.JSONField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version", "record"])

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        constraints = [
            *text_limits("workshop", notes=LONG_TEXT),
            models.CheckConstraint(
                condition=Q(status__in=WorkshopStatus.values), name="workshop_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(voting__in=Voting.values), name="workshop_voting_valid"
            ),
            models.CheckConstraint(
                condition=Q(scale__gte=SCALE_MIN, scale__lte=SCALE_MAX),
                name="workshop_scale_range",
            ),
            models.CheckConstraint(
                condition=Q(dots__gte=1, dots__lte=DOTS_MAX), name="workshop_dots_range"
            ),
            models.CheckConstraint(
                condition=Q(status=WorkshopStatus.OPEN, closed_at__isnull=True)
                | Q(status=WorkshopStatus.CLOSED, closed_at__isnull=False),
                name="workshop_closed_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == WorkshopStatus.OPEN

    def clean(self) -> None:
        theme = self.theme
        if theme is not None and theme.roadmap.organisation_id != self.organisation_id:
            raise ValidationError({"theme": _("Choose a theme of this organisation.")})


class Score(models.Model):
    """One person's score of one idea in one workshop. Everyone's is kept; pages show the
    average. Impact, effort and fit are on the workshop's scale; dots are a dot vote."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="scores")
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="scores")
    scorer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    impact = models.PositiveSmallIntegerField(_("impact"), null=True, blank=True)
    effort = models.PositiveSmallIntegerField(_("effort"), null=True, blank=True)
    fit = models.PositiveSmallIntegerField(_("strategic fit"), null=True, blank=True)
    dots = models.PositiveSmallIntegerField(_("dots"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "workshop", "scorer"],
                condition=Q(scorer__isnull=False),
                name="score_one_per_person",
                violation_error_message=_("You have already scored this idea in this workshop."),
            ),
            # The workshop's own scale is checked by the service; this is the outer bound.
            models.CheckConstraint(
                condition=(Q(impact__isnull=True) | Q(impact__gte=1, impact__lte=SCALE_MAX))
                & (Q(effort__isnull=True) | Q(effort__gte=1, effort__lte=SCALE_MAX))
                & (Q(fit__isnull=True) | Q(fit__gte=1, fit__lte=SCALE_MAX)),
                name="score_within_scale",
                violation_error_message=_("A score is on the scale from 1 to 10."),
            ),
            models.CheckConstraint(condition=Q(dots__lte=DOTS_MAX), name="score_dots_range"),
        ]

    def __str__(self) -> str:
        return f"{self.idea}: {self.impact}/{self.effort}/{self.fit} {self.dots}"
