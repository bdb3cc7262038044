"""How the plan's life reads in the organisation's change log: adoptions and revisions with
their decisions, revision drafts, renewals."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tiekartta.core.history import ChangeSource, Tracked
from tiekartta.plans.models import PlanVersion, Renewal, RevisionDraft

# The roadmaps' slugs by id, read once for the log's links: the roadmap app's own.
from tiekartta.roadmap.changes import References, references


def _versions_link(roadmap_id: int, refs: References) -> str:
    slug = refs.roadmaps.get(roadmap_id)
    if slug is None:
        return ""
    return reverse("plans:versions", kwargs={"org": refs.organisation, "roadmap": slug})


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


def _draft_link(row: Any, refs: References) -> str:
    slug = refs.roadmaps.get(row.roadmap_id)
    if slug is None:
        return ""
    return reverse(
        "plans:draft", kwargs={"org": refs.organisation, "roadmap": slug, "draft": row.id}
    )


SOURCE = ChangeSource((VERSION, DRAFT, RENEWAL), references)
