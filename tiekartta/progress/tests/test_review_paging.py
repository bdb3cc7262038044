"""The review meeting a page at a time, its rows' hand-written inputs and the row save's
queries (issue 17: a 2,000-task meeting was 3.3 MB and 5 s on one page)."""

import datetime
import re
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.template.loader import render_to_string
from django.test.html import parse_html
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import World
from tests.factories import ProgressEntryFactory, TaskFactory
from tiekartta.accounts.models import Role
from tiekartta.progress import services
from tiekartta.progress.forms import ProgressEntryForm
from tiekartta.progress.models import ProgressEntry, Review
from tiekartta.progress.selectors import REVIEW_PAGE_SIZE
from tiekartta.progress.views import row_fields, row_fields_context
from tiekartta.roadmap.models import Task

ORG, RM = "testikaupunki", "2026-2028"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def late_2026() -> Any:
    with time_machine.travel("2026-11-27 12:00 +0200", tick=False):
        yield


def open_review(world: World) -> Review:
    return services.open_review(
        actor=world.users[Role.EDITOR],
        roadmap=world.roadmap,
        quarter="2026Q4",
        meeting_date=datetime.date(2026, 11, 27),
        attendees=[world.owner_person],
    )


def add_ongoing(world: World, count: int, theme: Any = None) -> list[Task]:
    tasks = [
        TaskFactory(
            theme=theme or world.other_theme,
            owner=world.owner_person,
            title=f"Käynnissä {n:03}",
            status="in_progress",
            start="2026Q1",
            due="2027Q4",
        )
        for n in range(count)
    ]
    for task in tasks[::3]:
        ProgressEntryFactory(task=task, quarter="2026Q3", completion=30)
    return tasks


def review_url(review: Review, query: str = "") -> str:
    path = reverse(
        "progress:review_detail", kwargs={"org": ORG, "roadmap": RM, "review": review.pk}
    )
    return path + query


def rows_of(html: str) -> list[str]:
    return re.findall(r'<article class="entry-row[^"]*" id="task-(\d+)"', html)


def test_the_meeting_comes_a_page_at_a_time_with_links_to_the_rest(world: World) -> None:
    review = open_review(world)
    add_ongoing(world, 58)  # with the world's two tasks: 60 rows, three pages of 25
    client = world.client_for(Role.EDITOR)
    first = client.get(review_url(review)).content.decode()
    assert len(rows_of(first)) == REVIEW_PAGE_SIZE == 25
    assert "60 tasks to go through" in first, "the count is the whole meeting's"
    assert "Tasks 1–25 of 60" in first and "page 1 of 3" in first
    assert 'href="?page=2" rel="next"' in first and 'rel="prev"' not in first
    assert 'href="?all=1"' in first, "the whole list is one link away"

    last = client.get(review_url(review, "?page=3")).content.decode()
    assert len(rows_of(last)) == 10 and "Tasks 51–60 of 60" in last
    assert 'href="?page=2" rel="prev"' in last and 'rel="next"' not in last
    assert "(continued)" in last, "the theme goes on from the previous page"
    pages = [
        rows_of(client.get(review_url(review, f"?page={n}")).content.decode()) for n in (1, 2, 3)
    ]
    every = [pk for page in pages for pk in page]
    assert len(every) == len(set(every)) == 60, "each row on exactly one page"

    whole = client.get(review_url(review, "?all=1")).content.decode()
    assert rows_of(whole) == every, "the whole list, in the pages' order"
    assert "All 60 tasks on one page." in whole and "Show the tasks a page at a time" in whole

    hundred = client.get(review_url(review, "?size=100")).content.decode()
    assert len(rows_of(hundred)) == 60 and 'class="pager"' not in hundred
    assert 'href="?size=50"' in first, "the page size can be chosen"
    # A page past the end, or nonsense, shows a page there is.
    assert rows_of(client.get(review_url(review, "?page=9")).content.decode()) == pages[2]
    assert rows_of(client.get(review_url(review, "?page=x&size=7")).content.decode()) == pages[0]


def test_a_small_meeting_has_no_pager(world: World) -> None:
    review = open_review(world)
    html = world.client_for(Role.VIEWER).get(review_url(review)).content.decode()
    assert len(rows_of(html)) == 2 and 'class="pager"' not in html


def test_hand_written_row_inputs_are_the_forms_own(world: World) -> None:
    """The page writes each row's inputs from its values; they must stay what the row's
    unbound form renders, so that the form validates exactly what the row posts."""
    task = world.own_task
    entry = ProgressEntryFactory(
        task=task, quarter="2026Q4", completion=35, note="Muistiinpano <b>"
    )
    fields = row_fields(task, "2026Q4", entry)
    form = ProgressEntryForm(
        roadmap=world.roadmap,
        today=datetime.date(2026, 11, 27),
        fixed_quarter="2026Q4",
        prefix=fields.prefix,
        initial={"quarter": "2026Q4", "completion": 35, "status": entry.status, "note": entry.note},
    )
    by_hand = render_to_string(
        "progress/_row_fields.html", {"fields": fields, "task": task, **row_fields_context()}
    )
    by_form = render_to_string("progress/_entry_fields.html", {"form": form, "task": task})
    assert parse_html(by_hand) == parse_html(by_form)


def count_queries(client: Any, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200, path
    return len(queries)


@pytest.mark.parametrize(
    ("query", "most"), [("", 13), ("?page=2", 13), ("?all=1", 13), ("minutes/", 10)]
)
def test_meeting_pages_run_the_same_queries_for_5_and_60_tasks(
    world: World, query: str, most: int, django_assert_max_num_queries: Any
) -> None:
    review = open_review(world)
    client = world.client_for(Role.EDITOR)
    add_ongoing(world, 5)
    small = count_queries(client, review_url(review, query))
    for task in add_ongoing(world, 55, theme=world.theme)[::4]:
        ProgressEntryFactory(task=task, quarter="2026Q4", review=review, completion=40)
    large = count_queries(client, review_url(review, query))
    assert small == large, f"{query}: {small} queries for 5 tasks, {large} for 60"
    with django_assert_max_num_queries(most):
        client.get(review_url(review, query))


@pytest.mark.parametrize(
    "path", ["/o/testikaupunki/r/2026-2028/dashboard/", "/o/testikaupunki/my-tasks/"]
)
def test_dashboard_and_my_tasks_run_the_same_queries_for_5_and_60_tasks(
    world: World, path: str
) -> None:
    client = world.client_for(Role.OWNER)
    add_ongoing(world, 5)
    small = count_queries(client, path)
    add_ongoing(world, 55, theme=world.theme)
    assert count_queries(client, path) == small


def test_a_review_row_save_reads_the_task_once_and_runs_few_queries(
    world: World, django_assert_max_num_queries: Any
) -> None:
    review = open_review(world)
    task = world.own_task
    ProgressEntryFactory(task=task, quarter="2026Q3", completion=20)
    client = world.client_for(Role.EDITOR)
    data = {
        "context": "review",
        "review": str(review.pk),
        f"t{task.pk}-quarter": "2026Q4",
        f"t{task.pk}-completion": "45",
        f"t{task.pk}-status": "in_progress",
        f"t{task.pk}-note": "Kokouksessa",
    }
    path = reverse("progress:record", kwargs={"org": ORG, "roadmap": RM, "task": task.pk})
    with CaptureQueriesContext(connection) as queries:
        response = client.post(path, data, **HTMX)
    assert response.status_code == 200 and "Saved at" in response.content.decode()
    table = Task._meta.db_table
    reads = [q["sql"] for q in queries if q["sql"].startswith(f'SELECT "{table}"."id", ')]
    # The view's lookup and the service's lock: the row is not read back afterwards.
    assert len(reads) == 2, reads
    assert ProgressEntry.objects.filter(review=review, task=task).get().completion == 45
    # The audit record is written with the entry.
    assert task.history.count() >= 1 and task.history.first().completion == 45
    data[f"t{task.pk}-completion"] = "50"
    # 37 before issue 17; 21 now, of which the history row's many-to-many copies are four.
    with django_assert_max_num_queries(21):
        client.post(path, data, **HTMX)
