"""What residents may read of ideas: the published ones with their status and reason, the ideas a
public task came from, and one idea by its follow key for the resident who proposed it.

An idea reaches a public page only as a `PublicIdea`, which carries none of the internal
fields (who proposed it, who decided, the follow key). Its theme, its task and the idea it was
merged into are named only where they are public themselves: a theme of a published roadmap,
a public task of a published roadmap, a published idea.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from tiekartta.accounts.models import Organisation
from tiekartta.core.translations import TranslatedText, text_in
from tiekartta.ideas.models import (
    DECIDED,
    Idea,
    IdeaSource,
    IdeaStatus,
    StatusChange,
    event_names_source,
)

# A follow key is 43 characters of URL-safe base64 (secrets.token_urlsafe(32)).
FOLLOW_KEY_LENGTH = 43
_KEY_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def is_follow_key(value: str) -> bool:
    """Whether `value` looks like a follow key (not whether one exists)."""
    return len(value) == FOLLOW_KEY_LENGTH and set(value) <= _KEY_ALPHABET


@dataclass(frozen=True)
class PublicTaskLink:
    id: int
    title: TranslatedText
    roadmap_slug: str


@dataclass(frozen=True)
class PublicIdea:
    """An idea as residents see it: nothing more may be added here without asking whether the
    field is meant for the public."""

    id: int
    title: str
    description: str
    status: str
    status_label: str
    status_reason: str
    received_on: datetime.date
    source_label: str
    event: str
    theme_name: TranslatedText | None
    # The public task it became, if it is one.
    task: PublicTaskLink | None
    # Whether it became a task that is not on the public site (yet).
    task_internal: bool
    merged_into_title: str

    @property
    def is_decided(self) -> bool:
        return self.status in DECIDED


def _with_relations(ideas: QuerySet[Idea]) -> QuerySet[Idea]:
    return ideas.select_related("theme__roadmap", "task__roadmap", "merged_into")


def project(idea: Idea) -> PublicIdea:
    """The idea as residents see it, in the page's language; its relations must be loaded
    (`_with_relations`)."""
    theme, task, target = idea.theme, idea.task, idea.merged_into
    task_is_public = task is not None and task.is_public and task.roadmap.is_public
    return PublicIdea(
        id=idea.pk,
        title=idea.title,
        description=idea.description,
        status=idea.status,
        status_label=str(IdeaStatus(idea.status).label),
        status_reason=idea.status_reason,
        received_on=idea.received_on,
        source_label=_source_label(idea.source, idea.event),
        event=idea.event,
        theme_name=(
            text_in(theme, "name") if theme is not None and theme.roadmap.is_public else None
        ),
        task=(
            PublicTaskLink(task.pk, text_in(task, "title"), task.roadmap.slug)
            if task is not None and task_is_public
            else None
        ),
        task_internal=task is not None and not task_is_public,
        merged_into_title=target.title if target is not None and target.is_public else "",
    )


def public_ideas(organisation: Organisation) -> QuerySet[Idea]:
    """The organisation's published ideas, newest first, with what a row shows."""
    return _with_relations(Idea.objects.filter(organisation=organisation, is_public=True)).order_by(
        "-received_on", "-pk"
    )


def project_all(ideas: Iterable[Idea]) -> list[PublicIdea]:
    return [project(idea) for idea in ideas]


@dataclass(frozen=True)
class TaskSource:
    """A published idea that a public task came from, as the task's page names it."""

    title: str
    source_label: str
    event: str
    received_on: datetime.date


def task_sources(task_id: int) -> list[TaskSource]:
    """The published ideas the task came from, oldest first (one query)."""
    rows = (
        Idea.objects.filter(task_id=task_id, is_public=True)
        .order_by("received_on", "pk")
        .values_list("title", "source", "event", "received_on")
    )
    return [
        TaskSource(title, _source_label(source, event), event, received_on)
        for title, source, event, received_on in rows
    ]


def _source_label(source: str, event: str) -> str:
    """The source's name, or "" where the event's name says it already."""
    label = str(IdeaSource(source).label)
    return "" if event_names_source(label, event) else label


@dataclass(frozen=True)
class Decision:
    """One decision as the proposer reads it: when, from which status to which, why. Not who:
    the answer is the group's."""

    changed_at: datetime.datetime
    from_label: str
    to_label: str
    reason: str


@dataclass(frozen=True)
class FollowedIdea:
    idea: PublicIdea
    is_public: bool
    decisions: list[Decision]


def followed_idea(organisation: Organisation, key: str) -> FollowedIdea | None:
    """The idea with this follow key, of this organisation, public or not (the key is the
    secret), with its decisions; None when there is none (two queries)."""
    if not is_follow_key(key):
        return None
    found = _with_relations(Idea.objects.filter(organisation=organisation, follow_key=key)).first()
    if found is None:
        return None
    changes = StatusChange.objects.filter(idea=found).order_by("changed_at", "pk")
    return FollowedIdea(
        idea=project(found),
        is_public=found.is_public,
        decisions=[
            Decision(
                change.changed_at,
                str(IdeaStatus(change.from_status).label),
                str(IdeaStatus(change.to_status).label),
                change.reason,
            )
            for change in changes
        ],
    )
