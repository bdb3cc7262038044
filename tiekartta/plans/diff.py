"""What changed between two snapshots of a plan (`snapshot.py`): themes, tasks and metrics
added, removed and changed field by field, before → after, the tasks grouped by theme.

Works on the snapshots alone, so any two versions compare the same way, also a revision draft
against the live plan; a 2,000-task plan is compared in milliseconds (bench/plan_diff.py).
Values are made readable here, in the active language.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tiekartta.core.quarters import QUARTER_PATTERN, Quarter, format_quarter
from tiekartta.plans.snapshot import METRIC_FIELDS, TASK_FIELDS, THEME_FIELDS, Snapshot, in_plan
from tiekartta.roadmap.models import Kind, Priority

ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"

FIELD_LABELS: dict[str, Promise] = {
    "title": gettext_lazy("title"),
    "name": gettext_lazy("name"),
    "theme": gettext_lazy("theme"),
    "owner": gettext_lazy("responsible person"),
    "start": gettext_lazy("target start"),
    "due": gettext_lazy("target end"),
    "kind": gettext_lazy("kind"),
    "priority": gettext_lazy("priority"),
    "quick_win": gettext_lazy("quick win"),
    "collaborators": gettext_lazy("collaborators"),
    "is_spearhead": gettext_lazy("strategic spearhead"),
    "baseline_value": gettext_lazy("baseline value"),
    "target_value": gettext_lazy("target value"),
    "target_date": gettext_lazy("target date"),
    "milestones": gettext_lazy("intermediate targets"),
}


@dataclass
class FieldChange:
    field: str
    before: str
    after: str

    @property
    def label(self) -> str:
        return str(FIELD_LABELS[self.field])


@dataclass
class Change:
    """One theme, task or metric added, removed or changed."""

    key: str
    kind: str  # ADDED, REMOVED or CHANGED
    name: str
    fields: list[FieldChange] = field(default_factory=list)
    # Tasks: by how many quarters the target end moved (later is positive), None if it did not
    # move or a side has no schedule.
    shift: int | None = None

    @property
    def rescheduled(self) -> bool:
        return any(change.field in ("start", "due") for change in self.fields)

    @property
    def reassigned(self) -> bool:
        return any(change.field == "owner" for change in self.fields)


@dataclass
class ThemeGroup:
    name: str
    tasks: list[Change]


@dataclass
class Counts:
    added: int = 0
    removed: int = 0
    changed: int = 0
    rescheduled: int = 0
    # Of the rescheduled tasks' target ends, in quarters: later and earlier.
    quarters_later: int = 0
    quarters_earlier: int = 0
    reassigned: int = 0

    @property
    def any(self) -> bool:
        return bool(self.added or self.removed or self.changed)


@dataclass
class PlanDiff:
    themes: list[Change]
    groups: list[ThemeGroup]
    metrics: list[Change]
    counts: Counts

    @property
    def is_empty(self) -> bool:
        return not (self.themes or self.groups or self.metrics)

    @property
    def tasks(self) -> list[Change]:
        return [change for group in self.groups for change in group.tasks]


def compare(before: Snapshot, after: Snapshot) -> PlanDiff:
    themes = _compare_themes(before, after)
    groups: dict[str, list[Change]] = {}
    counts = Counts()
    old_tasks = {k: t for k, t in before["tasks"].items() if in_plan(t)}
    new_tasks = {k: t for k, t in after["tasks"].items() if in_plan(t)}
    for key in _keys(old_tasks, new_tasks):
        old, new = old_tasks.get(key), new_tasks.get(key)
        change = _task_change(key, old, new, before, after)
        if change is None:
            continue
        # A removed task is listed under the theme it had; the others under their theme now.
        side, entry = (before, old) if new is None else (after, new)
        theme = side["themes"].get(entry["theme"], {}).get("name", "")  # type: ignore[index]
        groups.setdefault(theme, []).append(change)
        _count(counts, change)
    ordered = _theme_order(after, before)
    return PlanDiff(
        themes=themes,
        groups=[
            ThemeGroup(name, groups[name])
            for name in sorted(groups, key=lambda n: ordered.get(n, (2, 0, n)))
        ],
        metrics=_compare_metrics(before, after),
        counts=counts,
    )


def _keys(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Old keys in their order, then the new ones in theirs."""
    return list(old) + [key for key in new if key not in old]


def _count(counts: Counts, change: Change) -> None:
    if change.kind == ADDED:
        counts.added += 1
    elif change.kind == REMOVED:
        counts.removed += 1
    else:
        counts.changed += 1
        if change.rescheduled:
            counts.rescheduled += 1
            if change.shift and change.shift > 0:
                counts.quarters_later += change.shift
            elif change.shift:
                counts.quarters_earlier -= change.shift
        if change.reassigned:
            counts.reassigned += 1


def _theme_order(*snapshots: Snapshot) -> dict[str, tuple[int, int, str]]:
    """Spearheads first, then by the themes' order, as everywhere else."""
    order: dict[str, tuple[int, int, str]] = {}
    for snapshot in snapshots:
        for theme in snapshot["themes"].values():
            order.setdefault(
                theme["name"], (0 if theme["is_spearhead"] else 1, theme["order"], theme["name"])
            )
    return order


def _task_change(
    key: str,
    old: dict[str, Any] | None,
    new: dict[str, Any] | None,
    before: Snapshot,
    after: Snapshot,
) -> Change | None:
    if old is None:
        assert new is not None
        return Change(key, ADDED, new["title"], _described(new, after, TASK_FIELDS))
    if new is None:
        return Change(key, REMOVED, old["title"], _described(old, before, TASK_FIELDS))
    fields = [
        FieldChange(name, _shown(name, old, before), _shown(name, new, after))
        for name in TASK_FIELDS
        if _value(name, old, before) != _value(name, new, after)
    ]
    if not fields:
        return None
    return Change(key, CHANGED, new["title"], fields, shift=_shift(old, new))


def _described(entry: dict[str, Any], side: Snapshot, names: tuple[str, ...]) -> list[FieldChange]:
    """An added or removed object's fields, as the one side has them."""
    shown = []
    for name in names:
        text = _shown(name, entry, side)
        if text and name not in ("title", "name", "theme") and entry.get(name) is not False:
            shown.append(FieldChange(name, text, text))
    return shown


def _shift(old: dict[str, Any], new: dict[str, Any]) -> int | None:
    before, after = old.get("due") or old.get("start"), new.get("due") or new.get("start")
    if not before or not after or before == after:
        return None
    if not (QUARTER_PATTERN.match(before) and QUARTER_PATTERN.match(after)):
        return None
    return Quarter.parse(after).index - Quarter.parse(before).index


def _value(name: str, entry: dict[str, Any], side: Snapshot) -> Any:
    """What is compared: a theme by its name, so that a theme copied into another snapshot
    (another roadmap's, after a renewal) is the same theme."""
    if name == "theme":
        return side["themes"].get(entry.get("theme") or "", {}).get("name", "")
    if name == "owner":
        return entry.get("owner")
    return entry.get(name)


def _shown(name: str, entry: dict[str, Any], side: Snapshot) -> str:
    value = entry.get(name)
    if name == "theme":
        return str(_value(name, entry, side))
    if name == "owner":
        return str(entry.get("owner_name", ""))
    if name in ("start", "due"):
        return format_quarter(value) if value else ""
    if name == "kind":
        return str(Kind(value).label) if value in Kind.values else str(value or "")
    if name == "priority":
        return str(Priority(value).label) if value in Priority.values else str(value or "")
    if name in ("quick_win", "is_spearhead"):
        return _("yes") if value else _("no")
    if name == "collaborators":
        return ", ".join(value or [])
    if name in ("baseline_value", "target_value"):
        return _number(value)
    if name == "target_date":
        return formats.date_format(_date(value), "SHORT_DATE_FORMAT") if value else ""
    if name == "milestones":
        return "; ".join(f"{year}: {_number(v)}" for year, v in sorted((value or {}).items()))
    return str(value if value is not None else "")


def shown(name: str, entry: dict[str, Any]) -> str:
    """A metric's or a task's field as the diff shows it (no theme or owner lookups)."""
    return _shown(name, entry, {"themes": {}})


def _number(value: str | None) -> str:
    if value is None:
        return ""
    try:
        return formats.number_format(Decimal(value), use_l10n=True, force_grouping=True)
    except InvalidOperation:
        return str(value)


def _date(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


def _compare_themes(before: Snapshot, after: Snapshot) -> list[Change]:
    # Themes are matched by name: a renamed theme is one removed and one added, which is how a
    # decision maker reads a theme area that is no longer there.
    old = {t["name"]: t for t in before["themes"].values()}
    new = {t["name"]: t for t in after["themes"].values()}
    changes = []
    for name in _keys(old, new):
        if name not in new:
            changes.append(Change(name, REMOVED, name))
        elif name not in old:
            changes.append(Change(name, ADDED, name))
        else:
            fields = [
                FieldChange(f, _shown(f, old[name], before), _shown(f, new[name], after))
                for f in THEME_FIELDS
                if f != "name" and old[name].get(f) != new[name].get(f)
            ]
            if fields:
                changes.append(Change(name, CHANGED, name, fields))
    return changes


def _compare_metrics(before: Snapshot, after: Snapshot) -> list[Change]:
    old, new = before["metrics"], after["metrics"]
    changes = []
    for key in _keys(old, new):
        if key not in new:
            changes.append(Change(key, REMOVED, old[key]["name"]))
        elif key not in old:
            changes.append(
                Change(key, ADDED, new[key]["name"], _described(new[key], after, METRIC_FIELDS))
            )
        else:
            fields = [
                FieldChange(f, _shown(f, old[key], before), _shown(f, new[key], after))
                for f in METRIC_FIELDS
                if _value(f, old[key], before) != _value(f, new[key], after)
            ]
            if fields:
                changes.append(Change(key, CHANGED, new[key]["name"], fields))
    return changes
