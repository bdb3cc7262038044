"""Typing over pre-filled completions by keyboard, as a meeting's secretary does: no Ctrl+A.
The field selects its value on focus (after Enter, Tab or a click), so typed digits replace it;
a drop asks first; the skip link jumps to the tasks; closing waits at the end of the list."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from conftest import World
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import TaskFactory
from tiekartta.accounts.models import Role
from tiekartta.core.quarters import Quarter
from tiekartta.progress import services
from tiekartta.progress.models import ProgressEntry
from tiekartta.roadmap.models import Status, Task

ROADMAP = "/o/testikaupunki/r/2026-2028/"


def active_id(page: Any) -> str:
    return str(page.evaluate("document.activeElement.id"))


def wait_for_focus(page: Any, element_id: str) -> None:
    page.wait_for_function("id => document.activeElement.id === id", arg=element_id)


def at(task: Task, completion: int, quarter: str, user: Any) -> None:
    services.record_progress(
        actor=user, task=task, quarter=quarter, completion=completion, status=Status.IN_PROGRESS
    )


def test_typed_digits_replace_the_prefilled_completion(world: World, page: Any) -> None:
    quarter = Quarter.of_date(timezone.localdate())
    editor = world.users[Role.EDITOR]
    third = TaskFactory(
        theme=world.other_theme, owner=world.other_person, title="Digitukipäivät", due="2027Q4"
    )
    # Updates before the meeting pre-fill the rows.
    at(world.own_task, 80, str(quarter), editor)
    at(third, 30, str(quarter), editor)
    # others_task stays at 0 %: typing 5 in front of it would make 50.
    review = services.open_review(
        actor=editor,
        roadmap=world.roadmap,
        quarter=str(quarter),
        meeting_date=timezone.localdate(),
        attendees=[world.owner_person],
    )
    log_in(page, "editor-user")
    page.goto(f"{ROADMAP}reviews/{review.pk}/")
    page.wait_for_function(
        "() => window.htmx && document.querySelector('.entry-form')['htmx-internal-data']"
    )
    order = page.locator(".entry-row").evaluate_all("rows => rows.map(r => r.id)")
    by_row = {f"task-{t.pk}": t for t in (world.own_task, world.others_task, third)}
    rows = [by_row[row_id] for row_id in order]
    assert set(order) == set(by_row)

    # From the top: past the site's navigation to the content, where the meeting's own skip
    # link comes first and jumps past the heading's buttons and the meeting details.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert active_id(page) == "skip-to-tasks"
    skipped = page.evaluate(
        """() => {
          const all = [...document.querySelectorAll('a[href], button, input, select, textarea')]
            .filter(e => e.type !== 'hidden' && e.offsetParent !== null);
          const first = document.querySelector('#review-tasks input.percent');
          return all.indexOf(first) - all.indexOf(document.activeElement);
        }"""
    )
    assert skipped > 10, f"only {skipped} stops skipped"
    assert page.locator("#skip-to-tasks").is_visible()
    assert page.locator("#skip-to-tasks").inner_text() == "Go to the tasks"
    page.keyboard.press("Enter")
    wait_for_focus(page, f"id_t{rows[0].pk}-completion")

    wanted = {world.own_task.pk: 85, world.others_task.pk: 5, third.pk: 25}
    for index, task in enumerate(rows):
        field = f"id_t{task.pk}-completion"
        assert active_id(page) == field
        page.keyboard.type(str(wanted[task.pk]))  # no Ctrl+A: the value was selected
        assert page.locator(f"#{field}").input_value() == str(wanted[task.pk])
        with page.expect_response(lambda r: r.request.method == "POST"):
            page.keyboard.press("Enter")
        if task.pk == third.pk:
            # 30 → 25 is a drop: asked in the row, the answer's button has the focus.
            question = page.locator(f"#task-{task.pk}-drop")
            question.get_by_text("Completion drops from 30 % to 25 % — save anyway?").wait_for()
            page.wait_for_function(
                "() => document.activeElement.classList.contains('drop-confirm')"
            )
            assert "save anyway?" in page.locator("#row-status").inner_text()
            assert not ProgressEntry.objects.filter(review=review, task=third).exists()
            assert_accessible(page, "review meeting asking about a drop")
            with page.expect_response(lambda r: r.request.method == "POST"):
                page.keyboard.press("Enter")
        page.locator(f"#task-{task.pk} .saved-note").filter(has_text="Saved at").wait_for()
        last = index == len(rows) - 1
        wait_for_focus(page, "close-review-end" if last else f"id_t{rows[index + 1].pk}-completion")
    recorded = {e.task_id: e.completion for e in ProgressEntry.objects.filter(review=review)}
    assert recorded == wanted, "5 over 0 is 5, not 50; 85 over 80 is 85, not 8580"

    # A click into a pre-filled field selects it too; a drop can be taken back to the field.
    field = f"#id_t{world.own_task.pk}-completion"
    page.locator(field).click()
    page.keyboard.type("40")
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.keyboard.press("Enter")
    page.locator(f"#task-{world.own_task.pk}-drop").get_by_text(
        "Completion drops from 85 % to 40 % — save anyway?"
    ).wait_for()
    # The question's answer takes the focus once htmx has settled the row.
    page.wait_for_function("() => document.activeElement.classList.contains('drop-confirm')")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('drop-change')")
    page.keyboard.press("Enter")
    wait_for_focus(page, field[1:])
    page.keyboard.type("90")
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.keyboard.press("Enter")
    page.locator(f"#task-{world.own_task.pk} .saved-note").filter(has_text="90 %").wait_for()
    assert Task.objects.get(pk=world.own_task.pk).completion == 90

    # Closing from the end of the list.
    page.locator("#close-review-end").click()
    page.get_by_role("button", name="Close and produce the minutes").wait_for()


def test_my_tasks_types_over_the_prefilled_completion(world: World, page: Any) -> None:
    Task.objects.filter(pk=world.own_task.pk).update(completion=0)
    log_in(page, "owner-user")
    page.goto("/o/testikaupunki/my-tasks/")
    page.wait_for_function(
        "() => window.htmx && document.querySelector('.entry-form')['htmx-internal-data']"
    )
    field = page.locator(f"#id_t{world.own_task.pk}-completion")
    assert field.input_value() == "0"
    field.focus()
    page.keyboard.type("5")
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.keyboard.press("Enter")
    page.locator(f"#task-{world.own_task.pk} .saved-note").filter(has_text="Saved at").wait_for()
    assert Task.objects.get(pk=world.own_task.pk).completion == 5, "not 50"
