"""The group's year as a calendar: its own meetings, and the review meetings, workshops and
adoptions recorded elsewhere that no meeting stands for; and the same as an iCalendar feed
(RFC 5545, written with `icalendar`) and as the invitation a member's mail carries."""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass
from email.utils import parseaddr

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from tiekartta.accounts.models import Organisation
from tiekartta.group.agenda import heading
from tiekartta.group.models import Meeting, MeetingKind, MeetingStatus
from tiekartta.ideas.models import Workshop
from tiekartta.plans.models import PlanVersion
from tiekartta.progress.models import Review

# A meeting without times is in the calendar as an all-day event.
DEFAULT_LENGTH = datetime.timedelta(hours=2)


@dataclass
class CalendarEvent:
    uid: str
    kind: str  # a MeetingKind value
    title: str
    date: datetime.date
    starts: datetime.time | None
    ends: datetime.time | None
    location: str
    url: str
    cancelled: bool = False
    sequence: int = 0
    description: str = ""
    meeting: Meeting | None = None

    @property
    def kind_label(self) -> str:
        return str(MeetingKind(self.kind).label)


def events_of(
    organisation: Organisation, first: datetime.date, last: datetime.date
) -> list[CalendarEvent]:
    """Every event of the organisation from `first` to `last`, in date order, in five queries."""
    org = organisation.slug
    events: list[CalendarEvent] = []
    meetings = list(
        Meeting.objects.filter(organisation=organisation, date__range=(first, last)).order_by(
            "date", "starts", "pk"
        )
    )
    for meeting in meetings:
        events.append(
            CalendarEvent(
                uid=f"{meeting.uid}@tiekartta",
                kind=meeting.kind,
                title=meeting.title,
                date=meeting.date,
                starts=meeting.starts,
                ends=meeting.ends,
                location=meeting.location,
                url=reverse("group:meeting", kwargs={"org": org, "meeting": meeting.pk}),
                cancelled=meeting.status == MeetingStatus.CANCELLED,
                sequence=meeting.sequence,
                description="\n".join(heading(item["key"]) for item in meeting.agenda),
                meeting=meeting,
            )
        )
    reviews = Review.objects.filter(
        roadmap__organisation=organisation,
        meeting_date__range=(first, last),
        group_meeting__isnull=True,
    ).select_related("roadmap")
    for review in reviews:
        events.append(
            CalendarEvent(
                uid=f"review-{review.pk}@tiekartta",
                kind=MeetingKind.REVIEW,
                title=_("Review meeting %(quarter)s: %(roadmap)s")
                % {"quarter": review.quarter, "roadmap": review.roadmap.title},
                date=review.meeting_date,
                starts=None,
                ends=None,
                location="",
                url=reverse(
                    "progress:review_detail",
                    kwargs={"org": org, "roadmap": review.roadmap.slug, "review": review.pk},
                ),
            )
        )
    workshops = Workshop.objects.filter(
        organisation=organisation, held_on__range=(first, last), group_meeting__isnull=True
    )
    for workshop in workshops:
        events.append(
            CalendarEvent(
                uid=f"workshop-{workshop.pk}@tiekartta",
                kind=MeetingKind.WORKSHOP,
                title=workshop.title,
                date=workshop.held_on,
                starts=None,
                ends=None,
                location="",
                url=reverse("ideas:workshop", kwargs={"org": org, "workshop": workshop.pk}),
            )
        )
    versions = PlanVersion.objects.filter(
        roadmap__organisation=organisation, decided_on__range=(first, last)
    ).select_related("roadmap")
    for version in versions:
        events.append(
            CalendarEvent(
                uid=f"plan-version-{version.pk}@tiekartta",
                kind=MeetingKind.ADOPTION,
                title=(
                    _("Adopted: %(roadmap)s")
                    if version.number == 1
                    else _("Revision adopted: %(roadmap)s")
                )
                % {"roadmap": version.roadmap.title},
                date=version.decided_on,
                starts=None,
                ends=None,
                location=version.decision_label,
                url=reverse("plans:versions", kwargs={"org": org, "roadmap": version.roadmap.slug}),
            )
        )
    return sorted(events, key=lambda e: (e.date, e.starts or datetime.time(0), e.title))


def _local(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, time, tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))


def _vevent(event: CalendarEvent, base_url: str) -> Event:
    item = Event()
    item.add("uid", event.uid)
    item.add("dtstamp", timezone.now())
    item.add("summary", event.title)
    if event.starts is not None:
        start = _local(event.date, event.starts)
        end = _local(event.date, event.ends) if event.ends else start + DEFAULT_LENGTH
        item.add("dtstart", start)
        item.add("dtend", end)
    else:
        item.add("dtstart", event.date)
        item.add("dtend", event.date + datetime.timedelta(days=1))
    if event.location:
        item.add("location", event.location)
    url = base_url.rstrip("/") + event.url
    item.add("url", url)
    item.add("description", "\n".join(filter(None, [event.description, url])))
    item.add("categories", [event.kind_label])
    item.add("sequence", event.sequence)
    item.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    return item


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Tiekartta//digital group//FI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def feed(organisation: Organisation, events: list[CalendarEvent], base_url: str) -> bytes:
    calendar = _calendar(_("Digital group: %(organisation)s") % {"organisation": organisation.name})
    for event in events:
        calendar.add_component(_vevent(event, base_url))
    # The VTIMEZONE of each TZID used: Outlook reads no time without one.
    calendar.add_missing_timezones()
    return calendar.to_ical()


def invitation(
    organisation: Organisation,
    event: CalendarEvent,
    base_url: str,
    organiser: str,
    attendees: list[tuple[str, str]],
) -> bytes:
    """The meeting as a request (METHOD:REQUEST) that a mail program offers to accept."""
    calendar = _calendar(_("Digital group: %(organisation)s") % {"organisation": organisation.name})
    calendar.add("method", "CANCEL" if event.cancelled else "REQUEST")
    item = _vevent(event, base_url)
    # DEFAULT_FROM_EMAIL may carry a display name ("Tiekartta <…>"): the address is bare.
    name, address = parseaddr(organiser)
    organiser_address = vCalAddress(f"mailto:{address}")
    organiser_address.params["cn"] = vText(name or organisation.name)
    item.add("organizer", organiser_address)
    for name, email in attendees:
        address = vCalAddress(f"mailto:{email}")
        address.params["cn"] = vText(name)
        address.params["role"] = vText("REQ-PARTICIPANT")
        address.params["partstat"] = vText("NEEDS-ACTION")
        address.params["rsvp"] = vText("TRUE")
        item.add("attendee", address, encode=0)
    calendar.add_component(item)
    calendar.add_missing_timezones()
    return calendar.to_ical()
