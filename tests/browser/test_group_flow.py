"""The digital group in Chromium: the administrator adds a member to the group; an editor
schedules the group's meeting (first with a mistake, answered next to the field), finds the
agenda drafted from the roadmap, writes the minutes ticking who was present, and the meeting
page shows the notes and the attendance. axe-core checks every page on the way."""

from __future__ import annotations

import datetime
from typing import Any

from conftest import World
from tests.browser.conftest import assert_accessible, log_in, watch_csp
from tiekartta.core.actors import Actor
from tiekartta.group import services
from tiekartta.group.models import GroupMember, GroupRole, Meeting, MeetingStatus

GROUP = "/o/testikaupunki/group/"
TITLE = "Digiryhmän seurantakokous 2026/4"


def test_a_member_is_added_and_a_meeting_is_scheduled_and_minuted(world: World, page: Any) -> None:
    violations = watch_csp(page)
    chair = services.add_member(
        actor=Actor.for_user(world.users["admin"]),
        organisation=world.organisation,
        data=services.MemberInput(
            person=world.owner_person, role=GroupRole.CHAIR, term_start=datetime.date(2026, 1, 1)
        ),
    )

    # The administrator adds the museum director to the group.
    log_in(page, "admin-user")
    page.goto(GROUP)
    page.get_by_role("heading", name="Digital group", level=1).wait_for()
    assert_accessible(page, "the group")
    page.get_by_role("link", name="Add a member").click()
    page.get_by_label("Person").select_option(label=str(world.other_person))
    page.get_by_label("Role in the group").select_option("secretary")
    page.get_by_label("Department").fill("Sivistystoimi")
    page.get_by_label("Term begins").fill("2026-01-01")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The member was added to the group.").wait_for()
    members = page.locator("table", has=page.locator("caption", has_text="The group's members now"))
    row = members.get_by_role("row", name="Museonjohtaja")
    assert "Secretary" in row.inner_text() and "Sivistystoimi" in row.inner_text()
    member = GroupMember.objects.get(person=world.other_person)
    assert (member.role, member.department) == (GroupRole.SECRETARY, "Sivistystoimi")
    assert_accessible(page, "the group with its members")
    page.get_by_role("button", name="Log out").click()

    # An editor schedules the meeting: a missing title is answered next to the field.
    log_in(page, "editor-user")
    page.goto(GROUP)
    assert page.get_by_role("link", name="Add a member").count() == 0
    page.get_by_role("link", name="The group's calendar").click()
    page.get_by_role("heading", name="The group's calendar 2026").wait_for()
    assert_accessible(page, "the calendar")
    page.get_by_role("link", name="Schedule a meeting").click()
    page.get_by_label("Date").fill("2026-11-26")
    page.get_by_label("Begins").fill("13:00")
    page.get_by_label("Ends").fill("15:00")
    page.get_by_label("Place").fill("Kaupungintalo, kokoushuone 2")
    page.get_by_role("button", name="Save").click()
    page.locator("#id_title_error").wait_for()
    assert page.locator("#id_title").get_attribute("aria-invalid") == "true"
    assert not Meeting.objects.exists()
    assert_accessible(page, "the meeting form with an error")
    page.get_by_label("Title").fill(TITLE)
    # The roadmap the agenda is drafted from is chosen already.
    assert page.get_by_label("Roadmap").input_value() == str(world.roadmap.pk)
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The meeting was scheduled and its agenda drafted.").wait_for()
    page.get_by_role("heading", name=TITLE, level=1).wait_for()

    # The agenda drafted from the roadmap: the two tasks due this quarter.
    agenda = page.locator("ol.agenda")
    agenda.get_by_role("heading", name="Tasks due this quarter").wait_for()
    assert "Vesimittarien etäluenta — Tekninen johtaja, 0 %" in agenda.inner_text()
    assert "Kokoelmajärjestelmä — Museonjohtaja, 0 %" in agenda.inner_text()
    assert agenda.get_by_role("heading", name="Late tasks").count() == 1
    assert_accessible(page, "the meeting with its agenda")

    # The minutes: a note under an item, the other notes, who was present.
    page.get_by_label("Tasks due this quarter").fill("Etäluenta etenee aikataulussa.")
    page.get_by_label("Other notes").fill("Kokous päättyi klo 14.50.")
    page.get_by_label(str(world.owner_person)).check()
    page.get_by_label(str(world.other_person)).check()
    page.get_by_label("The meeting was held").check()
    page.get_by_role("button", name="Save the minutes").click()
    page.get_by_text("The minutes were saved.").wait_for()
    record = page.locator("section", has=page.get_by_role("heading", name="Agenda and minutes"))
    text = record.inner_text()
    assert "Etäluenta etenee aikataulussa." in text
    assert "Kokous päättyi klo 14.50." in text
    present = record.locator("p", has_text="Present:").inner_text()
    assert "Tekninen johtaja" in present and "Museonjohtaja" in present
    assert "Held" in page.locator(".page-heading .meta").inner_text()
    assert_accessible(page, "the meeting with its minutes")

    meeting = Meeting.objects.get()
    assert meeting.status == MeetingStatus.HELD
    assert set(meeting.attendees.all()) == {chair, member}
    assert {i["key"]: i["note"] for i in meeting.agenda}["due"] == "Etäluenta etenee aikataulussa."

    # The calendar lists the meeting.
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Calendar").click()
    page.get_by_role("link", name=TITLE).wait_for()
    assert_accessible(page, "the calendar with the meeting")
    assert not violations, violations
