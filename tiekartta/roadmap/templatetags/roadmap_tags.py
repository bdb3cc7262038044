from __future__ import annotations

from django import template

from tiekartta.roadmap.models import Status

register = template.Library()


@register.filter
def status_label(value: str | None) -> str:
    """A task status value as the active language names it."""
    return str(Status(value).label) if value in Status.values else "–"
