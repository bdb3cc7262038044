"""The digital maturity assessment: the organisation's viewpoints, and assessments of the current
and target level (1–5) on each, made at the start of a roadmap, at mid-term and at renewal."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tiekartta.accounts.models import Organisation
from tiekartta.core.constraints import ConstraintErrorsOnFields
from tiekartta.core.text import NOTE, SHORT_DESCRIPTION, limited_text, text_limits
from tiekartta.roadmap.models import Roadmap, Task

LOWEST_LEVEL = 1
HIGHEST_LEVEL = 5
LEVELS = range(LOWEST_LEVEL, HIGHEST_LEVEL + 1)
NOTE_LENGTH = 1000
# No municipality assessed its digital maturity before this; a year typed wrong is caught.
EARLIEST_ASSESSMENT = datetime.date(2000, 1, 1)


class ViewpointQuerySet(models.QuerySet["Viewpoint"]):
    def of_organisation(self, organisation: Organisation) -> ViewpointQuerySet:
        return self.filter(organisation=organisation)

    def in_order(self) -> ViewpointQuerySet:
        return self.order_by("order", "name", "pk")


# Module level so that services can write one history row after the task links are set.
VIEWPOINT_HISTORY = HistoricalRecords(m2m_fields=["tasks"], excluded_fields=["version"])


class Viewpoint(ConstraintErrorsOnFields, models.Model):
    """One viewpoint (näkökulma) of digital maturity, such as knowledge-based management."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="maturity_viewpoints",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=120)
    description = limited_text(_("description"), limit=NOTE, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    tasks = models.ManyToManyField(
        Task,
        blank=True,
        related_name="viewpoints",
        verbose_name=_("linked tasks"),
        help_text=_("Tasks of the organisation's roadmaps that raise the level of this viewpoint."),
    )
    # Optimistic locking: a save must name the version it started from.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ViewpointQuerySet.as_manager()
    history = VIEWPOINT_HISTORY

    constraint_fields = {"maturity_viewpoint_name_unique": "name"}

    class Meta:
        verbose_name = _("maturity viewpoint")
        verbose_name_plural = _("maturity viewpoints")
        ordering = ["order", "name", "pk"]
        constraints = [
            *text_limits("viewpoint", description=NOTE),
            models.UniqueConstraint(
                Lower("name"),
                "organisation",
                name="maturity_viewpoint_name_unique",
                violation_error_message=_(
                    "The organisation already has a viewpoint with this name."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Stage(models.TextChoices):
    """When in the roadmap's life the assessment was made."""

    BASELINE = "baseline", _("Baseline")
    MID_TERM = "mid_term", _("Mid-term")
    RENEWAL = "renewal", _("Renewal")
    OTHER = "other", _("Other")


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def of_organisation(self, organisation: Organisation) -> AssessmentQuerySet:
        return self.filter(organisation=organisation)

    def newest_first(self) -> AssessmentQuerySet:
        return self.order_by("-assessed_on", "-pk")


class Assessment(ConstraintErrorsOnFields, models.Model):
    """The levels on every viewpoint as the organisation assessed them on one date."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="maturity_assessments",
        verbose_name=_("organisation"),
    )
    title = models.CharField(
        _("title"), max_length=200, help_text=_("For example “Baseline 2022”.")
    )
    assessed_on = models.DateField(
        _("date of the assessment"),
        validators=[
            MinValueValidator(EARLIEST_ASSESSMENT, message=_("Enter a date from the year 2000 on."))
        ],
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.BASELINE
    )
    roadmap = models.ForeignKey(
        Roadmap,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="maturity_assessments",
        verbose_name=_("roadmap"),
        help_text=_("The roadmap whose start, mid-term or renewal the assessment belongs to."),
    )
    notes = limited_text(_("notes"), limit=SHORT_DESCRIPTION, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    # Optimistic locking: a save must name the version it started from.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = AssessmentQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version", "created_at"])

    constraint_fields = {"maturity_assessment_title_unique": "title"}

    class Meta:
        verbose_name = _("maturity assessment")
        verbose_name_plural = _("maturity assessments")
        ordering = ["-assessed_on", "-pk"]
        constraints = [
            *text_limits("assessment", notes=SHORT_DESCRIPTION),
            models.UniqueConstraint(
                Lower("title"),
                "organisation",
                name="maturity_assessment_title_unique",
                violation_error_message=_(
                    "The organisation already has an assessment with this title."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(stage__in=Stage.values), name="maturity_assessment_stage_valid"
            ),
            # "Not in the future" depends on today, which a check constraint cannot use
            # (PostgreSQL allows only immutable expressions); clean() checks it.
            models.CheckConstraint(
                condition=models.Q(assessed_on__gte=EARLIEST_ASSESSMENT),
                name="maturity_assessment_date_plausible",
                violation_error_message=_("Enter a date from the year 2000 on."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, list[Any]] = {}
        if self.assessed_on and self.assessed_on > timezone.localdate():
            errors.setdefault("assessed_on", []).append(
                _("The date of the assessment cannot be in the future.")
            )
        if (
            self.roadmap_id
            and self.organisation_id
            and self.roadmap is not None
            and self.roadmap.organisation_id != self.organisation_id
        ):
            errors.setdefault("roadmap", []).append(_("Choose a roadmap of this organisation."))
        if errors:
            raise ValidationError(errors)


def level_validators() -> list[Any]:
    return [MinValueValidator(LOWEST_LEVEL), MaxValueValidator(HIGHEST_LEVEL)]


def _level_in_range(field: str) -> models.Q:
    return models.Q(**{f"{field}__isnull": True}) | models.Q(
        **{f"{field}__gte": LOWEST_LEVEL, f"{field}__lte": HIGHEST_LEVEL}
    )


class Score(models.Model):
    """One viewpoint's current and target level in one assessment; either may be left empty."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="scores", verbose_name=_("assessment")
    )
    viewpoint = models.ForeignKey(
        Viewpoint, on_delete=models.PROTECT, related_name="scores", verbose_name=_("viewpoint")
    )
    current = models.PositiveSmallIntegerField(
        _("current level"), null=True, blank=True, validators=level_validators()
    )
    target = models.PositiveSmallIntegerField(
        _("target level"), null=True, blank=True, validators=level_validators()
    )
    note = limited_text(_("note"), limit=NOTE_LENGTH, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["viewpoint__order", "viewpoint__name", "pk"]
        constraints = [
            *text_limits("score", note=NOTE_LENGTH),
            models.UniqueConstraint(
                fields=["assessment", "viewpoint"],
                name="maturity_score_one_per_viewpoint",
                violation_error_message=_("The assessment already has a score for this viewpoint."),
            ),
            models.CheckConstraint(
                condition=_level_in_range("current"),
                name="maturity_score_current_range",
                violation_error_message=_("The current level must be from 1 to 5."),
            ),
            models.CheckConstraint(
                condition=_level_in_range("target"),
                name="maturity_score_target_range",
                violation_error_message=_("The target level must be from 1 to 5."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment}: {self.viewpoint}"

    @property
    def gap(self) -> int | None:
        """How many levels the target is above the current level."""
        if self.current is None or self.target is None:
            return None
        return self.target - self.current

    def clean(self) -> None:
        if (
            self.assessment_id
            and self.viewpoint_id
            and self.viewpoint.organisation_id != self.assessment.organisation_id
        ):
            raise ValidationError({"viewpoint": _("Choose a viewpoint of this organisation.")})
