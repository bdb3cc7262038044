"""The agenda the software drafts for a meeting of the digital group, from its roadmap as it
stands on the meeting's day: the tasks due and late, the owners' updates received since the
group last met, the metrics without a fresh value and the decisions waiting for the group.

Items are kept by key with their lines of data (task titles, owners, figures); the headings
are translated when shown, so the agenda reads in each reader's language. Each item's note is
what the minutes say under it; drafting again keeps the notes.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tiekartta.core.quarters import Quarter, format_quarter
from tiekartta.ideas.models import Idea, IdeaStatus
from tiekartta.metrics.models import Metric
from tiekartta.metrics.selectors import grace_days_of, metric_states
from tiekartta.plans.models import DraftState, RevisionDraft
from tiekartta.progress.models import Decision, Experiment, ProgressEntry
from tiekartta.roadmap.models import CLOSED_STATUSES, Task

AgendaItem = dict[str, Any]

HEADINGS: dict[str, Promise] = {
    "opening": _("Opening, attendance and the agenda"),
    "previous": _("The previous meeting's minutes"),
    "due": _("Tasks due this quarter"),
    "late": _("Late tasks"),
    "updates": _("Owners' updates received since the last meeting"),
    "stale": _("Metrics without a fresh value"),
    "decisions": _("Decisions pending"),
    "other": _("Other matters"),
    "next": _("The next meeting"),
}


def heading(key: str) -> str:
    return str(HEADINGS.get(key, key))


def draft_agenda(
    *,
    organisation: Any,
    roadmap: Any,
    day: datetime.date,
    previous_day: datetime.date | None,
    keep: list[AgendaItem] | None = None,
) -> list[AgendaItem]:
    """The items in their order; `keep` is the agenda drafted before, whose notes are kept."""
    notes = {item["key"]: item.get("note", "") for item in keep or []}
    items: list[AgendaItem] = [_item("opening", [])]
    if previous_day is not None:
        items.append(_item("previous", [format_date(previous_day)]))
    if roadmap is not None:
        items.extend(_roadmap_items(roadmap, day, previous_day))
    items.append(_item("other", []))
    items.append(_item("next", []))
    for item in items:
        item["note"] = notes.get(item["key"], "")
    return items


def format_date(day: datetime.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _item(key: str, lines: list[str]) -> AgendaItem:
    return {"key": key, "lines": lines, "note": ""}


def _roadmap_items(
    roadmap: Any, day: datetime.date, previous_day: datetime.date | None
) -> list[AgendaItem]:
    quarter = Quarter.of_date(day)
    tasks = list(Task.objects.filter(roadmap=roadmap).for_listing())
    open_tasks = [t for t in tasks if t.status not in CLOSED_STATUSES]
    due = [t for t in open_tasks if t.due == str(quarter)]
    late = [t for t in open_tasks if t.is_overdue(day)]
    items = [
        _item("due", [f"{t.title} — {t.owner.name}, {t.shown_completion} %" for t in due]),
        _item(
            "late",
            [
                f"{t.title} — {t.owner.name}, {format_quarter(t.due)}, {t.shown_completion} %"
                for t in late
            ],
        ),
    ]
    entries = ProgressEntry.objects.filter(
        task__roadmap=roadmap, review__isnull=True
    ).select_related("task")
    if previous_day is not None:
        entries = entries.filter(recorded_at__date__gt=previous_day)
    entries = entries.filter(recorded_at__date__lte=day).order_by("task__title", "recorded_at")
    latest: dict[int, ProgressEntry] = {}
    for entry in entries:
        latest[entry.task_id] = entry
    items.append(
        _item(
            "updates",
            [
                f"{e.task.title}: {e.completion} % ({format_quarter(e.quarter)})"
                for e in latest.values()
            ],
        )
    )
    metrics = list(
        Metric.objects.filter(roadmap=roadmap).select_related("roadmap").order_by("order", "pk")
    )
    states = metric_states(metrics, day, grace_days_of(roadmap.organisation))
    items.append(
        _item("stale", [m.name for m, state in zip(metrics, states, strict=True) if state.is_stale])
    )
    items.append(_item("decisions", _decisions(roadmap, quarter)))
    return items


def _decisions(roadmap: Any, quarter: Quarter) -> list[Any]:
    """Kept as data ({"kind", ...}) and worded when shown (`shown_lines`), in the reader's
    language."""
    lines: list[Any] = []
    for draft in RevisionDraft.objects.filter(roadmap=roadmap, state=DraftState.OPEN):
        lines.append({"kind": "revision", "title": draft.title})
    for experiment in (
        Experiment.objects.filter(
            task__roadmap=roadmap, decision=Decision.NONE, ends__lte=str(quarter)
        )
        .exclude(ends="")
        .select_related("task")
    ):
        lines.append({"kind": "experiment", "task": experiment.task.title})
    waiting = Idea.objects.filter(
        organisation=roadmap.organisation_id, status=IdeaStatus.UNDER_REVIEW
    ).count()
    if waiting:
        lines.append({"kind": "ideas", "count": waiting})
    return lines


LINE_WORDS: dict[str, Promise] = {
    "revision": _("Revision being drafted: %(title)s"),
    "experiment": _("Experiment ended without a decision: %(task)s"),
    "ideas": _("Ideas under review: %(count)s"),
}


def shown_lines(item: AgendaItem) -> list[str]:
    """An item's lines as text: data as it is, the decisions worded in the active language."""
    shown = []
    for line in item.get("lines", []):
        if isinstance(line, dict):
            words = LINE_WORDS.get(line.get("kind", ""))
            shown.append(str(words) % line if words is not None else "")
        else:
            shown.append(str(line))
    return [line for line in shown if line]
