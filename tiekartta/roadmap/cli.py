"""Finding the roadmap a command names: by id, or by short name (with the organisation when
several organisations use the same short name)."""

from __future__ import annotations

from django.core.management.base import CommandError

from tiekartta.roadmap.models import Roadmap


def find_roadmap(identifier: str, organisation: str = "") -> Roadmap:
    roadmaps = Roadmap.objects.select_related("organisation")
    if organisation:
        roadmaps = roadmaps.filter(organisation__slug=organisation)
    # Only ASCII digits are an id: "²" passes isdigit() but is no number int() reads.
    is_id = identifier.isascii() and identifier.isdigit()
    found = list(roadmaps.filter(pk=int(identifier)) if is_id else roadmaps.filter(slug=identifier))
    if not found:
        raise CommandError(
            f"No roadmap {identifier!r}" + (f" in {organisation!r}." if organisation else ".")
        )
    if len(found) > 1:
        names = ", ".join(sorted(r.organisation.slug for r in found))
        raise CommandError(
            f"Several organisations have a roadmap {identifier!r} ({names}): "
            "name one with --organisation."
        )
    return found[0]
