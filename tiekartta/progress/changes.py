"""How the progress app's tracked model reads in the organisation's change log: review meetings
(their details, attendees and closing; the entries recorded in them show as the tasks'
changes)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tiekartta.core.history import ChangeSource, Tracked
from tiekartta.core.quarters import format_quarter
from tiekartta.progress.models import Review
from tiekartta.roadmap.changes import References, references


def _review_link(row: Any, refs: References) -> str:
    if row.roadmap_id not in refs.roadmaps:
        return ""
    return reverse(
        "progress:review_detail",
        kwargs={
            "org": refs.organisation,
            "roadmap": refs.roadmaps[row.roadmap_id],
            "review": row.id,
        },
    )


REVIEW = Tracked(
    Review,
    "roadmap__organisation",
    ("quarter", "meeting_date", "attendees", "minutes", "decisions", "status", "closed_at"),
    {"quarter": format_quarter},
    name_fields=("roadmap", "quarter"),
    link=_review_link,
    roadmap_path="roadmap_id",
)

SOURCE = ChangeSource((REVIEW,), references)
