from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tiekartta.accounts.models import Organisation
from tiekartta.core.constraints import ConstraintErrorsOnFields, ConstraintsCheckedByFields
from tiekartta.core.quarters import (
    QUARTER_PATTERN,
    Quarter,
    format_quarter,
    quarter_constraint,
    validate_quarter,
)
from tiekartta.core.text import DESCRIPTION, NOTE, SHORT_DESCRIPTION, limited_text, text_limits
from tiekartta.core.translations import (
    register_translatable,
    translation_limits,
    translations_field,
)

FIRST_YEAR = 2000
LAST_YEAR = 2100


class RoadmapQuerySet(models.QuerySet["Roadmap"]):
    def of_organisation(self, organisation: Organisation) -> RoadmapQuerySet:
        return self.filter(organisation=organisation)


class Roadmap(models.Model):
    """A digital roadmap (digitiekartta) for one planning period."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="roadmaps",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("short name in addresses"),
        max_length=60,
        help_text=_("Letters, numbers and hyphens, for example 2023-2025."),
    )
    start_year = models.PositiveSmallIntegerField(
        _("first year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    end_year = models.PositiveSmallIntegerField(
        _("last year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    description = limited_text(_("description"), limit=DESCRIPTION, blank=True)
    is_archived = models.BooleanField(_("archived"), default=False)
    is_public = models.BooleanField(
        _("published on the public site"),
        default=False,
        help_text=_(
            "Residents see the roadmap's themes and its public tasks and metrics without "
            "signing in."
        ),
    )
    translations = translations_field(title=200, description=DESCRIPTION)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Optimistic locking: a save must name the version it started from.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = RoadmapQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("roadmap")
        verbose_name_plural = _("roadmaps")
        ordering = ["-start_year", "title"]
        constraints = [
            *text_limits("roadmap", description=DESCRIPTION),
            *translation_limits("roadmap", title=200, description=DESCRIPTION),
            models.UniqueConstraint(
                fields=["organisation", "slug"],
                name="roadmap_slug_unique_in_organisation",
                violation_error_message=_(
                    "This organisation already has a roadmap with this short name."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="roadmap_period_ordered",
                violation_error_message=_("The last year cannot be before the first year."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def period_label(self) -> str:
        if self.start_year == self.end_year:
            return str(self.start_year)
        return f"{self.start_year}–{self.end_year}"

    @property
    def first_quarter(self) -> Quarter:
        return Quarter(self.start_year, 1)

    @property
    def last_quarter(self) -> Quarter:
        return Quarter(self.end_year, 4)

    def contains_quarter(self, quarter: Quarter) -> bool:
        return self.start_year <= quarter.year <= self.end_year


class Colour(models.TextChoices):
    """A fixed palette, each dark enough for white text (WCAG AA) and distinct in print."""

    BLUE = "blue", _("Blue")
    TEAL = "teal", _("Teal")
    GREEN = "green", _("Green")
    OLIVE = "olive", _("Olive")
    ORANGE = "orange", _("Orange")
    RED = "red", _("Red")
    PURPLE = "purple", _("Purple")
    GREY = "grey", _("Grey")


class ThemeQuerySet(models.QuerySet["Theme"]):
    def in_display_order(self) -> ThemeQuerySet:
        return self.order_by("-is_spearhead", "order", "name")


class Theme(ConstraintErrorsOnFields, models.Model):
    """A theme area (aihealue); spearheads (kärkihankkeet) come first everywhere."""

    roadmap = models.ForeignKey(
        Roadmap, on_delete=models.CASCADE, related_name="themes", verbose_name=_("roadmap")
    )
    name = models.CharField(_("name"), max_length=120)
    description = limited_text(_("description"), limit=SHORT_DESCRIPTION, blank=True)
    is_spearhead = models.BooleanField(_("strategic spearhead"), default=False)
    order = models.PositiveIntegerField(_("order"), default=0)
    colour = models.CharField(
        _("colour"), max_length=16, choices=Colour.choices, default=Colour.BLUE
    )
    translations = translations_field(name=120, description=SHORT_DESCRIPTION)
    # Optimistic locking: a save must name the version it started from.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ThemeQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    constraint_fields = {"theme_name_unique_in_roadmap": "name"}

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["-is_spearhead", "order", "name"]
        constraints = [
            *text_limits("theme", description=SHORT_DESCRIPTION),
            *translation_limits("theme", name=120, description=SHORT_DESCRIPTION),
            models.UniqueConstraint(
                Lower("name"),
                "roadmap",
                name="theme_name_unique_in_roadmap",
                violation_error_message=_("This roadmap already has a theme with this name."),
            ),
            models.CheckConstraint(
                condition=models.Q(colour__in=Colour.values), name="theme_colour_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PersonQuerySet(models.QuerySet["Person"]):
    def of_organisation(self, organisation: Organisation) -> PersonQuerySet:
        return self.filter(organisation=organisation)


class Person(models.Model):
    """Someone who is responsible for or helps with tasks; not necessarily a user."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="people",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=120)
    title = models.CharField(_("title or role"), max_length=120, blank=True)
    unit = models.CharField(_("unit"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("user account"),
    )
    # Optimistic locking: a save must name the version it started from.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"],
                condition=models.Q(user__isnull=False),
                name="person_user_unique_in_organisation",
                violation_error_message=_("This user account is already linked to another person."),
            ),
        ]

    def __str__(self) -> str:
        if self.title and self.title != self.name:
            return f"{self.name} ({self.title})"
        return self.name


def placement_errors(item: Any) -> dict[str, list[Any]]:
    """For a task or a metric: its theme must be of its own roadmap, and its responsible
    person of the roadmap's organisation."""
    errors: dict[str, list[Any]] = {}
    if item.roadmap_id and item.theme_id and item.theme.roadmap_id != item.roadmap_id:
        errors.setdefault("theme", []).append(_("Choose a theme of this roadmap."))
    if (
        item.roadmap_id
        and item.owner_id
        and item.owner.organisation_id != item.roadmap.organisation_id
    ):
        errors.setdefault("owner", []).append(
            _("The responsible person must belong to this organisation.")
        )
    return errors


class Kind(models.TextChoices):
    IMPLEMENTATION = "implementation", _("Implementation")
    STUDY = "study", _("Study")
    PROCUREMENT = "procurement", _("Procurement")
    PILOT = "pilot", _("Pilot")
    TRAINING = "training", _("Training")
    OTHER = "other", _("Other")


class Status(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


CLOSED_STATUSES = frozenset({Status.DONE, Status.CANCELLED})


class ExternalSource(models.TextChoices):
    """The tools whose exports the task import recognises; a task imported from one keeps the
    tool's own identifier, so that importing the tool's next export updates it."""

    REDMINE = "redmine", "Redmine"
    OPENPROJECT = "openproject", "OpenProject"
    JIRA = "jira", "Jira"
    PLANNER = "planner", "Microsoft Planner"


class Priority(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class TaskQuerySet(models.QuerySet["Task"]):
    def for_listing(self) -> TaskQuerySet:
        return self.select_related("theme", "owner").order_by(
            "-theme__is_spearhead", "theme__order", "theme__name", "order", "pk"
        )

    def active_in(self, quarter: Quarter) -> TaskQuerySet:
        """Tasks whose target schedule covers the quarter."""
        code = str(quarter)
        return self.filter(start__lte=code, due__gte=code).exclude(start="").exclude(due="")


# Kept at module level so that services can write one history row after the many-to-many
# fields are set, instead of one row per field.
TASK_HISTORY = HistoricalRecords(
    m2m_fields=["collaborators", "predecessors"],
    excluded_fields=["updated_at", "public_summary_updated_at", "version"],
)


class Task(ConstraintsCheckedByFields, models.Model):
    """One concrete piece of work (tehtävä) on a roadmap."""

    roadmap = models.ForeignKey(
        Roadmap, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("roadmap")
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="tasks", verbose_name=_("theme")
    )
    title = models.CharField(_("title"), max_length=200)
    description = limited_text(_("description"), limit=DESCRIPTION, blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.IMPLEMENTATION
    )
    owner = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="owned_tasks",
        verbose_name=_("responsible person"),
    )
    collaborators = models.ManyToManyField(
        Person, blank=True, related_name="collaborations", verbose_name=_("collaborators")
    )
    collaborating_units = models.CharField(
        _("collaborating units"),
        max_length=300,
        blank=True,
        help_text=_("Units or partners outside the list of people, for example a supplier."),
    )
    unit = models.CharField(_("unit"), max_length=120, blank=True)
    start = models.CharField(
        _("target start"),
        max_length=6,
        blank=True,
        validators=[validate_quarter],
        help_text=_("Quarter, for example 2024Q1."),
    )
    due = models.CharField(
        _("target end"),
        max_length=6,
        blank=True,
        validators=[validate_quarter],
        help_text=_("Quarter, for example 2024Q4."),
    )
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM
    )
    quick_win = models.BooleanField(_("quick win"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown on the public roadmap for residents.")
    )
    # Written for residents, apart from the progress entries' internal notes: the only words
    # about a task's progress that the public site shows.
    public_summary = limited_text(
        _("public summary"),
        limit=NOTE,
        blank=True,
        help_text=_(
            "How the task is progressing, in plain words for residents. Shown on the public "
            "site when the task is public; internal notes never are."
        ),
    )
    public_summary_updated_at = models.DateTimeField(
        _("public summary updated"), null=True, blank=True, editable=False
    )
    predecessors = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="successors",
        verbose_name=_("predecessors"),
        help_text=_("Tasks that must be done before this one."),
    )
    carried_over_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_over_to",
        verbose_name=_("carried over from"),
    )
    completion = models.PositiveSmallIntegerField(
        _("completion (%)"),
        default=0,
        editable=False,
        validators=[MaxValueValidator(100)],
        help_text=_("The latest recorded degree of completion."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    external_source = models.CharField(
        _("imported from"), max_length=16, choices=ExternalSource.choices, blank=True
    )
    external_id = models.CharField(_("identifier in the tool"), max_length=64, blank=True)
    # Optimistic locking: a save must name the version it started from.
    version = models.PositiveIntegerField(default=1, editable=False)
    translations = translations_field(title=200, description=DESCRIPTION, public_summary=NOTE)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = TaskQuerySet.as_manager()
    history = TASK_HISTORY

    # The other constraints repeat the fields' validators (choices, quarters, lengths); these
    # three are checked in Python by validate_constraints below, with the database's messages.
    validated_constraints = frozenset()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["order", "pk"]
        constraints = [
            *text_limits("task", description=DESCRIPTION, public_summary=NOTE),
            *translation_limits("task", title=200, description=DESCRIPTION, public_summary=NOTE),
            models.CheckConstraint(
                condition=models.Q(start="")
                | models.Q(due="")
                | models.Q(due__gte=models.F("start")),
                name="task_schedule_ordered",
                violation_error_message=_("The target end cannot be before the target start."),
            ),
            models.CheckConstraint(
                condition=models.Q(completion__lte=100), name="task_completion_at_most_100"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=Kind.values), name="task_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="task_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(priority__in=Priority.values), name="task_priority_valid"
            ),
            models.UniqueConstraint(
                fields=["roadmap", "external_source", "external_id"],
                condition=~models.Q(external_id=""),
                name="task_external_id_unique_per_roadmap",
                violation_error_message=_(
                    "Another task of the roadmap already has this identifier from the same tool."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(external_source="", external_id="")
                | (models.Q(external_source__in=ExternalSource.values) & ~models.Q(external_id="")),
                name="task_external_id_with_source",
                violation_error_message=_(
                    "A tool's identifier needs the tool, and the other way round."
                ),
            ),
            quarter_constraint("start", "task_start_is_quarter", blank=True),
            quarter_constraint("due", "task_due_is_quarter", blank=True),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def start_quarter(self) -> Quarter | None:
        return Quarter.parse(self.start) if self.start else None

    @property
    def due_quarter(self) -> Quarter | None:
        return Quarter.parse(self.due) if self.due else None

    @property
    def schedule_label(self) -> str:
        if not self.start and not self.due:
            return ""
        if self.start == self.due or not self.due or not self.start:
            return format_quarter(self.start or self.due)
        return f"{format_quarter(self.start)}–{format_quarter(self.due)}"

    @property
    def shown_completion(self) -> int:
        """A task marked done is complete even before its first progress entry."""
        return 100 if self.status == Status.DONE else self.completion

    def is_overdue(self, today: datetime.date) -> bool:
        due = self.due_quarter
        return (
            due is not None and self.status not in CLOSED_STATUSES and due < Quarter.of_date(today)
        )

    def validate_constraints(self, exclude: Any = None) -> None:
        """The constraints no field validator covers, in Python: Django would ask the database
        about each with a query and a savepoint on every save (a renewal saves hundreds). The
        rules are the constraints' own (Meta.constraints), which the database still holds."""
        messages = {c.name: c.get_violation_error_message() for c in self._meta.constraints}
        errors: list[Any] = []
        if self.start and self.due and self.due < self.start:
            errors.append(messages["task_schedule_ordered"])
        source_ok = self.external_source in ExternalSource.values and self.external_id != ""
        if not (self.external_source == "" and self.external_id == "") and not source_ok:
            errors.append(messages["task_external_id_with_source"])
        if (
            self.external_id
            and self.roadmap_id
            and Task.objects.filter(
                roadmap_id=self.roadmap_id,
                external_source=self.external_source,
                external_id=self.external_id,
            )
            .exclude(pk=self.pk)
            .exists()
        ):
            errors.append(messages["task_external_id_unique_per_roadmap"])
        super().validate_constraints(exclude=exclude)
        if errors:
            raise ValidationError(errors)

    def clean(self) -> None:
        errors = placement_errors(self)
        if self.roadmap_id:
            for field in ("start", "due"):
                value = getattr(self, field)
                if (
                    value
                    and QUARTER_PATTERN.match(value)
                    and not self.roadmap.contains_quarter(Quarter.parse(value))
                ):
                    errors.setdefault(field, []).append(
                        _("Choose a quarter within the roadmap period %(period)s.")
                        % {"period": self.roadmap.period_label}
                    )
        if errors:
            raise ValidationError(errors)


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
    public_shows_names = models.BooleanField(
        _("show responsible persons' names on the public site"),
        default=False,
        help_text=_(
            "Otherwise the public site names the responsible unit or title, never the person."
        ),
    )

    # Optimistic locking: a save must name the version it started from.
    version = models.PositiveIntegerField(default=1, editable=False)

    # The tables keep the names they got when the model lived in progress.
    history = HistoricalRecords(
        table_name="progress_historicalfollowupsettings", excluded_fields=["version"]
    )

    class Meta:
        db_table = "progress_followupsettings"
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


# The texts with language versions (tiekartta.core.translations), and where each is edited.
register_translatable(
    Roadmap,
    fields=("title", "description"),
    organisation="organisation",
    roadmap="id",
    label=_("roadmap"),
    edit_url=lambda org, roadmap, pk: reverse(
        "roadmap:roadmap_edit", kwargs={"org": org, "roadmap": roadmap}
    ),
    edit_capability="roadmap.admin",
)
register_translatable(
    Theme,
    fields=("name", "description"),
    organisation="roadmap__organisation",
    roadmap="roadmap_id",
    label=_("theme"),
    edit_url=lambda org, roadmap, pk: reverse(
        "roadmap:theme_edit", kwargs={"org": org, "roadmap": roadmap, "theme": pk}
    ),
)
register_translatable(
    Task,
    fields=("title", "description", "public_summary"),
    organisation="roadmap__organisation",
    roadmap="roadmap_id",
    label=_("task"),
    edit_url=lambda org, roadmap, pk: reverse(
        "roadmap:task_edit", kwargs={"org": org, "roadmap": roadmap, "task": pk}
    ),
)
