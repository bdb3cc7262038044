"""Every write to roadmaps, themes, people and tasks. Views, the admin and commands call these.

Each function is keyword-only, runs in one transaction, validates with full_clean() and leaves a
history row attributed to the actor in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tiekartta.accounts.models import Organisation, User
from tiekartta.accounts.policy import ARCHIVED_MESSAGE
from tiekartta.core.actors import Actor
from tiekartta.core.audit import history_by, history_paused, write_history_row
from tiekartta.core.locking import claim_version, claimed
from tiekartta.core.translations import Translations, cleaned
from tiekartta.roadmap.models import (
    TASK_HISTORY,
    Colour,
    Kind,
    Person,
    Priority,
    Roadmap,
    Status,
    Task,
    Theme,
)


def _save(instance: Any, actor: Actor) -> None:
    instance.full_clean()
    with history_by(instance, actor):
        instance.save()


def _set_translations(instance: Any, translations: Mapping[str, Mapping[str, str]] | None) -> None:
    """The object's language versions (core.translations); None keeps those it has, so that a
    write which knows only the primary texts (an import, the API) loses none."""
    if translations is not None:
        instance.translations = cleaned(translations)


def ensure_open(roadmap: Roadmap) -> None:
    """Refuse any write to an archived roadmap's content: a closed plan is not rewritten
    afterwards, whichever way the write comes (form, import, command, API, admin). Restoring
    the roadmap (`set_roadmap_archived`) is the one write allowed."""
    if roadmap.is_archived:
        raise ValidationError(ARCHIVED_MESSAGE)


# Roadmaps ----------------------------------------------------------------------------------


@transaction.atomic
def create_roadmap(
    *,
    actor: Actor,
    organisation: Organisation,
    title: str,
    slug: str,
    start_year: int,
    end_year: int,
    description: str = "",
    is_public: bool = False,
    translations: Translations | None = None,
) -> Roadmap:
    """`translations`: the title and description in the organisation's other languages,
    `{"sv": {"title": "…"}}` (tiekartta.core.translations)."""
    roadmap = Roadmap(
        organisation=organisation,
        title=title,
        slug=slug,
        start_year=start_year,
        end_year=end_year,
        description=description,
        is_public=is_public,
    )
    _set_translations(roadmap, translations)
    _save(roadmap, actor)
    return roadmap


@transaction.atomic
def update_roadmap(
    *,
    actor: Actor,
    roadmap: Roadmap,
    title: str,
    slug: str,
    start_year: int,
    end_year: int,
    description: str,
    is_public: bool | None = None,
    expected_version: int | None = None,
    translations: Translations | None = None,
) -> Roadmap:
    """Save the edit only if nobody has saved the roadmap since `expected_version` was read
    (None: the version `roadmap` carries). Otherwise ConflictError; see core.locking.
    `is_public` None keeps whether the roadmap is published; `translations` None keeps the
    language versions."""
    with claimed(roadmap, expected_version):
        if is_public is not None:
            roadmap.is_public = is_public
        return _update_roadmap(
            actor=actor,
            roadmap=roadmap,
            title=title,
            slug=slug,
            start_year=start_year,
            end_year=end_year,
            description=description,
            translations=translations,
        )


def _update_roadmap(
    *,
    actor: Actor,
    roadmap: Roadmap,
    title: str,
    slug: str,
    start_year: int,
    end_year: int,
    description: str,
    translations: Translations | None,
) -> Roadmap:
    ensure_open(roadmap)
    roadmap.title = title
    roadmap.slug = slug
    roadmap.start_year = start_year
    roadmap.end_year = end_year
    roadmap.description = description
    _set_translations(roadmap, translations)
    outside = [
        task.title
        for task in roadmap.tasks.all()
        if any(
            q and not roadmap.contains_quarter(q) for q in (task.start_quarter, task.due_quarter)
        )
    ]
    if outside:
        raise ValidationError(
            {
                "end_year": _(
                    "The period would leave these tasks' schedules outside it: %(tasks)s."
                )
                % {"tasks": ", ".join(outside[:5]) + ("…" if len(outside) > 5 else "")}
            }
        )
    # Metric values and intermediate targets are for the roadmap's years; they would be lost or
    # frozen outside them.
    measured = sorted(
        {
            name
            for name, year in roadmap.metrics.values_list("name", "milestones__year")
            if year is not None and not start_year <= year <= end_year
        }
        | {
            name
            for name, period in roadmap.metrics.values_list("name", "values__period")
            if period and not start_year <= int(period[:4]) <= end_year
        }
    )
    if measured:
        raise ValidationError(
            {
                "end_year": _(
                    "The period would leave values or intermediate targets of these metrics "
                    "outside it: %(metrics)s."
                )
                % {"metrics": ", ".join(measured[:5]) + ("…" if len(measured) > 5 else "")}
            }
        )
    _save(roadmap, actor)
    return roadmap


@transaction.atomic
def set_roadmap_archived(*, actor: Actor, roadmap: Roadmap, archived: bool) -> Roadmap:
    # A save like any other: an edit form opened before it is then refused as stale.
    with claimed(roadmap):
        roadmap.is_archived = archived
        _save(roadmap, actor)
    return roadmap


@transaction.atomic
def set_roadmap_public(*, actor: Actor, roadmap: Roadmap, public: bool) -> Roadmap:
    """Publish the roadmap on the public site, or take it off. Allowed on an archived roadmap
    too: publishing changes nothing of the plan, and a finished plan is what residents ask
    about."""
    with claimed(roadmap):
        roadmap.is_public = public
        _save(roadmap, actor)
    return roadmap


# Themes ------------------------------------------------------------------------------------


@transaction.atomic
def create_theme(
    *,
    actor: Actor,
    roadmap: Roadmap,
    name: str,
    description: str = "",
    is_spearhead: bool = False,
    colour: str = Colour.BLUE,
    translations: Translations | None = None,
) -> Theme:
    """`translations`: the name and description in the organisation's other languages."""
    ensure_open(roadmap)
    last = roadmap.themes.aggregate(last=Max("order"))["last"]
    theme = Theme(
        roadmap=roadmap,
        name=name,
        description=description,
        is_spearhead=is_spearhead,
        colour=colour,
        order=0 if last is None else last + 1,
    )
    _set_translations(theme, translations)
    _save(theme, actor)
    return theme


@transaction.atomic
def update_theme(
    *,
    actor: Actor,
    theme: Theme,
    name: str,
    description: str,
    is_spearhead: bool,
    colour: str,
    order: int,
    expected_version: int | None = None,
    translations: Translations | None = None,
) -> Theme:
    """Save the edit only if nobody has saved the theme since `expected_version` was read
    (None: the version `theme` carries). Otherwise ConflictError; see core.locking.
    `translations` None keeps the language versions."""
    ensure_open(theme.roadmap)
    with claimed(theme, expected_version):
        theme.name = name
        theme.description = description
        theme.is_spearhead = is_spearhead
        theme.colour = colour
        theme.order = order
        _set_translations(theme, translations)
        _save(theme, actor)
    return theme


@transaction.atomic
def delete_theme(*, actor: Actor, theme: Theme) -> None:
    ensure_open(theme.roadmap)
    if theme.tasks.exists():
        raise ValidationError(
            _("The theme still has tasks. Move or delete them before deleting the theme.")
        )
    if theme.metrics.exists():
        raise ValidationError(
            _("The theme still has metrics. Move or delete them before deleting the theme.")
        )
    with history_by(theme, actor):
        theme.delete()


# People ------------------------------------------------------------------------------------


@transaction.atomic
def create_person(
    *,
    actor: Actor,
    organisation: Organisation,
    name: str,
    title: str = "",
    unit: str = "",
    email: str = "",
    user: User | None = None,
) -> Person:
    person = Person(
        organisation=organisation, name=name, title=title, unit=unit, email=email, user=user
    )
    _check_person_user(person)
    _save(person, actor)
    return person


@transaction.atomic
def update_person(
    *,
    actor: Actor,
    person: Person,
    name: str,
    title: str,
    unit: str,
    email: str,
    user: User | None,
    expected_version: int | None = None,
) -> Person:
    """Save the edit only if nobody has saved the person since `expected_version` was read
    (None: the version `person` carries). Otherwise ConflictError; see core.locking."""
    with claimed(person, expected_version):
        person.name = name
        person.title = title
        person.unit = unit
        person.email = email
        person.user = user
        _check_person_user(person)
        _save(person, actor)
    return person


@transaction.atomic
def link_person_to_user(*, actor: Actor, person: Person, user: User) -> Person:
    """Make `user` (a member of the person's organisation) the person's user account."""
    with claimed(person):
        person.user = user
        _check_person_user(person)
        _save(person, actor)
    return person


def _check_person_user(person: Person) -> None:
    if (
        person.user is not None
        and not person.user.memberships.filter(organisation_id=person.organisation_id).exists()
    ):
        raise ValidationError({"user": _("The user account must belong to this organisation.")})


@transaction.atomic
def delete_person(*, actor: Actor, person: Person) -> None:
    if person.owned_tasks.exists():
        raise ValidationError(
            _("This person is responsible for tasks. Give the tasks to someone else first.")
        )
    if person.owned_metrics.exists():
        raise ValidationError(
            _("This person is responsible for metrics. Give the metrics to someone else first.")
        )
    with history_by(person, actor):
        person.delete()


# Tasks -------------------------------------------------------------------------------------


@dataclass
class TaskInput:
    """What a user can set on a task, whichever way it arrives (form, import, API)."""

    title: str
    theme: Theme
    owner: Person
    description: str = ""
    kind: str = Kind.IMPLEMENTATION
    collaborators: list[Person] = field(default_factory=list)
    collaborating_units: str = ""
    unit: str = ""
    start: str = ""
    due: str = ""
    priority: str = Priority.MEDIUM
    quick_win: bool = False
    status: str = Status.PLANNED
    is_public: bool = False
    predecessors: list[Task] = field(default_factory=list)
    # None keeps the task's public summary: an import or the API knows nothing of it.
    public_summary: str | None = None
    # The identifier of an imported task in the tool it came from; None keeps what the task has
    # (the edit form knows nothing of it), so only an import sets or changes it.
    external_source: str | None = None
    external_id: str | None = None
    # The language versions of the title, description and summary ({"sv": {"title": …}});
    # None keeps the task's: an import writes the primary texts only.
    translations: Translations | None = None

    SCALAR_FIELDS = (
        "title",
        "theme",
        "owner",
        "description",
        "kind",
        "collaborating_units",
        "unit",
        "start",
        "due",
        "priority",
        "quick_win",
        "status",
        "is_public",
    )

    @classmethod
    def from_task(cls, task: Task) -> TaskInput:
        values = {name: getattr(task, name) for name in cls.SCALAR_FIELDS}
        return cls(
            **values,
            collaborators=list(task.collaborators.all()),
            predecessors=list(task.predecessors.all()),
            public_summary=task.public_summary,
            translations={lang: dict(texts) for lang, texts in (task.translations or {}).items()},
        )


def validate_predecessors(task: Task, roadmap: Roadmap, predecessors: Iterable[Task]) -> None:
    """Predecessors must be other tasks of the same roadmap and must not form a cycle."""
    chosen = list(predecessors)
    if any(p.roadmap_id != roadmap.pk for p in chosen):
        raise ValidationError({"predecessors": _("Choose predecessors from this roadmap.")})
    if task.pk is None:
        return  # A new task has no successors yet, so it cannot close a cycle.
    if any(p.pk == task.pk for p in chosen):
        raise ValidationError({"predecessors": _("A task cannot be its own predecessor.")})
    # Walk backwards from the chosen predecessors over the roadmap's existing links; reaching
    # the task itself means the new links would close a cycle.
    links: dict[int, set[int]] = {}
    through = Task.predecessors.through
    for from_id, to_id in through.objects.filter(from_task__roadmap=roadmap).values_list(
        "from_task_id", "to_task_id"
    ):
        links.setdefault(from_id, set()).add(to_id)
    links[task.pk] = {p.pk for p in chosen}
    seen: set[int] = set()
    stack = [p.pk for p in chosen]
    while stack:
        current = stack.pop()
        if current == task.pk:
            raise ValidationError(
                {
                    "predecessors": _(
                        "These predecessors would make the tasks wait for each other in a cycle."
                    )
                }
            )
        if current in seen:
            continue
        seen.add(current)
        stack.extend(links.get(current, ()))


def _check_people(roadmap: Roadmap, data: TaskInput) -> None:
    if any(p.organisation_id != roadmap.organisation_id for p in data.collaborators):
        raise ValidationError(
            {"collaborators": _("Collaborators must belong to this organisation.")}
        )


def _apply(task: Task, data: TaskInput) -> None:
    for name in TaskInput.SCALAR_FIELDS:
        setattr(task, name, getattr(data, name))
    if data.external_source is not None and data.external_id is not None:
        task.external_source, task.external_id = data.external_source, data.external_id
    if data.translations is not None:
        _apply_summary_versions(task, data.translations)
        _set_translations(task, data.translations)
    if data.public_summary is not None:
        apply_public_summary(task, data.public_summary)


@transaction.atomic
def set_public_summary(
    *,
    actor: Actor,
    task: Task,
    summary: str,
    expected_version: int | None = None,
    summary_translations: Mapping[str, str] | None = None,
) -> Task:
    """Rewrite only what residents read of the task's progress (the demo, a quick edit).
    `summary_translations` ({"sv": "…"}; "" removes that version) rewrites the summary's
    language versions named, and leaves the others and the other texts' versions alone."""
    ensure_open(task.roadmap)
    with claimed(task, expected_version):
        apply_public_summary(task, summary)
        if summary_translations is not None:
            apply_summary_translations(task, summary_translations)
        task.full_clean()
        with history_by(task, actor):
            task.save()
    return task


def apply_public_summary(task: Task, summary: str) -> None:
    """Set the summary residents read, and when it last changed (the public site dates it)."""
    summary = summary.strip()
    if summary != task.public_summary:
        task.public_summary = summary
        task.public_summary_updated_at = timezone.now()


def _summary_of(translations: Mapping[str, Mapping[str, str]] | None) -> dict[str, str]:
    return {
        language: (texts.get("public_summary") or "").strip()
        for language, texts in (translations or {}).items()
        if (texts.get("public_summary") or "").strip()
    }


def _apply_summary_versions(task: Task, translations: Mapping[str, Mapping[str, str]]) -> None:
    """A changed version of the summary is a change of what residents read too: dated."""
    if _summary_of(translations) != _summary_of(task.translations):
        task.public_summary_updated_at = timezone.now()


def apply_summary_translations(task: Task, versions: Mapping[str, str]) -> None:
    """Set the public summary's language versions ({"sv": "…"}, "" for none) on the task,
    keeping its other versions, and date the change."""
    updated = {language: dict(texts) for language, texts in (task.translations or {}).items()}
    for language, text in versions.items():
        updated.setdefault(language, {})["public_summary"] = text
    updated = cleaned(updated)
    _apply_summary_versions(task, updated)
    task.translations = updated


def _save_task(task: Task, data: TaskInput, actor: Actor, history_type: str) -> None:
    task.full_clean()
    _check_people(task.roadmap, data)
    validate_predecessors(task, task.roadmap, data.predecessors)
    with history_paused(task):
        task.save()
        task.collaborators.set(data.collaborators)
        task.predecessors.set(data.predecessors)
    write_history_row(TASK_HISTORY, task, actor, history_type)


@transaction.atomic
def create_task(
    *,
    actor: Actor,
    roadmap: Roadmap,
    data: TaskInput,
    carried_over_from: Task | None = None,
) -> Task:
    """A new task at the end of its theme; `carried_over_from` is the task of an earlier roadmap
    it continues."""
    ensure_open(roadmap)
    last = Task.objects.filter(theme=data.theme).aggregate(last=Max("order"))["last"]
    task = Task(
        roadmap=roadmap,
        order=0 if last is None else last + 1,
        carried_over_from=carried_over_from,
    )
    _apply(task, data)
    _save_task(task, data, actor, "+")
    return task


@transaction.atomic
def update_task(*, actor: Actor, task: Task, expected_version: int, data: TaskInput) -> Task:
    """Save the edit only if nobody has saved the task since `expected_version` was read.

    Otherwise ConflictError; see tiekartta.core.locking.
    """
    ensure_open(task.roadmap)
    task.version = claim_version(Task, task.pk, expected_version)
    if data.theme.pk != task.theme_id:
        last = Task.objects.filter(theme=data.theme).aggregate(last=Max("order"))["last"]
        task.order = 0 if last is None else last + 1
    _apply(task, data)
    try:
        _save_task(task, data, actor, "~")
    except Exception:
        # The transaction rolls back; the caller's object must not claim the new version.
        task.version = expected_version
        raise
    return task


@transaction.atomic
def set_quick_win(*, actor: Actor, task: Task, quick_win: bool) -> Task:
    """Mark the task a quick win or not (an idea from the quick-win quadrant joins it)."""
    ensure_open(task.roadmap)
    if task.quick_win == quick_win:
        return task
    task.version = claim_version(Task, task.pk, task.version)
    task.quick_win = quick_win
    task.full_clean()
    with history_paused(task):
        task.save()
    write_history_row(TASK_HISTORY, task, actor, "~")
    return task


@transaction.atomic
def delete_task(*, actor: Actor, task: Task) -> None:
    ensure_open(task.roadmap)
    with history_by(task, actor):
        task.delete()


@transaction.atomic
def move_task(*, actor: Actor, task: Task, direction: Literal["up", "down"]) -> bool:
    """Swap the task with its neighbour in the theme. Returns False at either end."""
    ensure_open(task.roadmap)
    siblings = list(
        Task.objects.select_for_update().filter(theme_id=task.theme_id).order_by("order", "pk")
    )
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == task.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(siblings):
        return False
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings):
        if sibling.order != position:
            sibling.order = position
            with history_by(sibling, actor):
                sibling.save(update_fields=["order", "updated_at"])
    return True
