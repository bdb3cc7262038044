"""Loads the whole demo: organisations, roadmaps and users (roadmap), their follow-up history
(progress), metrics and maturity assessments. Safe to run again: nothing is duplicated."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from tiekartta.accessibility.demo import add_demo_accessibility
from tiekartta.accounts.models import Organisation, User
from tiekartta.core.actors import Actor
from tiekartta.maturity.demo import add_demo_maturity
from tiekartta.metrics.demo import add_demo_metrics
from tiekartta.progress.demo import add_follow_up_history, set_demo_review_date
from tiekartta.roadmap import services
from tiekartta.roadmap.demo import DEMO_USERS, add_demo_roadmaps
from tiekartta.roadmap.demo_data import ORGANISATIONS, OrganisationData
from tiekartta.roadmap.models import Person, Roadmap


@transaction.atomic
def load_demo(actor: Actor | None = None) -> list[str]:
    """Create whatever part of the demo is missing; returns what was created, for the log.
    The demo's own writes are attributed to `actor`, by default the system actor "Demo" (the
    follow-up history and the maturity assessments name the demo users who made them)."""
    actor = actor or Actor.system("Demo")
    created, people_by_org = add_demo_roadmaps(actor)
    for data in ORGANISATIONS:
        created.extend(_follow_up(actor, data, people_by_org[data["slug"]]))
    created.extend(_measurement(people_by_org))
    created.extend(add_demo_accessibility())
    return created


def _measurement(people_by_org: dict[str, dict[str, Person]]) -> list[str]:
    """Metrics with their values and the maturity assessments, after the follow-up so that
    archiving has been settled."""
    added = []
    for data in ORGANISATIONS:
        added.extend(add_demo_metrics(data["slug"], people_by_org[data["slug"]]))
        added.extend(add_demo_maturity(data["slug"]))
    return added


def _follow_up(actor: Actor, data: OrganisationData, people: dict[str, Person]) -> list[str]:
    """The follow-up history of each roadmap; archiving waits until it is written."""
    organisation = Organisation.objects.get(slug=data["slug"])
    users = {
        demo_user.person_key: User.objects.get(username=demo_user.username)
        for demo_user in DEMO_USERS
        if demo_user.organisation == data["slug"]
    }
    set_demo_review_date(organisation.pk)
    added = []
    for roadmap_data in data["roadmaps"]:
        roadmap = Roadmap.objects.get(organisation=organisation, slug=roadmap_data["slug"])
        archived = roadmap.is_archived
        if archived:
            services.set_roadmap_archived(actor=actor, roadmap=roadmap, archived=False)
        if add_follow_up_history(roadmap, roadmap_data, people, users, timezone.localdate()):
            added.append(f"{roadmap.title}: follow-up history")
        if archived or roadmap_data["is_archived"]:
            services.set_roadmap_archived(actor=actor, roadmap=roadmap, archived=True)
    return added
