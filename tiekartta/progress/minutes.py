"""The minutes of a review meeting. While the meeting is open they are a draft computed from
the entries; closing it stores them as a snapshot, so that later corrections, new tasks or
renamed people never change what the group decided and signed."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field
from typing import Any

from tiekartta.progress.models import ProgressEntry, Review
from tiekartta.progress.selectors import previous_review, review_task_ids
from tiekartta.roadmap.models import Status, Task


@dataclass
class MinutesRow:
    title: str
    owner: str
    before: int | None
    now: int
    status: str
    note: str

    @property
    def change(self) -> int:
        return self.now - (self.before or 0)

    @property
    def status_label(self) -> str:
        # The label is looked up when shown, so the minutes read in the reader's language.
        return str(Status(self.status).label)


@dataclass
class MinutesGroup:
    theme: str
    rows: list[MinutesRow] = field(default_factory=list)


@dataclass
class Minutes:
    groups: list[MinutesGroup]
    attendees: list[str]
    previous_quarter: str
    previous_date: str  # ISO date, so that the snapshot is plain JSON
    not_discussed: list[tuple[str, str]]
    completed: list[str]
    frozen: bool = False

    @property
    def recorded_count(self) -> int:
        return sum(len(group.rows) for group in self.groups)

    @property
    def average_change(self) -> int:
        changes = [row.change for group in self.groups for row in group.rows]
        return round(sum(changes) / len(changes)) if changes else 0

    @property
    def previous_meeting_date(self) -> datetime.date | None:
        return datetime.date.fromisoformat(self.previous_date) if self.previous_date else None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("frozen")
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Minutes:
        return cls(
            groups=[
                MinutesGroup(group["theme"], [MinutesRow(**row) for row in group["rows"]])
                for group in data["groups"]
            ],
            attendees=list(data["attendees"]),
            previous_quarter=data["previous_quarter"],
            previous_date=data["previous_date"],
            not_discussed=[(title, owner) for title, owner in data["not_discussed"]],
            completed=list(data["completed"]),
            frozen=True,
        )


def build_minutes(review: Review, today: datetime.date) -> Minutes:
    """The stored minutes of a closed meeting, or a draft from the entries so far: the rows of
    the meeting (as `build_review` picks them) read as plain values, the entries only of the
    tasks recorded in the meeting. Five queries however many tasks."""
    if review.minutes_snapshot:
        return Minutes.from_json(review.minutes_snapshot)
    selection = review_task_ids(review)
    tasks = {
        pk: (title, owner, theme)
        for pk, title, owner, theme in Task.objects.filter(
            roadmap_id=review.roadmap_id
        ).values_list("pk", "title", "owner__name", "theme__name")
    }
    previous_of: dict[int, tuple[int, str]] = {}  # the latest entry of an earlier quarter
    recorded_of: dict[int, tuple[int, str, str]] = {}  # the latest entry of this meeting
    for task_id, quarter, completion, status, note, review_id in (
        ProgressEntry.objects.filter(
            task_id__in=ProgressEntry.objects.filter(review=review).values("task_id"),
            quarter__lte=review.quarter,
        )
        .in_order()
        .values_list("task_id", "quarter", "completion", "status", "note", "review_id")
    ):
        if quarter < review.quarter:
            previous_of[task_id] = (completion, status)
        if review_id == review.pk:
            recorded_of[task_id] = (completion, status, note)
    groups: list[MinutesGroup] = []
    group_theme = None
    not_discussed, completed = [], []
    for pk, theme_id in selection:
        title, owner, theme = tasks[pk]
        recorded = recorded_of.get(pk)
        if recorded is None:
            not_discussed.append((title, owner))
            continue
        previous = previous_of.get(pk)
        if group_theme != theme_id:  # the rows come theme by theme
            groups.append(MinutesGroup(theme))
            group_theme = theme_id
        groups[-1].rows.append(
            MinutesRow(
                title=title,
                owner=owner,
                before=previous[0] if previous else None,
                now=recorded[0],
                status=recorded[1],
                note=recorded[2],
            )
        )
        if recorded[1] == Status.DONE and (previous is None or previous[1] != Status.DONE):
            completed.append(title)
    previous_meeting = previous_review(review)
    return Minutes(
        groups=groups,
        attendees=[str(person) for person in review.attendees.order_by("name")],
        previous_quarter=previous_meeting.quarter if previous_meeting else "",
        previous_date=previous_meeting.meeting_date.isoformat() if previous_meeting else "",
        not_discussed=not_discussed,
        completed=completed,
    )
