"""Open data's addresses of an organisation, for the public site's leak test."""

from __future__ import annotations

from tiekartta.accounts.models import Organisation
from tiekartta.roadmap.publicity import public_roadmaps

BASE = "/avoin-data/v1/"


def public_addresses(organisation: Organisation) -> list[str]:
    site = f"{BASE}organisations/{organisation.slug}/roadmaps"
    addresses = [BASE, site]
    for roadmap in public_roadmaps(organisation):
        one = f"{site}/{roadmap.slug}"
        addresses += [
            f"{one}/themes",
            f"{one}/tasks?limit=500",
            f"{one}/tasks.csv",
            f"{one}/tasks.csv?format=excel",
            f"{one}/metrics",
            f"{one}/metrics.csv",
        ]
    return addresses
