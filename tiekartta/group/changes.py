"""How the digital group reads in the organisation's change log: members and their terms,
meetings with their minutes and attendance."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tiekartta.core.history import ChangeSource, Tracked
from tiekartta.group.models import GroupMember, Meeting


def references(organisation: Any) -> str:
    return str(organisation.slug)


MEMBER = Tracked(
    GroupMember,
    "organisation",
    ("person", "role", "department", "term_start", "term_end"),
    name_fields=("person",),
    link=lambda row, org: reverse("group:group", kwargs={"org": org}),
)
MEETING = Tracked(
    Meeting,
    "organisation",
    (
        "kind",
        "title",
        "date",
        "starts",
        "ends",
        "location",
        "roadmap",
        "status",
        "minutes",
        "attendees",
        "invited_at",
    ),
    link=lambda row, org: reverse("group:meeting", kwargs={"org": org, "meeting": row.id}),
)

SOURCE = ChangeSource((MEMBER, MEETING), references)
