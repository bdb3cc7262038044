"""How ideas read in the organisation's change log: every edit and decision, its status and
reason before and after, linked to the idea's page."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tiekartta.core.history import ChangeSource, Tracked
from tiekartta.ideas.models import Idea


def references(organisation: Any) -> str:
    """The organisation's slug, for links: nothing to read."""
    return str(organisation.slug)


def _idea_link(row: Any, org: str) -> str:
    return reverse("ideas:detail", kwargs={"org": org, "idea": row.id})


IDEA = Tracked(
    Idea,
    "organisation",
    (
        "title",
        "description",
        "theme",
        "source",
        "event",
        "received_on",
        "submitter",
        "status",
        "status_reason",
        "merged_into",
        "task",
        "is_public",
    ),
    link=_idea_link,
)

SOURCE = ChangeSource((IDEA,), references)
