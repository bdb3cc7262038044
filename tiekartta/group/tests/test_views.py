"""The digital group's pages through the test client with CSRF checks on: who reads and who
writes, the member and meeting forms, the minutes, the invitations, cancelling, the calendar
and its feed, which a calendar program reads without signing in."""

from __future__ import annotations

import datetime
import html
import re
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from conftest import World
from tests.factories import PersonFactory, ReviewFactory, TaskFactory
from tiekartta.accounts.models import Role
from tiekartta.core.actors import Actor
from tiekartta.group import services
from tiekartta.group.models import (
    CalendarFeed,
    GroupMember,
    GroupRole,
    Meeting,
    MeetingKind,
    MeetingStatus,
)
from tiekartta.roadmap.models import Status

ORG = "testikaupunki"
NOW = "2026-11-10 12:00 +0200"
DAY = datetime.date(2026, 11, 20)
READERS = [Role.ADMIN, Role.EDITOR, Role.OWNER, Role.VIEWER]


@pytest.fixture(autouse=True)
def november_2026() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"group:{name}", kwargs={"org": ORG, **kwargs})


def page_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def error_of(page: str, name: str) -> str | None:
    found = re.search(rf'<p class="error" id="id_{name}_error">(.*?)</p>', page, re.S)
    return found.group(1).strip() if found else None


def add_member(world: World, person: Any, start: datetime.date, **kw: Any) -> GroupMember:
    return services.add_member(
        actor=Actor.for_user(world.users["admin"]),
        organisation=world.organisation,
        data=services.MemberInput(
            person=person, role=kw.pop("role", GroupRole.MEMBER), term_start=start, **kw
        ),
    )


def schedule(world: World, day: datetime.date = DAY, **fields: Any) -> Meeting:
    values: dict[str, Any] = {
        "kind": MeetingKind.REVIEW,
        "title": "Seurantakokous 2026/4",
        "date": day,
        "starts": datetime.time(13),
        "ends": datetime.time(15),
        "location": "Kokoushuone 2",
        "roadmap": world.roadmap,
    }
    values.update(fields)
    return services.schedule_meeting(
        actor=Actor.for_user(world.users["editor"]),
        organisation=world.organisation,
        data=services.MeetingInput(**values),
    )


@pytest.fixture
def members(world: World) -> dict[str, GroupMember]:
    world.owner_person.email = "tekninen.johtaja@testikaupunki.fi"
    world.owner_person.save()
    return {
        "chair": add_member(
            world, world.owner_person, datetime.date(2026, 1, 1), role=GroupRole.CHAIR
        ),
        "member": add_member(world, world.other_person, datetime.date(2026, 1, 1)),
        "former": add_member(
            world,
            PersonFactory(organisation=world.organisation, name="Entinen jäsen"),
            datetime.date(2023, 1, 1),
            term_end=datetime.date(2025, 12, 31),
        ),
    }


# Reading -------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", READERS)
def test_every_member_reads_the_group_and_its_calendar(
    world: World, members: dict[str, GroupMember], persona: str
) -> None:
    meeting = schedule(world)
    client = world.client_for(persona)
    response = client.get(url("group"))
    assert response.status_code == 200
    page = page_of(response)
    assert "Digital group" in page
    members_now = page.split("Earlier and later terms")[0]
    assert "Tekninen johtaja" in members_now and "Museonjohtaja" in members_now
    assert "Entinen jäsen" not in members_now and "Entinen jäsen" in page
    assert "2 members from 1 departments" in page
    assert meeting.title in page and url("meeting", meeting=meeting.pk) in page

    response = client.get(url("calendar"))
    assert response.status_code == 200
    page = page_of(response)
    assert "The group's calendar 2026" in page
    assert meeting.title in page
    # World's review meeting (20.9.) is in the calendar although no meeting stands for it.
    assert "Review meeting 2026Q3: Tiekartta 2026–2028" in page

    response = client.get(url("meeting", meeting=meeting.pk))
    assert response.status_code == 200
    assert "Tasks due this quarter" in page_of(response)


def test_only_the_group_runs_things_from_its_pages(world: World) -> None:
    meeting = schedule(world)
    viewer = page_of(world.client_for(Role.VIEWER).get(url("meeting", meeting=meeting.pk)))
    assert "Write the minutes" not in viewer and "Cancel the meeting" not in viewer
    editor = page_of(world.client_for(Role.EDITOR).get(url("meeting", meeting=meeting.pk)))
    assert "Write the minutes" in editor and "Cancel the meeting" in editor
    group = page_of(world.client_for(Role.EDITOR).get(url("group")))
    assert "Schedule a meeting" in group and "Add a member" not in group
    assert "Add a member" in page_of(world.client_for(Role.ADMIN).get(url("group")))


def test_the_outsider_finds_nothing(world: World, members: dict[str, GroupMember]) -> None:
    meeting = schedule(world)
    client = world.client_for("outsider")
    for path in (
        url("group"),
        url("calendar"),
        url("meeting", meeting=meeting.pk),
        url("member_create"),
        url("meeting_create"),
        url("member_edit", member=members["chair"].pk),
    ):
        assert client.get(path).status_code == 404, path
    assert client.post(url("meeting_cancel", meeting=meeting.pk)).status_code == 404
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED
    # Not even through the outsider's own organisation's addresses.
    own = reverse(
        "group:meeting", kwargs={"org": world.outsider_organisation.slug, "meeting": meeting.pk}
    )
    assert client.get(own).status_code == 404


def test_a_calendar_year_outside_the_range_is_not_found(world: World) -> None:
    client = world.client_for(Role.VIEWER)
    assert client.get(url("calendar"), {"year": "1999"}).status_code == 404
    assert client.get(url("calendar"), {"year": "abc"}).status_code == 200


# Members -------------------------------------------------------------------------------------


def member_form(world: World, **values: Any) -> dict[str, Any]:
    data = {
        "person": str(world.other_person.pk),
        "role": GroupRole.SECRETARY,
        "department": "Sivistystoimi",
        "term_start": "2026-01-01",
        "term_end": "2028-12-31",
    }
    data.update(values)
    return data


def test_the_administrator_adds_a_member(world: World) -> None:
    client = world.client_for(Role.ADMIN)
    assert client.get(url("member_create")).status_code == 200
    response = client.post(url("member_create"), member_form(world))
    assert response.status_code == 302 and response["Location"] == url("group")
    member = GroupMember.objects.get()
    assert (member.person, member.role, member.department) == (
        world.other_person,
        GroupRole.SECRETARY,
        "Sivistystoimi",
    )
    assert member.term_end == datetime.date(2028, 12, 31)
    assert member.history.get().history_user == world.users["admin"]
    page = page_of(client.get(url("group")))
    assert "The member was added to the group." in page
    assert "Museonjohtaja" in page and "Sivistystoimi" in page


@pytest.mark.parametrize("persona", [Role.EDITOR, Role.OWNER, Role.VIEWER])
def test_only_the_administrator_manages_the_members(world: World, persona: str) -> None:
    member = add_member(world, world.owner_person, datetime.date(2026, 1, 1))
    client = world.client_for(persona)
    assert client.get(url("member_create")).status_code == 403
    assert client.post(url("member_create"), member_form(world)).status_code == 403
    edit = url("member_edit", member=member.pk)
    assert client.post(edit, member_form(world, version="1")).status_code == 403
    assert client.post(url("member_delete", member=member.pk)).status_code == 403
    assert list(GroupMember.objects.all()) == [member]


def test_a_term_ending_before_it_begins_is_answered_next_to_the_field(world: World) -> None:
    client = world.client_for(Role.ADMIN)
    response = client.post(
        url("member_create"), member_form(world, term_start="2026-06-01", term_end="2026-05-31")
    )
    assert response.status_code == 400
    page = page_of(response)
    assert "The term cannot end before it begins." in page
    # Next to the field it is about, not only on top of the form.
    assert error_of(page, "term_end") == "The term cannot end before it begins."
    assert not GroupMember.objects.exists()


def test_an_overlapping_term_is_answered_next_to_its_start(world: World) -> None:
    add_member(world, world.other_person, datetime.date(2026, 1, 1))
    response = world.client_for(Role.ADMIN).post(
        url("member_create"), member_form(world, term_start="2027-01-01", term_end="")
    )
    assert response.status_code == 400
    assert (
        error_of(page_of(response), "term_start")
        == "This person already has a term in the group at that time."
    )
    assert GroupMember.objects.count() == 1


def test_a_person_of_another_organisation_cannot_be_chosen(world: World) -> None:
    stranger = PersonFactory(organisation=world.outsider_organisation)
    response = world.client_for(Role.ADMIN).post(
        url("member_create"), member_form(world, person=str(stranger.pk))
    )
    assert response.status_code == 400
    assert error_of(page_of(response), "person")
    assert not GroupMember.objects.exists()


def test_the_administrator_ends_a_term_and_a_stale_form_is_refused(world: World) -> None:
    member = add_member(world, world.other_person, datetime.date(2026, 1, 1))
    client = world.client_for(Role.ADMIN)
    edit = url("member_edit", member=member.pk)
    assert 'name="version" value="1"' in client.get(edit).content.decode()
    response = client.post(edit, member_form(world, term_end="2026-10-31", version="1"))
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.term_end == datetime.date(2026, 10, 31) and member.version == 2
    response = client.post(edit, member_form(world, term_end="2026-12-31", version="1"))
    assert response.status_code == 302 and response["Location"] == edit
    assert "Someone else saved this meanwhile." in page_of(client.get(edit))
    member.refresh_from_db()
    assert member.term_end == datetime.date(2026, 10, 31)
    # Ended before today: shown among the other terms.
    page = page_of(client.get(url("group")))
    assert "Museonjohtaja" in page.split("Earlier and later terms")[1]


# Meetings ------------------------------------------------------------------------------------


def meeting_form(world: World, **values: Any) -> dict[str, Any]:
    data = {
        "kind": MeetingKind.REVIEW,
        "title": "Digiryhmän seurantakokous 2026/4",
        "date": "2026-11-20",
        "starts": "13:00",
        "ends": "15:00",
        "location": "Kaupungintalo, kokoushuone 2",
        "roadmap": str(world.roadmap.pk),
        "review": "",
    }
    data.update(values)
    return data


def test_an_editor_schedules_a_meeting_and_its_agenda_is_drafted(world: World) -> None:
    TaskFactory(
        theme=world.other_theme,
        owner=world.other_person,
        title="Sähköinen arkisto",
        due="2026Q2",
        status=Status.IN_PROGRESS,
        completion=30,
    )
    client = world.client_for(Role.EDITOR)
    form = page_of(client.get(url("meeting_create")))
    # The current roadmap is chosen already.
    assert re.search(rf'<option value="{world.roadmap.pk}" selected>', form)
    response = client.post(url("meeting_create"), meeting_form(world))
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert response["Location"] == url("meeting", meeting=meeting.pk)
    assert (meeting.date, meeting.starts, meeting.roadmap) == (
        DAY,
        datetime.time(13),
        world.roadmap,
    )
    assert meeting.history.get().history_user == world.users["editor"]
    page = page_of(client.get(response["Location"]))
    assert "The meeting was scheduled and its agenda drafted." in page
    assert "Tasks due this quarter" in page and "Late tasks" in page
    assert "Vesimittarien etäluenta — Tekninen johtaja, 0 %" in page
    assert "Kokoelmajärjestelmä — Museonjohtaja, 0 %" in page
    assert "Sähköinen arkisto — Museonjohtaja, Q2/2026, 30 %" in page
    assert "Owners' updates received since the last meeting" in page
    assert "Nothing on this." in page  # no updates, no stale metrics


@pytest.mark.parametrize("persona", [Role.OWNER, Role.VIEWER])
def test_owners_and_viewers_do_not_run_meetings(world: World, persona: str) -> None:
    meeting = schedule(world)
    client = world.client_for(persona)
    assert client.get(url("meeting_create")).status_code == 403
    assert client.post(url("meeting_create"), meeting_form(world)).status_code == 403
    for name in ("meeting_minutes", "meeting_invite", "meeting_cancel", "meeting_redraft"):
        assert client.post(url(name, meeting=meeting.pk), {"version": "1"}).status_code == 403
    assert Meeting.objects.count() == 1
    meeting.refresh_from_db()
    assert (meeting.status, meeting.version) == (MeetingStatus.PLANNED, 1)


def test_a_meeting_ending_before_it_begins_is_refused(world: World) -> None:
    response = world.client_for(Role.EDITOR).post(
        url("meeting_create"), meeting_form(world, starts="15:00", ends="13:00")
    )
    assert response.status_code == 400
    assert "The meeting must end after it begins." in page_of(response)
    assert not Meeting.objects.exists()


def test_a_meeting_without_a_title_is_answered_next_to_the_field(world: World) -> None:
    response = world.client_for(Role.EDITOR).post(
        url("meeting_create"), meeting_form(world, title="")
    )
    assert response.status_code == 400
    assert error_of(page_of(response), "title")
    assert not Meeting.objects.exists()


def test_a_meeting_for_a_review_is_in_the_calendar_once(world: World) -> None:
    response = world.client_for(Role.EDITOR).post(
        url("meeting_create"),
        meeting_form(world, date="2026-09-20", title="Seurantakokous Q3", review=world.review.pk),
    )
    assert response.status_code == 302
    page = page_of(world.client_for(Role.VIEWER).get(url("calendar")))
    assert "Seurantakokous Q3" in page
    assert "Review meeting 2026Q3" not in page


def test_editing_a_meeting_raises_its_sequence(world: World) -> None:
    meeting = schedule(world)
    client = world.client_for(Role.EDITOR)
    response = client.post(
        url("meeting_edit", meeting=meeting.pk),
        meeting_form(world, starts="09:00", ends="11:00", version="1"),
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.starts, meeting.sequence, meeting.version) == (datetime.time(9), 1, 2)
    stale = client.post(
        url("meeting_edit", meeting=meeting.pk), meeting_form(world, title="Vanha", version="1")
    )
    assert stale.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Digiryhmän seurantakokous 2026/4" and meeting.sequence == 1


# The minutes ---------------------------------------------------------------------------------


def minutes_form(meeting: Meeting, **values: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "version": str(meeting.version),
        "note_due": "Etäluenta etenee aikataulussa.",
        "note_other": "Ei muita asioita.",
        "minutes": "Kokous päättyi klo 14.50.",
        "held": "on",
    }
    data.update(values)
    return data


def test_the_minutes_are_written_with_the_attendance(
    world: World, members: dict[str, GroupMember]
) -> None:
    meeting = schedule(world)
    client = world.client_for(Role.EDITOR)
    form = page_of(client.get(url("meeting", meeting=meeting.pk)))
    # The attendance offers the members serving on the meeting's day only.
    assert f'value="{members["chair"].pk}"' in form and f'value="{members["member"].pk}"' in form
    assert f'value="{members["former"].pk}"' not in form
    assert 'name="note_due"' in form and 'name="note_opening"' in form
    response = client.post(
        url("meeting_minutes", meeting=meeting.pk),
        minutes_form(meeting, attendees=[members["chair"].pk, members["member"].pk]),
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD and meeting.version == 2
    assert set(meeting.attendees.all()) == {members["chair"], members["member"]}
    notes = {i["key"]: i["note"] for i in meeting.agenda}
    assert notes["due"] == "Etäluenta etenee aikataulussa." and notes["opening"] == ""
    assert meeting.minutes == "Kokous päättyi klo 14.50."
    page = page_of(client.get(url("meeting", meeting=meeting.pk)))
    assert "The minutes were saved." in page
    assert "Etäluenta etenee aikataulussa." in page and "Ei muita asioita." in page
    assert re.search(r"Present:</strong>\s*Museonjohtaja, Tekninen johtaja", page) or re.search(
        r"Present:</strong>\s*Tekninen johtaja, Museonjohtaja", page
    )
    assert "Held" in page


def test_a_former_member_cannot_be_marked_present(
    world: World, members: dict[str, GroupMember]
) -> None:
    meeting = schedule(world)
    response = world.client_for(Role.EDITOR).post(
        url("meeting_minutes", meeting=meeting.pk),
        minutes_form(meeting, attendees=[members["chair"].pk, members["former"].pk]),
    )
    assert response.status_code == 400
    assert error_of(page_of(response), "attendees")
    meeting.refresh_from_db()
    assert meeting.version == 1 and not meeting.attendees.exists()


def test_minutes_from_a_stale_page_are_refused(
    world: World, members: dict[str, GroupMember]
) -> None:
    meeting = schedule(world)
    client = world.client_for(Role.EDITOR)
    path = url("meeting_minutes", meeting=meeting.pk)
    assert (
        client.post(path, minutes_form(meeting, attendees=[members["chair"].pk])).status_code == 302
    )
    response = client.post(path, minutes_form(meeting, note_due="Vanha", attendees=[]))
    assert response.status_code == 302
    assert "Someone else saved this meanwhile." in page_of(client.get(response["Location"]))
    meeting.refresh_from_db()
    assert list(meeting.attendees.all()) == [members["chair"]]
    assert {i["key"]: i["note"] for i in meeting.agenda}["due"] == "Etäluenta etenee aikataulussa."


# Invitations and cancelling ------------------------------------------------------------------


def test_the_invitations_are_sent_from_the_meeting_page(
    world: World, members: dict[str, GroupMember]
) -> None:
    meeting = schedule(world)
    client = world.client_for(Role.EDITOR)
    assert "Send the invitation to 1 member" in page_of(
        client.get(url("meeting", meeting=meeting.pk))
    )
    response = client.post(url("meeting_invite", meeting=meeting.pk))
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["tekninen.johtaja@testikaupunki.fi"]]
    _name, content, mimetype = mail.outbox[0].attachments[0]
    assert mimetype.startswith("text/calendar")
    event = next(iter(Calendar.from_ical(content).walk("VEVENT")))
    assert str(event["UID"]) == f"{meeting.uid}@tiekartta"
    page = page_of(client.get(response["Location"]))
    assert "Invitations were sent to 1 members." in page
    assert "Invitations last sent" in page


def test_without_addresses_the_page_says_so(world: World) -> None:
    add_member(world, world.other_person, datetime.date(2026, 1, 1))
    meeting = schedule(world)
    client = world.client_for(Role.EDITOR)
    response = client.post(url("meeting_invite", meeting=meeting.pk))
    assert response.status_code == 302
    assert "No member of the group has an e-mail address." in page_of(
        client.get(response["Location"])
    )
    assert mail.outbox == []


def test_an_editor_cancels_a_meeting(world: World, members: dict[str, GroupMember]) -> None:
    meeting = schedule(world)
    client = world.client_for(Role.EDITOR)
    assert client.get(url("meeting_cancel", meeting=meeting.pk)).status_code == 405
    response = client.post(url("meeting_cancel", meeting=meeting.pk))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence) == (MeetingStatus.CANCELLED, 1)
    page = page_of(client.get(url("meeting", meeting=meeting.pk)))
    assert "The meeting was cancelled." in page
    assert "Write the minutes" not in page
    calendar = page_of(client.get(url("calendar")))
    assert re.search(r'<li class="cancelled">.*?Seurantakokous 2026/4.*?Cancelled', calendar, re.S)
    # The minutes of a cancelled meeting are refused.
    response = client.post(url("meeting_minutes", meeting=meeting.pk), minutes_form(meeting))
    assert response.status_code == 400
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED


def test_drafting_again_keeps_the_notes(world: World, members: dict[str, GroupMember]) -> None:
    meeting = schedule(world)
    client = world.client_for(Role.EDITOR)
    client.post(url("meeting_minutes", meeting=meeting.pk), minutes_form(meeting))
    TaskFactory(theme=world.theme, owner=world.other_person, title="Uusi tehtävä", due="2026Q4")
    response = client.post(url("meeting_redraft", meeting=meeting.pk), {"version": "2"})
    assert response.status_code == 302
    page = page_of(client.get(response["Location"]))
    assert "The agenda was drafted again from the roadmap as it is now." in page
    assert "Uusi tehtävä — Museonjohtaja, 0 %" in page
    assert "Etäluenta etenee aikataulussa." in page


# The calendar feed ---------------------------------------------------------------------------


def feed_path(token: str, org: str = ORG) -> str:
    return reverse("group:feed", kwargs={"org": org, "token": token})


def test_the_feed_is_read_without_signing_in(world: World, members: dict[str, GroupMember]) -> None:
    meeting = schedule(world)
    cancelled = schedule(world, datetime.date(2026, 12, 1), title="Peruttu kokous")
    services.cancel_meeting(actor=Actor.for_user(world.users["editor"]), meeting=cancelled)
    admin = world.client_for(Role.ADMIN)
    calendar_page = page_of(admin.get(url("calendar")))
    assert "Make the calendar address" in calendar_page
    assert not CalendarFeed.objects.exists()

    response = admin.post(url("feed_address"))
    assert response.status_code == 302 and response["Location"] == url("calendar")
    feed = CalendarFeed.objects.get(organisation=world.organisation)
    path = feed_path(feed.token)
    assert path in page_of(admin.get(url("calendar")))
    # A viewer sees the address too, and cannot change it.
    viewer = world.client_for(Role.VIEWER)
    viewer_page = page_of(viewer.get(url("calendar")))
    assert path in viewer_page and "Make a new address" not in viewer_page

    response = Client().get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert "METHOD" not in calendar
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        f"{meeting.uid}@tiekartta",
        f"{cancelled.uid}@tiekartta",
        f"review-{world.review.pk}@tiekartta",
    }
    event = events[f"{meeting.uid}@tiekartta"]
    assert str(event["SUMMARY"]) == "Seurantakokous 2026/4"
    assert event["DTSTART"].params["TZID"] == "Europe/Helsinki"
    assert event.decoded("DTSTART").replace(tzinfo=None) == datetime.datetime(2026, 11, 20, 13)
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(events[f"{cancelled.uid}@tiekartta"]["STATUS"]) == "CANCELLED"
    assert int(events[f"{cancelled.uid}@tiekartta"]["SEQUENCE"]) == 1
    review = events[f"review-{world.review.pk}@tiekartta"]
    assert review.decoded("DTSTART") == datetime.date(2026, 9, 20)  # all day
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Helsinki"]

    # A second POST keeps the address.
    admin.post(url("feed_address"))
    assert CalendarFeed.objects.get().token == feed.token


def test_a_wrong_feed_address_is_not_found(world: World) -> None:
    feed = services.feed_of(
        actor=Actor.for_user(world.users["admin"]), organisation=world.organisation
    )
    anonymous = Client()
    assert anonymous.get(feed_path(feed.token + "x")).status_code == 404
    assert anonymous.get(feed_path("x" * 32)).status_code == 404
    # The token is the organisation's own: not valid under another organisation's address.
    assert anonymous.get(feed_path(feed.token, world.outsider_organisation.slug)).status_code == 404
    assert anonymous.get(feed_path(feed.token, "ei-ole")).status_code == 404


def test_renewing_the_address_retires_the_old_one(world: World) -> None:
    admin = world.client_for(Role.ADMIN)
    admin.post(url("feed_address"))
    old = CalendarFeed.objects.get().token
    response = admin.post(url("feed_address"), {"renew": "1"})
    assert response.status_code == 302
    new = CalendarFeed.objects.get().token
    assert new != old
    page = page_of(admin.get(url("calendar")))
    assert "The calendar has a new address; the old one no longer works." in page
    assert feed_path(new) in page and feed_path(old) not in page
    assert Client().get(feed_path(old)).status_code == 404
    assert Client().get(feed_path(new)).status_code == 200


@pytest.mark.parametrize("persona", [Role.EDITOR, Role.OWNER, Role.VIEWER])
def test_only_the_administrator_makes_the_address(world: World, persona: str) -> None:
    client = world.client_for(persona)
    assert client.post(url("feed_address")).status_code == 403
    assert not CalendarFeed.objects.exists()
    assert "Make the calendar address" not in page_of(client.get(url("calendar")))


# Queries -------------------------------------------------------------------------------------


REVIEW_QUARTERS = ("2026Q1", "2026Q2", "2026Q4", "2027Q1", "2027Q2", "2027Q3")


def make_meetings(world: World, count: int) -> None:
    """`count` meetings in 2026, and a review meeting without one after every fifth."""
    for number in range(count):
        day = datetime.date(2026, 1, 5) + datetime.timedelta(days=number * 11)
        Meeting.objects.create(
            organisation=world.organisation,
            kind=MeetingKind.PLAN if number % 2 else MeetingKind.REVIEW,
            title=f"Kokous {number}",
            date=day,
            starts=datetime.time(13),
            roadmap=world.roadmap,
        )
        if number % 5 == 0:
            ReviewFactory(
                roadmap=world.roadmap,
                quarter=REVIEW_QUARTERS[number // 5],
                meeting_date=day + datetime.timedelta(days=1),
            )


@pytest.mark.parametrize("count", [3, 30])
def test_the_calendar_page_reads_in_a_fixed_number_of_queries(
    world: World, count: int, django_assert_max_num_queries: Any
) -> None:
    make_meetings(world, count)
    services.feed_of(actor=Actor.for_user(world.users["admin"]), organisation=world.organisation)
    client = world.client_for(Role.VIEWER)
    # The session, the user and the membership; the meetings, reviews, workshops and
    # adoptions; the feed's address: the same at any size.
    with django_assert_max_num_queries(8):
        response = client.get(url("calendar"))
    assert response.status_code == 200
    page = page_of(response)
    assert f"Kokous {count - 1}" in page
    assert page.count('href="/o/testikaupunki/group/meetings/') == count


@pytest.mark.parametrize("count", [3, 30])
def test_the_feed_reads_in_a_fixed_number_of_queries(
    world: World, count: int, django_assert_max_num_queries: Any
) -> None:
    make_meetings(world, count)
    feed = services.feed_of(
        actor=Actor.for_user(world.users["admin"]), organisation=world.organisation
    )
    # The address, then the meetings, reviews, workshops and adoptions.
    with django_assert_max_num_queries(5):
        response = Client().get(feed_path(feed.token))
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == count + 1 + (count + 4) // 5


def test_a_seat_is_removed_only_from_the_edit_pages_own_button(world: World) -> None:
    member = add_member(world, world.owner_person, datetime.date(2026, 1, 1))
    client = world.client_for(Role.ADMIN)
    delete = url("member_delete", member=member.pk)
    answer = client.post(delete)
    assert answer.status_code == 302
    assert answer["Location"] == url("member_edit", member=member.pk)
    assert GroupMember.objects.filter(pk=member.pk).exists()
    page = page_of(client.get(url("member_edit", member=member.pk)))
    assert 'name="confirm" value="1"' in page
    assert client.post(delete, {"confirm": "1"}).status_code == 302
    assert not GroupMember.objects.filter(pk=member.pk).exists()
    assert GroupMember.history.filter(id=member.pk, history_type="-").exists()  # type: ignore[attr-defined]
