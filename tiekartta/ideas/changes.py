"""How ideas read in the organisation's change log: every edit and decision, its status and
reason before and after, linked to the idea's page."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tiekartta.core.history import ChangeSource, Tracked
from tiekartta.ideas.models import Idea, Score, ScoringSettings, Workshop


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


def _workshop_link(row: Any, org: str) -> str:
    return reverse("ideas:workshop", kwargs={"org": org, "workshop": row.id})


def _score_link(row: Any, org: str) -> str:
    return reverse("ideas:workshop", kwargs={"org": org, "workshop": row.workshop_id})


def _scoring_link(row: Any, org: str) -> str:
    return reverse("ideas:scoring", kwargs={"org": org})


WORKSHOP = Tracked(
    Workshop,
    "organisation",
    ("title", "theme", "held_on", "voting", "scale", "dots", "notes", "status", "closed_at"),
    link=_workshop_link,
)
# Whose score it is and of which idea: the scorer and the idea name it.
SCORE = Tracked(
    Score,
    "idea__organisation",
    ("impact", "effort", "fit", "dots"),
    name_fields=("idea", "scorer"),
    link=_score_link,
)
SCORING = Tracked(
    ScoringSettings,
    "organisation",
    ("scale", "impact_weight", "effort_weight", "fit_weight", "dots"),
    name_fields=("organisation",),
    link=_scoring_link,
)

SOURCE = ChangeSource((IDEA, WORKSHOP, SCORE, SCORING), references)
