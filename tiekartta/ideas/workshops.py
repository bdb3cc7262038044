"""Running a workshop and scoring ideas: every write keyword-only, in one transaction, checked
with full_clean(), the actor on the history row.

A workshop is held on the scale and dots the organisation had set when it opened. Each signed-in
person scores with their own account, so two people scoring the same idea both count and the
pages show the average. Closing the workshop keeps its record as it stood."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from tiekartta.accounts.models import Organisation, User
from tiekartta.core.actors import Actor, as_actor
from tiekartta.core.audit import history_by
from tiekartta.core.locking import claimed
from tiekartta.ideas import selectors
from tiekartta.ideas.models import (
    Idea,
    IdeaSource,
    IdeaStatus,
    Score,
    ScoringSettings,
    Voting,
    Workshop,
    WorkshopStatus,
)
from tiekartta.ideas.services import IdeaInput, create_idea
from tiekartta.roadmap.models import Person, Theme

# The ideas a workshop for a theme takes up from the backlog when it opens.
OPEN_STATUSES = (IdeaStatus.NEW, IdeaStatus.UNDER_REVIEW)


def _save(instance: Workshop | Score | ScoringSettings, actor: Actor) -> None:
    instance.full_clean()
    with history_by(instance, actor):
        instance.save()


@transaction.atomic
def save_scoring_settings(
    *,
    actor: Actor,
    organisation: Organisation,
    scale: int,
    impact_weight: int,
    effort_weight: int,
    fit_weight: int,
    dots: int,
    expected_version: int | None = None,
) -> ScoringSettings:
    """The scale, the weights and the dots. Workshops held already keep their own scale."""
    settings = ScoringSettings.for_organisation(organisation)
    if settings.pk is None:
        settings.save()
    with claimed(settings, expected_version):
        settings.scale = scale
        settings.impact_weight = impact_weight
        settings.effort_weight = effort_weight
        settings.fit_weight = fit_weight
        settings.dots = dots
        _save(settings, actor)
    return settings


@transaction.atomic
def open_workshop(
    *,
    actor: Actor,
    organisation: Organisation,
    title: str,
    held_on: datetime.date,
    voting: str,
    theme: Theme | None = None,
    attendees: Sequence[Person] = (),
    take_up_open_ideas: bool = True,
) -> Workshop:
    """A new workshop. With a theme and `take_up_open_ideas`, the theme's new ideas and those
    under review are on its list to score."""
    settings = ScoringSettings.for_organisation(organisation)
    workshop = Workshop(
        organisation=organisation,
        title=title.strip(),
        theme=theme,
        held_on=held_on,
        voting=voting,
        scale=settings.scale,
        dots=settings.dots,
        opened_by=as_actor(actor).history_user,
    )
    _save(workshop, actor)
    _check_attendees(workshop, attendees)
    workshop.attendees.set(attendees)
    if theme is not None and take_up_open_ideas:
        workshop.ideas.set(
            selectors.ideas_of(organisation).filter(theme=theme, status__in=OPEN_STATUSES)
        )
    return workshop


def _check_attendees(workshop: Workshop, attendees: Sequence[Person]) -> None:
    if any(person.organisation_id != workshop.organisation_id for person in attendees):
        raise ValidationError({"attendees": _("Choose people of this organisation.")})


def ensure_workshop_open(workshop: Workshop) -> None:
    if not workshop.is_open:
        raise ValidationError(_("The workshop is closed: its record no longer changes."))


@transaction.atomic
def update_workshop(
    *,
    actor: Actor,
    workshop: Workshop,
    title: str,
    held_on: datetime.date,
    attendees: Sequence[Person],
    notes: str,
    expected_version: int | None = None,
) -> Workshop:
    ensure_workshop_open(workshop)
    with claimed(workshop, expected_version):
        workshop.title = title.strip()
        workshop.held_on = held_on
        workshop.notes = notes.strip()
        _save(workshop, actor)
        _check_attendees(workshop, attendees)
        workshop.attendees.set(attendees)
    return workshop


@transaction.atomic
def write_workshop_idea(
    *, actor: Actor, workshop: Workshop, title: str, description: str = ""
) -> Idea:
    """An idea written in the workshop: its source is the workshop, its event the workshop's
    title, its theme the workshop's."""
    ensure_workshop_open(workshop)
    idea = create_idea(
        actor=actor,
        organisation=workshop.organisation,
        data=IdeaInput(
            title=title,
            description=description,
            received_on=workshop.held_on,
            source=IdeaSource.WORKSHOP,
            event=workshop.title,
            theme=workshop.theme,
        ),
        workshop=workshop,
    )
    workshop.ideas.add(idea)
    return idea


@transaction.atomic
def take_up_ideas(*, actor: Actor, workshop: Workshop, ideas: Sequence[Idea]) -> None:
    """Bring ideas of the backlog onto the workshop's list."""
    ensure_workshop_open(workshop)
    for idea in ideas:
        if idea.organisation_id != workshop.organisation_id:
            raise ValidationError({"ideas": _("Choose ideas of this organisation.")})
        if idea.status == IdeaStatus.MERGED:
            raise ValidationError(
                {"ideas": _("“%(title)s” was merged into another idea.") % {"title": idea.title}}
            )
    workshop.ideas.add(*ideas)


def _check_on_list(workshop: Workshop, idea: Idea) -> None:
    ensure_workshop_open(workshop)
    if not workshop.ideas.filter(pk=idea.pk).exists():
        raise ValidationError(_("The idea is not on this workshop's list."))


def _scorer(actor: Actor) -> User:
    user = as_actor(actor).history_user
    if not isinstance(user, User):
        # A score is one person's view: a token or a command has none.
        raise ValidationError(_("Only a person signed in can score."))
    return user


def _own_score(workshop: Workshop, idea: Idea, actor: Actor) -> Score:
    user = _scorer(actor)
    found = (
        Score.objects.select_for_update().filter(workshop=workshop, idea=idea, scorer=user).first()
    )
    return found or Score(workshop=workshop, idea=idea, scorer=user)


@transaction.atomic
def score_idea(
    *,
    actor: Actor,
    workshop: Workshop,
    idea: Idea,
    impact: int | None,
    effort: int | None,
    fit: int | None,
) -> Score:
    """The actor's own score of the idea in the workshop (saved again replaces it)."""
    _check_on_list(workshop, idea)
    if workshop.voting != Voting.SCORES:
        raise ValidationError(_("This workshop votes with dots."))
    errors = {}
    for name, value in (("impact", impact), ("effort", effort), ("fit", fit)):
        if value is not None and not 1 <= value <= workshop.scale:
            errors[name] = _("Give a score from 1 to %(scale)s.") % {"scale": workshop.scale}
    if errors:
        raise ValidationError(errors)
    if impact is None and effort is None and fit is None:
        raise ValidationError(_("Give at least one score."))
    score = _own_score(workshop, idea, actor)
    score.impact, score.effort, score.fit = impact, effort, fit
    _save(score, actor)
    return score


@transaction.atomic
def vote_dots(*, actor: Actor, workshop: Workshop, idea: Idea, dots: int) -> Score:
    """The actor's dots on the idea; all of one person's dots in the workshop add up to at
    most the workshop's dots."""
    _check_on_list(workshop, idea)
    if workshop.voting != Voting.DOTS:
        raise ValidationError(_("This workshop scores impact, effort and strategic fit."))
    if dots < 0:
        raise ValidationError({"dots": _("The number of dots cannot be negative.")})
    score = _own_score(workshop, idea, actor)
    elsewhere = (
        Score.objects.filter(workshop=workshop, scorer=score.scorer)
        .exclude(idea=idea)
        .aggregate(total=Sum("dots"))["total"]
        or 0
    )
    if elsewhere + dots > workshop.dots:
        raise ValidationError(
            {
                "dots": _("You have %(left)s of your %(all)s dots left.")
                % {"left": workshop.dots - elsewhere, "all": workshop.dots}
            }
        )
    score.dots = dots
    _save(score, actor)
    return score


@transaction.atomic
def close_workshop(*, actor: Actor, workshop: Workshop) -> Workshop:
    """Close the workshop and keep its record: who came, the ideas and their scores."""
    locked = Workshop.objects.select_for_update().get(pk=workshop.pk)
    ensure_workshop_open(locked)
    locked.record = selectors.workshop_record(locked)
    locked.status = WorkshopStatus.CLOSED
    locked.closed_at = timezone.now()
    locked.closed_by = as_actor(actor).history_user
    locked.version += 1
    _save(locked, actor)
    return locked


@transaction.atomic
def delete_workshop(*, actor: Actor, workshop: Workshop) -> None:
    """Only an open workshop nobody has scored in yet; its ideas stay in the backlog."""
    if not workshop.is_open:
        raise ValidationError(_("A closed workshop's record is kept."))
    if workshop.scores.exists():
        raise ValidationError(_("Ideas have been scored in this workshop: close it instead."))
    with history_by(workshop, actor):
        workshop.delete()
