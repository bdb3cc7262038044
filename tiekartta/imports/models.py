"""Imports: an uploaded file kept between its preview and the user's confirmation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tiekartta.roadmap.models import Roadmap


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    APPLIED = "applied", _("Imported")
    DISCARDED = "discarded", _("Discarded")


class ImportKind(models.TextChoices):
    TASKS = "tasks", _("Tasks")
    METRIC_VALUES = "metric_values", _("Metric values")


class ImportBatch(models.Model):
    """An uploaded file between its preview and the user's confirmation. The file itself is
    kept, so the confirmation reads exactly what the preview showed. Each import finds only
    batches of its own kind, so a task list can never be confirmed as metric values."""

    roadmap = models.ForeignKey(
        Roadmap, on_delete=models.CASCADE, related_name="imports", verbose_name=_("roadmap")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=ImportKind.choices, default=ImportKind.TASKS
    )
    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(editable=False)
    status = models.CharField(
        _("status"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    applied_at = models.DateTimeField(_("imported"), null=True, blank=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    # What the user answered to the preview's questions (which status an unknown word means,
    # the file's date order, whether a name is an existing one): the preview and the
    # confirmation read the file with them, so both show and save the same.
    answers = models.JSONField(_("answers"), default=dict, blank=True)

    class Meta:
        verbose_name = _("task import")
        verbose_name_plural = _("task imports")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ImportStatus.values), name="import_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=ImportKind.values), name="import_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.filename
