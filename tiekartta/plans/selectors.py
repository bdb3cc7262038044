"""Reads of the plan's life: versions, the open draft, the plan against its baseline, a task's
place in each version."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _

from tiekartta.plans.diff import ADDED, REMOVED, Counts, FieldChange, PlanDiff, compare
from tiekartta.plans.models import DraftState, PlanVersion, Renewal, RevisionDraft
from tiekartta.plans.snapshot import Snapshot, build_snapshot, in_plan
from tiekartta.roadmap.models import Roadmap, Task

LIVE = "live"
DRAFT = "draft"


def versions_of(roadmap: Roadmap) -> list[PlanVersion]:
    return list(
        PlanVersion.objects.filter(roadmap=roadmap).select_related("created_by").order_by("number")
    )


def get_version(roadmap: Roadmap, number: int) -> PlanVersion:
    found = PlanVersion.objects.filter(roadmap=roadmap, number=number).first()
    if found is None:
        raise Http404
    return found


def open_draft(roadmap: Roadmap) -> RevisionDraft | None:
    return RevisionDraft.objects.filter(roadmap=roadmap, state=DraftState.OPEN).first()


def get_draft(roadmap: Roadmap, pk: int) -> RevisionDraft:
    found = RevisionDraft.objects.filter(roadmap=roadmap, pk=pk).select_related("roadmap").first()
    if found is None:
        raise Http404
    return found


def renewal_links(roadmap: Roadmap) -> tuple[Renewal | None, Renewal | None]:
    """The renewal that made this roadmap, and the one that made its successor."""
    made_from = Renewal.objects.filter(target=roadmap).select_related("source").first()
    renewed_as = Renewal.objects.filter(source=roadmap).select_related("target").first()
    return made_from, renewed_as


def comparison_choices(
    versions: list[PlanVersion], draft: RevisionDraft | None
) -> list[tuple[str, str]]:
    choices = [
        (str(v.number), _("Version %(number)s (%(date)s)") % {"number": v.number, "date": _date(v)})
        for v in versions
    ]
    choices.append((LIVE, _("The live plan now")))
    if draft is not None:
        choices.append((DRAFT, _("The revision being drafted")))
    return choices


def _date(version: PlanVersion) -> str:
    from django.utils import formats

    return formats.date_format(version.decided_on, "SHORT_DATE_FORMAT")


def snapshot_of(
    roadmap: Roadmap, which: str, versions: list[PlanVersion], draft: RevisionDraft | None
) -> Snapshot:
    """`which`: a version's number, "live" or "draft"; anything else is 404."""
    if which == LIVE:
        return build_snapshot(roadmap)
    if which == DRAFT and draft is not None:
        return draft.proposed
    for version in versions:
        if str(version.number) == which:
            return dict(version.snapshot)
    raise Http404


@dataclass
class SinceBaseline:
    baseline: PlanVersion
    latest: PlanVersion
    counts: Counts
    diff: PlanDiff


def since_baseline(roadmap: Roadmap, live: Snapshot | None = None) -> SinceBaseline | None:
    """The live plan against the adopted one: what was added, dropped, rescheduled and
    reassigned since version 1. None before the adoption."""
    versions = versions_of(roadmap)
    if not versions:
        return None
    diff = compare(versions[0].snapshot, live if live is not None else build_snapshot(roadmap))
    return SinceBaseline(baseline=versions[0], latest=versions[-1], counts=diff.counts, diff=diff)


@dataclass
class TaskEvent:
    version: PlanVersion
    kind: str  # ADDED (entered the plan), REMOVED (left it) or "changed"
    fields: list[FieldChange]


def task_history(task: Task) -> list[TaskEvent]:
    """In which version the task entered the plan, changed in it or left it."""
    key = str(task.pk)
    events: list[TaskEvent] = []
    previous: Snapshot | None = None
    for version in versions_of(task.roadmap):
        snapshot = version.snapshot
        entry = snapshot["tasks"].get(key)
        was = previous is not None and key in previous["tasks"] and in_plan(previous["tasks"][key])
        now = entry is not None and in_plan(entry)
        if now and (previous is None or not was):
            events.append(TaskEvent(version, ADDED, []))
        elif was and not now:
            events.append(TaskEvent(version, REMOVED, []))
        elif was and now:
            assert previous is not None
            change = next(
                (c for c in compare(_only(previous, key), _only(snapshot, key)).tasks), None
            )
            if change is not None:
                events.append(TaskEvent(version, change.kind, change.fields))
        previous = snapshot
    return events


def _only(snapshot: Snapshot, key: str) -> Snapshot:
    """The snapshot with one task, so that comparing two costs nothing for the others."""
    tasks = snapshot["tasks"]
    return {**snapshot, "tasks": {key: tasks[key]} if key in tasks else {}, "metrics": {}}


def version_rows(versions: list[PlanVersion]) -> list[dict[str, Any]]:
    """Each version with what it changed against the one before."""
    rows: list[dict[str, Any]] = []
    previous = None
    for version in versions:
        counts: Counts | None = (
            compare(previous.snapshot, version.snapshot).counts if previous else None
        )
        rows.append({"version": version, "counts": counts, "tasks": _plan_size(version.snapshot)})
        previous = version
    return rows


def _plan_size(snapshot: Snapshot) -> int:
    return sum(1 for entry in snapshot["tasks"].values() if in_plan(entry))


__all__ = ["DRAFT", "LIVE", "REMOVED"]
