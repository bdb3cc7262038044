"""Reports: the interim report's foreword."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tiekartta.core.text import DESCRIPTION, limited_text, text_limits
from tiekartta.roadmap.models import Roadmap


class Foreword(models.Model):
    """The administrator's own words at the start of the interim report."""

    roadmap = models.OneToOneField(
        Roadmap, on_delete=models.CASCADE, related_name="foreword", verbose_name=_("roadmap")
    )
    text = limited_text(_("foreword"), limit=DESCRIPTION, blank=True)
    # Optimistic locking: two people writing the foreword at once must not lose text.
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("foreword")
        verbose_name_plural = _("forewords")
        constraints = [*text_limits("foreword", text=DESCRIPTION)]

    def __str__(self) -> str:
        return str(self.roadmap)
