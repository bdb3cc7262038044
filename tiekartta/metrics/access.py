"""Scoped lookups and permissions for metrics, on top of the roadmap's access helpers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from tiekartta.accounts.models import Membership
from tiekartta.accounts.policy import Capability, allows
from tiekartta.metrics.models import Metric, MetricValue
from tiekartta.roadmap.models import Roadmap


def get_metric(roadmap: Roadmap, pk: int) -> Metric:
    return get_object_or_404(
        Metric.objects.select_related("roadmap__organisation", "theme", "owner__user"),
        roadmap=roadmap,
        pk=pk,
    )


def get_metric_value(metric: Metric, pk: int) -> MetricValue:
    return get_object_or_404(MetricValue.objects.select_related("metric"), metric=metric, pk=pk)


def can_manage_metrics(membership: Membership) -> bool:
    """Defining metrics is the digital group's work, like planning tasks."""
    return allows(membership, Capability.METRIC_DEFINE)


def require_metric_manager(membership: Membership) -> None:
    if not can_manage_metrics(membership):
        raise PermissionDenied


def can_record_value(membership: Membership, metric: Metric) -> bool:
    """The digital group records any metric's values; an owner those of their own metrics."""
    return allows(membership, Capability.METRIC_RECORD, metric)


def require_value_recorder(membership: Membership, metric: Metric) -> None:
    if not can_record_value(membership, metric):
        raise PermissionDenied
