"""The rows of a review meeting and of My tasks: a drop in completion is saved only once
confirmed (also without JavaScript), and the meeting page's skip link and closing at the end."""

from typing import Any

import pytest
import time_machine

from conftest import World
from tiekartta.accounts.models import Role
from tiekartta.progress import services
from tiekartta.progress.models import ProgressEntry, Review
from tiekartta.progress.tests.test_views import HTMX, NOW, entry_data, open_review, url
from tiekartta.roadmap.models import Status, Task

QUESTION = "Completion drops from 80 % to 45 % — save anyway?"


@pytest.fixture(autouse=True)
def late_2026() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def at_80(world: World) -> Task:
    services.record_progress(
        actor=world.users[Role.OWNER],
        task=world.own_task,
        quarter="2026Q3",
        completion=80,
        status=Status.IN_PROGRESS,
    )
    return Task.objects.get(pk=world.own_task.pk)


def row_data(task: Task, review: Review | None, **values: Any) -> dict[str, Any]:
    data = entry_data(prefix=f"t{task.pk}", quarter=review.quarter if review else "2026Q4")
    data.update({f"t{task.pk}-{k}": v for k, v in values.items() if k != "confirm_drop"})
    if "confirm_drop" in values:
        data["confirm_drop"] = values["confirm_drop"]
    if review is None:
        data["context"] = "mine"
    else:
        data.update({"context": "review", "review": str(review.pk)})
    return data


@pytest.mark.parametrize(("where", "persona"), [("review", Role.EDITOR), ("mine", Role.OWNER)])
def test_a_drop_in_completion_asks_before_saving(
    world: World, at_80: Task, where: str, persona: str
) -> None:
    review = open_review(world) if where == "review" else None
    client = world.client_for(persona)
    path = url("progress:record", task=at_80.pk)
    response = client.post(path, row_data(at_80, review, completion="45"), **HTMX)
    assert response.status_code == 200, "htmx swaps only 2xx answers"
    row = response.content.decode()
    assert row.lstrip().startswith("<article")
    assert QUESTION in row
    assert f'name="t{at_80.pk}-completion" value="45"' in row, "the typed value stays"
    assert 'name="confirm_drop" value="1"' in row and "Save anyway" in row
    assert f'href="#id_t{at_80.pk}-completion"' in row, "back to the field to change it"
    status = row.split('<div id="row-status" hx-swap-oob="innerHTML">')[1]
    assert status.startswith(f'<span lang="fi">{at_80.title}</span>: {QUESTION}'), (
        "the live region asks too"
    )
    assert ProgressEntry.objects.filter(task=at_80).count() == 1, "nothing saved yet"
    assert Task.objects.get(pk=at_80.pk).completion == 80

    confirmed = row_data(at_80, review, completion="45", confirm_drop="1")
    row = client.post(path, confirmed, **HTMX).content.decode()
    assert "Saved at" in row and QUESTION not in row
    assert Task.objects.get(pk=at_80.pk).completion == 45


@pytest.mark.parametrize("completion", ["80", "85"])
def test_no_question_when_completion_holds_or_rises(
    world: World, at_80: Task, completion: str
) -> None:
    review = open_review(world)
    client = world.client_for(Role.EDITOR)
    data = row_data(at_80, review, completion=completion)
    row = client.post(url("progress:record", task=at_80.pk), data, **HTMX).content.decode()
    assert "Saved at" in row and "save anyway" not in row
    assert ProgressEntry.objects.filter(review=review).get().completion == int(completion)


def test_without_javascript_the_drop_question_comes_on_the_form_page(
    world: World, at_80: Task
) -> None:
    review = open_review(world)
    client = world.client_for(Role.EDITOR)
    path = url("progress:record", task=at_80.pk)
    response = client.post(path, row_data(at_80, review, completion="45"))
    assert response.status_code == 200
    page = response.content.decode()
    assert QUESTION in page and 'name="confirm_drop" value="1"' in page
    # The page posts on as the row: its context and review go with it.
    assert '<input type="hidden" name="context" value="review">' in page
    assert f'<input type="hidden" name="review" value="{review.pk}">' in page
    assert not ProgressEntry.objects.filter(review=review).exists()
    response = client.post(path, row_data(at_80, review, completion="45", confirm_drop="1"))
    assert response.status_code == 302
    assert response["Location"].endswith(f"#task-{at_80.pk}")
    assert ProgressEntry.objects.filter(review=review).get().completion == 45


def test_the_full_progress_form_records_an_earlier_figure_without_asking(
    world: World, at_80: Task
) -> None:
    """Back-filling a quarter on the task's own form is not a row of the keyboard flow."""
    client = world.client_for(Role.OWNER)
    data = entry_data(quarter="2026Q2", completion="30")
    response = client.post(url("progress:record", task=at_80.pk), data)
    assert response.status_code == 302
    assert ProgressEntry.objects.filter(task=at_80, quarter="2026Q2").get().completion == 30


def test_the_meeting_has_a_skip_link_to_the_tasks_and_closing_at_the_end(world: World) -> None:
    review = open_review(world)
    html = world.client_for(Role.EDITOR).get(url("progress:review_detail", review=review.pk))
    page = html.content.decode()
    skip = page.index('href="#review-tasks"')
    assert "Go to the tasks" in page
    assert skip < page.index('id="review-details"'), "before the meeting details' fields"
    tasks = page.index('id="review-tasks"')
    last_row = page.rindex('class="entry-row')
    end = page.index('id="close-review-end"')
    assert skip < tasks < last_row < end
    close = url("progress:review_close", review=review.pk)
    assert f'id="close-review-end" href="{close}"' in page
    viewer = world.client_for(Role.VIEWER).get(url("progress:review_detail", review=review.pk))
    assert "close-review-end" not in viewer.content.decode()
