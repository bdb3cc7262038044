"""Scoped lookups for metrics, on top of the roadmap's access helpers; permissions are in
accounts.policy."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

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
