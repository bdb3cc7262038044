"""Writes of the reports app: the foreword and the life of an uploaded file, a task list or
metric values."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiekartta.accounts.models import User
from tiekartta.core.audit import history_by
from tiekartta.core.locking import ConflictError, claim_version
from tiekartta.reports.importer import ImportPlan, apply_import
from tiekartta.reports.models import Foreword, ImportBatch, ImportKind, ImportStatus
from tiekartta.roadmap.models import Roadmap


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
        raise ConflictError from error
    if not created:
        if expected_version is None:
            raise ConflictError
        foreword.version = claim_version(Foreword, foreword.pk, expected_version)
    foreword.text = text.strip()
    foreword.full_clean(exclude=["version"])
    with history_by(foreword, actor):
        foreword.save()
    foreword.refresh_from_db()
    return foreword


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


def confirm_import(
    *, actor: User | None, batch: ImportBatch, plan: ImportPlan, today: datetime.date
) -> dict[str, int]:
    """Apply the plan and mark the batch imported, together or not at all."""
    return confirm_batch(
        batch=batch,
        kind=ImportKind.TASKS,
        apply=lambda: apply_import(actor=actor, roadmap=batch.roadmap, plan=plan, today=today),
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
    locked.content = b""  # what it said is in the roadmap now; the file need not be kept
    locked.save(update_fields=["status", "applied_at", "summary", "content"])
    batch.status = locked.status
    return summary


@transaction.atomic
def discard_import(*, batch: ImportBatch) -> None:
    ImportBatch.objects.filter(pk=batch.pk, status=ImportStatus.PENDING).update(
        status=ImportStatus.DISCARDED, content=b""
    )
