"""How the metrics app's tracked models read in a history: metrics and their values, a value
named by its metric and period as the language writes it.

The organisation's change log (the `activity` app) and a metric's own page are built from
these descriptions with core.history.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from tiekartta.core.history import Change, ChangeSource, Tracked, changes_of, newest_first
from tiekartta.metrics.models import Metric, MetricValue
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


def _value_name(row: Any, refs: References) -> str:
    metric_name = refs.metrics.get(row.metric_id, ("", ""))[0]
    return f"{metric_name} · {format_period(row.period)}" if metric_name else row.period


METRIC = Tracked(
    Metric,
    "roadmap__organisation",
    tuple(
        name for name in MetricInput.SCALAR_FIELDS if not Metric._meta.get_field(name).is_relation
    ),
    link=lambda row, refs: _link(row.id, refs),
)
METRIC_VALUE = Tracked(
    MetricValue,
    "metric__roadmap__organisation",
    ("period", "value", "note", "source"),
    {"period": format_period},
    name=_value_name,
    link=lambda row, refs: _link(row.metric_id, refs),
)

SOURCE = ChangeSource((METRIC, METRIC_VALUE), references)


def metric_history(metric: Metric, organisation: Any, limit: int = 200) -> list[Change]:
    """The changes of the metric and of its values, newest first."""
    refs = references(organisation)
    changes = changes_of(METRIC, METRIC.history.objects.filter(id=metric.pk), refs, limit)
    changes += changes_of(
        METRIC_VALUE, METRIC_VALUE.history.objects.filter(metric_id=metric.pk), refs, limit
    )
    return newest_first(changes, limit)
