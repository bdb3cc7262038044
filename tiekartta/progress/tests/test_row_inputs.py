"""`{% row_inputs %}` writes what `_row_fields.html` writes (which test_review_paging compares
with the row's form), for every status, a note that needs escaping, no note, Finnish content
on a Swedish page, and a row answered after a save."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test.html import parse_html
from django.utils import translation
from django.utils.safestring import mark_safe

from conftest import World
from tests.factories import ProgressEntryFactory, TaskFactory
from tiekartta.progress.views import RowFields, row_fields_context
from tiekartta.roadmap.models import Status

TAG = Template("{% load progress_rows %}{% row_inputs task %}")


def _both(context: dict[str, Any]) -> tuple[str, str]:
    by_template = render_to_string("progress/_row_fields.html", context)
    by_tag = TAG.render(Context(context))
    return by_template, by_tag


@pytest.mark.parametrize("status", [value for value, _label in Status.choices])
@pytest.mark.parametrize("note", ["", 'Huom. "lainaus" & <b>lihava</b>'])
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_tag_writes_the_templates_inputs(
    world: World, status: str, note: str, language: str
) -> None:
    task = TaskFactory(theme=world.theme, title='Sähköinen <asiointi> & "palvelu"')
    fields = RowFields(
        prefix=f"t{task.pk}", quarter="2026Q4", completion=35, status=status, note=note
    )
    with translation.override(language):
        context = {
            "fields": fields,
            "task": task,
            "content_lang": mark_safe(' lang="fi"') if language != "fi" else "",
            **row_fields_context(),
        }
        by_template, by_tag = _both(context)
    assert parse_html(by_tag) == parse_html(by_template)
    assert "&lt;asiointi&gt;" in by_tag
    assert "selected>" in by_tag


def test_a_saved_row_keeps_its_saved_line(world: World) -> None:
    task = TaskFactory(theme=world.theme)
    saved = ProgressEntryFactory(task=task, quarter="2026Q4", completion=60)
    saved.recorded_at = datetime.datetime(2026, 11, 27, 10, 5, tzinfo=datetime.UTC)
    fields = RowFields(
        prefix=f"t{task.pk}", quarter="2026Q4", completion=60, status=saved.status, note=""
    )
    with translation.override("en"):
        context = {"fields": fields, "task": task, "saved": saved, **row_fields_context()}
        by_template, by_tag = _both(context)
    assert parse_html(by_tag) == parse_html(by_template)
    assert "Saved at" in by_tag
