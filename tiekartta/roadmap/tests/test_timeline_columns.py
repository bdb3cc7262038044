"""The timeline's grid classes (css/timeline.css) cover every roadmap period the model allows,
and the stylesheet is what timeline_columns.py writes; the overview's completion classes cover
every percent. Both stand in for style= attributes, which the Content-Security-Policy refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from conftest import World
from tiekartta.roadmap import timeline_columns
from tiekartta.roadmap.models import FIRST_YEAR, LAST_YEAR, Task

STYLESHEET = Path(settings.BASE_DIR) / "tiekartta" / "static" / "css" / "timeline.css"


def test_the_classes_cover_the_longest_roadmap_the_model_allows() -> None:
    assert timeline_columns.MAX_QUARTERS == (LAST_YEAR - FIRST_YEAR + 1) * 4


def test_the_stylesheet_is_the_module_s_output() -> None:
    assert STYLESHEET.read_text() == timeline_columns.stylesheet(), (
        "write it again: .venv/bin/python -m tiekartta.roadmap.timeline_columns"
        " > tiekartta/static/css/timeline.css"
    )


def test_every_column_has_its_classes() -> None:
    css = timeline_columns.stylesheet(4)
    assert ".quarters-4 { --quarters: 4; }" in css
    assert ".tl-from-1 { grid-column-start: 1; }" in css
    assert ".tl-from-4 { grid-column-start: 4; }" in css
    assert ".tl-to-5 { grid-column-end: 5; }" in css  # a bar ending in the last quarter
    assert ".tl-from-5" not in css and ".quarters-5" not in css


def test_the_overview_s_completion_classes_cover_every_whole_percent() -> None:
    css = (STYLESHEET.parent / "tiekartta.css").read_text()
    for percent in range(101):
        assert f".done-{percent} {{ --done: {percent}%; }}" in css


@pytest.mark.django_db
def test_an_overview_row_s_bar_has_its_task_s_completion(world: World) -> None:
    Task.objects.filter(pk=world.own_task.pk).update(completion=37)
    page = world.client_for("viewer").get("/o/testikaupunki/r/2026-2028/").content.decode()
    assert '<td class="completion done-37">37 %</td>' in page
