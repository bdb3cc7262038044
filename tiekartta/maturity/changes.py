"""How the maturity app's tracked models read in the organisation's change log: viewpoints,
assessments and each viewpoint's levels in an assessment (also on the assessment's own page,
see selectors.assessment_history)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tiekartta.core.history import ChangeSource, Tracked
from tiekartta.maturity.models import Assessment, Score, Viewpoint


def references(organisation: Any) -> str:
    """The organisation's slug, for links: nothing to read."""
    return str(organisation.slug)


def _viewpoint_link(row: Any, org: str) -> str:
    # The overview, which every member may read, describes each viewpoint.
    return reverse("maturity:overview", kwargs={"org": org})


def _assessment_link(row: Any, org: str) -> str:
    return reverse("maturity:assessment_detail", kwargs={"org": org, "assessment": row.id})


def _score_link(row: Any, org: str) -> str:
    return reverse(
        "maturity:assessment_detail", kwargs={"org": org, "assessment": row.assessment_id}
    )


VIEWPOINT = Tracked(
    Viewpoint, "organisation", ("name", "description", "order", "tasks"), link=_viewpoint_link
)
ASSESSMENT = Tracked(
    Assessment,
    "organisation",
    ("title", "assessed_on", "stage", "roadmap", "notes"),
    link=_assessment_link,
    roadmap_path="roadmap_id",
)
SCORE = Tracked(
    Score,
    "assessment__organisation",
    ("current", "target", "note"),
    name_fields=("assessment", "viewpoint"),
    link=_score_link,
    roadmap_path="assessment__roadmap_id",
)

SOURCE = ChangeSource((VIEWPOINT, ASSESSMENT, SCORE), references)
