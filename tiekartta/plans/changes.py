"""How the plan's life reads in the organisation's change log: adoptions and revisions with
their decisions, revision drafts, renewals."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tiekartta.core.history import ChangeSource, Tracked
from tiekartta.plans.models import PlanVersion, Renewal, RevisionDraft
from tiekartta.roadmap.models import Roadmap


def references(organisation: Any) -> dict[str, Any]:
    """The organisation's slug and its roadmaps' slugs by id, for the links: one query."""
    return {
        "org": organisation.slug,
        "roadmaps": dict(
            Roadmap.objects.filter(organisation=organisation).values_list("pk", "slug")
        ),
    }


def _versions_link(roadmap_id: int, refs: dict[str, Any]) -> str:
    slug = refs["roadmaps"].get(roadmap_id)
    if slug is None:
        return ""
    return reverse("plans:versions", kwargs={"org": refs["org"], "roadmap": slug})


VERSION = Tracked(
    PlanVersion,
    "roadmap__organisation",
    ("number", "kind", "decided_on", "decision_body", "decision_reference", "summary"),
    name_fields=("roadmap", "number"),
    link=lambda row, refs: _versions_link(row.roadmap_id, refs),
    roadmap_path="roadmap_id",
)
DRAFT = Tracked(
    RevisionDraft,
    "roadmap__organisation",
    ("title", "notes", "state", "adopted_version"),
    link=lambda row, refs: _draft_link(row, refs),
    roadmap_path="roadmap_id",
)
RENEWAL = Tracked(
    Renewal,
    "source__organisation",
    ("source", "target"),
    name_fields=("source", "target"),
    link=lambda row, refs: _versions_link(row.target_id, refs),
    roadmap_path="source_id",
)


def _draft_link(row: Any, refs: dict[str, Any]) -> str:
    slug = refs["roadmaps"].get(row.roadmap_id)
    if slug is None:
        return ""
    return reverse("plans:draft", kwargs={"org": refs["org"], "roadmap": slug, "draft": row.id})


SOURCE = ChangeSource((VERSION, DRAFT, RENEWAL), references)
