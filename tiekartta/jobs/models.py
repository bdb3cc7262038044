"""Work that takes more than a moment (a long document), done by the background worker.

A job is what the user asked for and what they see: its state, how far it has got, and in the
end the file itself, kept in the database so that every web server behind a load balancer can
hand it out without shared storage. The queue entry the worker claims is django-tasks' own row;
the job outlives it and is what the page polls."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tiekartta.accounts.models import Organisation
from tiekartta.core.text import limited_text, text_limits

ERROR_LIMIT = 2000  # what the worker keeps of a failure's message


class JobState(models.TextChoices):
    QUEUED = "queued", _("Waiting for its turn")
    RUNNING = "running", _("Being built")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="jobs", verbose_name=_("organisation")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="jobs",
        verbose_name=_("requested by"),
    )
    kind = models.CharField(_("kind"), max_length=60)
    # What the runner needs (JSON-safe), and the state of the data it was asked for: the same
    # request on unchanged data reuses a finished job.
    params = models.JSONField(_("parameters"), default=dict)
    key = models.CharField(_("key"), max_length=200)
    state = models.CharField(
        _("state"), max_length=10, choices=JobState.choices, default=JobState.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = limited_text(_("error"), limit=ERROR_LIMIT, blank=True)
    # The error is a message for the user (registry.JobRefused), not a fault's technical text.
    error_for_user = models.BooleanField(_("error for the user"), default=False)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(_("content type"), max_length=120, blank=True)
    content = models.BinaryField(_("content"), null=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Touched by every progress report: a running job whose worker has died goes quiet.
    heartbeat_at = models.DateTimeField(_("last sign of life"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        indexes = [models.Index(fields=["organisation", "requested_by", "key"])]
        constraints = [
            *text_limits("job", error=ERROR_LIMIT),
            models.CheckConstraint(
                condition=Q(progress__lte=100),
                name="job_progress_at_most_100",
                violation_error_message=_("Progress is at most 100 %."),
            ),
            models.CheckConstraint(
                condition=~Q(state=JobState.DONE) | Q(content__isnull=False),
                name="job_done_has_content",
                violation_error_message=_("A finished job has its file."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.id}"
