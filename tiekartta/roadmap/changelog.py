"""The organisation's recent changes to roadmaps, themes, people, tasks, metrics and their
values, and maturity viewpoints and assessments, newest first.

A fixed number of queries: two per model (the recent rows, then the rows before them), and one
for the names of the metrics whose values changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext as _

from tiekartta.accounts.models import Organisation
from tiekartta.maturity.models import Assessment, Viewpoint
from tiekartta.metrics.models import Metric, MetricValue
from tiekartta.metrics.periods import format_period
from tiekartta.metrics.services import MetricInput
from tiekartta.roadmap.history import TASK_SCALAR_FIELDS, FieldChange, display_value
from tiekartta.roadmap.models import Person, Roadmap, Task, Theme

# model → (lookup to its organisation, fields shown); related names are on the task page.
TRACKED: dict[type[models.Model], tuple[str, tuple[str, ...]]] = {
    Roadmap: (
        "organisation",
        ("title", "slug", "start_year", "end_year", "description", "is_archived"),
    ),
    Theme: ("roadmap__organisation", ("name", "description", "is_spearhead", "order", "colour")),
    Person: ("organisation", ("name", "title", "unit", "email")),
    Task: ("roadmap__organisation", TASK_SCALAR_FIELDS),
    Metric: (
        "roadmap__organisation",
        tuple(
            name
            for name in MetricInput.SCALAR_FIELDS
            if not Metric._meta.get_field(name).is_relation
        ),
    ),
    MetricValue: ("metric__roadmap__organisation", ("period", "value", "note", "source")),
    Viewpoint: ("organisation", ("name", "description", "order")),
    Assessment: ("organisation", ("title", "assessed_on", "stage", "notes")),
}


@dataclass
class Change:
    when: datetime
    who: str
    action: str
    kind: str
    name: str
    link: str
    changes: list[FieldChange]


def recent_changes(organisation: Organisation, limit: int = 100, only: Any = None) -> list[Change]:
    """The latest changes, or with `only` (a metric) the changes of that metric and its values."""
    collected: list[Change] = []
    slugs = dict(Roadmap.objects.filter(organisation=organisation).values_list("pk", "slug"))
    # A value is named by its metric; deleted metrics keep their values' history nameless.
    metrics = {
        pk: (name, roadmap_id)
        for pk, name, roadmap_id in Metric.objects.filter(
            roadmap__organisation=organisation
        ).values_list("pk", "name", "roadmap_id")
    }
    tracked: list[tuple[type[models.Model], tuple[str, tuple[str, ...]]]] = list(TRACKED.items())
    if only is not None:
        tracked = [(m, spec) for m, spec in TRACKED.items() if m in (Metric, MetricValue)]
    for model, (path, fields) in tracked:
        history = model.history.model  # type: ignore[attr-defined]
        scope = history.objects.filter(**{path: organisation})
        if only is not None:
            scope = scope.filter(**({"id": only.pk} if model is Metric else {"metric_id": only.pk}))
        rows = list(
            scope.select_related("history_user").order_by("-history_date", "-history_id")[:limit]
        )
        collected.extend(_changes(model, fields, rows, organisation, slugs, metrics))
    collected.sort(key=lambda change: change.when, reverse=True)
    return collected[:limit]


def _changes(
    model: type[models.Model],
    fields: tuple[str, ...],
    rows: list[Any],
    organisation: Organisation,
    slugs: dict[int, str],
    metrics: dict[int, tuple[str, int]],
) -> list[Change]:
    """Each history row as the fields it changed against the object's previous row."""
    actions = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}
    history = model.history.model  # type: ignore[attr-defined]
    collected: list[Change] = []
    ids = {row.id for row in rows}
    earliest = min((row.history_date for row in rows), default=None)
    earlier: dict[int, list[Any]] = {}
    if rows:
        # Every row of these objects up to the oldest shown one, to find each row's predecessor.
        for row in history.objects.filter(id__in=ids, history_date__lte=earliest).order_by(
            "history_date", "history_id"
        ):
            earlier.setdefault(row.id, []).append(row)
    by_object: dict[int, list[Any]] = {}
    for row in sorted(rows, key=lambda r: (r.history_date, r.history_id)):
        by_object.setdefault(row.id, []).append(row)
    for object_id, object_rows in by_object.items():
        previous = None
        for candidate in earlier.get(object_id, []):
            if candidate.history_id < object_rows[0].history_id:
                previous = candidate
        for row in object_rows:
            changes = []
            for name in fields:
                new = display_value(model, name, getattr(row, name))
                old = display_value(model, name, getattr(previous, name)) if previous else ""
                if (previous is None and new) or (previous is not None and old != new):
                    label = str(model._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
                    changes.append(FieldChange(label[:1].upper() + label[1:], old, new))
            previous = row
            if not changes and row.history_type == "~":
                continue
            user = row.history_user
            collected.append(
                Change(
                    when=row.history_date,
                    who=(user.get_full_name() or user.username) if user else _("System"),
                    action=actions.get(row.history_type, row.history_type),
                    kind=str(model._meta.verbose_name).capitalize(),
                    name=_name(model, row, metrics),
                    link=_link(model, row, organisation, slugs, metrics),
                    changes=changes,
                )
            )
    return collected


def _name(model: type[models.Model], row: Any, metrics: dict[int, tuple[str, int]]) -> str:
    if model is MetricValue:
        metric_name = metrics.get(row.metric_id, ("", 0))[0]
        return f"{metric_name} · {format_period(row.period)}" if metric_name else row.period
    return str(getattr(row, "title", None) or getattr(row, "name", ""))


def _link(
    model: type[models.Model],
    row: Any,
    organisation: Organisation,
    slugs: dict[int, str],
    metrics: dict[int, tuple[str, int]],
) -> str:
    """Where the changed object lives now; nothing for deleted objects."""
    if row.history_type == "-":
        return ""
    org = organisation.slug
    if model is Task and row.roadmap_id in slugs:
        return reverse(
            "progress:task_detail",
            kwargs={"org": org, "roadmap": slugs[row.roadmap_id], "task": row.id},
        )
    if model is Roadmap and row.id in slugs:
        return reverse("roadmap:overview", kwargs={"org": org, "roadmap": slugs[row.id]})
    if model is Theme and row.roadmap_id in slugs:
        return reverse("roadmap:theme_list", kwargs={"org": org, "roadmap": slugs[row.roadmap_id]})
    if model is Person:
        return reverse("roadmap:person_list", kwargs={"org": org})
    metric_id = row.id if model is Metric else getattr(row, "metric_id", None)
    if model in (Metric, MetricValue) and metric_id in metrics:
        roadmap_id = metrics[metric_id][1]
        if roadmap_id in slugs:
            return reverse(
                "metrics:detail",
                kwargs={"org": org, "roadmap": slugs[roadmap_id], "metric": metric_id},
            )
    if model is Viewpoint:
        # The overview, which every member may read, describes each viewpoint.
        return reverse("maturity:overview", kwargs={"org": org})
    if model is Assessment:
        return reverse("maturity:assessment_detail", kwargs={"org": org, "assessment": row.id})
    return ""
