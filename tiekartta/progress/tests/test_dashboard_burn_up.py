"""The dashboard's burn-up, summed in SQL, gives the numbers of `burn_up` (the interim report's),
which reads every entry: latest entry of a quarter by recording order, cancelled tasks out."""

import datetime
from collections import defaultdict

import pytest
from django.utils import timezone

from conftest import World
from tests.factories import ProgressEntryFactory, TaskFactory
from tiekartta.core.quarters import Quarter
from tiekartta.progress import dashboard
from tiekartta.progress.dashboard import build_dashboard, burn_up
from tiekartta.progress.models import ProgressEntry
from tiekartta.roadmap.models import Status, Task

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2027, 2, 10)  # 2027Q1, inside the personas' 2026–2028 roadmap


def at(day: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2026, 12, day, 12))


def make_history(world: World) -> None:
    ongoing = TaskFactory(theme=world.theme, start="2026Q1", due="2027Q4", status="in_progress")
    # Two entries of one quarter: the later recorded counts, though written first by id.
    ProgressEntryFactory(task=ongoing, quarter="2026Q2", completion=20)
    ProgressEntryFactory(task=ongoing, quarter="2026Q3", completion=60, recorded_at=at(20))
    ProgressEntryFactory(task=ongoing, quarter="2026Q3", completion=40, recorded_at=at(10))
    # A step back is a negative step.
    ProgressEntryFactory(task=ongoing, quarter="2026Q4", completion=50)
    done = TaskFactory(theme=world.other_theme, start="2026Q2", due="2026Q4", status="done")
    ProgressEntryFactory(task=done, quarter="2026Q2", completion=30)
    ProgressEntryFactory(task=done, quarter="2026Q4", completion=100, status=Status.DONE)
    # Entries in quarters that skip one: the earlier value holds in the gap.
    skipping = TaskFactory(theme=world.theme, start="2026Q1", due="2028Q4", status="in_progress")
    ProgressEntryFactory(task=skipping, quarter="2026Q1", completion=10)
    ProgressEntryFactory(task=skipping, quarter="2026Q4", completion=35)
    cancelled = TaskFactory(theme=world.theme, start="2026Q1", due="2026Q4", status="cancelled")
    ProgressEntryFactory(task=cancelled, quarter="2026Q2", completion=90)
    TaskFactory(theme=world.other_theme, start="2027Q3", due="2028Q2", status="planned")  # none yet


def reference(world: World) -> list[tuple[Quarter, int | None, int]]:
    """The burn-up as the interim report counts it, from every entry in Python."""
    tasks = list(Task.objects.filter(roadmap=world.roadmap))
    history: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for task_id, quarter, completion in (
        ProgressEntry.objects.filter(task__roadmap=world.roadmap)
        .in_order()
        .values_list("task_id", "quarter", "completion")
    ):
        history[task_id].append((quarter, completion))

    def recorded(task: Task, quarter: str) -> int:
        known = [c for q, c in history[task.pk] if q <= quarter]
        return known[-1] if known else 0

    _chart, rows = burn_up(
        world.roadmap,
        [t for t in tasks if t.status != Status.CANCELLED],
        recorded,
        Quarter.of_date(TODAY),
        lambda task: task.shown_completion,
    )
    return rows


def test_the_dashboards_burn_up_is_the_interim_reports(world: World) -> None:
    make_history(world)
    rows = build_dashboard(world.roadmap, TODAY, 10).burn_up_rows
    assert rows == reference(world)
    # Not trivially equal: the recorded line moves, and stops after today's quarter.
    recorded = [value for _q, value, _plan in rows]
    assert len({value for value in recorded if value is not None}) > 2
    assert recorded[-1] is None


def test_a_roadmap_without_entries_has_a_flat_recorded_line(world: World) -> None:
    rows = build_dashboard(world.roadmap, TODAY, 10).burn_up_rows
    assert rows == reference(world)


def test_the_plain_sql_names_the_models_tables() -> None:
    # The steps are read with a plain SQL text (no formatting, so nothing can be injected):
    # it must name the tables the models use.
    source = dashboard._recorded_steps.__code__.co_consts
    sql = next(c for c in source if isinstance(c, str) and "SELECT" in c)
    assert f"FROM {ProgressEntry._meta.db_table} e" in sql
    assert f"JOIN {Task._meta.db_table} t" in sql
