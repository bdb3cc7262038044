"""Loads the whole demo: organisations, roadmaps and users (roadmap), their follow-up history
(progress), metrics and maturity assessments. Safe to run again: nothing is duplicated."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from tiekartta.accessibility.demo import add_demo_accessibility
from tiekartta.accounts.models import Organisation, User
from tiekartta.core.actors import Actor
from tiekartta.group.demo import add_demo_group
from tiekartta.ideas.demo import add_demo_ideas
from tiekartta.maturity.demo import add_demo_maturity
from tiekartta.metrics.demo import add_demo_metrics
from tiekartta.news.demo import add_demo_news
from tiekartta.plans import demo as plans_demo
from tiekartta.progress.demo import add_follow_up_history, set_demo_review_date
from tiekartta.progress.demo_experiments import add_demo_experiments
from tiekartta.progress.models import Review
from tiekartta.public.demo import add_demo_public_site
from tiekartta.roadmap import services
from tiekartta.roadmap.demo import DEMO_USERS, add_demo_roadmaps
from tiekartta.roadmap.demo_data import ORGANISATIONS, OrganisationData
from tiekartta.roadmap.models import Person, Roadmap

# The finished roadmap is archived this long after its period ended (early in the next year).
ARCHIVED_AFTER = datetime.timedelta(days=31)


@transaction.atomic
def load_demo(actor: Actor | None = None) -> list[str]:
    """Create whatever part of the demo is missing; returns what was created, for the log.
    The demo's own writes are attributed to `actor`, by default the system actor "Demo" (the
    follow-up history and the maturity assessments name the demo users who made them)."""
    actor = actor or Actor.system("Demo")
    created, people_by_org = add_demo_roadmaps(
        actor, held_back=plans_demo.HELD_BACK, renewed=plans_demo.RENEWED
    )
    # The finished roadmap adopted and revised, then followed up; at its end renewed as the
    # current one, which is followed up in its turn (the second round adds only its history).
    created.extend(plans_demo.add_demo_plan_history(actor, people_by_org))
    reopened = []
    for step in range(2):
        if step:
            created.extend(plans_demo.add_demo_renewals(actor, people_by_org))
        for data in ORGANISATIONS:
            follow_up, opened = _follow_up(actor, data, people_by_org[data["slug"]])
            created.extend(follow_up)
            reopened.extend(opened)
    created.extend(_measurement(people_by_org))
    created.extend(add_demo_accessibility())
    for data in ORGANISATIONS:
        created.extend(add_demo_public_site(actor, data["slug"]))
    created.extend(add_demo_news())
    # Before the archiving: the first roadmap's tasks take the links of the ideas they came from.
    created.extend(add_demo_ideas())
    # Before the archiving too: the finished roadmap's pilots with their results and decisions.
    created.extend(add_demo_experiments())
    # A finished roadmap is archived once everything of it is in, so that nothing is written
    # to it while archived (each write would archive and restore it again in its history).
    _archive(actor, reopened)
    created.extend(add_demo_group(actor, people_by_org["kankaanpaa-demo"]))
    return created


def _measurement(people_by_org: dict[str, dict[str, Person]]) -> list[str]:
    """Metrics with their values and the maturity assessments."""
    added = []
    for data in ORGANISATIONS:
        added.extend(add_demo_metrics(data["slug"], people_by_org[data["slug"]]))
        added.extend(add_demo_maturity(data["slug"]))
    return added


def _follow_up(
    actor: Actor, data: OrganisationData, people: dict[str, Person]
) -> tuple[list[str], list[Roadmap]]:
    """The follow-up history of each roadmap. Returns what was added and the roadmaps to be
    archived at the end: the finished ones just created, and archived ones that are missing
    their history (reopened for it)."""
    organisation = Organisation.objects.get(slug=data["slug"])
    users = {
        demo_user.person_key: User.objects.get(username=demo_user.username)
        for demo_user in DEMO_USERS
        if demo_user.organisation == data["slug"]
    }
    set_demo_review_date(organisation.pk)
    added = []
    to_archive = []
    for roadmap_data in data["roadmaps"]:
        roadmap = Roadmap.objects.filter(
            organisation=organisation, slug=roadmap_data["slug"]
        ).first()
        if roadmap is None:
            continue  # made by a renewal, in the next round
        missing = not Review.objects.filter(roadmap=roadmap).exists()
        if roadmap.is_archived and missing:
            services.set_roadmap_archived(actor=actor, roadmap=roadmap, archived=False)
            to_archive.append(roadmap)
        elif roadmap_data["is_archived"] and not roadmap.is_archived and missing:
            to_archive.append(roadmap)
        if add_follow_up_history(roadmap, roadmap_data, people, users, timezone.localdate()):
            added.append(f"{roadmap.title}: follow-up history")
    return added, to_archive


def _archive(actor: Actor, roadmaps: list[Roadmap]) -> None:
    """Archive each roadmap, dated when its period was over: a month after its last day (the
    last quarter's metric values have come in by then), not when the demo was loaded."""
    for roadmap in roadmaps:
        roadmap.refresh_from_db()
        services.set_roadmap_archived(actor=actor, roadmap=roadmap, archived=True)
        archived_at = timezone.make_aware(
            datetime.datetime.combine(
                roadmap.last_quarter.last_day + ARCHIVED_AFTER, datetime.time(15)
            )
        )
        archive_row = roadmap.history.order_by("-history_id").first()  # type: ignore[attr-defined]
        # Backdating only, so outside the services: the row they wrote gets its demo date.
        type(archive_row).objects.filter(history_id=archive_row.history_id).update(
            history_date=archived_at
        )
