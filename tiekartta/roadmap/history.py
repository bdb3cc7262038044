"""The task's change history as people read it: who, when, which field, old → new.

Built from django-simple-history rows with core.history and the task's description in
changes.py, in a fixed number of queries, however long the history; related objects (owner,
theme, collaborators, predecessors) are named as they were at the time of each change.
"""

from __future__ import annotations

from dataclasses import replace

from tiekartta.core.history import HistoryEntry, Tracked, no_link, ordered_rows, read_changes
from tiekartta.roadmap.changes import TASK, TASK_FIELDS
from tiekartta.roadmap.models import Task

TRACKED_FIELDS = TASK_FIELDS
# The task page shows the fields of the form, in its order; its entries link nowhere else.
TASK_PAGE: Tracked = replace(TASK, fields=TASK_FIELDS, link=no_link)


def task_history(task: Task) -> list[HistoryEntry]:
    """Newest first."""
    rows = list(ordered_rows(task.history.all()))
    return list(read_changes([(TASK_PAGE, rows, None, 0)]))
