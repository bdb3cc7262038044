"""The overview's and the timeline's rows are written in Python (roadmap/rows.py) for speed:
they must stay the markup the template gave, escape every user's text, and a page must read
only its own tasks."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django import forms
from django.db.models.signals import post_init
from django.template import Context, Template
from django.test.html import parse_html
from django.utils import translation
from django.utils.safestring import mark_safe

from conftest import World
from tests.factories import TaskFactory
from tiekartta.accounts.models import Role
from tiekartta.core.widgets import QuickSelect
from tiekartta.roadmap.models import Status, Task
from tiekartta.roadmap.rows import RowWriter
from tiekartta.roadmap.selectors import build_overview, build_timeline, overview_page

OVERVIEW = "/o/testikaupunki/r/2026-2028/"
TODAY = datetime.date(2027, 5, 10)

# The row as overview.html wrote it before rows.py, kept as the reference.
REFERENCE_ROW = (
    "{% load i18n l10n %}{% with pk=task.pk|unlocalize %}"
    '<tr id="task-{{ pk }}"><td><a id="t{{ pk }}"{{ content_lang }} href="{{ url }}">'
    '{{ task.title }}</a> <span class="task-tags">{{ task.get_kind_display }}'
    '{% if task.quick_win %} · <span class="badge badge-quickwin">{% translate "Quick win" %}'
    "</span>{% endif %}</span></td><td{{ content_lang }}>{{ task.owner.name }}</td><td>"
    "{{ task.schedule_label }}{% if task.risk.flag %} "
    '<span class="risk risk-{{ task.risk.flag }}">{{ task.risk.flag.label }}</span>{% endif %}'
    '{% if task.schedule_conflicts %} <span title="{% for conflict in task.schedule_conflicts %}'
    '{{ conflict.message }}{% if not forloop.last %} {% endif %}{% endfor %}">'
    '<span class="risk risk-conflict">{% translate "Schedule conflict" %}</span></span>'
    '<span class="visually-hidden">: {% for conflict in task.schedule_conflicts %}'
    "{{ conflict.message }} {% endfor %}</span>{% endif %}</td><td>"
    '<span class="status status-{{ task.status }}">{{ task.get_status_display }}</span></td>'
    '<td class="completion done-{{ task.shown_completion|unlocalize }}">'
    "{{ task.shown_completion }} %</td>"
    '{% if reorder %}<td class="no-print reorder"><button form="reorder" formaction="{{ move }}"'
    ' name="direction" value="up" aria-labelledby="move-up t{{ pk }}"{% if first %} disabled'
    '{% endif %}>↑</button><button form="reorder" formaction="{{ move }}" name="direction"'
    ' value="down" aria-labelledby="move-down t{{ pk }}"{% if last %} disabled{% endif %}>↓'
    "</button></td>{% endif %}</tr>{% endwith %}"
)


def _tasks(world: World) -> None:
    predecessor = TaskFactory(
        theme=world.theme, owner=world.other_person, start="2026Q1", due="2027Q4"
    )
    hostile = TaskFactory(
        theme=world.theme,
        owner=world.other_person,
        title="<script>alert(\"x\")</script> & 'quoted'",
        quick_win=True,
        start="2027Q1",
        due="2027Q2",
        status=Status.IN_PROGRESS,
        completion=5,
    )
    hostile.predecessors.add(predecessor)
    TaskFactory(theme=world.theme, owner=world.owner_person, start="2025Q1", due="2026Q1")  # late
    TaskFactory(theme=world.theme, owner=world.other_person, start="", due="")
    TaskFactory(theme=world.theme, owner=world.other_person, status=Status.DONE)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("reorder", [True, False])
def test_a_row_is_the_markup_the_template_gave(world: World, language: str, reorder: bool) -> None:
    _tasks(world)
    roadmap = world.roadmap
    with translation.override(language):
        overview = build_overview(
            roadmap, Task.objects.filter(roadmap=roadmap), TODAY, include_empty=True
        )
        page = overview_page(overview, 1, None)
        writer = RowWriter(
            org=roadmap.organisation.slug,
            roadmap=roadmap.slug,
            content_lang=' lang="fi"' if language != "fi" else "",
            can_reorder=reorder,
        )
        reference = Template(REFERENCE_ROW)
        compared = 0
        for group in page.groups:
            for index, task in enumerate(group.tasks):
                first, last = index == 0, index == len(group.tasks) - 1
                written = writer.overview_row(task, first=first, last=last)
                expected = reference.render(
                    Context(
                        {
                            "task": task,
                            "url": writer.url(task),
                            "move": f"{writer.move[0]}{task.pk}{writer.move[1]}",
                            "reorder": reorder,
                            "first": first,
                            "last": last,
                            "content_lang": mark_safe(writer.content_lang),  # noqa: S308
                        }
                    )
                )
                assert parse_html(written) == parse_html(expected), task.title
                compared += 1
    assert compared == Task.objects.filter(roadmap=roadmap).count() == 7


def test_user_texts_are_escaped_on_the_overview_and_the_timeline(world: World) -> None:
    _tasks(world)
    client = world.client_for(Role.EDITOR)
    for path in (OVERVIEW, OVERVIEW + "timeline/"):
        html = client.get(path).content.decode()
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;quoted&#x27;" in html


def test_a_page_reads_only_its_own_tasks(world: World) -> None:
    for n in range(148):
        TaskFactory(theme=world.theme, owner=world.other_person, title=f"Tehtävä {n}")
    made: list[int] = []

    def count(sender: type, instance: Task, **kwargs: Any) -> None:
        made.append(instance.pk)

    post_init.connect(count, sender=Task)
    try:
        response = world.client_for(Role.VIEWER).get(OVERVIEW)
        first_page = len(made)
        made.clear()
        world.client_for(Role.VIEWER).get(OVERVIEW + "?all=1")
    finally:
        post_init.disconnect(count, sender=Task)
    assert response.status_code == 200
    assert "150 tasks" in response.content.decode()  # the totals still count them all
    assert first_page <= 100 + 2  # its rows (and the risk check's two probes at most)
    assert len(made) >= 150


def test_the_timeline_keeps_every_scheduled_task(world: World) -> None:
    _tasks(world)
    roadmap = world.roadmap
    timeline = build_timeline(roadmap, Task.objects.filter(roadmap=roadmap), TODAY)
    shown = [row.task.pk for _theme, rows in timeline.groups for row in rows]
    assert len(shown) + len(timeline.unscheduled) == 7
    assert all(hasattr(row.task, "risk") for _theme, rows in timeline.groups for row in rows)


class Choices(forms.Form):
    plain = forms.ChoiceField(choices=[("", "All"), ("a", "A & <b>"), ("b", "B")])
    grouped = forms.ChoiceField(
        choices=[("", "—"), ("Group <1>", [("x", "X"), ("y", "Y")]), ("z", "Z")],
        required=False,
    )


@pytest.mark.parametrize("data", [None, {"plain": "a", "grouped": "y"}, {"plain": "zz"}])
def test_the_quick_select_renders_what_djangos_select_does(data: dict[str, str] | None) -> None:
    slow = Choices(data)
    quick = Choices(data)
    for name in ("plain", "grouped"):
        quick.fields[name].widget = QuickSelect(
            choices=quick.fields[name].choices,  # type: ignore[attr-defined]
            attrs={"class": "wide", "data-x": 'a"b'},
        )
        slow.fields[name].widget = forms.Select(
            choices=slow.fields[name].choices,  # type: ignore[attr-defined]
            attrs={"class": "wide", "data-x": 'a"b'},
        )
        if data:
            quick.is_valid()
            slow.is_valid()
        assert parse_html(str(quick[name])) == parse_html(str(slow[name]))
