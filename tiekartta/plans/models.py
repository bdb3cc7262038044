"""The plan's own life: the versions a decision maker adopted, the revision the group drafts
and the renewal that made the next period's roadmap.

A version keeps the plan as it was adopted (a snapshot, see `snapshot.py`), so that what was
decided stays readable however the live plan is edited afterwards. The database refuses any
change to a stored version (migration 0002's trigger), as the model does.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tiekartta.core.text import NOTE, limited_text, text_limits
from tiekartta.roadmap.models import Roadmap

# Said by the model; the database trigger (migration 0002) says the same in English.
IMMUTABLE_MESSAGE = _("A plan version is kept as it was adopted and cannot be changed.")


class VersionKind(models.TextChoices):
    ADOPTION = "adoption", _("Adoption")
    REVISION = "revision", _("Revision")


class PlanVersion(models.Model):
    """The plan as adopted: version 1 is the adoption (the baseline), each later one a revision."""

    roadmap = models.ForeignKey(
        Roadmap, on_delete=models.CASCADE, related_name="plan_versions", verbose_name=_("roadmap")
    )
    number = models.PositiveIntegerField(_("version"))
    kind = models.CharField(_("kind"), max_length=10, choices=VersionKind.choices)
    decided_on = models.DateField(_("date of the decision"))
    decision_body = models.CharField(
        _("decision maker"),
        max_length=120,
        help_text=_("For example the city board (kaupunginhallitus)."),
    )
    decision_reference = models.CharField(
        _("decision reference"),
        max_length=120,
        blank=True,
        help_text=_("For example the minutes' paragraph, § 12."),
    )
    summary = limited_text(_("summary"), limit=NOTE, blank=True)
    snapshot = models.JSONField(_("the plan as adopted"), editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["snapshot"])

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["roadmap", "number"]
        constraints = [
            *text_limits("plan_version", summary=NOTE),
            models.UniqueConstraint(
                fields=["roadmap", "number"],
                name="plan_version_number_unique",
                violation_error_message=_("The roadmap already has a version with this number."),
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="plan_version_number_positive"
            ),
            # Version 1 is the adoption and only it: adopting twice is refused here too.
            models.CheckConstraint(
                condition=models.Q(number=1, kind=VersionKind.ADOPTION)
                | (models.Q(number__gt=1) & models.Q(kind=VersionKind.REVISION)),
                name="plan_version_first_is_adoption",
                violation_error_message=_(
                    "The first version is the adoption and every later one a revision."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.roadmap} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise ValidationError(IMMUTABLE_MESSAGE)
        super().save(*args, **kwargs)

    @property
    def decision_label(self) -> str:
        return " ".join(part for part in (self.decision_body, self.decision_reference) if part)


class DraftState(models.TextChoices):
    OPEN = "open", _("Being drafted")
    ADOPTED = "adopted", _("Adopted")
    DISCARDED = "discarded", _("Discarded")


class RevisionDraft(models.Model):
    """A revision being prepared: the live plan as it was when the draft began (`base`) and the
    plan as the group proposes it (`proposed`), both snapshots. The live plan is not touched
    until the revision is adopted."""

    roadmap = models.ForeignKey(
        Roadmap, on_delete=models.CASCADE, related_name="revision_drafts", verbose_name=_("roadmap")
    )
    title = models.CharField(_("title"), max_length=200)
    notes = limited_text(_("reasons for the revision"), limit=NOTE, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=DraftState.choices, default=DraftState.OPEN
    )
    base = models.JSONField(editable=False)
    proposed = models.JSONField(editable=False)
    adopted_version = models.OneToOneField(
        PlanVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="draft",
        verbose_name=_("adopted as"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Optimistic locking: two people editing the draft at once do not overwrite each other.
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["base", "proposed", "version", "updated_at"])

    class Meta:
        verbose_name = _("revision draft")
        verbose_name_plural = _("revision drafts")
        ordering = ["-created_at"]
        constraints = [
            *text_limits("revision_draft", notes=NOTE),
            models.CheckConstraint(
                condition=models.Q(state__in=DraftState.values), name="revision_draft_state_valid"
            ),
            # One revision at a time: two drafts would each be a different idea of version N+1.
            models.UniqueConstraint(
                fields=["roadmap"],
                condition=models.Q(state=DraftState.OPEN),
                name="revision_draft_one_open",
                violation_error_message=_(
                    "The roadmap already has a revision being drafted. Continue that one."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.state == DraftState.OPEN


class Renewal(models.Model):
    """The next period's roadmap made from this one: the links both ways and what was carried."""

    source = models.OneToOneField(
        Roadmap,
        on_delete=models.CASCADE,
        related_name="renewed_as",
        verbose_name=_("renewed roadmap"),
    )
    target = models.OneToOneField(
        Roadmap, on_delete=models.CASCADE, related_name="renewal_of", verbose_name=_("new roadmap")
    )
    # What the final report says of the renewal: the carried tasks and metrics, the tasks left
    # behind, as they were at the moment of renewal.
    record = models.JSONField(editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("renewed by"),
    )
    created_at = models.DateTimeField(_("renewed"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["record"])

    class Meta:
        verbose_name = _("renewal")
        verbose_name_plural = _("renewals")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="renewal_not_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"
