"""Writes of the reports app: the interim report's foreword."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from tiekartta.core.actors import Actor, as_actor
from tiekartta.core.audit import history_by
from tiekartta.core.locking import ConflictError, claim_version
from tiekartta.reports.models import Foreword
from tiekartta.roadmap.models import Roadmap
from tiekartta.roadmap.services import ensure_open


@transaction.atomic
def save_foreword(
    *, actor: Actor, roadmap: Roadmap, text: str, expected_version: int | None
) -> Foreword:
    """`expected_version` None means the editor saw no foreword yet: if one has been saved in
    the meantime, that is a conflict too. `actor` is an Actor (a plain user is still
    accepted): a user goes into the history row's user, a token or the system into its
    change reason."""
    who = as_actor(actor)
    ensure_open(roadmap)
    try:
        with transaction.atomic():
            foreword, created = Foreword.objects.select_for_update().get_or_create(roadmap=roadmap)
    except IntegrityError as error:  # created by someone else at the same moment
        raise ConflictError from error
    if not created:
        if expected_version is None:
            raise ConflictError
        foreword.version = claim_version(Foreword, foreword.pk, expected_version)
    foreword.text = text.strip()
    foreword.full_clean(exclude=["version"])
    with history_by(foreword, who):
        foreword.save()
    foreword.refresh_from_db()
    return foreword
