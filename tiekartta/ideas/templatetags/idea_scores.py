"""Scores as people read them: a 0…1 average back on the workshop's scale, one decimal."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

from tiekartta.ideas.scoring import on_scale as _on_scale

register = template.Library()


@register.filter
def on_scale(share: float | None, scale: int) -> str:
    """`{{ scored.impact|on_scale:workshop.scale }}`: "3,5" in Finnish, "–" when unscored."""
    if share is None:
        return "–"
    return number_format(round(_on_scale(share, int(scale)), 1), decimal_pos=1, use_l10n=True)
