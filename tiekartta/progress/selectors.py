"""Read-side of the follow-up: the task's progress, the review meeting, the minutes and the
owner's own tasks. Each builds its page from a fixed number of queries."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from tiekartta.accounts.models import Organisation
from tiekartta.core.charts import LineChart, Series, percent_chart
from tiekartta.core.quarters import Quarter, quarter_range
from tiekartta.progress.models import MinutesDocument, ProgressEntry, Review
from tiekartta.roadmap.models import CLOSED_STATUSES, Roadmap, Status, Task, TaskQuerySet, Theme
from tiekartta.roadmap.risk import (
    Assessment,
    expected_completion,
    forecast_end,
    latest_per_quarter,
    planned_span,
)
from tiekartta.roadmap.selectors import assess_task


def in_follow_up(task: Task, quarter: Quarter) -> bool:
    """Whether the group follows the task up in the quarter: it is open and ongoing, planned
    for the quarter, or late. The same rule picks review rows and reminder recipients."""
    if task.status in CLOSED_STATUSES:
        return False
    if task.status == Status.IN_PROGRESS:
        return True
    span = planned_span(task.start, task.due)
    return span is not None and span[0] <= quarter


def _entries_by_task(entries: Iterable[ProgressEntry]) -> dict[int, list[ProgressEntry]]:
    grouped: dict[int, list[ProgressEntry]] = defaultdict(list)
    for entry in entries:
        grouped[entry.task_id].append(entry)
    return grouped


# The task page -------------------------------------------------------------------------------


@dataclass
class TaskFollowUp:
    entries: list[ProgressEntry]  # newest first
    assessment: Assessment
    forecast: Quarter | None
    forecast_is_late: bool
    chart: LineChart | None
    chart_rows: list[tuple[Quarter, int | None, int | None]]


def task_follow_up(task: Task, today: datetime.date, margin: int) -> TaskFollowUp:
    entries = list(task.progress_entries.select_related("author", "review").in_order())
    points = latest_per_quarter([(e.quarter, e.completion) for e in entries])
    assessment = assess_task(task, today, margin)
    forecast = forecast_end(points, start=task.start, due=task.due, status=task.status, today=today)
    due = task.due_quarter or task.start_quarter
    chart, rows = _task_chart(task, points, today)
    return TaskFollowUp(
        entries=entries[::-1],
        assessment=assessment,
        forecast=forecast,
        forecast_is_late=bool(forecast and due and forecast > due),
        chart=chart,
        chart_rows=rows,
    )


def _task_chart(
    task: Task, points: list[tuple[Quarter, int]], today: datetime.date
) -> tuple[LineChart | None, list[tuple[Quarter, int | None, int | None]]]:
    span = planned_span(task.start, task.due)
    known = [q for q, _value in points] + (list(span) if span else [])
    if not known:
        return None, []
    quarters = list(quarter_range(min(known), max(known)))
    recorded = dict(points)
    actual = [recorded.get(q) for q in quarters]
    planned: list[int | None] = [
        expected_completion(task.start, task.due, q.next().first_day) if span else None
        for q in quarters
    ]
    series = [Series("actual", _("Recorded"), actual)]
    if span:
        series.insert(0, Series("planned", _("Planned"), planned))
    chart = percent_chart(quarters, series, Quarter.of_date(today))
    return chart, list(zip(quarters, actual, planned, strict=True))


# Review meetings -----------------------------------------------------------------------------

# The rows of a review meeting on one page: 2,000 rows with their inputs were 3.3 MB of HTML.
# Printing takes the whole list (?all=1).
REVIEW_PAGE_SIZE = 25


@dataclass
class ReviewRow:
    task: Task
    assessment: Assessment
    previous: ProgressEntry | None  # the latest entry of an earlier quarter
    owner_update: ProgressEntry | None  # entered for the quarter before or outside the meeting
    recorded: ProgressEntry | None  # the latest entry made in this meeting

    @property
    def starting_point(self) -> ProgressEntry | None:
        """What the row's form starts from: this meeting's entry, else the owner's update,
        else the previous quarter."""
        return self.recorded or self.owner_update or self.previous

    @property
    def change(self) -> int | None:
        if self.recorded is None:
            return None
        before = self.previous.completion if self.previous else 0
        return self.recorded.completion - before


@dataclass
class ReviewGroup:
    theme: Theme
    rows: list[ReviewRow] = field(default_factory=list)
    continued: bool = False  # the theme's earlier rows are on the previous page
    goes_on: bool = False  # the theme's later rows are on the next page


@dataclass
class ReviewPage:
    """Which of the meeting's rows one page shows; the whole list is one page of all rows."""

    number: int
    count: int  # pages
    size: int | None  # rows per page; None for the whole list
    first_row: int  # 1-based
    last_row: int
    rows: int

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.count else None


@dataclass
class ReviewData:
    groups: list[ReviewGroup]
    recorded_count: int
    row_count: int
    page: ReviewPage | None = None

    @property
    def rows(self) -> list[ReviewRow]:
        return [row for group in self.groups for row in group.rows]


def review_tasks(review: Review) -> TaskQuerySet:
    """The meeting's rows, in the list's order (themes in display order, tasks in the theme's
    order): `in_follow_up` in SQL (quarters are text that sorts as they do), and the tasks
    with an entry for the quarter. A task recorded in the meeting stays on the list even when
    it was just closed."""
    code = review.quarter
    planned_by = (~Q(start="") & Q(start__lte=code)) | (Q(start="") & ~Q(due="") & Q(due__lte=code))
    followed = ~Q(status__in=CLOSED_STATUSES) & (Q(status=Status.IN_PROGRESS) | planned_by)
    with_entry = Q(
        pk__in=ProgressEntry.objects.filter(
            task__roadmap_id=review.roadmap_id, quarter=code
        ).values("task_id")
    )
    return (
        Task.objects.filter(roadmap_id=review.roadmap_id)
        .filter(followed | with_entry)
        .for_listing()
    )


def review_task_ids(review: Review) -> list[tuple[int, int]]:
    """The meeting's rows as (task id, theme id), in the list's order: one query of plain
    values, however many tasks."""
    return list(review_tasks(review).values_list("pk", "theme_id"))


def recorded_count(review: Review) -> int:
    """How many tasks the meeting has recorded."""
    return ProgressEntry.objects.filter(review=review).values("task").distinct().count()


def build_review(
    review: Review,
    today: datetime.date,
    margin: int,
    *,
    page: int = 1,
    size: int | None = None,
) -> ReviewData:
    """The tasks of the review's quarter grouped by theme, each with its entries: all of them,
    or given `size` the rows of page `page` (clamped to the pages there are), the counts still
    of the whole meeting. Four queries however many tasks: only the shown rows' tasks and
    entries are loaded as models.

    A task recorded in the meeting stays on the list even when it was just closed.
    """
    # The rows as two numbers each, one query: cheaper than counting and then reading a slice,
    # which sorts the rows twice.
    selection = review_task_ids(review)
    rows = len(selection)
    per_page = size if size and rows > size else max(rows, 1)
    count = max(1, -(-rows // per_page))
    number = min(max(page, 1), count)
    begin, end = (number - 1) * per_page, min(number * per_page, rows)
    shown = selection[begin:end]
    # Whether the page's first and last themes go on from the previous page or to the next.
    before = selection[begin - 1][1] if begin > 0 else None
    after = selection[end][1] if end < rows else None
    tasks = {
        task.pk: task
        for task in Task.objects.filter(pk__in=[pk for pk, _theme in shown]).select_related(
            "theme", "owner"
        )
    }
    entries = _entries_by_task(
        ProgressEntry.objects.filter(task__in=list(tasks), quarter__lte=review.quarter)
        .select_related("author")
        .in_order()
    )
    groups: dict[int, ReviewGroup] = {}
    for index, (pk, theme_id) in enumerate(shown):
        task = tasks[pk]
        group = groups.get(theme_id)
        if group is None:
            group = groups[theme_id] = ReviewGroup(
                task.theme, continued=index == 0 and before == theme_id
            )
        group.rows.append(_review_row(review, task, entries.get(pk, []), today, margin))
    for theme_id, group in groups.items():
        group.goes_on = after == theme_id
    return ReviewData(
        groups=list(groups.values()),
        recorded_count=recorded_count(review),
        row_count=rows,
        page=ReviewPage(
            number=number,
            count=count,
            size=size,
            first_row=begin + 1 if rows else 0,
            last_row=end,
            rows=rows,
        ),
    )


def review_row(review: Review, task: Task, today: datetime.date, margin: int) -> ReviewRow:
    """One row, for the htmx response after the row is saved."""
    entries = list(
        ProgressEntry.objects.filter(task=task, quarter__lte=review.quarter)
        .select_related("author")
        .in_order()
    )
    return _review_row(review, task, entries, today, margin)


def _review_row(
    review: Review,
    task: Task,
    entries: list[ProgressEntry],
    today: datetime.date,
    margin: int,
) -> ReviewRow:
    """`entries` are the task's entries up to the review's quarter, in order."""
    earlier = [e for e in entries if e.quarter < review.quarter]
    in_meeting = [e for e in entries if e.review_id == review.pk]
    outside = [e for e in entries if e.quarter == review.quarter and e.review_id is None]
    return ReviewRow(
        task=task,
        assessment=assess_task(task, today, margin),
        previous=earlier[-1] if earlier else None,
        owner_update=outside[-1] if outside else None,
        recorded=in_meeting[-1] if in_meeting else None,
    )


def stored_minutes_pdf(review: Review, language: str) -> bytes | None:
    """A closed meeting's minutes as printed before in `language`; None for an open meeting
    (its draft changes with every entry) or when nobody has printed them yet."""
    if review.is_open:
        return None
    pdf = (
        MinutesDocument.objects.filter(review=review, language=language)
        .values_list("pdf", flat=True)
        .first()
    )
    return None if pdf is None else bytes(pdf)


def previous_review(review: Review) -> Review | None:
    return (
        Review.objects.filter(roadmap_id=review.roadmap_id, quarter__lt=review.quarter)
        .order_by("-quarter")
        .first()
    )


# My tasks ------------------------------------------------------------------------------------


@dataclass
class OwnTask:
    task: Task
    assessment: Assessment
    latest: ProgressEntry | None
    updated_this_quarter: bool
    needs_update: bool
    due_now: bool  # due this quarter or already late


def own_tasks(
    organisation: Organisation, user_id: int, today: datetime.date, margin: int
) -> list[OwnTask]:
    """The user's open tasks in the organisation's current roadmaps, those needing this
    quarter's update first."""
    quarter = Quarter.of_date(today)
    tasks = list(
        Task.objects.filter(
            roadmap__organisation=organisation,
            roadmap__is_archived=False,
            owner__user_id=user_id,
        )
        .select_related("roadmap", "theme", "owner")
        .order_by("roadmap__start_year", "due", "title")
    )
    entries = _entries_by_task(
        ProgressEntry.objects.filter(task__in=[t.pk for t in tasks]).in_order()
    )
    result = []
    for task in tasks:
        task_entries = entries.get(task.pk, [])
        latest = max(task_entries, key=lambda e: (e.quarter, e.recorded_at, e.pk), default=None)
        updated = any(e.quarter == str(quarter) for e in task_entries)
        due = task.due_quarter or task.start_quarter
        # A roadmap that has not begun or has ended takes no entry for this quarter.
        open_task = task.status not in CLOSED_STATUSES and task.roadmap.contains_quarter(quarter)
        result.append(
            OwnTask(
                task=task,
                assessment=assess_task(task, today, margin),
                latest=latest,
                updated_this_quarter=updated,
                needs_update=open_task and not updated and in_follow_up(task, quarter),
                due_now=open_task and due is not None and due <= quarter,
            )
        )
    result.sort(key=lambda item: (not item.needs_update, not item.due_now, item.task.due or "9"))
    return result


def roadmap_quarter_choices(roadmap: Roadmap, today: datetime.date) -> list[tuple[str, str]]:
    """Quarters one can record progress for: the roadmap's, up to the current one."""
    current = Quarter.of_date(today)
    last = min(roadmap.last_quarter, current)
    return [(str(q), q.label()) for q in quarter_range(roadmap.first_quarter, last)][::-1]
