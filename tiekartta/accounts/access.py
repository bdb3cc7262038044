"""The only way views reach organisation data: every lookup is scoped to the user's membership.

An outsider gets 404 (not 403) so that the existence of another municipality's data never shows.
A member without the right role for an action gets 403.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from tiekartta.accounts.link_sessions import limit_membership
from tiekartta.accounts.models import Membership


def get_membership(request: HttpRequest, org_slug: str) -> Membership:
    user = request.user
    if not user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.select_related("organisation", "user")
        .filter(user=user, organisation__slug=org_slug)
        .first()
    )
    if membership is None:
        raise Http404
    return limit_membership(request, membership)


def get_member(membership: Membership, pk: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user"), pk=pk, organisation=membership.organisation
    )
