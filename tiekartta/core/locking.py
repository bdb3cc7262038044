"""Optimistic locking: a save goes through only if nobody saved the row since it was read.

Every versioned model has an integer `version`. A service claims the version it expects with
one conditional UPDATE; the UPDATE takes the row lock first, so of two concurrent saves from
the same version exactly one succeeds, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import models
from django.db.models import F


class ConflictError(Exception):
    """Somebody else saved the object after the caller loaded it; nothing was saved.

    `current` is, where the service knows it, the object as it is now in place (for example
    the value another person recorded meanwhile), so that the caller can show it. `details`
    carries anything else a caller may want to report.
    """

    def __init__(
        self,
        message: str = "saved by someone else meanwhile",
        *,
        current: Any = None,
        **details: Any,
    ) -> None:
        super().__init__(message)
        self.current = current
        self.details = details


def claim_version(
    target: type[models.Model] | models.QuerySet[Any],
    pk: Any,
    expected_version: int,
    **extra_filter: Any,
) -> int:
    """Raise the row's version by one if it still is `expected_version` (and the row matches
    `extra_filter`); return the new version. Otherwise nothing changes and ConflictError is
    raised. Call it inside the transaction that then saves the edit."""
    queryset = target if isinstance(target, models.QuerySet) else target._default_manager.all()
    claimed = queryset.filter(pk=pk, version=expected_version, **extra_filter).update(
        version=F("version") + 1
    )
    if not claimed:
        raise ConflictError
    return expected_version + 1


@contextmanager
def claimed(instance: models.Model, expected_version: int | None = None) -> Iterator[None]:
    """Claim `expected_version` of `instance`'s row for the save inside the block, and put the
    new version on the instance. None claims the version the instance itself carries, for a
    caller that loaded the object just before (the demo, a command). If the block fails, the
    transaction rolls back and the instance gets its old version back."""
    expected = instance.version if expected_version is None else expected_version  # type: ignore[attr-defined]
    instance.version = claim_version(type(instance), instance.pk, expected)  # type: ignore[attr-defined]
    try:
        yield
    except BaseException:
        instance.version = expected  # type: ignore[attr-defined]
        raise
