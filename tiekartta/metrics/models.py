"""Metrics (mittarit) of a roadmap: what is measured, the target, and the values recorded."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords

from tiekartta.accounts.models import ApiToken
from tiekartta.core.constraints import ConstraintErrorsOnFields
from tiekartta.core.text import NOTE, SHORT_DESCRIPTION, limited_text, text_limits
from tiekartta.core.translations import (
    register_translatable,
    translation_limits,
    translations_field,
)
from tiekartta.metrics.periods import PERIOD_PATTERN, Frequency, Period
from tiekartta.roadmap.models import (
    FIRST_YEAR,
    LAST_YEAR,
    Person,
    Roadmap,
    Task,
    Theme,
    placement_errors,
)

MAX_DIGITS = 16
DECIMAL_PLACES = 4
# Values are kept within what the column holds, with a margin that no municipal figure reaches.
VALUE_LIMIT = Decimal("999999999999")


class Unit(models.TextChoices):
    COUNT = "count", gettext_lazy("Count")
    PERCENT = "percent", gettext_lazy("Percent")
    EURO = "euro", gettext_lazy("Euros")
    DAYS = "days", gettext_lazy("Days")
    HOURS = "hours", gettext_lazy("Hours")
    KILOGRAMS = "kg", gettext_lazy("Kilograms")
    SCORE = "score", gettext_lazy("Score")
    OTHER = "other", gettext_lazy("Other")


# What follows a number of the unit; a count needs none.
UNIT_SYMBOLS = {
    Unit.PERCENT.value: "%",
    Unit.EURO.value: "€",
    Unit.DAYS.value: gettext_lazy("days"),
    Unit.HOURS.value: gettext_lazy("h"),
    Unit.KILOGRAMS.value: "kg",
    Unit.SCORE.value: gettext_lazy("points"),
}


def unit_symbol(unit: str) -> str:
    return str(UNIT_SYMBOLS.get(unit, ""))


class Direction(models.TextChoices):
    HIGHER = "higher", gettext_lazy("Higher is better")
    LOWER = "lower", gettext_lazy("Lower is better")


class Channel(models.TextChoices):
    FORM = "form", gettext_lazy("Form")
    IMPORT = "import", gettext_lazy("Import")
    API = "api", gettext_lazy("Interface (API)")
    DEMO = "demo", gettext_lazy("Demo data")


class MetricQuerySet(models.QuerySet["Metric"]):
    def for_listing(self) -> MetricQuerySet:
        return self.select_related("theme", "owner__user", "roadmap").order_by(
            models.F("theme__is_spearhead").desc(nulls_last=True),
            models.F("theme__order").asc(nulls_last=True),
            "theme__name",
            "order",
            "name",
            "pk",
        )


# Module level so that services can write one history row after the tasks are set.
METRIC_HISTORY = HistoricalRecords(m2m_fields=["tasks"], excluded_fields=["version", "updated_at"])


class Metric(ConstraintErrorsOnFields, models.Model):
    """A metric that follows progress or the effects of digitalisation."""

    roadmap = models.ForeignKey(
        Roadmap,
        on_delete=models.CASCADE,
        related_name="metrics",
        verbose_name=gettext_lazy("roadmap"),
    )
    theme = models.ForeignKey(
        Theme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="metrics",
        verbose_name=gettext_lazy("theme"),
        help_text=gettext_lazy("Leave empty for a metric of the whole roadmap."),
    )
    name = models.CharField(gettext_lazy("name"), max_length=200)
    description = limited_text(gettext_lazy("description"), limit=SHORT_DESCRIPTION, blank=True)
    measurement = limited_text(
        gettext_lazy("how it is measured"),
        limit=SHORT_DESCRIPTION,
        blank=True,
        help_text=gettext_lazy("What is counted and how, so that every value is comparable."),
    )
    source = models.CharField(
        gettext_lazy("source"),
        max_length=200,
        blank=True,
        help_text=gettext_lazy("Where the values come from, for example a system or a survey."),
    )
    unit = models.CharField(
        gettext_lazy("unit"), max_length=10, choices=Unit.choices, default=Unit.COUNT
    )
    unit_label = models.CharField(
        gettext_lazy("unit as written"),
        max_length=30,
        blank=True,
        help_text=gettext_lazy("Optional, for example kg/meal or pages/employee."),
    )
    direction = models.CharField(
        gettext_lazy("direction"),
        max_length=10,
        choices=Direction.choices,
        default=Direction.HIGHER,
    )
    frequency = models.CharField(
        gettext_lazy("update frequency"),
        max_length=12,
        choices=Frequency.choices,
        default=Frequency.QUARTERLY,
    )
    owner = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="owned_metrics",
        verbose_name=gettext_lazy("responsible person"),
    )
    baseline_value = models.DecimalField(
        gettext_lazy("baseline value"),
        max_digits=MAX_DIGITS,
        decimal_places=DECIMAL_PLACES,
        null=True,
        blank=True,
    )
    baseline_date = models.DateField(gettext_lazy("baseline date"), null=True, blank=True)
    target_value = models.DecimalField(
        gettext_lazy("target value"), max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES
    )
    target_date = models.DateField(gettext_lazy("target date"))
    tasks = models.ManyToManyField(
        Task,
        blank=True,
        related_name="metrics",
        verbose_name=gettext_lazy("linked tasks"),
        help_text=gettext_lazy("The tasks that should move this metric."),
    )
    is_public = models.BooleanField(
        gettext_lazy("public"),
        default=False,
        help_text=gettext_lazy(
            "Shown with its values on the public site when the roadmap is published."
        ),
    )
    order = models.PositiveIntegerField(gettext_lazy("order"), default=0)
    # Optimistic locking: a save must name the version it started from.
    version = models.PositiveIntegerField(default=1, editable=False)
    translations = translations_field(name=200, description=SHORT_DESCRIPTION)
    created_at = models.DateTimeField(gettext_lazy("created"), auto_now_add=True)
    updated_at = models.DateTimeField(gettext_lazy("updated"), auto_now=True)

    objects = MetricQuerySet.as_manager()
    history = METRIC_HISTORY

    constraint_fields = {"metric_name_unique_in_roadmap": "name"}

    class Meta:
        verbose_name = gettext_lazy("metric")
        verbose_name_plural = gettext_lazy("metrics")
        ordering = ["order", "name"]
        constraints = [
            *text_limits("metric", description=SHORT_DESCRIPTION, measurement=SHORT_DESCRIPTION),
            *translation_limits("metric", name=200, description=SHORT_DESCRIPTION),
            models.UniqueConstraint(
                Lower("name"),
                "roadmap",
                name="metric_name_unique_in_roadmap",
                violation_error_message=gettext_lazy(
                    "This roadmap already has a metric with this name."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(baseline_value__isnull=True, baseline_date__isnull=True)
                | models.Q(baseline_value__isnull=False, baseline_date__isnull=False),
                name="metric_baseline_complete",
                violation_error_message=gettext_lazy(
                    "Give the baseline value and its date together, or neither."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(baseline_date__isnull=True)
                | models.Q(target_date__gt=models.F("baseline_date")),
                name="metric_target_after_baseline",
                violation_error_message=gettext_lazy(
                    "The target date must be after the baseline date."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(unit__in=Unit.values), name="metric_unit_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(direction__in=Direction.values), name="metric_direction_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(frequency__in=Frequency.values), name="metric_frequency_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def unit_text(self) -> str:
        return self.unit_label or unit_symbol(self.unit)

    @property
    def higher_is_better(self) -> bool:
        return self.direction == Direction.HIGHER

    @property
    def start_date(self) -> datetime.date:
        """From when values are expected: the roadmap's start, or the metric's creation."""
        # In local time: the UTC date of a metric created just after midnight is the day before.
        created = timezone.localdate(self.created_at) if self.created_at else datetime.date.min
        return max(datetime.date(self.roadmap.start_year, 1, 1), created)

    def clean(self) -> None:
        errors = placement_errors(self)
        if (self.baseline_value is None) != (self.baseline_date is None):
            field = "baseline_date" if self.baseline_date is None else "baseline_value"
            errors.setdefault(field, []).append(
                _("Give the baseline value and its date together, or neither.")
            )
        if self.baseline_date and self.target_date and self.target_date <= self.baseline_date:
            errors.setdefault("target_date", []).append(
                _("The target date must be after the baseline date.")
            )
        if self.baseline_value is not None and self.target_value is not None:
            if self.direction == Direction.HIGHER and self.target_value < self.baseline_value:
                errors.setdefault("target_value", []).append(
                    _("Higher is better, so the target cannot be below the baseline.")
                )
            if self.direction == Direction.LOWER and self.target_value > self.baseline_value:
                errors.setdefault("target_value", []).append(
                    _("Lower is better, so the target cannot be above the baseline.")
                )
        for name in ("baseline_date", "target_date"):
            day = getattr(self, name)
            if day is not None and not FIRST_YEAR <= day.year <= LAST_YEAR:
                errors.setdefault(name, []).append(
                    _("Choose a date between %(first)s and %(last)s.")
                    % {"first": FIRST_YEAR, "last": LAST_YEAR}
                )
        for name in ("baseline_value", "target_value"):
            number = getattr(self, name)
            if number is not None and abs(number) > VALUE_LIMIT:
                errors.setdefault(name, []).append(_("The number is too large."))
        if errors:
            raise ValidationError(errors)


class Milestone(models.Model):
    """An intermediate target (välitavoite) for the end of a year."""

    metric = models.ForeignKey(
        Metric,
        on_delete=models.CASCADE,
        related_name="milestones",
        verbose_name=gettext_lazy("metric"),
    )
    year = models.PositiveSmallIntegerField(gettext_lazy("year"))
    value = models.DecimalField(
        gettext_lazy("target value"), max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = gettext_lazy("intermediate target")
        verbose_name_plural = gettext_lazy("intermediate targets")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(
                fields=["metric", "year"],
                name="milestone_one_per_year",
                violation_error_message=gettext_lazy(
                    "The metric already has an intermediate target for this year."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.metric} {self.year}"

    @property
    def date(self) -> datetime.date:
        return datetime.date(self.year, 12, 31)


class MetricValueQuerySet(models.QuerySet["MetricValue"]):
    def in_period_order(self) -> MetricValueQuerySet:
        return self.order_by("period")


class MetricValue(models.Model):
    """The value of a metric for one period. A correction replaces it; the history keeps both."""

    metric = models.ForeignKey(
        Metric, on_delete=models.CASCADE, related_name="values", verbose_name=gettext_lazy("metric")
    )
    period = models.CharField(
        gettext_lazy("period"),
        max_length=6,
        help_text=gettext_lazy("For example 2025Q2, 2025H1 or 2025."),
    )
    value = models.DecimalField(
        gettext_lazy("value"), max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES
    )
    note = limited_text(gettext_lazy("note"), limit=NOTE, blank=True)
    source = models.CharField(gettext_lazy("source"), max_length=200, blank=True)
    channel = models.CharField(
        gettext_lazy("recorded through"),
        max_length=10,
        choices=Channel.choices,
        default=Channel.FORM,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=gettext_lazy("recorded by"),
    )
    api_token = models.ForeignKey(
        ApiToken,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=gettext_lazy("API token"),
    )
    recorded_at = models.DateTimeField(gettext_lazy("recorded"))
    # Optimistic locking: a correction must name the version it started from.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = MetricValueQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = gettext_lazy("metric value")
        verbose_name_plural = gettext_lazy("metric values")
        ordering = ["period"]
        constraints = [
            *text_limits("metric_value", note=NOTE),
            models.UniqueConstraint(
                fields=["metric", "period"],
                name="metric_value_one_per_period",
                violation_error_message=gettext_lazy(
                    "The metric already has a value for this period."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(period__regex=r"^\d{4}([QH]\d)?$"),
                name="metric_value_period_format",
            ),
            models.CheckConstraint(
                condition=models.Q(channel__in=Channel.values), name="metric_value_channel_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.metric} {self.period}: {self.value}"

    @property
    def period_object(self) -> Period:
        return Period.parse(self.period)

    def clean(self) -> None:
        if not PERIOD_PATTERN.match(self.period or ""):
            raise ValidationError({"period": _("Enter a period, for example 2025Q2.")})
        if abs(self.value) > VALUE_LIMIT:
            raise ValidationError({"value": _("The number is too large.")})


register_translatable(
    Metric,
    fields=("name", "description"),
    organisation="roadmap__organisation",
    roadmap="roadmap_id",
    label=gettext_lazy("metric"),
    edit_url=lambda org, roadmap, pk: reverse(
        "metrics:edit", kwargs={"org": org, "roadmap": roadmap, "metric": pk}
    ),
)
