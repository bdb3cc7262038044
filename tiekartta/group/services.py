"""Every write of the digital group: members and their terms, meetings with their agenda,
minutes and attendance, the invitations and the calendar feed's address.

Each function is keyword-only, runs in one transaction, validates with full_clean() and leaves
a history row attributed to the actor in the same transaction."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiekartta.accounts.models import Organisation
from tiekartta.core.actors import Actor
from tiekartta.core.audit import history_by, history_paused, write_history_row
from tiekartta.core.locking import claim_version
from tiekartta.group import calendar
from tiekartta.group.agenda import draft_agenda, heading
from tiekartta.group.models import (
    MEETING_HISTORY,
    CalendarFeed,
    GroupMember,
    Meeting,
    MeetingStatus,
    new_feed_token,
)
from tiekartta.progress.models import Review
from tiekartta.roadmap.models import Person, Roadmap


def _save(instance: Any, actor: Actor) -> None:
    instance.full_clean()
    with history_by(instance, actor):
        instance.save()


# Members -----------------------------------------------------------------------------------


@dataclass
class MemberInput:
    person: Person
    role: str
    term_start: datetime.date
    term_end: datetime.date | None = None
    department: str = ""


def _apply_member(member: GroupMember, data: MemberInput) -> None:
    if data.person.organisation_id != member.organisation_id:
        raise ValidationError({"person": _("Choose a person of this organisation.")})
    member.person = data.person
    member.role = data.role
    member.department = data.department.strip()
    member.term_start = data.term_start
    member.term_end = data.term_end
    overlapping = GroupMember.objects.filter(
        organisation_id=member.organisation_id, person=data.person
    ).exclude(pk=member.pk)
    for other in overlapping:
        if (other.term_end is None or other.term_end >= data.term_start) and (
            data.term_end is None or data.term_end >= other.term_start
        ):
            raise ValidationError(
                {"term_start": _("This person already has a term in the group at that time.")}
            )


@transaction.atomic
def add_member(*, actor: Actor, organisation: Organisation, data: MemberInput) -> GroupMember:
    member = GroupMember(organisation=organisation)
    _apply_member(member, data)
    _save(member, actor)
    return member


@transaction.atomic
def update_member(
    *, actor: Actor, member: GroupMember, expected_version: int, data: MemberInput
) -> GroupMember:
    member.version = claim_version(GroupMember, member.pk, expected_version)
    _apply_member(member, data)
    _save(member, actor)
    return member


@transaction.atomic
def remove_member(*, actor: Actor, member: GroupMember) -> None:
    """For a seat recorded by mistake; a member who leaves gets the end of their term."""
    with history_by(member, actor):
        member.delete()


# Meetings ----------------------------------------------------------------------------------


@dataclass
class MeetingInput:
    kind: str
    title: str
    date: datetime.date
    starts: datetime.time | None = None
    ends: datetime.time | None = None
    location: str = ""
    roadmap: Roadmap | None = None
    review: Review | None = None


def previous_meeting_day(meeting: Meeting) -> datetime.date | None:
    """The day the group last met before this meeting: its meetings held or planned, and the
    review meetings recorded without one."""
    days = [
        day
        for day in (
            Meeting.objects.filter(organisation_id=meeting.organisation_id, date__lt=meeting.date)
            .exclude(status=MeetingStatus.CANCELLED)
            .exclude(pk=meeting.pk)
            .order_by("-date")
            .values_list("date", flat=True)
            .first(),
            Review.objects.filter(
                roadmap__organisation_id=meeting.organisation_id, meeting_date__lt=meeting.date
            )
            .order_by("-meeting_date")
            .values_list("meeting_date", flat=True)
            .first(),
        )
        if day is not None
    ]
    return max(days) if days else None


def _apply_meeting(meeting: Meeting, data: MeetingInput) -> None:
    if data.roadmap is not None and data.roadmap.organisation_id != meeting.organisation_id:
        raise ValidationError({"roadmap": _("Choose a roadmap of this organisation.")})
    if data.review is not None and data.review.roadmap.organisation_id != meeting.organisation_id:
        raise ValidationError({"review": _("Choose a review meeting of this organisation.")})
    meeting.kind = data.kind
    meeting.title = data.title.strip()
    meeting.date = data.date
    meeting.starts, meeting.ends = data.starts, data.ends
    meeting.location = data.location.strip()
    meeting.roadmap = data.roadmap
    meeting.review = data.review


def _draft(meeting: Meeting) -> None:
    meeting.agenda = draft_agenda(
        organisation=meeting.organisation,
        roadmap=meeting.roadmap,
        day=meeting.date,
        previous_day=previous_meeting_day(meeting),
        keep=meeting.agenda,
    )
    meeting.agenda_drafted_at = timezone.now()


@transaction.atomic
def schedule_meeting(*, actor: Actor, organisation: Organisation, data: MeetingInput) -> Meeting:
    meeting = Meeting(organisation=organisation)
    _apply_meeting(meeting, data)
    meeting.full_clean()
    _draft(meeting)
    _save(meeting, actor)
    return meeting


@transaction.atomic
def update_meeting(
    *, actor: Actor, meeting: Meeting, expected_version: int, data: MeetingInput
) -> Meeting:
    """A change the calendars must hear of: the sequence number goes up (RFC 5545)."""
    meeting.version = claim_version(Meeting, meeting.pk, expected_version)
    _apply_meeting(meeting, data)
    meeting.sequence += 1
    _save(meeting, actor)
    return meeting


@transaction.atomic
def redraft_agenda(*, actor: Actor, meeting: Meeting, expected_version: int) -> Meeting:
    """The agenda from the roadmap as it stands now; the notes written under it are kept."""
    meeting.version = claim_version(Meeting, meeting.pk, expected_version)
    _draft(meeting)
    _save(meeting, actor)
    return meeting


@transaction.atomic
def record_minutes(
    *,
    actor: Actor,
    meeting: Meeting,
    expected_version: int,
    notes: Mapping[str, str],
    minutes: str,
    attendees: list[GroupMember],
    held: bool,
) -> Meeting:
    """The notes under each agenda item, the other notes and who was present."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("The meeting was cancelled."))
    if any(member.organisation_id != meeting.organisation_id for member in attendees):
        raise ValidationError({"attendees": _("Choose members of this organisation's group.")})
    outside = [str(m) for m in attendees if not m.serves_on(meeting.date)]
    if outside:
        raise ValidationError(
            {
                "attendees": _("Not in the group on the meeting's day: %(members)s.")
                % {"members": ", ".join(outside)}
            }
        )
    meeting.version = claim_version(Meeting, meeting.pk, expected_version)
    meeting.agenda = [
        {**item, "note": notes.get(item["key"], "").strip()} for item in meeting.agenda
    ]
    meeting.minutes = minutes.strip()
    if held:
        meeting.status = MeetingStatus.HELD
    meeting.full_clean()
    with history_paused(meeting):
        meeting.save()
        meeting.attendees.set(attendees)
    write_history_row(MEETING_HISTORY, meeting, actor, "~")
    return meeting


@transaction.atomic
def cancel_meeting(*, actor: Actor, meeting: Meeting) -> Meeting:
    meeting.version = claim_version(Meeting, meeting.pk, meeting.version)
    meeting.status = MeetingStatus.CANCELLED
    meeting.sequence += 1
    _save(meeting, actor)
    return meeting


def invitees(meeting: Meeting) -> list[GroupMember]:
    """The members serving on the meeting's day who have an e-mail address."""
    return [
        member
        for member in GroupMember.objects.filter(organisation_id=meeting.organisation_id)
        .select_related("person")
        .order_by("person__name")
        if member.serves_on(meeting.date) and member.person.email
    ]


@transaction.atomic
def send_invitations(*, actor: Actor, meeting: Meeting) -> int:
    """One mail to each member with an address, with the meeting as an invitation their mail
    program can accept (.ics). Returns how many were sent. Sent again after a change, the
    invitation updates the calendar entry (same UID, higher sequence)."""
    members = invitees(meeting)
    if not members:
        raise ValidationError(_("No member of the group has an e-mail address."))
    organisation = meeting.organisation
    event = next(
        e
        for e in calendar.events_of(organisation, meeting.date, meeting.date)
        if e.meeting is not None and e.meeting.pk == meeting.pk
    )
    base = settings.TIEKARTTA_BASE_URL
    ics = calendar.invitation(
        organisation,
        event,
        base,
        settings.DEFAULT_FROM_EMAIL,
        [(m.person.name, m.person.email) for m in members],
    )
    # RFC 6047: the part's method is the calendar's.
    method = "CANCEL" if event.cancelled else "REQUEST"
    when = meeting.date.isoformat() + (f" {meeting.starts:%H:%M}" if meeting.starts else "")
    body = "\n".join(
        [
            _("You are invited to the digital group's meeting."),
            "",
            f"{meeting.title}",
            f"{when}" + (f", {meeting.location}" if meeting.location else ""),
            "",
            _("Agenda") + ":",
            *[f"{number}. {heading(item['key'])}" for number, item in enumerate(meeting.agenda, 1)],
            "",
            base + event.url,
        ]
    )
    for member in members:
        message = EmailMessage(
            subject=(_("Cancelled: %(title)s") if event.cancelled else _("Invitation: %(title)s"))
            % {"title": meeting.title},
            body=body,
            to=[member.person.email],
        )
        message.attach("invite.ics", ics, f"text/calendar; method={method}; charset=utf-8")
        message.send()
    meeting.version = claim_version(Meeting, meeting.pk, meeting.version)
    meeting.invited_at = timezone.now()
    _save(meeting, actor)
    return len(members)


# The calendar feed -------------------------------------------------------------------------


@transaction.atomic
def feed_of(*, actor: Actor, organisation: Organisation) -> CalendarFeed:
    found = CalendarFeed.objects.filter(organisation=organisation).first()
    if found is not None:
        return found
    created = CalendarFeed(organisation=organisation)
    _save(created, actor)
    return created


@transaction.atomic
def renew_feed_address(*, actor: Actor, organisation: Organisation) -> CalendarFeed:
    """A new secret address: the old one stops working (a feed address that leaked)."""
    current = feed_of(actor=actor, organisation=organisation)
    current.token = new_feed_token()
    _save(current, actor)
    return current
