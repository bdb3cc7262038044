"""Writing ideas and deciding on them. Every write: keyword-only, in one transaction, checked
with full_clean(), the actor on the idea's history row; a decision also writes its
`StatusChange` (from, to, reason, who, when), which is what the proposer is told."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiekartta.accounts.models import Organisation
from tiekartta.core.actors import Actor, as_actor
from tiekartta.core.audit import history_by
from tiekartta.core.locking import claimed
from tiekartta.ideas.models import DECIDED, Idea, IdeaStatus, StatusChange, Workshop
from tiekartta.roadmap.models import Person, Task, Theme
from tiekartta.roadmap.services import TaskInput, create_task, ensure_open, set_quick_win


@dataclass(frozen=True)
class IdeaInput:
    """What a user can write on an idea, whichever way it arrives (form, import, workshop)."""

    title: str
    received_on: datetime.date
    source: str
    description: str = ""
    event: str = ""
    submitter: str = ""
    theme: Theme | None = None
    is_public: bool = False


def _apply(idea: Idea, data: IdeaInput) -> None:
    idea.title = data.title.strip()
    idea.description = data.description.strip()
    idea.received_on = data.received_on
    idea.source = data.source
    idea.event = data.event.strip()
    idea.submitter = data.submitter.strip()
    idea.theme = data.theme
    idea.is_public = data.is_public


def _save(idea: Idea, actor: Actor) -> None:
    idea.full_clean()
    with history_by(idea, actor):
        idea.save()


@transaction.atomic
def create_idea(
    *,
    actor: Actor,
    organisation: Organisation,
    data: IdeaInput,
    workshop: Workshop | None = None,
) -> Idea:
    """`workshop`: the workshop it was written in, kept on its first history row too."""
    idea = Idea(organisation=organisation, workshop=workshop)
    _apply(idea, data)
    _save(idea, actor)
    return idea


@transaction.atomic
def create_ideas(
    *, actor: Actor, organisation: Organisation, data: Sequence[IdeaInput]
) -> list[Idea]:
    """Many ideas at once (a survey's answers): all of them or, on any error, none."""
    created = []
    for item in data:
        idea = Idea(organisation=organisation)
        _apply(idea, item)
        _save(idea, actor)
        created.append(idea)
    return created


@transaction.atomic
def update_idea(
    *, actor: Actor, idea: Idea, data: IdeaInput, expected_version: int | None = None
) -> Idea:
    """Refused with ConflictError if someone saved the idea after `expected_version`."""
    with claimed(idea, expected_version):
        _apply(idea, data)
        _save(idea, actor)
    return idea


def _record_change(idea: Idea, before: str, reason: str, actor: Actor) -> None:
    change = StatusChange(
        idea=idea,
        from_status=before,
        to_status=idea.status,
        reason=reason,
        changed_at=timezone.now(),
        changed_by=as_actor(actor).history_user,
    )
    change.full_clean()
    change.save()


def _decide(
    idea: Idea,
    *,
    status: str,
    reason: str,
    actor: Actor,
    merged_into: Idea | None = None,
    task: Task | None = None,
) -> None:
    reason = reason.strip()
    if status == idea.status and merged_into == idea.merged_into and task == idea.task:
        raise ValidationError({"status": _("The idea already has this status.")})
    if status in DECIDED and not reason:
        # The reason is the answer the proposer gets: a decision without one says nothing.
        raise ValidationError({"reason": _("Write the reason: it is shown to the proposer.")})
    before = idea.status
    idea.status = status
    idea.status_reason = reason
    idea.merged_into = merged_into
    idea.task = task
    _save(idea, actor)
    if before != status:
        _record_change(idea, before, reason, actor)


@transaction.atomic
def change_status(
    *,
    actor: Actor,
    idea: Idea,
    status: str,
    reason: str = "",
    merged_into: Idea | None = None,
    expected_version: int | None = None,
) -> Idea:
    """Move an idea to any status but accepted (accept_ideas does that, with its task). Merging
    names the idea it goes into; the ideas merged into this one follow it there, so that no idea
    is ever merged into a merged one."""
    if status not in IdeaStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    if status == IdeaStatus.ACCEPTED:
        raise ValidationError({"status": _("Accept an idea by choosing the task it becomes.")})
    if status == IdeaStatus.MERGED:
        if merged_into is None:
            raise ValidationError({"merged_into": _("Choose the idea to merge this one into.")})
    elif merged_into is not None:
        raise ValidationError({"merged_into": _("Only a merged idea names another idea.")})
    with claimed(idea, expected_version):
        _decide(idea, status=status, reason=reason, actor=actor, merged_into=merged_into)
        if merged_into is not None:
            for follower in idea.merged_ideas.select_for_update():
                follower.merged_into = merged_into
                _save(follower, actor)
    return idea


@transaction.atomic
def accept_ideas(
    *,
    actor: Actor,
    ideas: Sequence[Idea],
    task: Task,
    reason: str,
    expected_versions: dict[int, int] | None = None,
    quick_win: bool = False,
) -> list[Idea]:
    """The ideas became (part of) `task`: each is accepted with the reason and links to it.
    Refused as a whole if any idea is of another organisation or merged, or the roadmap is
    archived. `quick_win` marks the task a quick win too."""
    if not ideas:
        raise ValidationError({"ideas": _("Choose at least one idea.")})
    ensure_open(task.roadmap)
    for idea in ideas:
        if idea.organisation_id != task.roadmap.organisation_id:
            raise ValidationError({"task": _("Choose a task of this organisation.")})
        if idea.status == IdeaStatus.MERGED:
            raise ValidationError(
                {"ideas": _("“%(title)s” was merged into another idea.") % {"title": idea.title}}
            )
    versions = expected_versions or {}
    for idea in ideas:
        with claimed(idea, versions.get(idea.pk)):
            _decide(idea, status=IdeaStatus.ACCEPTED, reason=reason, actor=actor, task=task)
    if quick_win and not task.quick_win:
        set_quick_win(actor=actor, task=task, quick_win=True)
    return list(ideas)


@transaction.atomic
def accept_ideas_into_new_task(
    *,
    actor: Actor,
    ideas: Sequence[Idea],
    theme: Theme,
    title: str,
    owner: Person,
    reason: str,
    start: str = "",
    due: str = "",
    quick_win: bool = False,
    expected_versions: dict[int, int] | None = None,
) -> Task:
    """A new task in `theme`'s roadmap, made from the ideas, which are accepted into it. All or
    nothing: a task that cannot be saved accepts no idea, and an idea that cannot be accepted
    leaves no task."""
    if not ideas:
        raise ValidationError({"ideas": _("Choose at least one idea.")})
    if any(idea.organisation_id != theme.roadmap.organisation_id for idea in ideas):
        raise ValidationError({"theme": _("Choose a theme of this organisation.")})
    description = ideas[0].description if len(ideas) == 1 else ""
    task = create_task(
        actor=actor,
        roadmap=theme.roadmap,
        data=TaskInput(
            title=title,
            theme=theme,
            owner=owner,
            description=description,
            start=start,
            due=due,
            quick_win=quick_win,
        ),
    )
    accept_ideas(
        actor=actor, ideas=ideas, task=task, reason=reason, expected_versions=expected_versions
    )
    return task


@transaction.atomic
def delete_idea(*, actor: Actor, idea: Idea) -> None:
    """Refused while other ideas are merged into it: their answer names this one."""
    if idea.merged_ideas.exists():
        raise ValidationError(
            _("Other ideas were merged into this one. Change their status before deleting it.")
        )
    with history_by(idea, actor):
        idea.delete()
