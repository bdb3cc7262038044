"""Writes of the import pipeline: the life of an uploaded file of any kind, from its upload
through the preview to its confirmation (all rows or none) or its discarding.

Confirming and discarding leave an audit event (`import_confirmed`, `import_discarded`) in the
same transaction as the change, so the event and the import commit together or not at all.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiekartta.accounts.events import record_event
from tiekartta.accounts.models import EventKind
from tiekartta.core.actors import Actor, as_actor
from tiekartta.imports.models import ImportBatch, ImportKind, ImportStatus
from tiekartta.imports.questions import ImportAnswers
from tiekartta.imports.registry import Importer
from tiekartta.imports.tables import RowProgress
from tiekartta.roadmap.models import Roadmap
from tiekartta.roadmap.services import ensure_open


def _record(
    *,
    actor: Actor,
    kind: EventKind,
    roadmap: Roadmap,
    filename: str,
    import_kind: str,
    summary: dict[str, int] | None = None,
    answers: dict[str, Any] | None = None,
) -> None:
    data: dict[str, Any] = {"kind": str(import_kind), "roadmap": roadmap.pk}
    if summary is not None:
        data["summary"] = dict(summary)
    if answers:
        # What the user told the preview the file means is part of what was imported.
        data["answers"] = dict(answers)
    record_event(
        actor=actor,
        organisation=roadmap.organisation,
        kind=kind,
        subject=filename,
        data=data,
    )


@transaction.atomic
def upload_import(
    *,
    actor: Actor,
    roadmap: Roadmap,
    filename: str,
    content: bytes,
    kind: ImportKind = ImportKind.TASKS,
) -> ImportBatch:
    who = as_actor(actor)
    ensure_open(roadmap)
    batch = ImportBatch(
        roadmap=roadmap, uploaded_by=who.history_user, filename=filename[:255], kind=kind
    )
    batch.content = content
    batch.full_clean(exclude=["content"])
    batch.save()
    return batch


@transaction.atomic
def answer_import(*, actor: Actor, batch: ImportBatch, answers: ImportAnswers) -> ImportBatch:
    """Keep the user's answers to the preview's questions with a pending file, so that the
    preview and the confirmation read the file alike. The answers are recorded with the
    `import_confirmed` event when the file is imported."""
    locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if locked.status != ImportStatus.PENDING:
        raise ValidationError(_("This file has already been imported or discarded."))
    locked.answers = ImportAnswers.from_json(locked.answers).merged(answers).to_json()
    locked.full_clean(exclude=["content"])
    locked.save(update_fields=["answers"])
    batch.answers = locked.answers
    return batch


@transaction.atomic
def confirm_import(
    *,
    actor: Actor,
    batch: ImportBatch,
    importer: Importer[Any],
    plan: Any,
    today: datetime.date,
    progress: RowProgress | None = None,
) -> dict[str, int]:
    """Save the plan the way its kind does and mark the batch imported, together or not at
    all. `progress` is told how far the saving has got (the background job shows it)."""
    who = as_actor(actor)
    return confirm_batch(
        actor=who,
        batch=batch,
        kind=ImportKind(importer.kind),
        apply=lambda: importer.apply(
            actor=who, roadmap=batch.roadmap, plan=plan, today=today, progress=progress
        ),
    )


@transaction.atomic
def confirm_batch(
    *,
    actor: Actor,
    batch: ImportBatch,
    kind: ImportKind,
    apply: Callable[[], dict[str, int]],
) -> dict[str, int]:
    """Save what a pending file of `kind` says (`apply`, which returns the summary), mark
    the batch imported and record `import_confirmed`, together or not at all."""
    locked = (
        ImportBatch.objects.select_for_update()
        .select_related("roadmap__organisation")
        .get(pk=batch.pk)
    )
    if locked.status != ImportStatus.PENDING or locked.kind != kind:
        raise ValidationError(_("This file has already been imported or discarded."))
    # The roadmap may have been archived since the file was previewed.
    ensure_open(locked.roadmap)
    summary = apply()
    locked.status = ImportStatus.APPLIED
    locked.applied_at = timezone.now()
    locked.summary = summary
    locked.content = b""  # what it said is saved now; the file need not be kept
    locked.save(update_fields=["status", "applied_at", "summary", "content"])
    _record(
        actor=as_actor(actor),
        kind=EventKind.IMPORT_CONFIRMED,
        roadmap=locked.roadmap,
        filename=locked.filename,
        import_kind=kind,
        summary=summary,
        answers=locked.answers,
    )
    batch.status = locked.status
    return summary


@transaction.atomic
def import_without_batch(
    *,
    actor: Actor,
    importer: Importer[Any],
    roadmap: Roadmap,
    plan: Any,
    filename: str,
    today: datetime.date,
) -> dict[str, int]:
    """Save a plan read from a file that was never uploaded (the import commands) and record
    `import_confirmed`, together or not at all."""
    who = as_actor(actor)
    ensure_open(roadmap)
    summary = importer.apply(actor=who, roadmap=roadmap, plan=plan, today=today)
    _record(
        actor=who,
        kind=EventKind.IMPORT_CONFIRMED,
        roadmap=roadmap,
        filename=filename,
        import_kind=importer.kind,
        summary=summary,
    )
    return summary


@transaction.atomic
def discard_import(*, actor: Actor, batch: ImportBatch) -> None:
    """Discard a pending file (one already imported or discarded stays as it is) and record
    `import_discarded`."""
    discarded = ImportBatch.objects.filter(pk=batch.pk, status=ImportStatus.PENDING).update(
        status=ImportStatus.DISCARDED, content=b""
    )
    if not discarded:
        return
    roadmap = Roadmap.objects.select_related("organisation").get(pk=batch.roadmap_id)
    _record(
        actor=as_actor(actor),
        kind=EventKind.IMPORT_DISCARDED,
        roadmap=roadmap,
        filename=batch.filename,
        import_kind=batch.kind,
    )
