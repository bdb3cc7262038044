"""The overview pages long lists for the screen (100 rows a page, grouped by theme) with lean
rows, while the whole list stays one link away for printing."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import World
from tests.factories import TaskFactory, ThemeFactory
from tiekartta.accounts.models import Role
from tiekartta.roadmap.models import Task

OVERVIEW = "/o/testikaupunki/r/2026-2028/"
ROW = re.compile(r'<tr id="task-(\d+)"')


def add_tasks(world: World, count: int) -> None:
    # 2 personas' tasks are in world.theme already; these go in two themes, in theme order.
    for n in range(count):
        TaskFactory(
            theme=world.theme if n < count // 2 else world.other_theme,
            owner=world.other_person,
            title=f"Sähköisen asioinnin kehittäminen, vaihe {n}",
            start="2026Q1",
            due="2028Q4",
        )


def rows(html: str) -> list[int]:
    return [int(pk) for pk in ROW.findall(html)]


def test_long_lists_are_paged_by_a_hundred_rows_in_theme_order(world: World) -> None:
    add_tasks(world, 248)  # 250 tasks with the personas' two
    empty = ThemeFactory(roadmap=world.roadmap, name="Tyhjä teema")
    client = world.client_for(Role.VIEWER)
    pages = [client.get(f"{OVERVIEW}?page={n}").content.decode() for n in (1, 2, 3)]
    assert [len(rows(page)) for page in pages] == [100, 100, 50]
    assert "Tasks 101–200 of 250" in pages[1] and "page 2 of 3" in pages[1]
    shown = [pk for page in pages for pk in rows(page)]
    whole = client.get(f"{OVERVIEW}?all=1").content.decode()
    assert rows(whole) == shown and len(set(shown)) == 250  # every task once, in one order
    assert "All 250 tasks on one page." in whole
    # A theme running on from the previous page says so; the themes' totals are their whole.
    assert "(continued)" in pages[1] and "(continued)" not in pages[0]
    assert pages[1].count("126 tasks") == 1  # world.theme: its two and 124 of these
    # The empty theme comes last, on the last page only: paging is not a filter.
    assert "No tasks in this theme yet." in pages[2]
    assert "No tasks in this theme yet." not in pages[0] + pages[1]
    assert empty.name in pages[2]
    # Paging keeps the filters, and the filters start from the first page.
    filtered = client.get(f"{OVERVIEW}?q=vaihe&page=2").content.decode()
    assert 'href="?q=vaihe&amp;page=3"' in filtered and 'href="?q=vaihe&amp;page=1"' in filtered
    assert 'href="?q=vaihe&amp;all=1"' in filtered


def test_a_page_past_the_end_shows_the_last_page(world: World) -> None:
    add_tasks(world, 148)
    client = world.client_for(Role.VIEWER)
    last = client.get(f"{OVERVIEW}?page=99").content.decode()
    assert len(rows(last)) == 50 and "page 2 of 2" in last
    assert len(rows(client.get(f"{OVERVIEW}?page=x").content.decode())) == 100


@pytest.mark.parametrize(("persona", "most"), [(Role.EDITOR, 820), (Role.VIEWER, 480)])
def test_rows_are_lean(world: World, persona: str, most: int) -> None:
    """A row was about 1.3 kB with its own form, CSRF token and reorder buttons; one form for
    the page and rows without padding keep it well under that."""
    add_tasks(world, 98)
    client = world.client_for(persona)
    html = client.get(f"{OVERVIEW}?all=1").content.decode()
    start, end = html.index('<tr id="task-'), html.rindex("</tr>") + len("</tr>")
    body = html[start:end]
    per_row = len(body.encode()) / len(rows(body))
    assert per_row < most, f"{per_row:.0f} bytes per row"
    # The language, log-out and reorder forms: none per row.
    assert html.count("csrfmiddlewaretoken") <= 3


def test_reorder_buttons_post_through_the_one_form(world: World) -> None:
    client = world.client_for(Role.EDITOR)
    html = client.get(OVERVIEW).content.decode()
    assert html.count('<form id="reorder" method="post"') == 1
    first, second = world.own_task, world.others_task
    move = f'formaction="{OVERVIEW}tasks/{second.pk}/move/"'
    assert html.count(move) == 2
    # The first row of a theme cannot go up, nor its last one down.
    assert re.search(rf'tasks/{first.pk}/move/" name="direction" value="up"[^>]* disabled', html)
    assert re.search(rf'tasks/{second.pk}/move/" name="direction" value="down"[^>]* disabled', html)
    response = client.post(
        f"{OVERVIEW}tasks/{second.pk}/move/", {"direction": "up", "next": OVERVIEW}
    )
    assert response.status_code == 302
    order = Task.objects.filter(theme=world.theme).order_by("order").values_list("pk", flat=True)
    assert list(order) == [second.pk, first.pk]


def test_the_page_and_the_whole_list_run_the_same_queries(world: World) -> None:
    client = world.client_for(Role.EDITOR)
    add_tasks(world, 20)
    with CaptureQueriesContext(connection) as small:
        client.get(OVERVIEW)
    add_tasks(world, 230)
    for query in ("", "?page=2", "?all=1"):
        with CaptureQueriesContext(connection) as large:
            assert client.get(OVERVIEW + query).status_code == 200
        assert len(large) == len(small), query
