"""Scoped lookups for the interface and the token pages: a token reaches only its own
organisation's roadmaps, tasks and metrics, and an administrator only their own
organisation's tokens."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from tiekartta.accounts.models import ApiToken, Membership
from tiekartta.accounts.policy import Capability, Principal
from tiekartta.metrics.models import Metric, MetricValue
from tiekartta.roadmap.models import Roadmap, Task

# A primary key is a signed 64-bit integer; a larger number cannot name anything, and some
# databases fail on it instead of finding nothing.
MAX_ID = 2**63 - 1


def get_metric_for_token(token: ApiToken, pk: int) -> Metric:
    if not 0 < pk <= MAX_ID:
        raise Http404
    return get_object_or_404(
        Metric.objects.select_related("roadmap"),
        roadmap__organisation_id=token.organisation_id,
        pk=pk,
    )


def metrics_of_token(token: ApiToken) -> QuerySet[Metric]:
    """Every metric of the organisation with its roadmap and theme, in one query
    (`metrics.selectors.metric_states` reads their values in one more)."""
    return (
        Metric.objects.filter(roadmap__organisation_id=token.organisation_id)
        .select_related("roadmap", "theme")
        .order_by("-roadmap__start_year", "roadmap__slug", "order", "name", "pk")
    )


def values_of_metric(metric: Metric) -> QuerySet[MetricValue]:
    return MetricValue.objects.filter(metric=metric).in_period_order().select_related("api_token")


def get_api_token(membership: Membership, pk: int) -> ApiToken:
    return get_object_or_404(
        ApiToken.objects.select_related("created_by", "revoked_by"),
        organisation=membership.organisation,
        pk=pk,
    )


# Roadmaps, tasks and progress --------------------------------------------------------------


def principal_of(token: ApiToken) -> Principal:
    """What a token may do, decided by the one policy: every token reads what a member reads
    and records metric values (as it always has); progress only when it was granted."""
    scopes: set[str] = {Capability.ORG_READ, Capability.ROADMAP_READ, Capability.METRIC_RECORD}
    if token.records_progress:
        scopes.add(Capability.PROGRESS_RECORD)
    return Principal.for_token(token, scopes)


def roadmaps_of_token(token: ApiToken) -> QuerySet[Roadmap]:
    return Roadmap.objects.filter(organisation_id=token.organisation_id).order_by(
        "-start_year", "slug", "pk"
    )


def get_roadmap_for_token(token: ApiToken, pk: int) -> Roadmap:
    if not 0 < pk <= MAX_ID:
        raise Http404
    return get_object_or_404(roadmaps_of_token(token), pk=pk)


def get_task_for_token(token: ApiToken, roadmap_id: int, pk: int) -> Task:
    roadmap = get_roadmap_for_token(token, roadmap_id)
    if not 0 < pk <= MAX_ID:
        raise Http404
    task = get_object_or_404(Task.objects.select_related("owner"), roadmap=roadmap, pk=pk)
    task.roadmap = roadmap
    return task
