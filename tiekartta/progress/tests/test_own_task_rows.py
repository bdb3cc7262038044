"""My tasks' rows written by `{% own_task_rows %}` are what `_own_task_row.html` writes for the
same rows: with and without an entry, a note that needs escaping, a risk flag, a task due now,
one recorded this quarter, a cancelled one (no form), an unscheduled one, in every language."""

from __future__ import annotations

import re
from typing import Any

import pytest
import time_machine
from django.template import engines
from django.test.html import parse_html
from django.urls import reverse
from django.utils import translation

from conftest import World
from tests.factories import ProgressEntryFactory, TaskFactory
from tiekartta.accounts.models import Role

MY_TASKS = reverse("progress:my_tasks", kwargs={"org": "testikaupunki"})
BY_TEMPLATE = engines["django"].from_string(
    '{% for item, fields in rows %}{% include "progress/_own_task_row.html" %}{% endfor %}'
)


def _tokens_out(html: str) -> str:
    # Each rendering masks the CSRF secret afresh: the same token, other characters.
    assert html.count('name="csrfmiddlewaretoken" value="') >= 1
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', 'name="csrfmiddlewaretoken"', html)


@pytest.fixture(autouse=True)
def late_2026() -> Any:
    with time_machine.travel("2026-11-27 12:00 +0200", tick=False):
        yield


def add_rows(world: World) -> None:
    owner = world.owner_person
    noted = TaskFactory(theme=world.theme, owner=owner, title='Ajanvaraus <b>"uusi"</b> & muu')
    ProgressEntryFactory(task=noted, quarter="2026Q3", completion=40, note="Hidas <i>alku</i>")
    late = TaskFactory(theme=world.theme, owner=owner, start="2026Q1", due="2026Q3")
    ProgressEntryFactory(task=late, quarter="2026Q2", completion=10)
    done_now = TaskFactory(theme=world.other_theme, owner=owner, start="2026Q4", due="2026Q4")
    ProgressEntryFactory(task=done_now, quarter="2026Q4", completion=100, status="done")
    TaskFactory(theme=world.theme, owner=owner, start="", due="")
    TaskFactory(theme=world.theme, owner=owner, status="cancelled")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_rows_tag_writes_what_the_row_template_writes(world: World, language: str) -> None:
    add_rows(world)
    client = world.client_for(Role.OWNER)
    response = client.get(MY_TASKS, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    page = response.content.decode()
    context = response.context[0].flatten()
    rows = context["rows"]
    assert len(rows) >= 5
    assert any(fields is None for _item, fields in rows) or "cancelled" in page
    with translation.override(context["LANGUAGE_CODE"]):
        expected = BY_TEMPLATE.render(context, response.wsgi_request)
    start = page.index('<article class="entry-row')
    end = page.rindex("</article>") + len("</article>")
    assert parse_html(_tokens_out(page[start:end])) == parse_html(_tokens_out(expected))
    assert "&lt;i&gt;alku&lt;/i&gt;" in page
