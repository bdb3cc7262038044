"""The minutes of a review meeting. While the meeting is open they are a draft computed from
the entries; closing it stores them as a snapshot, so that later corrections, new tasks or
renamed people never change what the group decided and signed."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field
from typing import Any

from tiekartta.progress.models import Review
from tiekartta.progress.selectors import build_review, previous_review
from tiekartta.roadmap.models import DEFAULT_RISK_MARGIN, Status


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
    """The stored minutes of a closed meeting, or a draft from the entries so far."""
    if review.minutes_snapshot:
        return Minutes.from_json(review.minutes_snapshot)
    data = build_review(review, today, DEFAULT_RISK_MARGIN)
    groups = []
    for group in data.groups:
        rows = [
            MinutesRow(
                title=row.task.title,
                owner=row.task.owner.name,
                before=row.previous.completion if row.previous else None,
                now=row.recorded.completion,
                status=row.recorded.status,
                note=row.recorded.note,
            )
            for row in group.rows
            if row.recorded
        ]
        if rows:
            groups.append(MinutesGroup(group.theme.name, rows))
    previous = previous_review(review)
    return Minutes(
        groups=groups,
        attendees=[str(person) for person in review.attendees.order_by("name")],
        previous_quarter=previous.quarter if previous else "",
        previous_date=previous.meeting_date.isoformat() if previous else "",
        not_discussed=[
            (row.task.title, row.task.owner.name) for row in data.rows if not row.recorded
        ],
        completed=[
            row.task.title
            for row in data.rows
            if row.recorded
            and row.recorded.status == Status.DONE
            and (row.previous is None or row.previous.status != Status.DONE)
        ],
    )
