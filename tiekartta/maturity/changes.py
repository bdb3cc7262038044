"""How the maturity app's tracked models read in the organisation's change log: viewpoints and
assessments (an assessment's levels are on its own page, see selectors.assessment_history)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tiekartta.core.history import ChangeSource, Tracked
from tiekartta.maturity.models import Assessment, Viewpoint


def references(organisation: Any) -> str:
    """The organisation's slug, for links: nothing to read."""
    return str(organisation.slug)


def _viewpoint_link(row: Any, org: str) -> str:
    # The overview, which every member may read, describes each viewpoint.
    return reverse("maturity:overview", kwargs={"org": org})


def _assessment_link(row: Any, org: str) -> str:
    return reverse("maturity:assessment_detail", kwargs={"org": org, "assessment": row.id})


VIEWPOINT = Tracked(
    Viewpoint, "organisation", ("name", "description", "order"), link=_viewpoint_link
)
ASSESSMENT = Tracked(
    Assessment,
    "organisation",
    ("title", "assessed_on", "stage", "notes"),
    link=_assessment_link,
)

SOURCE = ChangeSource((VIEWPOINT, ASSESSMENT), references)
