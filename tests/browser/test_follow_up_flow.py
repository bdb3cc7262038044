"""The quarterly follow-up in Chromium: a review meeting run by keyboard, and an owner who
follows the reminder e-mail's one-time link."""

from __future__ import annotations

import datetime
import io
import re
from typing import Any

from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from conftest import World
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import TaskFactory, verify_email
from tiekartta.progress.models import ProgressEntry, Review
from tiekartta.roadmap.models import FollowUpSettings, Status, Task

ROADMAP = "/o/testikaupunki/r/2026-2028/"


def test_editor_runs_a_review_meeting_by_keyboard(world: World, page: Any) -> None:
    third = TaskFactory(
        theme=world.other_theme, owner=world.other_person, title="Digitukipäivät", due="2027Q4"
    )
    rows = [world.own_task, world.others_task, third]
    log_in(page, "editor-user")
    page.goto(ROADMAP)
    page.get_by_role("link", name="Review meetings").click()
    assert_accessible(page, "review list")
    page.get_by_role("link", name="Open a review meeting").click()
    page.get_by_label(world.owner_person.name).check()
    assert_accessible(page, "review form")
    page.get_by_role("button", name="Open the meeting").click()
    page.get_by_text("The review meeting is open.").wait_for()
    review = Review.objects.exclude(pk=world.review.pk).get()
    assert_accessible(page, "review meeting")

    values = [("35", "i", "Määrittely valmis"), ("60", "i", ""), ("100", "d", "Valmis")]
    # Start once htmx has taken over the rows' forms, as a user would after the page loads.
    page.wait_for_function(
        "() => window.htmx && document.querySelector('.entry-form')['htmx-internal-data']"
    )
    page.locator(f"#id_t{rows[0].pk}-completion").focus()
    targets = [f"id_t{task.pk}-completion" for task in rows[1:]] + ["close-review-end"]
    for task, (percent, status_key, note), target in zip(rows, values, targets, strict=True):
        assert page.evaluate("document.activeElement.id") == f"id_t{task.pk}-completion"
        page.keyboard.type(percent)  # over the pre-filled value, which focus selected
        page.keyboard.press("Tab")
        page.keyboard.type(status_key)  # the select jumps to the first matching status
        page.keyboard.press("Tab")
        page.keyboard.type(note)
        with page.expect_response(lambda r: r.request.method == "POST") as answer:
            page.keyboard.press("Enter")
        assert answer.value.status == 200, (answer.value.status, answer.value.text()[:2000])
        assert answer.value.request.headers.get("hx-request") == "true", "saved in place"
        page.locator(f"#task-{task.pk} .saved-note").filter(has_text="Saved at").wait_for()
        # htmx swapped the row in place; focus moves on to the next row, then to closing at
        # the end of the list.
        page.wait_for_function("id => document.activeElement.id === id", arg=target)
    assert page.evaluate("document.activeElement.id") == "close-review-end"
    # The page-level live region announced the last save, and the counter followed along.
    assert "Digitukipäivät: Saved at" in page.locator("#row-status").inner_text()
    assert page.locator("#review-progress").inner_text() == "3 recorded in this meeting."
    recorded = {
        e.task_id: (e.completion, e.status) for e in ProgressEntry.objects.filter(review=review)
    }
    assert recorded == {
        rows[0].pk: (35, Status.IN_PROGRESS),
        rows[1].pk: (60, Status.IN_PROGRESS),
        rows[2].pk: (100, Status.DONE),
    }
    assert Task.objects.get(pk=third.pk).status == Status.DONE

    # A bad value is answered in the row, and the focus stays there.
    page.locator(f"#id_t{rows[1].pk}-completion").fill("140")
    page.locator(f"#id_t{rows[1].pk}-completion").press("Enter")
    page.locator(f"#task-{rows[1].pk}").get_by_text("cannot be above 100 %").wait_for()
    assert page.evaluate("document.activeElement.id") == f"id_t{rows[1].pk}-completion"
    assert ProgressEntry.objects.filter(review=review).count() == 3

    # A save that never reaches the server says so in the row; nothing is pretended.
    page.route("**/progress/", lambda route: route.abort())
    page.locator(f"#id_t{rows[0].pk}-completion").fill("36")
    page.locator(f"#id_t{rows[0].pk}-completion").press("Enter")
    page.locator(f"#task-{rows[0].pk} .saved-note").filter(has_text="Not saved").wait_for()
    assert "Not saved" in page.locator("#row-status").inner_text()
    page.unroute("**/progress/")
    assert ProgressEntry.objects.filter(review=review).count() == 3

    page.get_by_label("Decisions").fill("Digitukipäivät todettiin valmiiksi.")
    page.get_by_role("button", name="Save meeting details").click()
    page.get_by_text("Meeting details saved.").wait_for()

    page.locator("#close-review").click()
    assert_accessible(page, "closing the meeting")
    page.get_by_role("button", name="Close and produce the minutes").click()
    page.get_by_text("The review meeting is closed and its minutes are ready.").wait_for()
    assert_accessible(page, "minutes")
    assert "Digitukipäivät todettiin valmiiksi." in page.locator("main").inner_text()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    download = download_info.value
    assert re.search(r"\.pdf$", download.suggested_filename)
    pdf = PdfReader(io.BytesIO(open(download.path(), "rb").read()))  # noqa: SIM115
    text = "".join(p.extract_text() for p in pdf.pages)
    assert "Digitukipäivät" in text and "+35" in text and world.owner_person.name in text
    assert Review.objects.get(pk=review.pk).status == "closed"


def test_owner_follows_the_reminder_link_and_records_progress(
    world: World, page: Any, live_server: Any, settings: Any
) -> None:
    settings.TIEKARTTA_BASE_URL = live_server.url
    world.owner_person.email = "tekninen.johtaja@example.invalid"
    world.owner_person.save()
    verify_email(world.users["owner"], "tekninen.johtaja@example.invalid")
    today = timezone.localdate()
    FollowUpSettings.objects.create(
        organisation=world.organisation,
        next_review_date=today + datetime.timedelta(days=3),
        reminder_days_before=7,
    )
    call_command("send_reminders", stdout=io.StringIO())
    [message] = mail.outbox
    assert message.to == ["tekninen.johtaja@example.invalid"]
    link = re.search(r"http://\S+/login/link/#(?P<token>\S+)", message.body)
    assert link, message.body
    # What the server sees: no request URL (nor so its access log) carries the token.
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto(link.group(0))
    page.wait_for_load_state()
    assert link["token"] not in page.url, "the page takes the token out of the address bar"
    assert_accessible(page, "sign-in link")
    page.get_by_role("button", name="Sign in and continue").click()
    page.get_by_role("heading", name="Record progress").wait_for()
    assert_accessible(page, "progress form")
    page.get_by_label("Completion (%)").fill("140")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The completion cannot be above 100 %.").wait_for()
    page.get_by_label("Completion (%)").fill("45")
    page.get_by_label("Status").select_option("in_progress")
    page.get_by_label("Note").fill("Mittarit asennettu kahdelle alueelle.")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Progress recorded: 45 %").wait_for()
    assert_accessible(page, "task page with follow-up")
    assert "Mittarit asennettu kahdelle alueelle." in page.locator("main").inner_text()
    entry = ProgressEntry.objects.get(task=world.own_task)
    assert entry.author == world.users["owner"] and entry.completion == 45

    # The link was single-use: opening it again is refused.
    page.goto(link.group(0))
    page.get_by_role("button", name="Sign in and continue").click()
    page.get_by_text("already been used").wait_for()

    page.goto("/o/testikaupunki/my-tasks/")
    assert_accessible(page, "my tasks")
    # The dashboard is beyond what the link is for: a full sign-in with the password.
    page.goto(ROADMAP + "dashboard/")
    page.get_by_text("Log in with your password to continue").wait_for()
    assert "/login/" in page.url
    log_in(page, "owner-user")
    page.goto(ROADMAP + "dashboard/")
    assert_accessible(page, "dashboard")
    assert requested and not [url for url in requested if link["token"] in url]


def test_admin_sets_the_risk_margin_and_the_dashboard_fits_zoom_and_print(
    world: World, page: Any
) -> None:
    ProgressEntry.objects.create(
        task=world.own_task, quarter="2026Q1", completion=5, status=Status.IN_PROGRESS
    )
    Task.objects.filter(pk=world.own_task.pk).update(
        completion=5, status=Status.IN_PROGRESS, start="2026Q1", due="2027Q4"
    )
    log_in(page, "admin-user")
    page.goto(ROADMAP)
    page.locator("summary", has_text="Settings").click()  # the menu's Settings group
    page.get_by_role("link", name="Follow-up settings").click()
    assert_accessible(page, "follow-up settings")
    page.get_by_label("Risk margin (percentage points)").fill("0")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("greater than or equal to 1").wait_for()
    page.get_by_label("Risk margin (percentage points)").fill("90")
    page.get_by_label("Next review meeting").fill("2026-12-10")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("The follow-up settings were saved.").wait_for()
    assert FollowUpSettings.objects.get().risk_margin == 90

    # With a 90-point margin nothing is at risk; the filter on the overview says so.
    page.goto(ROADMAP)
    page.get_by_label("Schedule risk", exact=False).and_(page.locator("select")).select_option(
        "at_risk"
    )
    page.wait_for_url(re.compile(r"risk=at_risk"))
    page.get_by_text("No task matches the filters.").wait_for()

    page.get_by_role("link", name="Dashboard").first.click()
    page.get_by_role("heading", name="Completion over the period").wait_for()
    # 200 % zoom on a 1280 px screen is a 640 px wide viewport: no horizontal scrolling.
    page.set_viewport_size({"width": 640, "height": 900})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.goto(f"{ROADMAP}reviews/{world.review.pk}/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{ROADMAP}dashboard/")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert page.locator("svg.chart").first.is_visible()
    pdf = page.pdf(prefer_css_page_size=True)
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert box and (round(float(box[1])), round(float(box[2]))) == (842, 595)
