"""Every write of the maturity assessment: viewpoints and assessments with their scores.

Keyword-only, one transaction each, validated with full_clean(); every row written leaves a
history row attributed to the actor. The rows of one save share one history time, so the
assessment's history reads as one change per save.

Every service takes the actor as an `Actor` (a user, an API token or the system; a plain user
is still accepted, see `core.actors.as_actor`): an assessment keeps the actor's user as
`created_by` (none for a token or the system), and the history rows name the actor either way
(`core.audit.history_by`), so the change log can say "Demo" or "Command line: ...".
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tiekartta.accounts.models import Organisation
from tiekartta.core.actors import Actor, as_actor
from tiekartta.core.audit import history_by, history_paused, write_history_row
from tiekartta.core.locking import claim_version, claimed
from tiekartta.maturity.models import (
    HIGHEST_LEVEL,
    LOWEST_LEVEL,
    NOTE_LENGTH,
    VIEWPOINT_HISTORY,
    Assessment,
    Score,
    Stage,
    Viewpoint,
)
from tiekartta.roadmap.models import Roadmap, Task


def score_field(viewpoint_id: int, part: str) -> str:
    """The name under which a viewpoint's score part (current, target, note) travels in forms
    and in the services' errors, so that an error lands next to the field it is about."""
    return f"vp{viewpoint_id}_{part}"


@contextmanager
def _stamped(instance: models.Model, actor: Actor, when: datetime.datetime) -> Iterator[None]:
    instance._history_date = when  # type: ignore[attr-defined]
    try:
        with history_by(instance, actor):
            yield
    finally:
        del instance._history_date  # type: ignore[attr-defined]


# Viewpoints ------------------------------------------------------------------------------


def _check_tasks(organisation: Organisation, tasks: Iterable[Task]) -> list[Task]:
    chosen = list(dict.fromkeys(tasks))
    ids = {task.pk for task in chosen}
    if ids and Task.objects.filter(pk__in=ids, roadmap__organisation=organisation).count() != len(
        ids
    ):
        raise ValidationError({"tasks": _("Choose tasks of this organisation's roadmaps.")})
    return chosen


def _taken(queryset: models.QuerySet[Any], field: str, value: str, pk: int | None) -> bool:
    """Case-insensitively, in Python: SQLite's lower() behind the unique constraint folds
    only ASCII letters, and Finnish names differ in Ä and Ö too."""
    wanted = value.strip().casefold()
    return any(
        other.casefold() == wanted
        for other in queryset.exclude(pk=pk).values_list(field, flat=True)
    )


def _save_viewpoint(
    viewpoint: Viewpoint, tasks: list[Task], actor: Actor, history_type: str
) -> None:
    # Before full_clean(), whose check of the database constraint would put the same error
    # above the form (PostgreSQL's lower() folds Ä too) instead of next to the name.
    others = Viewpoint.objects.filter(organisation_id=viewpoint.organisation_id)
    if _taken(others, "name", viewpoint.name, viewpoint.pk):
        raise ValidationError(
            {"name": _("The organisation already has a viewpoint with this name.")}
        )
    viewpoint.full_clean()
    try:
        # A savepoint, so that losing a race for the same name leaves the transaction usable.
        with transaction.atomic(), history_paused(viewpoint):
            viewpoint.save()
            viewpoint.tasks.set(tasks)
    except IntegrityError as error:
        raise ValidationError(
            {"name": _("The organisation already has a viewpoint with this name.")}
        ) from error
    write_history_row(VIEWPOINT_HISTORY, viewpoint, actor, history_type)


@transaction.atomic
def create_viewpoint(
    *,
    actor: Actor,
    organisation: Organisation,
    name: str,
    description: str = "",
    tasks: Iterable[Task] = (),
) -> Viewpoint:
    """A new viewpoint goes last; the order is changed when editing."""
    last = Viewpoint.objects.filter(organisation=organisation).aggregate(last=Max("order"))
    viewpoint = Viewpoint(
        organisation=organisation,
        name=name.strip(),
        description=description.strip(),
        order=0 if last["last"] is None else last["last"] + 1,
    )
    _save_viewpoint(viewpoint, _check_tasks(organisation, tasks), as_actor(actor), "+")
    return viewpoint


@transaction.atomic
def update_viewpoint(
    *,
    actor: Actor,
    viewpoint: Viewpoint,
    name: str,
    description: str,
    order: int,
    tasks: Iterable[Task],
    expected_version: int | None = None,
) -> Viewpoint:
    """Save the edit only if nobody has saved the viewpoint since `expected_version` was read
    (None: the version `viewpoint` carries). Otherwise ConflictError; see core.locking."""
    with claimed(viewpoint, expected_version):
        viewpoint.name = name.strip()
        viewpoint.description = description.strip()
        viewpoint.order = order
        chosen = _check_tasks(viewpoint.organisation, tasks)
        _save_viewpoint(viewpoint, chosen, as_actor(actor), "~")
    return viewpoint


@transaction.atomic
def delete_viewpoint(*, actor: Actor, viewpoint: Viewpoint) -> None:
    """Assessments keep what they said: a viewpoint that has been scored stays."""
    used = Assessment.objects.filter(scores__viewpoint=viewpoint).distinct().count()
    if used:
        raise ValidationError(
            ngettext(
                "The viewpoint has levels in %(count)s assessment, so it cannot be deleted. "
                "Remove its levels from that assessment first, or keep the viewpoint.",
                "The viewpoint has levels in %(count)s assessments, so it cannot be deleted. "
                "Remove its levels from those assessments first, or keep the viewpoint.",
                used,
            )
            % {"count": used}
        )
    with history_by(viewpoint, as_actor(actor)):
        viewpoint.delete()


# Assessments -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreInput:
    """One viewpoint's row of the assessment form; an empty row means "not assessed"."""

    viewpoint: Viewpoint
    current: int | None = None
    target: int | None = None
    note: str = ""

    @property
    def is_empty(self) -> bool:
        return self.current is None and self.target is None and not self.note.strip()


@dataclass
class AssessmentInput:
    """What a user sets on an assessment, whichever way it arrives (form, demo, admin)."""

    title: str
    assessed_on: datetime.date
    stage: str = Stage.BASELINE
    roadmap: Roadmap | None = None
    notes: str = ""
    scores: list[ScoreInput] = field(default_factory=list)


def _apply(assessment: Assessment, data: AssessmentInput) -> None:
    assessment.title = data.title.strip()
    assessment.assessed_on = data.assessed_on
    assessment.stage = data.stage
    assessment.roadmap = data.roadmap
    assessment.notes = data.notes.strip()


def _check_scores(organisation: Organisation, scores: list[ScoreInput]) -> None:
    seen: set[int] = set()
    errors: dict[str, list[Any]] = {}
    for item in scores:
        viewpoint = item.viewpoint
        if viewpoint.organisation_id != organisation.pk:
            raise ValidationError(_("Choose viewpoints of this organisation."))
        if viewpoint.pk in seen:
            raise ValidationError(
                _("The viewpoint “%(name)s” is given twice.") % {"name": viewpoint.name}
            )
        seen.add(viewpoint.pk)
        for part in ("current", "target"):
            value = getattr(item, part)
            if value is not None and not LOWEST_LEVEL <= value <= HIGHEST_LEVEL:
                errors.setdefault(score_field(viewpoint.pk, part), []).append(
                    _("Choose a level from 1 to 5, or leave it not assessed.")
                )
        if len(item.note.strip()) > NOTE_LENGTH:
            errors.setdefault(score_field(viewpoint.pk, "note"), []).append(
                _("Write the note in at most %(count)s characters.") % {"count": NOTE_LENGTH}
            )
    if errors:
        raise ValidationError(errors)


def _save_scores(
    assessment: Assessment,
    scores: list[ScoreInput],
    actor: Actor,
    when: datetime.datetime,
) -> None:
    """Create, change or remove each viewpoint's score; unchanged rows are left alone so that
    the history shows only what changed."""
    existing = {score.viewpoint_id: score for score in assessment.scores.all()}
    for item in scores:
        score = existing.get(item.viewpoint.pk)
        if item.is_empty:
            if score is not None:
                with _stamped(score, actor, when):
                    score.delete()
            continue
        values = (item.current, item.target, item.note.strip())
        if score is not None and (score.current, score.target, score.note) == values:
            continue
        if score is None:
            score = Score(assessment=assessment, viewpoint=item.viewpoint)
        score.current, score.target, score.note = values
        score.full_clean()
        with _stamped(score, actor, when):
            score.save()


def _save_assessment(assessment: Assessment, data: AssessmentInput, actor: Actor) -> None:
    _apply(assessment, data)
    others = Assessment.objects.filter(organisation_id=assessment.organisation_id)
    if _taken(others, "title", assessment.title, assessment.pk):
        raise ValidationError(
            {"title": _("The organisation already has an assessment with this title.")}
        )
    assessment.full_clean()
    _check_scores(assessment.organisation, data.scores)
    when = timezone.now()
    try:
        # A savepoint, so that losing a race for the same title leaves the transaction usable.
        with transaction.atomic(), _stamped(assessment, actor, when):
            assessment.save()
    except IntegrityError as error:
        raise ValidationError(
            {"title": _("The organisation already has an assessment with this title.")}
        ) from error
    _save_scores(assessment, data.scores, actor, when)


@transaction.atomic
def create_assessment(
    *, actor: Actor, organisation: Organisation, data: AssessmentInput
) -> Assessment:
    who = as_actor(actor)
    assessment = Assessment(organisation=organisation, created_by=who.history_user)
    _save_assessment(assessment, data, who)
    return assessment


@transaction.atomic
def update_assessment(
    *,
    actor: Actor,
    assessment: Assessment,
    expected_version: int,
    data: AssessmentInput,
) -> Assessment:
    """Save the edit only if nobody has saved the assessment since `expected_version` was read.

    Otherwise ConflictError; see tiekartta.core.locking.
    """
    assessment.version = claim_version(Assessment, assessment.pk, expected_version)
    try:
        _save_assessment(assessment, data, as_actor(actor))
    except Exception:
        # The transaction rolls back; the caller's object must not claim the new version.
        assessment.version = expected_version
        raise
    return assessment


@transaction.atomic
def delete_assessment(*, actor: Actor, assessment: Assessment) -> None:
    """The scores go with the assessment, each with its own attributed history row."""
    who = as_actor(actor)
    when = timezone.now()
    for score in assessment.scores.all():
        with _stamped(score, who, when):
            score.delete()
    with _stamped(assessment, who, when):
        assessment.delete()
