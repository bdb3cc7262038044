"""Every change is recorded with who made it; these helpers keep that in one place."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import models

from tiekartta.core.actors import as_actor


@contextmanager
def history_by(instance: models.Model, actor: Any) -> Iterator[None]:
    """Attribute the history rows written while saving `instance` to `actor` (an Actor, or a
    user): a user goes into the row's user column, a token or the system into its change
    reason, which the change log reads."""
    who = as_actor(actor)
    instance._history_user = who.history_user  # type: ignore[attr-defined]
    instance._change_reason = who.history_reason or None  # type: ignore[attr-defined]
    try:
        yield
    finally:
        del instance._history_user  # type: ignore[attr-defined]
        del instance._change_reason  # type: ignore[attr-defined]


@contextmanager
def history_paused(instance: models.Model) -> Iterator[None]:
    """Save in several steps without a history row for each; the caller writes one at the end."""
    instance.skip_history_when_saving = True  # type: ignore[attr-defined]
    try:
        yield
    finally:
        del instance.skip_history_when_saving  # type: ignore[attr-defined]


def write_history_row(records: Any, instance: models.Model, actor: Any, history_type: str) -> None:
    create: Callable[..., None] = records.create_historical_record
    with history_by(instance, actor):
        create(instance, history_type)
