"""The follow-up pages as users drive them: the test client with CSRF checks on."""

import io
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from conftest import World
from tests.factories import ProgressEntryFactory, ReviewFactory, TaskFactory
from tiekartta.accounts.models import Role
from tiekartta.progress import services
from tiekartta.progress.models import ProgressEntry, Review
from tiekartta.roadmap.models import FollowUpSettings, Roadmap, Status, Task

ORG, RM = "testikaupunki", "2026-2028"
NOW = "2026-11-27 12:00 +0200"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def late_2026() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


def url(name: str, **kwargs: Any) -> str:
    if name not in {"progress:my_tasks", "progress:settings"}:
        kwargs.setdefault("roadmap", RM)
    return reverse(name, kwargs={"org": ORG, **kwargs})


def entry_data(prefix: str = "", **values: Any) -> dict[str, Any]:
    data = {"quarter": "2026Q4", "completion": "40", "status": "in_progress", "note": "Hyvä"}
    data.update(values)
    return {f"{prefix}-{k}" if prefix else k: v for k, v in data.items()}


def test_owner_records_progress_on_own_task(world: World) -> None:
    client = world.client_for(Role.OWNER)
    path = url("progress:record", task=world.own_task.pk)
    page = client.get(path).content.decode()
    assert "Record progress" in page and 'value="2026Q4"' in page
    response = client.post(path, entry_data(completion="45"))
    assert response.status_code == 302
    task = Task.objects.get(pk=world.own_task.pk)
    assert (task.completion, task.status) == (45, Status.IN_PROGRESS)
    detail = client.get(response["Location"]).content.decode()
    assert "Progress recorded: 45 % for Q4/2026." in detail
    assert "Hyvä" in detail and "<svg" in detail, "the entry table and the chart show"


@pytest.mark.parametrize("persona", [Role.OWNER, Role.VIEWER])
def test_owner_and_viewer_cannot_record_for_someone_elses_task(world: World, persona: str) -> None:
    client = world.client_for(persona)
    response = client.post(url("progress:record", task=world.others_task.pk), entry_data())
    assert response.status_code == 403
    assert not ProgressEntry.objects.exists()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"completion": "abc"}, "Enter the completion as a whole number from 0 to 100."),
        ({"completion": "140"}, "The completion cannot be above 100 %."),
        ({"completion": "-5"}, "The completion cannot be below 0 %."),
        ({"completion": ""}, "Enter the completion as a whole number from 0 to 100."),
        ({"quarter": "2025Q4"}, "Choose a quarter of the roadmap period, up to the current"),
        ({"quarter": "2027Q1"}, "Choose a quarter of the roadmap period, up to the current"),
        ({"status": "done", "completion": "60"}, "A done task is fully complete"),
    ],
)
def test_bad_input_is_answered_next_to_the_field(
    world: World, values: dict[str, str], message: str
) -> None:
    client = world.client_for(Role.EDITOR)
    response = client.post(url("progress:record", task=world.own_task.pk), entry_data(**values))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ProgressEntry.objects.exists()


def test_bad_input_is_answered_in_finnish(world: World) -> None:
    user = world.users[Role.EDITOR]
    user.language = "fi"
    user.save()
    client = world.client_for(Role.EDITOR)
    response = client.post(
        url("progress:record", task=world.own_task.pk), entry_data(completion="140")
    )
    assert "Valmiusaste ei voi olla yli 100 %." in response.content.decode()


def review_row_post(world: World, review: Review, persona: str = Role.EDITOR, **values: Any):
    client = world.client_for(persona)
    task = world.own_task
    data = entry_data(prefix=f"t{task.pk}", quarter=review.quarter, **values)
    data.update({"context": "review", "review": str(review.pk)})
    return client.post(url("progress:record", task=task.pk), data, **HTMX)


def open_review(world: World, quarter: str = "2026Q4") -> Review:
    return services.open_review(
        actor=world.users[Role.EDITOR],
        roadmap=world.roadmap,
        quarter=quarter,
        meeting_date=world.review.meeting_date,
        attendees=[world.owner_person],
    )


def test_review_row_is_saved_on_its_own_and_answers_with_the_row(world: World) -> None:
    review = open_review(world)
    ProgressEntryFactory(task=world.own_task, quarter="2026Q3", completion=20, note="Edellinen")
    response = review_row_post(world, review, completion="55", note="Kokouksessa")
    assert response.status_code == 200
    row = response.content.decode()
    assert row.lstrip().startswith("<article") and "<html" not in row
    assert "Saved at" in row and "55 %" in row
    assert "Edellinen" in row, "the previous quarter's note stays visible"
    entry = ProgressEntry.objects.get(review=review)
    assert (entry.completion, entry.note) == (55, "Kokouksessa")
    # Out-of-band parts: the meeting's counter and the page's one live region.
    assert '<span id="review-progress" hx-swap-oob="true">1 recorded in this meeting.' in row
    assert '<div id="row-status" hx-swap-oob="innerHTML">' in row


def test_review_row_with_bad_input_keeps_the_row_and_saves_nothing(world: World) -> None:
    review = open_review(world)
    response = review_row_post(world, review, completion="140")
    assert response.status_code == 200, "htmx swaps only 2xx answers"
    row = response.content.decode()
    assert "The completion cannot be above 100 %." in row and 'value="140"' in row
    assert not ProgressEntry.objects.exists()


def test_closed_review_refuses_row_entries(world: World) -> None:
    review = open_review(world)
    services.close_review(actor=None, review=review)
    response = review_row_post(world, review)
    assert "closed" in response.content.decode()
    assert not ProgressEntry.objects.exists()


def test_owner_cannot_record_into_a_review(world: World) -> None:
    review = open_review(world)
    assert review_row_post(world, review, persona=Role.OWNER).status_code == 403
    assert not ProgressEntry.objects.exists()


def test_review_page_lists_the_quarters_tasks_with_owner_updates(world: World) -> None:
    review = open_review(world)
    Task.objects.filter(pk=world.others_task.pk).update(start="2027Q1", due="2027Q2")
    services.record_progress(
        actor=world.users[Role.OWNER],
        task=world.own_task,
        quarter="2026Q4",
        completion=65,
        status=Status.IN_PROGRESS,
        note="Omistajan päivitys",
    )
    page = world.client_for(Role.EDITOR).get(url("progress:review_detail", review=review.pk))
    html = page.content.decode()
    assert world.own_task.title in html and world.others_task.title not in html
    assert "Update before the meeting" in html and "Omistajan päivitys" in html
    assert f'name="t{world.own_task.pk}-completion" value="65"' in html, "pre-filled"


def test_viewer_sees_the_review_read_only(world: World) -> None:
    review = open_review(world)
    html = world.client_for(Role.VIEWER).get(url("progress:review_detail", review=review.pk))
    assert "entry-form" not in html.content.decode()


def test_open_review_from_the_form_and_duplicate_quarter_is_refused(world: World) -> None:
    client = world.client_for(Role.EDITOR)
    data = {"quarter": "2026Q4", "meeting_date": "2026-12-10", "attendees": [world.owner_person.pk]}
    response = client.post(url("progress:review_create"), data)
    review = Review.objects.get(quarter="2026Q4")
    assert response["Location"] == url("progress:review_detail", review=review.pk)
    again = client.post(url("progress:review_create"), data)
    assert again.status_code == 200
    assert "This roadmap already has a review for this quarter." in again.content.decode()


def test_meeting_details_autosave_and_conflict(world: World) -> None:
    review = open_review(world)
    path = url("progress:review_details", review=review.pk)
    data = {
        "meeting_date": "2026-12-10",
        "attendees": [world.owner_person.pk],
        "minutes": "Pöytäkirja",
        "decisions": "Päätös",
        "version": str(review.version),
    }
    first = world.client_for(Role.EDITOR).post(path, data, **HTMX)
    assert "Meeting details saved." in first.content.decode()
    second = world.client_for(Role.ADMIN).post(path, {**data, "minutes": "Toinen"}, **HTMX)
    html = second.content.decode()
    assert "Someone else saved the meeting details" in html and "Toinen" in html
    assert Review.objects.get(pk=review.pk).minutes == "Pöytäkirja"


def test_closing_produces_minutes_and_pdf(world: World) -> None:
    review = open_review(world)
    ProgressEntryFactory(task=world.own_task, quarter="2026Q3", completion=20)
    review_row_post(world, review, completion="45", note="Eteni hyvin")
    client = world.client_for(Role.EDITOR)
    response = client.post(url("progress:review_close", review=review.pk))
    assert response["Location"] == url("progress:review_minutes", review=review.pk)
    minutes = client.get(response["Location"]).content.decode()
    assert "Minutes of the review meeting Q4/2026" in minutes
    assert "+25" in minutes and "Eteni hyvin" in minutes
    assert world.others_task.title in minutes, "listed as not recorded in the meeting"
    pdf = client.get(url("progress:review_minutes_pdf", review=review.pk))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].endswith('.pdf"')
    reader = PdfReader(io.BytesIO(pdf.content))
    box = reader.pages[0].mediabox
    assert (round(box.width), round(box.height)) == (595, 842), "A4 portrait"
    assert "/StructTreeRoot" in reader.trailer["/Root"], "tagged for screen readers"
    text = "".join(page.extract_text() for page in reader.pages)
    assert world.own_task.title in text and world.owner_person.name in text
    assert "Eteni hyvin" in text
    assert client.get(url("progress:review_detail", review=review.pk)).status_code == 302


def test_dashboard_shows_completion_risk_and_burn_up(world: World) -> None:
    services.record_progress(
        actor=None, task=world.own_task, quarter="2026Q3", completion=80, status="in_progress"
    )
    services.record_progress(
        actor=None, task=world.others_task, quarter="2026Q4", completion=100, status="done"
    )
    html = world.client_for(Role.VIEWER).get(url("progress:dashboard")).content.decode()
    assert '<dd class="figure">90 %</dd>' in html, "(80 + 100) / 2"
    assert "Completed in Q4/2026" in html and world.others_task.title in html
    assert 'aria-labelledby="burn-up-title"' in html and "Average completion by quarter" in html


def test_overview_filters_on_the_risk_flag(world: World) -> None:
    Task.objects.filter(pk=world.others_task.pk).update(due="2026Q2", start="2026Q1")
    client = world.client_for(Role.VIEWER)
    late = client.get(url("roadmap:overview") + "?risk=late").content.decode()
    assert world.others_task.title in late and world.own_task.title not in late
    on_track = client.get(url("roadmap:overview") + "?risk=not_started").content.decode()
    assert world.own_task.title in on_track


def test_admin_margin_changes_the_flag(world: World) -> None:
    services.record_progress(
        actor=None, task=world.own_task, quarter="2026Q4", completion=70, status="in_progress"
    )
    client = world.client_for(Role.ADMIN)
    # Planned on 27 Nov: 330 of 365 days = 90 %; 70 % is 20 points behind.
    assert "risk-at_risk" in client.get(url("roadmap:overview") + "?risk=at_risk").content.decode()
    response = client.post(
        url("progress:settings"),
        {
            "risk_margin": "25",
            "reminder_days_before": "7",
            "sign_in_link_hours": "72",
            "metric_grace_days": "30",
        },
    )
    assert response.status_code == 302
    assert FollowUpSettings.for_organisation(world.organisation).risk_margin == 25
    html = client.get(url("roadmap:overview") + "?risk=on_track").content.decode()
    assert world.own_task.title in html


def test_settings_form_refuses_bad_values(world: World) -> None:
    response = world.client_for(Role.ADMIN).post(
        url("progress:settings"),
        {
            "risk_margin": "0",
            "reminder_days_before": "90",
            "sign_in_link_hours": "x",
            "metric_grace_days": "400",
        },
    )
    html = response.content.decode()
    assert "greater than or equal to 1" in html and "less than or equal to 60" in html
    assert "less than or equal to 365" in html
    assert not FollowUpSettings.objects.exists()


def test_my_tasks_lists_own_tasks_and_saves_a_row(world: World) -> None:
    client = world.client_for(Role.OWNER)
    html = client.get(url("progress:my_tasks")).content.decode()
    assert world.own_task.title in html and world.others_task.title not in html
    assert "1 task needs its update for Q4/2026." in html
    task = world.own_task
    data = {**entry_data(prefix=f"t{task.pk}", completion="30"), "context": "mine"}
    row = client.post(url("progress:record", task=task.pk), data, **HTMX).content.decode()
    assert "Saved at" in row and "Updated" in row
    html = client.get(url("progress:my_tasks")).content.decode()
    assert "0 tasks need their update for Q4/2026." in html


def test_my_tasks_explains_a_missing_person_link(world: World) -> None:
    html = world.client_for(Role.VIEWER).get(url("progress:my_tasks")).content.decode()
    assert "not linked to a person" in html


@pytest.mark.parametrize("review", ["", "abc", "999999"])
def test_a_row_naming_no_real_review_is_not_found(world: World, review: str) -> None:
    client = world.client_for(Role.EDITOR)
    data = {**entry_data(prefix=f"t{world.own_task.pk}"), "context": "review", "review": review}
    response = client.post(url("progress:record", task=world.own_task.pk), data, **HTMX)
    assert response.status_code == 404
    assert not ProgressEntry.objects.exists()


def test_a_review_of_another_roadmap_is_not_found(world: World) -> None:
    foreign = Review.objects.create(
        roadmap=world.outsider_roadmap, quarter="2024Q2", meeting_date=world.review.meeting_date
    )
    response = review_row_post(world, foreign)
    assert response.status_code == 404
    assert not ProgressEntry.objects.exists()


@pytest.mark.parametrize("language", ["en", "fi"])
def test_large_ids_are_written_without_thousand_separators(world: World, language: str) -> None:
    """Ids go into element ids, htmx targets and hidden fields: "1,807" or "1 807" breaks them."""
    user = world.users[Role.EDITOR]
    user.language = language
    user.save()
    TaskFactory(pk=12345, theme=world.theme, owner=world.owner_person)
    ReviewFactory(pk=23456, roadmap=world.roadmap, quarter="2026Q4")
    client = world.client_for(Role.EDITOR)
    html = client.get(url("progress:review_detail", review=23456)).content.decode()
    assert 'id="task-12345"' in html and 'hx-target="#task-12345"' in html
    assert 'name="review" value="23456"' in html
    overview = client.get(url("roadmap:overview")).content.decode()
    assert 'id="task-12345"' in overview


def test_my_tasks_offers_no_form_where_nothing_can_be_saved(world: World) -> None:
    """A viewer named responsible, and a roadmap that has not begun: no form that would fail."""
    viewer_person = world.other_person
    viewer_person.user = world.users[Role.VIEWER]
    viewer_person.save()
    html = world.client_for(Role.VIEWER).get(url("progress:my_tasks")).content.decode()
    assert world.others_task.title in html and "entry-form" not in html
    Roadmap.objects.filter(pk=world.roadmap.pk).update(start_year=2027)
    html = world.client_for(Role.OWNER).get(url("progress:my_tasks")).content.decode()
    assert world.own_task.title in html and "entry-form" not in html
    assert "0 tasks need their update" in html


def test_a_stale_row_for_another_quarter_shows_why_it_was_not_saved(world: World) -> None:
    client = world.client_for(Role.OWNER)
    task = world.own_task
    data = {**entry_data(prefix=f"t{task.pk}", quarter="2026Q3"), "context": "mine"}
    row = client.post(url("progress:record", task=task.pk), data, **HTMX).content.decode()
    assert "If the page was open across a change of quarter, reload it." in row
    assert 'role="alert"' in row
    assert not ProgressEntry.objects.exists()


def test_closed_minutes_do_not_change_with_later_data(world: World) -> None:
    review = open_review(world)
    ProgressEntryFactory(task=world.own_task, quarter="2026Q3", completion=20)
    review_row_post(world, review, completion="45", note="Eteni hyvin")
    client = world.client_for(Role.EDITOR)
    client.post(url("progress:review_close", review=review.pk))
    minutes_url = url("progress:review_minutes", review=review.pk)
    before = client.get(minutes_url).content.decode()
    assert "+25" in before and world.others_task.title in before
    # After the meeting: a correction for the previous quarter, a renamed task and owner, a
    # new task of the quarter, and the not-discussed task cancelled.
    services.record_progress(
        actor=None, task=world.own_task, quarter="2026Q3", completion=5, status="in_progress"
    )
    Task.objects.filter(pk=world.own_task.pk).update(title="Uusi nimi")
    TaskFactory(theme=world.theme, owner=world.owner_person, title="Myöhemmin lisätty")
    Task.objects.filter(pk=world.others_task.pk).update(status=Status.CANCELLED)
    after = client.get(minutes_url).content.decode()
    assert "+25" in after and "+40" not in after
    assert world.own_task.title in after and "Uusi nimi" not in after
    assert "Myöhemmin lisätty" not in after and world.others_task.title in after
