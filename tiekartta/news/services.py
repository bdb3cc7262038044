"""Writing, publishing and withdrawing news. Every write: the actor, a history row and, for
publishing and withdrawing (what residents see changes), an audit event, in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiekartta.accounts.events import record_event
from tiekartta.accounts.models import EventKind, Organisation
from tiekartta.core.actors import Actor, as_actor
from tiekartta.core.audit import history_by
from tiekartta.core.locking import claimed
from tiekartta.news.models import NewsItem
from tiekartta.roadmap.models import Roadmap, Task


@dataclass(frozen=True)
class NewsInput:
    title: str
    body: str
    language: str
    roadmap: Roadmap | None = None
    tasks: Sequence[Task] = field(default_factory=tuple)


def _check_tasks(organisation: Organisation, tasks: Sequence[Task]) -> None:
    if any(task.roadmap.organisation_id != organisation.pk for task in tasks):
        raise ValidationError({"tasks": _("Choose tasks of this organisation only.")})


def _apply(item: NewsItem, data: NewsInput, actor: Actor) -> NewsItem:
    item.title = data.title
    item.body = data.body
    item.language = data.language
    item.roadmap = data.roadmap
    _check_tasks(item.organisation, data.tasks)
    item.full_clean()
    with history_by(item, actor):
        item.save()
        item.tasks.set(data.tasks)
    return item


@transaction.atomic
def create_news(*, actor: Actor, organisation: Organisation, data: NewsInput) -> NewsItem:
    who = as_actor(actor)
    item = NewsItem(organisation=organisation, author=who.history_user)
    return _apply(item, data, actor)


@transaction.atomic
def update_news(
    *, actor: Actor, item: NewsItem, data: NewsInput, expected_version: int | None = None
) -> NewsItem:
    """Refused with ConflictError if someone saved the item after `expected_version`."""
    with claimed(item, expected_version):
        _apply(item, data, actor)
    return item


@transaction.atomic
def set_published(
    *, actor: Actor, item: NewsItem, published: bool, expected_version: int | None = None
) -> NewsItem:
    """Publish now or withdraw. A withdrawn item published again is news again, so it takes
    the new time (and comes first in the feeds)."""
    with claimed(item, expected_version):
        item.published_at = timezone.now() if published else None
        item.full_clean()
        with history_by(item, actor):
            item.save()
        record_event(
            actor=actor,
            organisation=item.organisation,
            kind=EventKind.NEWS_PUBLISHED if published else EventKind.NEWS_UNPUBLISHED,
            subject=item.title,
            data={"news": item.pk},
        )
    return item


@transaction.atomic
def delete_news(*, actor: Actor, item: NewsItem) -> None:
    if item.is_published:
        record_event(
            actor=actor,
            organisation=item.organisation,
            kind=EventKind.NEWS_UNPUBLISHED,
            subject=item.title,
            data={"news": item.pk, "deleted": True},
        )
    with history_by(item, actor):
        item.delete()
