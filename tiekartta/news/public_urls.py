"""The news' public addresses of an organisation, for the public site's leak test."""

from __future__ import annotations

from django.urls import reverse

from tiekartta.accounts.models import Organisation
from tiekartta.roadmap.publicity import public_roadmaps


def public_addresses(organisation: Organisation) -> list[str]:
    org = {"org_slug": organisation.slug}
    addresses = [
        reverse("news:public_list", kwargs=org),
        reverse("news:feed", kwargs=org),
        reverse("news:embed", kwargs=org),
    ]
    for roadmap in public_roadmaps(organisation):
        slug = {**org, "roadmap_slug": roadmap.slug}
        addresses += [
            reverse("news:roadmap_feed", kwargs=slug),
            reverse("news:roadmap_embed", kwargs=slug),
        ]
    return addresses
