from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from tiekartta.roadmap.models import Status
from tiekartta.roadmap.rows import row_writer

register = template.Library()


@register.filter
def status_label(value: str | None) -> str:
    """A task status value as the active language names it."""
    return str(Status(value).label) if value in Status.values else "–"


@register.simple_tag(takes_context=True)
def overview_rows(context: template.Context, group: object) -> SafeString:
    """A theme's rows on the overview (see roadmap/rows.py for why not a template)."""
    return row_writer(context).overview_rows(
        group.tasks,  # type: ignore[attr-defined]
        continued=group.continued,  # type: ignore[attr-defined]
        goes_on=group.goes_on,  # type: ignore[attr-defined]
    )


@register.simple_tag(takes_context=True)
def timeline_rows(context: template.Context, rows: list[object]) -> SafeString:
    """A theme's bars on the timeline."""
    return row_writer(context).timeline_rows(rows, context["timeline"].today_percent)
