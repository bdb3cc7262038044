"""How the metrics app's tracked models read in a history: metrics, their intermediate targets
and values, a value named by its metric (as named then) and period as the language writes it.

The organisation's change log (the `activity` app) and a metric's own page are built from
these descriptions with core.history.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from tiekartta.core.history import Change, ChangeSource, Tracked, ordered_rows, read_changes
from tiekartta.metrics.models import Metric, MetricValue, Milestone
from tiekartta.metrics.periods import format_period
from tiekartta.metrics.services import MetricInput


@dataclass(frozen=True)
class References:
    organisation: str  # the slug, for links
    # metric id → (name, its roadmap's slug); deleted metrics keep their values' history nameless.
    metrics: dict[int, tuple[str, str]]


def references(organisation: Any) -> References:
    metrics = {
        pk: (name, slug)
        for pk, name, slug in Metric.objects.filter(roadmap__organisation=organisation).values_list(
            "pk", "name", "roadmap__slug"
        )
    }
    return References(organisation.slug, metrics)


def _link(metric_id: int | None, refs: References) -> str:
    if metric_id not in refs.metrics:
        return ""
    return reverse(
        "metrics:detail",
        kwargs={
            "org": refs.organisation,
            "roadmap": refs.metrics[metric_id][1],
            "metric": metric_id,
        },
    )


METRIC = Tracked(
    Metric,
    "roadmap__organisation",
    (*MetricInput.SCALAR_FIELDS, "translations", "tasks"),
    link=lambda row, refs: _link(row.id, refs),
    roadmap_path="roadmap_id",
)
METRIC_VALUE = Tracked(
    MetricValue,
    "metric__roadmap__organisation",
    ("period", "value", "note", "source", "channel", "api_token"),
    {"period": format_period},
    name_fields=("metric", "period"),
    link=lambda row, refs: _link(row.metric_id, refs),
    roadmap_path="metric__roadmap_id",
)
MILESTONE = Tracked(
    Milestone,
    "metric__roadmap__organisation",
    ("year", "value"),
    name_fields=("metric", "year"),
    link=lambda row, refs: _link(row.metric_id, refs),
    roadmap_path="metric__roadmap_id",
)

SOURCE = ChangeSource((METRIC, METRIC_VALUE, MILESTONE), references)


def metric_history(metric: Metric, organisation: Any, limit: int = 200) -> list[Change]:
    """The changes of the metric and of its values, newest first."""
    refs = references(organisation)
    rows = ordered_rows(METRIC.history.objects.filter(id=metric.pk))[:limit]
    values = ordered_rows(METRIC_VALUE.history.objects.filter(metric_id=metric.pk))[:limit]
    return read_changes([(METRIC, list(rows), refs, 0), (METRIC_VALUE, list(values), refs, 1)])[
        :limit
    ]
