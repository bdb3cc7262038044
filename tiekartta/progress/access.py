"""Scoped lookups for the follow-up, on top of the roadmap's access helpers."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from tiekartta.progress.models import Review
from tiekartta.roadmap.models import Roadmap


def get_review(roadmap: Roadmap, pk: int) -> Review:
    return get_object_or_404(
        Review.objects.select_related("roadmap__organisation", "closed_by", "opened_by"),
        roadmap=roadmap,
        pk=pk,
    )
