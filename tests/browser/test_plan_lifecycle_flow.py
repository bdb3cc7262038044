"""The plan's whole life in Chromium, clicked through as its users do.

The administrator records the roadmap's adoption from the keyboard and sees version 1; an
editor starts a revision and in the draft postpones a task, proposes a new one (refused first,
its end before its start), drops one and raises a metric's target, reads the changes before →
after on the draft page, on the comparison page and in its Word document; the administrator
adopts the revision and the versions page lists version 2 with its decision.

Then the administrator renews the roadmap through the wizard: an overlapping first year is
refused, valid years are taken, one unfinished task is left behind; the new roadmap's task
links back to the old one, the old roadmap is archived and its final report says what was
carried over. axe-core checks every page of the plans app on the way.
"""

from __future__ import annotations

import datetime
import io
import re
from decimal import Decimal
from typing import Any

from django.utils import formats

from conftest import World
from tests.browser.conftest import assert_accessible, log_in, watch_csp
from tests.factories import MetricFactory, MetricValueFactory, TaskFactory
from tiekartta.core.actors import Actor
from tiekartta.plans import services
from tiekartta.plans.models import DraftState, PlanVersion, Renewal, RevisionDraft
from tiekartta.roadmap.models import Roadmap, Status, Task

ORG = "/o/testikaupunki/"
OVERVIEW = f"{ORG}r/2026-2028/"
PLAN = f"{OVERVIEW}plan/"
NEW_PLAN = f"{ORG}r/2029-2031/plan/"

ADOPTED_ON = datetime.date(2026, 1, 19)
REVISED_ON = datetime.date(2026, 11, 16)
NEW_TASK = "Sähköinen ajanvaraus"
DROPPED = "Paperilomakkeiden digitointi"
METRIC = "Sähköisen asioinnin osuus"


def _short(day: datetime.date) -> str:
    """A date as the English pages write it (the personas read English)."""
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _log_out(page: Any) -> None:
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/login/")


def _cells(row: Any) -> list[str]:
    """The row's header and data cells' texts, in order, whitespace collapsed."""
    texts = row.locator("th, td").all_inner_texts()
    return [" ".join(text.split()) for text in texts]


def _for(action: str, title: str) -> re.Pattern[str]:
    """An action's accessible name with the task's title in its visually hidden part: Chromium
    puts a space before the colon, the absolutely positioned span being a box of its own."""
    return re.compile(rf"^{re.escape(action)} ?: {re.escape(title)}$")


def _task_row(scope: Any, title: str) -> Any:
    """The table row whose row header is the task's title."""
    return scope.locator("tr", has=scope.page.get_by_role("rowheader", name=title, exact=True))


def test_adoption_revision_draft_and_its_adoption(world: World, page: Any) -> None:
    violations = watch_csp(page)
    postponed = world.own_task  # 2026Q1–2026Q4, to end two quarters later
    dropped = TaskFactory(
        theme=world.other_theme,
        owner=world.other_person,
        title=DROPPED,
        start="2026Q2",
        due="2027Q1",
    )
    metric = MetricFactory(roadmap=world.roadmap, owner=world.owner_person, name=METRIC)

    # The administrator finds the versions page from the roadmap's menu and records the
    # adoption, sending the form with Enter.
    log_in(page, "admin-user")
    page.goto(OVERVIEW)
    page.get_by_role("link", name="Versions", exact=True).click()
    page.get_by_role("heading", name="Versions and decisions", level=1).wait_for()
    page.get_by_text("The roadmap has not been adopted yet.").first.wait_for()
    assert_accessible(page, "versions page before the adoption")
    page.locator("#id_adopt-decided_on").fill(ADOPTED_ON.isoformat())
    page.locator("#id_adopt-decision_body").fill("Kaupunginhallitus")
    page.locator("#id_adopt-summary").fill("Tiekartta hyväksyttiin yksimielisesti.")
    page.locator("#id_adopt-decision_reference").fill("19.1.2026 § 9")
    page.locator("#id_adopt-decision_reference").press("Enter")
    page.get_by_text("The adoption was recorded and the plan kept as version 1.").wait_for()
    versions = page.locator("table", has=page.locator("caption", has_text="adopted versions"))
    first = _cells(versions.locator("tbody tr").first)
    assert first[0] == "1 · Adoption"
    assert f"{_short(ADOPTED_ON)} Kaupunginhallitus 19.1.2026 § 9" in first[1]
    assert "Tiekartta hyväksyttiin yksimielisesti." in first[1]
    assert first[2] == "3" and first[3] == "The baseline"
    assert page.get_by_role("heading", name="Record the adoption").count() == 0
    assert_accessible(page, "versions page after the adoption")
    version = PlanVersion.objects.get(roadmap=world.roadmap)
    assert (version.number, version.decision_body) == (1, "Kaupunginhallitus")
    _log_out(page)

    # An editor drafts the revision.
    log_in(page, "editor-user")
    page.goto(PLAN)
    assert page.get_by_role("heading", name="Record the adoption").count() == 0
    page.locator("#id_revision-title").fill("Tarkistus syksy 2026")
    page.locator("#id_revision-notes").fill("Aikataulut päivitetään talousarvion mukaan.")
    page.get_by_role("button", name="Start a revision").click()
    page.get_by_role("heading", name="Tarkistus syksy 2026", level=1).wait_for()
    page.get_by_text("No differences in the plan.").wait_for()
    draft_url = page.url
    assert_accessible(page, "draft page, just started")

    # 1. A task's target end two quarters later, saved from the keyboard.
    page.get_by_role("link", name=_for("Change", postponed.title)).click()
    page.get_by_role("heading", name="Change a task in the draft", level=1).wait_for()
    assert page.locator("#id_due").input_value() == "2026Q4"
    page.locator("#id_due").select_option("2027Q2")
    page.locator("#id_title").press("Enter")
    page.get_by_text("The draft was saved. The live plan is unchanged.").wait_for()
    assert page.url == draft_url

    # 2. A new task, refused first: its end is before its start.
    page.get_by_role("link", name="Propose a new task").click()
    page.get_by_role("heading", name="Propose a new task", level=1).wait_for()
    page.locator("#id_title").fill(NEW_TASK)
    page.locator("#id_theme").select_option(str(world.other_theme.pk))
    page.locator("#id_owner").select_option(str(world.other_person.pk))
    page.locator("#id_start").select_option("2027Q1")
    page.locator("#id_due").select_option("2026Q4")
    page.get_by_role("button", name="Save in the draft").click()
    page.locator("#id_due_error").wait_for()
    assert (
        page.locator("#id_due_error").inner_text()
        == "The target end cannot be before the target start."
    )
    assert page.locator("#id_title").input_value() == NEW_TASK  # what was typed is kept
    assert_accessible(page, "draft task form with an error")
    page.locator("#id_due").select_option("2027Q4")
    page.get_by_role("button", name="Save in the draft").click()
    page.get_by_text("The draft was saved. The live plan is unchanged.").wait_for()

    # 3. A task dropped from the proposed plan.
    page.get_by_role("button", name=_for("Drop", DROPPED)).click()
    page.get_by_role("button", name=_for("Put back", DROPPED)).wait_for()

    # 4. A metric's target raised.
    targets = page.locator("section", has=page.get_by_role("heading", name="Metric targets"))
    assert _cells(_task_row(targets, METRIC))[1] == "60"
    page.get_by_role("link", name=_for("Change the target", METRIC)).click()
    page.locator("#id_target_value").fill("75")
    page.locator("#id_target_date").fill("2028-12-31")
    page.get_by_role("button", name="Save in the draft").click()
    page.get_by_text("The draft was saved. The live plan is unchanged.").wait_for()
    targets = page.locator("section", has=page.get_by_role("heading", name="Metric targets"))
    assert _cells(_task_row(targets, METRIC))[1] == "75"

    # The draft page reads the changes before → after.
    changes = page.locator(
        "section", has=page.get_by_role("heading", name="The draft against the live plan")
    )
    assert "1 added, 1 dropped, 1 changed · 1 rescheduled" in changes.inner_text()
    assert _cells(_task_row(changes, postponed.title)) == [
        postponed.title,
        "Changed 2 quarters later",
        "target end",
        "Q4/2026",
        "Q2/2027",
    ]
    added = _cells(_task_row(changes, NEW_TASK))
    assert added[1] == "Added"
    assert "target start: Q1/2027" in added[2] and "target end: Q4/2027" in added[2]
    assert "responsible person: Museonjohtaja" in added[2]
    assert _cells(_task_row(changes, DROPPED))[1] == "Removed"
    assert f"{METRIC}; target value 60 → 75" in " ".join(changes.inner_text().split())
    proposed = page.locator(
        "section", has=page.get_by_role("heading", name="The proposed plan", exact=True)
    )
    assert proposed.locator("tr.dropped del", has_text=DROPPED).count() == 1
    assert _cells(_task_row(proposed, postponed.title))[2] == "Q1/2026–Q2/2027"
    assert_accessible(page, "draft page with changes")

    # Nothing is changed in the live plan before the adoption.
    postponed.refresh_from_db()
    dropped.refresh_from_db()
    metric.refresh_from_db()
    assert postponed.due == "2026Q4" and dropped.status != Status.CANCELLED
    assert metric.target_value == Decimal("60")
    assert not Task.objects.filter(title=NEW_TASK).exists()

    # The comparison page says the same, and so does its Word document.
    page.get_by_role("link", name="The changes as a printable page and a Word document").click()
    page.get_by_role("heading", name="Changes in the plan", level=1).wait_for()
    main = page.locator("main")
    assert "The live plan now → The revision being drafted" in main.inner_text()
    assert page.locator("#id_a").input_value() == "live"
    assert page.locator("#id_b").input_value() == "draft"
    assert _cells(_task_row(main, postponed.title))[2:] == ["target end", "Q4/2026", "Q2/2027"]
    assert _cells(_task_row(main, NEW_TASK))[1] == "Added"
    assert _cells(_task_row(main, DROPPED))[1] == "Removed"
    assert_accessible(page, "comparison page, the draft against the live plan")
    docx_link = page.get_by_role("link", name="The changes as a Word document (.docx)")
    href = docx_link.get_attribute("href")
    assert href is not None and href.endswith("compare.docx?a=live&b=draft")
    document = page.request.get(href)
    assert document.status == 200
    assert document.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    text = _docx_text(document.body())
    assert "Q4/2026" in text and "Q2/2027" in text and NEW_TASK in text and DROPPED in text
    _log_out(page)

    # The administrator adopts the revision on the draft page.
    log_in(page, "admin-user")
    page.goto(PLAN)
    page.get_by_text("The revision “Tarkistus syksy 2026” is being drafted").wait_for()
    page.get_by_role("link", name="Open the draft").click()
    page.get_by_role("heading", name="Adopt or discard").wait_for()
    page.get_by_role("button", name="Discard the draft").wait_for()
    page.locator("#id_adopt-decided_on").fill(REVISED_ON.isoformat())
    page.locator("#id_adopt-decision_body").fill("Kaupunginhallitus")
    page.locator("#id_adopt-decision_reference").fill("16.11.2026 § 301")
    page.get_by_role("button", name="Adopt the revision").click()
    page.get_by_text("The revision was adopted and the plan kept as version 2.").wait_for()
    assert page.url.endswith(PLAN)
    versions = page.locator("table", has=page.locator("caption", has_text="adopted versions"))
    rows = versions.locator("tbody tr")
    assert rows.count() == 2
    second = _cells(rows.nth(1))
    assert second[0] == "2 · Revision"
    assert f"{_short(REVISED_ON)} Kaupunginhallitus 16.11.2026 § 301" in second[1]
    assert second[2] == "3"  # one task added, one dropped
    assert second[3].startswith("1 added, 1 dropped, 1 changed")
    since = page.locator(
        "section", has=page.get_by_role("heading", name="The plan now against its baseline")
    )
    assert "ends 2 quarters later in all" in since.inner_text()
    assert page.get_by_role("link", name="Open the draft").count() == 0
    assert page.get_by_role("button", name="Start a revision").count() == 1
    assert_accessible(page, "versions page after the revision's adoption")

    # Version 1 against version 2, from the versions list.
    page.get_by_role("link", name="Show the changes").click()
    page.get_by_role("heading", name="Changes in the plan", level=1).wait_for()
    main = page.locator("main")
    assert f"Adopted {_short(REVISED_ON)}, Kaupunginhallitus 16.11.2026 § 301." in (
        main.inner_text()
    )
    assert _cells(_task_row(main, postponed.title))[3:] == ["Q4/2026", "Q2/2027"]
    assert_accessible(page, "comparison page, version 1 against version 2")

    # The live plan is now the adopted revision.
    postponed.refresh_from_db()
    dropped.refresh_from_db()
    metric.refresh_from_db()
    assert postponed.due == "2027Q2"
    assert dropped.status == Status.CANCELLED
    assert metric.target_value == Decimal("75")
    new_task = Task.objects.get(roadmap=world.roadmap, title=NEW_TASK)
    assert (new_task.start, new_task.due) == ("2027Q1", "2027Q4")
    assert new_task.owner == world.other_person
    draft = RevisionDraft.objects.get(roadmap=world.roadmap)
    assert draft.state == DraftState.ADOPTED
    assert draft.adopted_version is not None and draft.adopted_version.number == 2
    assert not violations, violations


def test_renewal_through_the_wizard_carries_tasks_and_closes_the_old_roadmap(
    world: World, page: Any
) -> None:
    violations = watch_csp(page)
    admin = Actor.for_user(world.users["admin"])
    services.adopt_roadmap(
        actor=admin,
        roadmap=world.roadmap,
        decision=services.Decision(decided_on=ADOPTED_ON, decision_body="Kaupunginhallitus"),
    )
    carried = world.own_task  # 2026Q1–2026Q4: four quarters from the new period's start
    left_behind = world.others_task
    done = TaskFactory(
        theme=world.other_theme,
        owner=world.other_person,
        title="Asiointipalvelun käyttöönotto",
        status=Status.DONE,
    )
    metric = MetricFactory(roadmap=world.roadmap, owner=world.owner_person, name=METRIC)
    MetricValueFactory(metric=metric, period="2026Q3", value=Decimal("42"))

    log_in(page, "admin-user")
    page.goto(PLAN)
    page.get_by_role("link", name="Renew the roadmap").click()
    page.get_by_role("heading", name="Renew the roadmap", level=1).wait_for()
    page.get_by_text("Step 1 of 2: the new period").wait_for()
    # The next three years are proposed.
    assert page.locator("#id_start_year").input_value() == "2029"
    assert page.locator("#id_end_year").input_value() == "2031"
    assert page.locator("#id_slug").input_value() == "2029-2031"
    assert page.locator("#id_title").input_value() == "Tiekartta 2029–2031"
    assert_accessible(page, "renewal step 1")

    # A first year inside the old period is refused, and nothing is made.
    page.locator("#id_start_year").fill("2028")
    page.locator("#id_end_year").fill("2030")
    page.get_by_role("button", name="Next: what is carried over").click()
    page.locator("#id_start_year_error").wait_for()
    assert (
        page.locator("#id_start_year_error").inner_text()
        == "The new period must begin after the old one ends: in 2029 or later."
    )
    page.get_by_text("Step 1 of 2: the new period").wait_for()
    assert_accessible(page, "renewal step 1 with the overlapping year refused")
    assert Roadmap.objects.filter(organisation=world.organisation).count() == 1

    # Valid years, sent from the keyboard.
    page.locator("#id_start_year").fill("2029")
    page.locator("#id_end_year").fill("2031")
    page.locator("#id_end_year").press("Enter")
    page.get_by_text("Step 2 of 2: what the new roadmap takes over").wait_for()
    page.get_by_role("heading", name="Unfinished tasks").wait_for()
    tasks = page.locator("table.renewal-tasks")
    carry = page.get_by_label(f"Carry over {carried.title}", exact=True)
    leave = page.get_by_label(f"Carry over {left_behind.title}", exact=True)
    assert carry.is_checked() and leave.is_checked()
    assert _task_row(tasks, done.title).count() == 0  # a done task is not offered
    assert page.get_by_label(f"New target start of {carried.title}").input_value() == "2029Q1"
    assert page.get_by_label(f"New target end of {carried.title}").input_value() == "2029Q4"
    assert _cells(_task_row(tasks, carried.title))[3] == carried.schedule_label
    record = page.locator("section", has=page.get_by_role("heading", name="For the record"))
    assert done.title in record.inner_text()
    assert page.get_by_label(f"Carry over {METRIC}", exact=True).is_checked()
    assert_accessible(page, "renewal step 2")

    leave.uncheck()
    page.get_by_role("button", name="Renew: make the new roadmap").click()
    # The message's count is not pluralised yet ("1 tasks"): its words around it are checked.
    message = page.get_by_text(re.compile(r"^The roadmap Tiekartta 2029–2031 was made with 1 "))
    message.wait_for()
    assert "Tiekartta 2026–2028 was closed with its final report." in message.inner_text()
    assert page.url.endswith(NEW_PLAN)
    page.get_by_role("heading", name="Versions and decisions", level=1).wait_for()
    # Two sections are headed "Renewal" here (where it came from, and renewing it in turn).
    made_from = page.locator("section[aria-labelledby='renewal-heading']")
    assert "Made by renewing the roadmap" in made_from.inner_text()
    assert made_from.get_by_role("link", name="Tiekartta 2026–2028").count() == 1
    assert_accessible(page, "the new roadmap's versions page")

    new = Roadmap.objects.get(organisation=world.organisation, slug="2029-2031")
    assert (new.start_year, new.end_year, new.title) == (2029, 2031, "Tiekartta 2029–2031")
    assert Renewal.objects.get(source=world.roadmap).target == new
    assert not Task.objects.filter(roadmap=new, carried_over_from=left_behind).exists()
    new_task = Task.objects.get(roadmap=new, carried_over_from=carried)
    assert (new_task.start, new_task.due) == ("2029Q1", "2029Q4")
    world.roadmap.refresh_from_db()
    assert world.roadmap.is_archived

    # The carried task, found from the new roadmap's overview, links back to the old one.
    page.get_by_role("link", name="Overview", exact=True).click()
    page.locator("#results").get_by_role("link", name=carried.title).click()
    page.get_by_role("heading", name=carried.title, level=1).wait_for()
    facts = page.locator("dl", has=page.locator("dt", has_text="Carried over from"))
    assert "Tiekartta 2026–2028" in facts.inner_text()
    assert page.get_by_role("link", name=left_behind.title).count() == 0
    page.locator("dt:text-is('Carried over from') + dd a").click()
    page.wait_for_url(re.compile(rf"/r/2026-2028/tasks/{carried.pk}/$"))
    page.get_by_text("This roadmap is archived and read-only.").wait_for()
    assert "Tiekartta 2029–2031" in page.locator("dt:text-is('Carried over to') + dd").inner_text()

    # The old roadmap's versions page links to its final report, which says what was carried.
    page.goto(PLAN)
    page.get_by_text("This roadmap is archived and read-only.").wait_for()
    assert page.get_by_role("link", name="Renew the roadmap").count() == 0
    page.get_by_role("link", name="Final report").click()
    section = page.locator("#carried-over")
    section.wait_for()
    text = " ".join(section.inner_text().split())
    assert "Carried over to the next period" in text
    assert "as Tiekartta 2029–2031, with 1 unfinished task carried over." in text
    row = _cells(_task_row(section, carried.title))
    assert row[2:] == [carried.schedule_label, new_task.schedule_label]
    assert f"Unfinished and not carried over: {left_behind.title}" in text
    assert f"Metrics carried over, with their last value as the new baseline: {METRIC}" in text
    assert_accessible(page, "the final report")
    assert not violations, violations


def _docx_text(content: bytes) -> str:
    """Every paragraph's and table cell's text of a Word document."""
    from docx import Document

    document = Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)
