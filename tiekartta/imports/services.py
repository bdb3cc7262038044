"""Writes of the import pipeline: the life of an uploaded file of any kind, from its upload
through the preview to its confirmation (all rows or none) or its discarding."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiekartta.accounts.models import User
from tiekartta.core.actors import Actor
from tiekartta.imports.models import ImportBatch, ImportKind, ImportStatus
from tiekartta.imports.registry import Importer
from tiekartta.roadmap.models import Roadmap


@transaction.atomic
def upload_import(
    *,
    actor: User | None,
    roadmap: Roadmap,
    filename: str,
    content: bytes,
    kind: ImportKind = ImportKind.TASKS,
) -> ImportBatch:
    batch = ImportBatch(roadmap=roadmap, uploaded_by=actor, filename=filename[:255], kind=kind)
    batch.content = content
    batch.full_clean(exclude=["content"])
    batch.save()
    return batch


@transaction.atomic
def confirm_import(
    *,
    actor: User | Actor | None,
    batch: ImportBatch,
    importer: Importer[Any],
    plan: Any,
    today: datetime.date,
) -> dict[str, int]:
    """Save the plan the way its kind does and mark the batch imported, together or not at
    all."""
    return confirm_batch(
        batch=batch,
        kind=ImportKind(importer.kind),
        apply=lambda: importer.apply(actor=actor, roadmap=batch.roadmap, plan=plan, today=today),
    )


@transaction.atomic
def confirm_batch(
    *, batch: ImportBatch, kind: ImportKind, apply: Callable[[], dict[str, int]]
) -> dict[str, int]:
    """Save what a pending file of `kind` says (`apply`, which returns the summary) and mark
    the batch imported, together or not at all."""
    locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if locked.status != ImportStatus.PENDING or locked.kind != kind:
        raise ValidationError(_("This file has already been imported or discarded."))
    summary = apply()
    locked.status = ImportStatus.APPLIED
    locked.applied_at = timezone.now()
    locked.summary = summary
    locked.content = b""  # what it said is saved now; the file need not be kept
    locked.save(update_fields=["status", "applied_at", "summary", "content"])
    batch.status = locked.status
    return summary


@transaction.atomic
def discard_import(*, batch: ImportBatch) -> None:
    ImportBatch.objects.filter(pk=batch.pk, status=ImportStatus.PENDING).update(
        status=ImportStatus.DISCARDED, content=b""
    )
