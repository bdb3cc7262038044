"""Scoped lookups for the follow-up, on top of the roadmap's access helpers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from tiekartta.accounts.models import Membership
from tiekartta.accounts.policy import Capability, allows
from tiekartta.progress.models import Review
from tiekartta.roadmap.models import Roadmap


def get_review(roadmap: Roadmap, pk: int) -> Review:
    return get_object_or_404(
        Review.objects.select_related("roadmap__organisation", "closed_by", "opened_by"),
        roadmap=roadmap,
        pk=pk,
    )


def require_review_manager(membership: Membership) -> None:
    """Review meetings are run by the digital group: editors and the admin."""
    if not allows(membership, Capability.REVIEW_RUN):
        raise PermissionDenied
