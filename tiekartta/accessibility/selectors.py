"""Reads of the accessibility app: the public statement, the admin's feedback list."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import F, Prefetch

from tiekartta.accessibility.models import (
    NEAR_DEADLINE_DAYS,
    AccessibilityStatement,
    FeedbackMessage,
    FeedbackQuerySet,
    KnownIssue,
)
from tiekartta.accounts.models import Organisation

FILTERS = ("open", "overdue", "answered", "all")


def statement_of(organisation: Organisation) -> AccessibilityStatement | None:
    """The statement with its issues in order: two queries."""
    return (
        AccessibilityStatement.objects.filter(organisation=organisation)
        .prefetch_related(Prefetch("issues", queryset=KnownIssue.objects.order_by("order", "pk")))
        .first()
    )


@dataclass(frozen=True)
class Deadline:
    """Where a message stands against its 14-day deadline today."""

    state: str  # answered, overdue, near, open
    days_left: int

    @property
    def days_overdue(self) -> int:
        return -self.days_left

    @classmethod
    def of(cls, message: FeedbackMessage, today: datetime.date) -> Deadline:
        return cls(message.deadline_state(today), message.days_left(today))


@dataclass(frozen=True)
class FeedbackCounts:
    open: int
    near: int  # open, due within NEAR_DEADLINE_DAYS (not yet overdue)
    overdue: int
    answered: int


def feedback_counts(organisation: Organisation, today: datetime.date) -> FeedbackCounts:
    messages = FeedbackMessage.objects.filter(organisation=organisation)
    rows = list(messages.values_list("answered_at", "answer_due"))
    open_dues = [due for answered, due in rows if answered is None]
    return FeedbackCounts(
        open=len(open_dues),
        near=sum(1 for due in open_dues if 0 <= (due - today).days <= NEAR_DEADLINE_DAYS),
        overdue=sum(1 for due in open_dues if due < today),
        answered=len(rows) - len(open_dues),
    )


def feedback_list(
    organisation: Organisation, chosen: str, today: datetime.date
) -> FeedbackQuerySet:
    """The messages of one filter, the nearest deadline first; answered ones newest first."""
    messages = FeedbackMessage.objects.filter(organisation=organisation).select_related(
        "answered_by"
    )
    if chosen == "open":
        return messages.open().order_by("answer_due", "received_at", "pk")
    if chosen == "overdue":
        return messages.overdue(today).order_by("answer_due", "received_at", "pk")
    if chosen == "answered":
        return messages.answered().order_by("-answered_at", "-pk")
    # Open ones first on every database (SQLite and PostgreSQL sort NULL differently).
    return messages.order_by(
        F("answered_at").asc(nulls_first=True), "answer_due", "received_at", "pk"
    )
