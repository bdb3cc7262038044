"""Writes of the reports app: the interim report's foreword."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F

from tiekartta.accounts.models import User
from tiekartta.core.audit import history_by
from tiekartta.reports.models import Foreword
from tiekartta.roadmap.models import Roadmap


class ConcurrentForewordError(Exception):
    """Somebody else saved the foreword after the caller loaded it; nothing was saved."""


@transaction.atomic
def save_foreword(
    *, actor: User | None, roadmap: Roadmap, text: str, expected_version: int | None
) -> Foreword:
    """`expected_version` None means the editor saw no foreword yet: if one has been saved in
    the meantime, that is a conflict too."""
    try:
        with transaction.atomic():
            foreword, created = Foreword.objects.select_for_update().get_or_create(roadmap=roadmap)
    except IntegrityError as error:  # created by someone else at the same moment
        raise ConcurrentForewordError from error
    if not created and foreword.version != expected_version:
        raise ConcurrentForewordError
    foreword.text = text.strip()
    if not created:
        foreword.version = F("version") + 1  # type: ignore[assignment]
    foreword.full_clean(exclude=["version"])
    with history_by(foreword, actor):
        foreword.save()
    foreword.refresh_from_db()
    return foreword
