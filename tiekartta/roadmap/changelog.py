"""The organisation's recent changes to roadmaps, themes, people and tasks, newest first.

A fixed number of queries: two per model (the recent rows, then the rows before them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext as _

from tiekartta.accounts.models import Organisation
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


def recent_changes(organisation: Organisation, limit: int = 100) -> list[Change]:
    actions = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}
    collected: list[Change] = []
    slugs = dict(Roadmap.objects.filter(organisation=organisation).values_list("pk", "slug"))
    for model, (path, fields) in TRACKED.items():
        history = model.history.model  # type: ignore[attr-defined]
        rows = list(
            history.objects.filter(**{path: organisation})
            .select_related("history_user")
            .order_by("-history_date", "-history_id")[:limit]
        )
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
                        name=str(getattr(row, "title", None) or getattr(row, "name", "")),
                        link=_link(model, row, organisation, slugs),
                        changes=changes,
                    )
                )
    collected.sort(key=lambda change: change.when, reverse=True)
    return collected[:limit]


def _link(
    model: type[models.Model], row: Any, organisation: Organisation, slugs: dict[int, str]
) -> str:
    """Where the changed object lives now; nothing for deleted objects."""
    if row.history_type == "-":
        return ""
    org = organisation.slug
    if model is Task and row.roadmap_id in slugs:
        return reverse(
            "roadmap:task_detail",
            kwargs={"org": org, "roadmap": slugs[row.roadmap_id], "task": row.id},
        )
    if model is Roadmap and row.id in slugs:
        return reverse("roadmap:overview", kwargs={"org": org, "roadmap": slugs[row.id]})
    if model is Theme and row.roadmap_id in slugs:
        return reverse("roadmap:theme_list", kwargs={"org": org, "roadmap": slugs[row.roadmap_id]})
    if model is Person:
        return reverse("roadmap:person_list", kwargs={"org": org})
    return ""
