"""News (tiedotteet): short updates the digital group publishes for residents, linked to tasks.

A news item is public once it has a publication time (`published_at`; empty = a draft) and,
if it belongs to a roadmap, that roadmap is public. Tasks may be linked freely within the
organisation, but a public page shows a linked task only while `roadmap.publicity` counts it
public: a task made private later disappears from the news without anyone editing them.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tiekartta.accounts.models import Organisation
from tiekartta.core.text import DESCRIPTION, limited_text, text_limits
from tiekartta.roadmap.models import Roadmap, Task

TITLE_LENGTH = 200


class NewsItemQuerySet(models.QuerySet["NewsItem"]):
    def published(self) -> NewsItemQuerySet:
        """What residents may read: published, and not about a roadmap that is not public."""
        return self.filter(published_at__isnull=False).filter(
            models.Q(roadmap__isnull=True) | models.Q(roadmap__is_public=True)
        )


class NewsItem(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="news_items"
    )
    roadmap = models.ForeignKey(
        Roadmap,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="news_items",
        verbose_name=_("roadmap"),
        help_text=_("The roadmap the news is about; empty for news of the whole organisation."),
    )
    tasks = models.ManyToManyField(
        Task,
        blank=True,
        related_name="news_items",
        verbose_name=_("tasks"),
        help_text=_("Only the public tasks of public roadmaps are shown to residents."),
    )
    title = models.CharField(_("title"), max_length=TITLE_LENGTH)
    body = limited_text(_("text"), limit=DESCRIPTION)
    language = models.CharField(
        _("language of the text"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.TIEKARTTA_CONTENT_LANGUAGE,
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords(m2m_fields=["tasks"], excluded_fields=["version"])

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at", "-pk"]
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        constraints = [*text_limits("newsitem", body=DESCRIPTION)]
        indexes = [models.Index(fields=["organisation", "published_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def clean(self) -> None:
        if self.roadmap is not None and self.roadmap.organisation_id != self.organisation_id:
            raise ValidationError({"roadmap": _("Choose a roadmap of this organisation.")})
