"""Which tasks are followed up in a quarter: a pure function of the status and the schedule."""

import pytest

from tiekartta.core.quarters import Quarter
from tiekartta.progress.selectors import in_follow_up
from tiekartta.roadmap.models import Status, Task

# Which tasks are followed up in a quarter ----------------------------------------------------

FOLLOW_UP_QUARTER = Quarter(2026, 3)


@pytest.mark.parametrize(
    ("status", "start", "due", "followed"),
    [
        # Closed tasks never.
        (Status.DONE, "2026Q3", "2026Q4", False),
        (Status.DONE, "2026Q1", "2026Q2", False),
        (Status.DONE, "", "", False),
        (Status.CANCELLED, "2026Q3", "2026Q4", False),
        (Status.CANCELLED, "2026Q1", "2026Q2", False),
        # Ongoing tasks always.
        (Status.IN_PROGRESS, "2026Q3", "2026Q4", True),
        (Status.IN_PROGRESS, "", "", True),
        (Status.IN_PROGRESS, "2027Q1", "2027Q4", True),
        # Planned tasks from their start quarter on, late ones included.
        (Status.PLANNED, "2026Q3", "2026Q4", True),
        (Status.PLANNED, "2026Q1", "2026Q4", True),
        (Status.PLANNED, "2025Q1", "2025Q4", True),
        (Status.PLANNED, "", "2026Q3", True),
        (Status.PLANNED, "2026Q4", "2027Q1", False),
        (Status.PLANNED, "", "2026Q4", False),
        (Status.PLANNED, "", "", False),
        (Status.POSTPONED, "2026Q2", "2026Q2", True),
        (Status.POSTPONED, "2027Q1", "2027Q2", False),
        (Status.POSTPONED, "", "", False),
    ],
)
def test_in_follow_up(status: str, start: str, due: str, followed: bool) -> None:
    task = Task(start=start, due=due, status=status)
    assert in_follow_up(task, FOLLOW_UP_QUARTER) is followed
