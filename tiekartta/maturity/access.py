"""Scoped lookups for the maturity assessment, on top of the membership from accounts.access.

Viewpoints and assessments are the organisation's, so an outsider's lookup is a 404. Only the
administrator defines viewpoints and records assessments; every member reads them.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from tiekartta.accounts.models import Membership
from tiekartta.maturity.models import Assessment, Viewpoint


def get_viewpoint(membership: Membership, pk: int) -> Viewpoint:
    return get_object_or_404(
        Viewpoint.objects.select_related("organisation"),
        organisation=membership.organisation,
        pk=pk,
    )


def get_assessment(membership: Membership, pk: int) -> Assessment:
    return get_object_or_404(
        Assessment.objects.select_related("organisation", "roadmap", "created_by"),
        organisation=membership.organisation,
        pk=pk,
    )
