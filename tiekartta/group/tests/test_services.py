"""The digital group's services: members and their terms, a meeting's agenda drafted from the
roadmap, the minutes with the attendance, changes and cancellation, and the invitations
carried as iCalendar requests."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from icalendar import Calendar

from conftest import World
from tests.factories import (
    IdeaFactory,
    MetricFactory,
    MetricValueFactory,
    PersonFactory,
    ProgressEntryFactory,
    TaskFactory,
)
from tiekartta.core.actors import Actor
from tiekartta.core.locking import ConflictError
from tiekartta.group import services
from tiekartta.group.models import GroupMember, GroupRole, Meeting, MeetingKind, MeetingStatus
from tiekartta.ideas.models import IdeaStatus
from tiekartta.roadmap.models import Person, Status

HELSINKI = datetime.timezone(datetime.timedelta(hours=2))
DAY = datetime.date(2026, 11, 20)  # Q4/2026
PREVIOUS = datetime.date(2026, 10, 6)  # the group's previous meeting


def actor(world: World, persona: str = "editor") -> Actor:
    return Actor.for_user(world.users[persona])


def member_input(
    person: Person, start: datetime.date, end: datetime.date | None = None, **kw: Any
) -> services.MemberInput:
    return services.MemberInput(
        person=person, role=kw.pop("role", GroupRole.MEMBER), term_start=start, term_end=end, **kw
    )


def add(
    world: World, person: Person, start: datetime.date, end: datetime.date | None = None, **kw: Any
) -> GroupMember:
    return services.add_member(
        actor=actor(world, "admin"),
        organisation=world.organisation,
        data=member_input(person, start, end, **kw),
    )


def schedule(world: World, day: datetime.date = DAY, **fields: Any) -> Meeting:
    values: dict[str, Any] = {
        "kind": MeetingKind.REVIEW,
        "title": "Digiryhmän seurantakokous 2026/4",
        "date": day,
        "starts": datetime.time(13),
        "ends": datetime.time(15),
        "location": "Kaupungintalo, kokoushuone 2",
        "roadmap": world.roadmap,
    }
    values.update(fields)
    return services.schedule_meeting(
        actor=actor(world), organisation=world.organisation, data=services.MeetingInput(**values)
    )


def at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=HELSINKI)


def item(meeting: Meeting, key: str) -> dict[str, Any]:
    return next(i for i in meeting.agenda if i["key"] == key)


# Members and their terms ---------------------------------------------------------------------


def test_a_member_is_added_with_a_history_row_naming_the_actor(world: World) -> None:
    member = add(
        world,
        world.owner_person,
        datetime.date(2026, 1, 1),
        role=GroupRole.CHAIR,
        department="  Tekninen toimi ",
    )
    member.refresh_from_db()
    assert (member.role, member.department, member.term_end) == (
        GroupRole.CHAIR,
        "Tekninen toimi",
        None,
    )
    assert member.organisation == world.organisation
    row = member.history.get()
    assert row.history_type == "+" and row.history_user == world.users["admin"]


def test_a_term_cannot_end_before_it_begins(world: World) -> None:
    with pytest.raises(ValidationError) as raised:
        add(world, world.owner_person, datetime.date(2026, 6, 1), datetime.date(2026, 5, 31))
    assert "The term cannot end before it begins." in raised.value.messages
    assert not GroupMember.objects.exists()


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (datetime.date(2025, 6, 1), datetime.date(2026, 1, 1)),  # ends on the first's first day
        (datetime.date(2027, 12, 31), None),  # begins on the first's last day
        (datetime.date(2026, 3, 1), datetime.date(2026, 4, 1)),  # inside it
        (datetime.date(2025, 1, 1), None),  # open, around it
    ],
)
def test_an_overlapping_term_of_the_same_person_is_refused(
    world: World, start: datetime.date, end: datetime.date | None
) -> None:
    add(world, world.owner_person, datetime.date(2026, 1, 1), datetime.date(2027, 12, 31))
    with pytest.raises(ValidationError) as raised:
        add(world, world.owner_person, start, end)
    assert raised.value.message_dict == {
        "term_start": ["This person already has a term in the group at that time."]
    }
    assert GroupMember.objects.count() == 1


def test_an_open_term_overlaps_every_later_one(world: World) -> None:
    add(world, world.owner_person, datetime.date(2026, 1, 1))
    with pytest.raises(ValidationError):
        add(world, world.owner_person, datetime.date(2030, 1, 1), datetime.date(2030, 12, 31))


def test_a_second_term_after_the_first_is_a_second_seat(world: World) -> None:
    first = add(world, world.owner_person, datetime.date(2023, 1, 1), datetime.date(2025, 12, 31))
    second = add(world, world.owner_person, datetime.date(2026, 1, 1), role=GroupRole.SECRETARY)
    # Another person's term at the same time is no overlap.
    other = add(world, world.other_person, datetime.date(2023, 1, 1))
    assert GroupMember.objects.filter(person=world.owner_person).count() == 2
    assert first.serves_on(datetime.date(2025, 12, 31)) and not first.serves_on(DAY)
    assert second.serves_on(DAY) and not second.serves_on(datetime.date(2025, 12, 31))
    assert other.serves_on(DAY)


def test_editing_a_term_does_not_count_the_seat_itself_and_is_recorded(world: World) -> None:
    member = add(world, world.owner_person, datetime.date(2026, 1, 1))
    services.update_member(
        actor=actor(world, "admin"),
        member=member,
        expected_version=member.version,
        data=member_input(world.owner_person, datetime.date(2026, 1, 1), DAY),
    )
    member.refresh_from_db()
    assert member.term_end == DAY and member.version == 2
    rows = list(member.history.order_by("history_id"))
    assert [r.history_type for r in rows] == ["+", "~"]
    assert {r.history_user for r in rows} == {world.users["admin"]}
    with pytest.raises(ConflictError):
        services.update_member(
            actor=actor(world, "admin"),
            member=member,
            expected_version=1,
            data=member_input(world.owner_person, datetime.date(2026, 1, 1)),
        )


def test_a_member_is_a_person_of_the_organisation(world: World) -> None:
    stranger = PersonFactory(organisation=world.outsider_organisation)
    with pytest.raises(ValidationError) as raised:
        add(world, stranger, datetime.date(2026, 1, 1))
    assert "person" in raised.value.message_dict


def test_removing_a_seat_leaves_a_deletion_row(world: World) -> None:
    member = add(world, world.owner_person, datetime.date(2026, 1, 1))
    services.remove_member(actor=actor(world, "admin"), member=member)
    assert not GroupMember.objects.exists()
    row = GroupMember.history.filter(history_type="-").get()
    assert row.history_user == world.users["admin"]


# The agenda ----------------------------------------------------------------------------------


@pytest.fixture
def roadmap_in_q4(world: World) -> dict[str, Any]:
    """World's roadmap as the group finds it on DAY: its two tasks due this quarter, a task
    late since Q2, a done task due now, owners' updates before and after the last meeting,
    and a metric without a fresh value beside one with."""
    world.own_task.completion = 40
    world.own_task.save()
    late = TaskFactory(
        theme=world.other_theme,
        owner=world.other_person,
        title="Sähköinen arkisto",
        start="2026Q1",
        due="2026Q2",
        status=Status.IN_PROGRESS,
        completion=30,
    )
    TaskFactory(theme=world.theme, owner=world.other_person, title="Valmis jo", status=Status.DONE)
    TaskFactory(theme=world.theme, owner=world.other_person, title="Ensi vuonna", due="2027Q2")
    # Before the previous meeting: already heard then.
    ProgressEntryFactory(task=late, quarter="2026Q3", completion=20, recorded_at=at(PREVIOUS))
    # After it: two from the same task (the later counts), one for another task.
    ProgressEntryFactory(
        task=world.own_task, quarter="2026Q4", completion=35, recorded_at=at(PREVIOUS, 13)
    )
    ProgressEntryFactory(
        task=world.own_task,
        quarter="2026Q4",
        completion=40,
        recorded_at=at(datetime.date(2026, 11, 2)),
    )
    ProgressEntryFactory(
        task=late, quarter="2026Q4", completion=30, recorded_at=at(datetime.date(2026, 10, 20))
    )
    # Recorded in a review meeting: the meeting itself, not an owner's update.
    ProgressEntryFactory(
        task=world.others_task,
        quarter="2026Q4",
        completion=10,
        review=world.review,
        recorded_at=at(datetime.date(2026, 11, 3)),
    )
    # After the meeting's day: not yet there when it meets.
    ProgressEntryFactory(
        task=world.others_task,
        quarter="2026Q4",
        completion=15,
        recorded_at=at(datetime.date(2026, 11, 25)),
    )
    fresh = MetricFactory(roadmap=world.roadmap, name="Sähköiset asioinnit", order=1)
    MetricValueFactory(metric=fresh, period="2026Q3", value=35)
    stale = MetricFactory(roadmap=world.roadmap, name="Etäluettavat mittarit", order=2)
    MetricValueFactory(metric=stale, period="2026Q1", value=22)
    IdeaFactory(organisation=world.organisation, status=IdeaStatus.UNDER_REVIEW)
    IdeaFactory(organisation=world.organisation, status=IdeaStatus.UNDER_REVIEW)
    IdeaFactory(organisation=world.organisation, status=IdeaStatus.NEW)
    IdeaFactory(organisation=world.outsider_organisation, status=IdeaStatus.UNDER_REVIEW)
    return {"late": late}


def test_scheduling_drafts_the_agenda_from_the_roadmap(
    world: World, roadmap_in_q4: dict[str, Any]
) -> None:
    schedule(world, PREVIOUS, title="Edellinen kokous", roadmap=None)
    meeting = schedule(world)
    meeting.refresh_from_db()
    assert [i["key"] for i in meeting.agenda] == [
        "opening",
        "previous",
        "due",
        "late",
        "updates",
        "stale",
        "decisions",
        "other",
        "next",
    ]
    assert meeting.agenda_drafted_at is not None
    assert item(meeting, "previous")["lines"] == ["10/06/2026"]
    assert sorted(item(meeting, "due")["lines"]) == [
        "Kokoelmajärjestelmä — Museonjohtaja, 0 %",
        "Vesimittarien etäluenta — Tekninen johtaja, 40 %",
    ]
    assert item(meeting, "late")["lines"] == ["Sähköinen arkisto — Museonjohtaja, Q2/2026, 30 %"]
    assert item(meeting, "updates")["lines"] == [
        "Sähköinen arkisto: 30 % (Q4/2026)",
        "Vesimittarien etäluenta: 40 % (Q4/2026)",
    ]
    assert item(meeting, "stale")["lines"] == ["Etäluettavat mittarit"]
    assert item(meeting, "decisions")["lines"] == [{"kind": "ideas", "count": 2}]
    assert all(i["note"] == "" for i in meeting.agenda)
    row = meeting.history.get()
    assert row.history_type == "+" and row.history_user == world.users["editor"]


def test_without_a_previous_meeting_every_update_is_new_and_no_previous_item(
    world: World, roadmap_in_q4: dict[str, Any]
) -> None:
    # World's review meets only after this meeting.
    world.review.meeting_date = datetime.date(2026, 12, 10)
    world.review.save()
    meeting = schedule(world)
    assert "previous" not in [i["key"] for i in meeting.agenda]
    assert item(meeting, "updates")["lines"] == [
        "Sähköinen arkisto: 30 % (Q4/2026)",
        "Vesimittarien etäluenta: 40 % (Q4/2026)",
    ]


def test_the_review_meeting_recorded_without_a_meeting_counts_as_the_previous(
    world: World, roadmap_in_q4: dict[str, Any]
) -> None:
    # World's review met on 20.9.; a cancelled meeting after it does not count.
    cancelled = schedule(world, PREVIOUS, title="Peruttu", roadmap=None)
    services.cancel_meeting(actor=actor(world), meeting=cancelled)
    meeting = schedule(world)
    assert item(meeting, "previous")["lines"] == ["09/20/2026"]
    assert item(meeting, "updates")["lines"] == [
        "Sähköinen arkisto: 30 % (Q4/2026)",
        "Vesimittarien etäluenta: 40 % (Q4/2026)",
    ]


def test_a_meeting_without_a_roadmap_has_the_standing_items_only(world: World) -> None:
    meeting = schedule(world, roadmap=None)
    assert [i["key"] for i in meeting.agenda] == ["opening", "previous", "other", "next"]


def test_drafting_again_follows_the_roadmap_and_keeps_the_notes(
    world: World, roadmap_in_q4: dict[str, Any]
) -> None:
    meeting = schedule(world)
    services.record_minutes(
        actor=actor(world),
        meeting=meeting,
        expected_version=meeting.version,
        notes={"late": "Arkisto siirtyy ensi vuoteen.", "other": "Ei muita asioita."},
        minutes="",
        attendees=[],
        held=False,
    )
    late = roadmap_in_q4["late"]
    late.status = Status.DONE
    late.save()
    meeting = services.redraft_agenda(
        actor=actor(world), meeting=meeting, expected_version=meeting.version
    )
    meeting.refresh_from_db()
    assert item(meeting, "late")["lines"] == []
    assert item(meeting, "late")["note"] == "Arkisto siirtyy ensi vuoteen."
    assert item(meeting, "other")["note"] == "Ei muita asioita."
    assert item(meeting, "due")["note"] == ""
    with pytest.raises(ConflictError):
        services.redraft_agenda(actor=actor(world), meeting=meeting, expected_version=1)


def test_a_roadmap_of_another_organisation_is_refused(world: World) -> None:
    with pytest.raises(ValidationError) as raised:
        schedule(world, roadmap=world.outsider_roadmap)
    assert "roadmap" in raised.value.message_dict
    assert not Meeting.objects.exists()


def test_a_meeting_must_end_after_it_begins(world: World) -> None:
    with pytest.raises(ValidationError) as raised:
        schedule(world, starts=datetime.time(15), ends=datetime.time(13))
    assert "The meeting must end after it begins." in raised.value.messages
    assert not Meeting.objects.exists()


# The minutes ---------------------------------------------------------------------------------


@pytest.fixture
def members(world: World) -> dict[str, GroupMember]:
    return {
        "chair": add(world, world.owner_person, datetime.date(2026, 1, 1), role=GroupRole.CHAIR),
        "member": add(world, world.other_person, datetime.date(2026, 1, 1), DAY),
        "former": add(
            world,
            PersonFactory(organisation=world.organisation, name="Entinen jäsen"),
            datetime.date(2023, 1, 1),
            datetime.date(2025, 12, 31),
        ),
        "later": add(
            world,
            PersonFactory(organisation=world.organisation, name="Tuleva jäsen"),
            datetime.date(2026, 11, 21),
        ),
    }


def minutes(world: World, meeting: Meeting, attendees: list[GroupMember], **kw: Any) -> Meeting:
    values: dict[str, Any] = {
        "expected_version": meeting.version,
        "notes": {"due": "  Etäluenta etenee.  ", "other": "Ei muita.", "nothing": "ignored"},
        "minutes": " Kokous päättyi klo 14.50. ",
        "attendees": attendees,
        "held": True,
    }
    values.update(kw)
    return services.record_minutes(actor=actor(world), meeting=meeting, **values)


def test_the_minutes_are_notes_under_the_items_and_the_attendance(
    world: World, members: dict[str, GroupMember]
) -> None:
    meeting = schedule(world)
    keys = [i["key"] for i in meeting.agenda]
    minutes(world, meeting, [members["chair"], members["member"]])
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert [i["key"] for i in meeting.agenda] == keys, "no item added for an unknown key"
    assert item(meeting, "due")["note"] == "Etäluenta etenee."
    assert item(meeting, "other")["note"] == "Ei muita."
    assert item(meeting, "opening")["note"] == ""
    assert meeting.minutes == "Kokous päättyi klo 14.50."
    assert meeting.status == MeetingStatus.HELD
    assert set(meeting.attendees.all()) == {members["chair"], members["member"]}
    assert meeting.version == 2
    # One history row for the change, with the attendance in it, by the actor.
    rows = list(meeting.history.order_by("history_id"))
    assert [r.history_type for r in rows] == ["+", "~"]
    assert rows[-1].history_user == world.users["editor"]
    assert {a.groupmember_id for a in rows[-1].attendees.all()} == {
        members["chair"].pk,
        members["member"].pk,
    }


def test_minutes_without_held_keep_the_meeting_planned(
    world: World, members: dict[str, GroupMember]
) -> None:
    meeting = minutes(world, schedule(world), [], held=False)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED and not meeting.attendees.exists()


@pytest.mark.parametrize("who", ["former", "later"])
def test_a_member_not_serving_on_the_day_cannot_be_present(
    world: World, members: dict[str, GroupMember], who: str
) -> None:
    meeting = schedule(world)
    with pytest.raises(ValidationError) as raised:
        minutes(world, meeting, [members["chair"], members[who]])
    assert list(raised.value.message_dict) == ["attendees"]
    assert str(members[who].person) in raised.value.message_dict["attendees"][0]
    meeting.refresh_from_db()
    assert meeting.version == 1 and meeting.status == MeetingStatus.PLANNED
    assert not meeting.attendees.exists()
    assert item(meeting, "due")["note"] == ""


def test_a_member_of_another_organisation_cannot_be_present(
    world: World, members: dict[str, GroupMember]
) -> None:
    stranger = services.add_member(
        actor=Actor.for_user(world.users["outsider"]),
        organisation=world.outsider_organisation,
        data=member_input(
            PersonFactory(organisation=world.outsider_organisation), datetime.date(2026, 1, 1)
        ),
    )
    meeting = schedule(world)
    with pytest.raises(ValidationError) as raised:
        minutes(world, meeting, [members["chair"], stranger])
    assert raised.value.message_dict == {
        "attendees": ["Choose members of this organisation's group."]
    }
    assert not meeting.attendees.exists()


def test_minutes_from_a_stale_version_are_refused(
    world: World, members: dict[str, GroupMember]
) -> None:
    meeting = schedule(world)
    minutes(world, Meeting.objects.get(pk=meeting.pk), [members["chair"]])
    with pytest.raises(ConflictError):
        minutes(world, meeting, [members["member"]], expected_version=1, notes={"due": "Vanha"})
    meeting.refresh_from_db()
    assert item(meeting, "due")["note"] == "Etäluenta etenee."
    assert list(meeting.attendees.all()) == [members["chair"]]


def test_a_cancelled_meeting_takes_no_minutes(
    world: World, members: dict[str, GroupMember]
) -> None:
    meeting = services.cancel_meeting(actor=actor(world), meeting=schedule(world))
    with pytest.raises(ValidationError):
        minutes(world, meeting, [members["chair"]])


# Changes and cancellation --------------------------------------------------------------------


def test_a_change_raises_the_calendar_sequence(world: World) -> None:
    meeting = schedule(world)
    assert (meeting.sequence, meeting.version) == (0, 1)
    uid = meeting.uid
    services.update_meeting(
        actor=actor(world),
        meeting=meeting,
        expected_version=1,
        data=services.MeetingInput(
            kind=MeetingKind.REVIEW,
            title="Seurantakokous (siirretty)",
            date=datetime.date(2026, 11, 27),
            starts=datetime.time(9),
            ends=datetime.time(11),
            roadmap=world.roadmap,
        ),
    )
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert (meeting.sequence, meeting.version, meeting.uid) == (1, 2, uid)
    assert (meeting.title, meeting.date, meeting.starts) == (
        "Seurantakokous (siirretty)",
        datetime.date(2026, 11, 27),
        datetime.time(9),
    )
    assert meeting.history.latest().history_user == world.users["editor"]
    with pytest.raises(ConflictError):
        services.update_meeting(
            actor=actor(world),
            meeting=meeting,
            expected_version=1,
            data=services.MeetingInput(kind=MeetingKind.OTHER, title="Vanha", date=DAY),
        )
    meeting.refresh_from_db()
    assert (meeting.sequence, meeting.title) == (1, "Seurantakokous (siirretty)")


def test_cancelling_marks_the_meeting_and_raises_the_sequence(world: World) -> None:
    meeting = schedule(world)
    services.cancel_meeting(actor=actor(world), meeting=meeting)
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert meeting.status == MeetingStatus.CANCELLED
    assert (meeting.sequence, meeting.version) == (1, 2)
    row = meeting.history.latest()
    assert row.status == MeetingStatus.CANCELLED and row.history_user == world.users["editor"]


# Invitations ---------------------------------------------------------------------------------


@pytest.fixture
def invited_members(world: World) -> dict[str, GroupMember]:
    world.owner_person.email = "tekninen.johtaja@testikaupunki.fi"
    world.owner_person.save()
    world.other_person.email = "museonjohtaja@testikaupunki.fi"
    world.other_person.save()
    return {
        "chair": add(world, world.owner_person, datetime.date(2026, 1, 1), role=GroupRole.CHAIR),
        "member": add(world, world.other_person, datetime.date(2026, 1, 1)),
        "no_address": add(
            world,
            PersonFactory(organisation=world.organisation, name="Ilman osoitetta", email=""),
            datetime.date(2026, 1, 1),
        ),
        "former": add(
            world,
            PersonFactory(
                organisation=world.organisation, name="Entinen", email="entinen@testikaupunki.fi"
            ),
            datetime.date(2023, 1, 1),
            datetime.date(2025, 12, 31),
        ),
    }


def invitation_of(message: Any) -> Calendar:
    attachments = [a for a in message.attachments if a[0] == "invite.ics"]
    assert len(attachments) == 1
    _name, content, mimetype = attachments[0]
    assert mimetype.split(";")[0] == "text/calendar"
    assert "method=REQUEST" in mimetype
    return Calendar.from_ical(content)


def test_invitations_go_to_each_serving_member_with_an_address(
    world: World, invited_members: dict[str, GroupMember]
) -> None:
    meeting = schedule(world)
    sent = services.send_invitations(actor=actor(world), meeting=meeting)
    assert sent == 2
    assert sorted(m.to[0] for m in mail.outbox) == [
        "museonjohtaja@testikaupunki.fi",
        "tekninen.johtaja@testikaupunki.fi",
    ]
    assert all(len(m.to) == 1 for m in mail.outbox)
    message = mail.outbox[0]
    assert message.subject == "Invitation: Digiryhmän seurantakokous 2026/4"
    assert "Digiryhmän seurantakokous 2026/4" in message.body
    assert "2026-11-20 13:00, Kaupungintalo, kokoushuone 2" in message.body
    assert "3. Tasks due this quarter" in message.body
    assert f"/o/testikaupunki/group/meetings/{meeting.pk}/" in message.body

    calendar = invitation_of(message)
    assert calendar["METHOD"] == "REQUEST"
    assert calendar["VERSION"] == "2.0"
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert str(event["UID"]) == f"{meeting.uid}@tiekartta"
    assert int(event["SEQUENCE"]) == 0
    assert str(event["SUMMARY"]) == "Digiryhmän seurantakokous 2026/4"
    assert str(event["LOCATION"]) == "Kaupungintalo, kokoushuone 2"
    assert event["DTSTART"].params["TZID"] == "Europe/Helsinki"
    assert event["DTEND"].params["TZID"] == "Europe/Helsinki"
    start = event.decoded("DTSTART")
    assert start.replace(tzinfo=None) == datetime.datetime(2026, 11, 20, 13, 0)
    assert start.utcoffset() == datetime.timedelta(hours=2)
    assert event.decoded("DTEND").replace(tzinfo=None) == datetime.datetime(2026, 11, 20, 15, 0)
    timezones = list(calendar.walk("VTIMEZONE"))
    assert [str(tz["TZID"]) for tz in timezones] == ["Europe/Helsinki"]
    attendees = event.get("ATTENDEE")
    attendees = attendees if isinstance(attendees, list) else [attendees]
    assert sorted(str(a) for a in attendees) == [
        "mailto:museonjohtaja@testikaupunki.fi",
        "mailto:tekninen.johtaja@testikaupunki.fi",
    ]
    by_address = {str(a): a.params for a in attendees}
    params = by_address["mailto:museonjohtaja@testikaupunki.fi"]
    assert params["CN"] == "Museonjohtaja"
    assert (params["ROLE"], params["PARTSTAT"], params["RSVP"]) == (
        "REQ-PARTICIPANT",
        "NEEDS-ACTION",
        "TRUE",
    )
    # Every member gets the same invitation.
    assert len({m.attachments[0][1] for m in mail.outbox}) == 1
    meeting.refresh_from_db()
    assert meeting.invited_at is not None and meeting.version == 2
    assert meeting.history.latest().history_user == world.users["editor"]


def test_the_organiser_is_a_plain_mail_address(
    world: World, invited_members: dict[str, GroupMember], settings: Any
) -> None:
    settings.DEFAULT_FROM_EMAIL = "Tiekartta <tiekartta@testikaupunki.fi>"
    services.send_invitations(actor=actor(world), meeting=schedule(world))
    event = next(iter(invitation_of(mail.outbox[0]).walk("VEVENT")))
    # RFC 5545 cal-address: a mailto: URI, the name in CN, never "Name <address>".
    assert str(event["ORGANIZER"]) == "mailto:tiekartta@testikaupunki.fi"


def test_invitations_after_a_change_carry_the_same_uid_and_a_higher_sequence(
    world: World, invited_members: dict[str, GroupMember]
) -> None:
    meeting = schedule(world)
    services.send_invitations(actor=actor(world), meeting=meeting)
    meeting = services.update_meeting(
        actor=actor(world),
        meeting=meeting,
        expected_version=meeting.version,
        data=services.MeetingInput(
            kind=MeetingKind.REVIEW,
            title="Seurantakokous (siirretty)",
            date=DAY,
            starts=datetime.time(9, 30),
            roadmap=world.roadmap,
        ),
    )
    mail.outbox.clear()
    services.send_invitations(actor=actor(world), meeting=meeting)
    event = next(iter(invitation_of(mail.outbox[0]).walk("VEVENT")))
    assert str(event["UID"]) == f"{meeting.uid}@tiekartta"
    assert int(event["SEQUENCE"]) == 1
    # Without an end time the meeting lasts two hours.
    assert event.decoded("DTEND").replace(tzinfo=None) == datetime.datetime(2026, 11, 20, 11, 30)


def test_the_notice_of_a_cancelled_meeting_is_a_cancellation_throughout(
    world: World, invited_members: dict[str, GroupMember]
) -> None:
    meeting = services.cancel_meeting(actor=actor(world), meeting=schedule(world))
    services.send_invitations(actor=actor(world), meeting=meeting)
    message = mail.outbox[0]
    assert message.subject == "Cancelled: Digiryhmän seurantakokous 2026/4"
    _name, content, mimetype = message.attachments[0]
    calendar = Calendar.from_ical(content)
    assert calendar["METHOD"] == "CANCEL"
    event = next(iter(calendar.walk("VEVENT")))
    assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 1
    # RFC 6047: the content type's method is the calendar's own.
    assert "method=CANCEL" in mimetype


def test_without_a_member_with_an_address_nothing_is_sent(world: World) -> None:
    add(world, world.owner_person, datetime.date(2026, 1, 1))  # no e-mail
    PersonFactory(organisation=world.organisation, email="ei.jasen@testikaupunki.fi")
    meeting = schedule(world)
    with pytest.raises(ValidationError) as raised:
        services.send_invitations(actor=actor(world), meeting=meeting)
    assert raised.value.messages == ["No member of the group has an e-mail address."]
    assert mail.outbox == []
    meeting.refresh_from_db()
    assert meeting.invited_at is None and meeting.version == 1


# The calendar feed's address -----------------------------------------------------------------


def test_the_feed_address_is_made_once_and_renewed(world: World) -> None:
    feed = services.feed_of(actor=actor(world, "admin"), organisation=world.organisation)
    again = services.feed_of(actor=actor(world, "admin"), organisation=world.organisation)
    assert again.pk == feed.pk and again.token == feed.token and len(feed.token) >= 30
    renewed = services.renew_feed_address(
        actor=actor(world, "admin"), organisation=world.organisation
    )
    assert renewed.pk == feed.pk and renewed.token != feed.token
    assert feed.history.filter(history_user=world.users["admin"]).count() == 2
