"""The demo's digital group: the seed's eighteen members by their role titles, a first term
for the 2023–2025 roadmap and a second from 2026, and its meetings 2023–2026 made through
the group's services: one for each review meeting with its attendance and decisions, the plan
meetings before the revision and the renewal, and the coming review meeting with its agenda
drafted from the current roadmap."""

from __future__ import annotations

import datetime

from tiekartta.accounts.models import Organisation
from tiekartta.core.actors import Actor
from tiekartta.group import services
from tiekartta.group.models import GroupMember, GroupRole, Meeting, MeetingKind
from tiekartta.progress.demo import DEMO_NEXT_REVIEW, GROUP
from tiekartta.progress.models import Review
from tiekartta.roadmap.models import Person, Roadmap

ORGANISATION = "kankaanpaa-demo"
ROLES = {"cio": GroupRole.CHAIR, "records_secretary": GroupRole.SECRETARY}
TERMS = (
    (datetime.date(2023, 1, 1), datetime.date(2025, 12, 31)),
    (datetime.date(2026, 1, 1), None),
)
# Left after the first term; the project coordinator joined for the second.
FIRST_TERM_ONLY = frozenset({"business_director"})
SECOND_TERM_ONLY = frozenset({"project_coordinator"})
PLACE = "Kaupungintalo, kokoushuone 2 ja Teams"
PLAN_MEETINGS = (
    (datetime.date(2024, 1, 23), "Digitiekartan päivityksen valmistelu", "2023-2025"),
    (datetime.date(2025, 10, 14), "Digitiekartan uudistamisen valmistelu", "2023-2025"),
    (datetime.date(2027, 1, 26), "Digitiekartan vuoden 2027 painopisteet", "2026-2028"),
)


def add_demo_group(actor: Actor, people: dict[str, Person]) -> list[str]:
    organisation = Organisation.objects.filter(slug=ORGANISATION).first()
    if organisation is None or GroupMember.objects.filter(organisation=organisation).exists():
        return []
    members: dict[tuple[str, int], GroupMember] = {}
    for key in GROUP:
        for term, (start, end) in enumerate(TERMS):
            if (term == 1 and key in FIRST_TERM_ONLY) or (term == 0 and key in SECOND_TERM_ONLY):
                continue
            members[(key, term)] = services.add_member(
                actor=actor,
                organisation=organisation,
                data=services.MemberInput(
                    person=people[key],
                    role=ROLES.get(key, GroupRole.MEMBER),
                    term_start=start,
                    term_end=end,
                ),
            )
    by_person: dict[int, list[GroupMember]] = {}
    for (_key, _term), member in members.items():
        by_person.setdefault(member.person_id, []).append(member)
    roadmaps = {r.slug: r for r in Roadmap.objects.filter(organisation=organisation)}
    for review in (
        Review.objects.filter(roadmap__organisation=organisation)
        .select_related("roadmap")
        .order_by("meeting_date")
    ):
        if review.meeting_date > DEMO_NEXT_REVIEW:
            continue
        coming = review.meeting_date >= DEMO_NEXT_REVIEW
        meeting = _meeting(
            actor,
            organisation,
            MeetingKind.REVIEW,
            f"Digiryhmän seurantakokous {review.quarter[:4]}/{review.quarter[-1]}",
            review.meeting_date,
            # Past meetings keep their record; the agenda drafted from the roadmap is for the
            # coming one, as the roadmap stands now.
            review.roadmap if coming else None,
            review,
        )
        if not coming:
            _held(actor, meeting, review, by_person)
    if not Meeting.objects.filter(organisation=organisation, date=DEMO_NEXT_REVIEW).exists():
        _meeting(
            actor,
            organisation,
            MeetingKind.REVIEW,
            "Digiryhmän seurantakokous 2026/4",
            DEMO_NEXT_REVIEW,
            roadmaps.get("2026-2028"),
            None,
        )
    for day, title, slug in PLAN_MEETINGS:
        meeting = _meeting(
            actor, organisation, MeetingKind.PLAN, title, day, roadmaps.get(slug), None
        )
        if day < DEMO_NEXT_REVIEW:
            services.record_minutes(
                actor=actor,
                meeting=meeting,
                expected_version=meeting.version,
                notes={
                    "other": "Luonnos käsiteltiin; digiryhmä esittää sen kaupunginhallitukselle."
                },
                minutes="",
                attendees=[m for m in members.values() if m.serves_on(day)][:12],
                held=True,
            )
    return [f"{organisation.name}: digital group and its meetings"]


def _meeting(
    actor: Actor,
    organisation: Organisation,
    kind: str,
    title: str,
    day: datetime.date,
    roadmap: Roadmap | None,
    review: Review | None,
) -> Meeting:
    return services.schedule_meeting(
        actor=actor,
        organisation=organisation,
        data=services.MeetingInput(
            kind=kind,
            title=title,
            date=day,
            starts=datetime.time(13),
            ends=datetime.time(15),
            location=PLACE,
            roadmap=roadmap,
            review=review,
        ),
    )


def _held(
    actor: Actor, meeting: Meeting, review: Review, by_person: dict[int, list[GroupMember]]
) -> None:
    present = [
        member
        for person_id in review.attendees.values_list("pk", flat=True)
        for member in by_person.get(person_id, [])
        if member.serves_on(review.meeting_date)
    ]
    services.record_minutes(
        actor=actor,
        meeting=meeting,
        expected_version=meeting.version,
        notes={"other": review.decisions},
        minutes="",
        attendees=present,
        held=True,
    )
