"""What residents may see: the one definition every public surface uses.

The public site, its news feed, the embeddable widget and the open-data files all read through
this module and nothing else, so that "public" is decided once: a roadmap the organisation has
published (`Roadmap.is_public`), its themes, its tasks marked public (`Task.is_public`) and its
metrics marked public (`Metric.is_public`). A task reaches a page only as a `PublicTask`, which
carries none of the internal fields (description, progress notes, people's e-mails, risk
margins, priority, collaborators); the responsible person's name only where the organisation
allows it (`FollowUpSettings.public_shows_names`), otherwise the unit or title.

Language versions: a `PublicTask`'s title, public summary and theme name are `TranslatedText`s
in the page's language where the organisation has written that version, else the primary text
(which knows its language, for the `lang` attribute); built inside the request's
`using_languages`. Only the versions of public fields are kept (`public_versions`): a version
of the description, an internal field, never leaves this module.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Sum, TextField, Value, When
from django.db.models.fields.json import KT, KeyTextTransform, KeyTransform
from django.db.models.functions import Coalesce, Concat, Lower

from tiekartta.accounts.models import Organisation
from tiekartta.core.translations import (
    TranslatedText,
    Translations,
    current_languages,
    page_language,
    translated,
)
from tiekartta.roadmap.models import FollowUpSettings, Roadmap, Status, Task, Theme

# The task columns a public surface may read; `.only()` keeps the rest out of memory too.
PUBLIC_TASK_COLUMNS = (
    "id",
    "roadmap_id",
    "roadmap__slug",
    "theme_id",
    "title",
    "start",
    "due",
    "status",
    "completion",
    "unit",
    "public_summary",
    "public_summary_updated_at",
    "updated_at",
    "translations",
    "order",
    "owner__name",
    "owner__title",
    "owner__unit",
    "theme__name",
    "theme__is_spearhead",
    "theme__order",
    "theme__colour",
    "theme__translations",
)

# The texts of a task residents may read in each language, and the theme's: never the
# description (internal).
PUBLIC_TASK_TEXTS = ("title", "public_summary")
PUBLIC_THEME_TEXTS = ("name",)


def public_versions(
    translations: Any, fields: tuple[str, ...], *, prefix: str = ""
) -> Translations:
    """The language versions of `fields` only (`prefix` renames them: "theme_name")."""
    kept: Translations = {}
    for language, versions in (translations or {}).items():
        if not isinstance(versions, dict):
            continue
        public = {
            f"{prefix}{name}": text
            for name in fields
            if isinstance(text := versions.get(name), str) and text
        }
        if public:
            kept[language] = public
    return kept


def _task_versions(task_translations: Any, theme_translations: Any) -> Translations:
    versions = public_versions(task_translations, PUBLIC_TASK_TEXTS)
    for language, texts in public_versions(
        theme_translations, PUBLIC_THEME_TEXTS, prefix="theme_"
    ).items():
        versions.setdefault(language, {}).update(texts)
    return versions


def organisations_with_public_site() -> QuerySet[Organisation]:
    return Organisation.objects.filter(roadmaps__is_public=True).distinct().order_by("name")


def public_roadmaps(organisation: Organisation) -> QuerySet[Roadmap]:
    return Roadmap.objects.filter(organisation=organisation, is_public=True).order_by(
        "-start_year", "title"
    )


def public_themes(roadmap: Roadmap) -> QuerySet[Theme]:
    """A published roadmap's themes are public: its structure is the plan residents read."""
    if not roadmap.is_public:
        return Theme.objects.none()
    return Theme.objects.filter(roadmap=roadmap).in_display_order()


def _public_task_filter(prefix: str = "") -> Q:
    return Q(**{f"{prefix}is_public": True, f"{prefix}roadmap__is_public": True})


def public_tasks(roadmap: Roadmap) -> QuerySet[Task]:
    """Public tasks of a published roadmap, in the overview's order, with only public columns."""
    return (
        Task.objects.filter(_public_task_filter(), roadmap=roadmap)
        .select_related("theme", "owner", "roadmap")
        .only(*PUBLIC_TASK_COLUMNS)
        .order_by("-theme__is_spearhead", "theme__order", "theme__name", "order", "pk")
    )


def public_tasks_of_organisation(organisation: Organisation) -> QuerySet[Task]:
    return (
        Task.objects.filter(_public_task_filter(), roadmap__organisation=organisation)
        .select_related("theme", "owner", "roadmap")
        .only(*PUBLIC_TASK_COLUMNS)
        .order_by("roadmap_id", "-theme__is_spearhead", "theme__order", "order", "pk")
    )


def public_metrics(roadmap: Roadmap) -> QuerySet[Any]:
    """Public metrics of a published roadmap. Metrics live a layer above; the reverse relation
    reaches them without importing that app."""
    if not roadmap.is_public:
        return roadmap.metrics.none()
    return roadmap.metrics.filter(is_public=True).select_related("theme").order_by("order", "name")


def shows_names(organisation: Organisation) -> bool:
    return FollowUpSettings.for_organisation(organisation).public_shows_names


@dataclass(frozen=True)
class PublicTask:
    """A task as residents see it: nothing more may be added here without asking whether the
    field is meant for the public."""

    id: int
    roadmap_id: int
    title: TranslatedText
    theme_id: int
    theme_name: TranslatedText
    theme_is_spearhead: bool
    theme_colour: str
    start: str
    due: str
    schedule_label: str
    status: str
    status_label: str
    completion: int
    responsible: str
    public_summary: TranslatedText
    public_summary_updated_at: datetime.datetime | None
    updated_at: datetime.datetime
    # The other languages' versions of title, public_summary and theme_name, as written.
    translations: Translations
    # For the address of the task's public page.
    roadmap_slug: str


def _responsible(unit: str, name: str, person_unit: str, title: str, names_shown: bool) -> str:
    unit = unit or person_unit
    if names_shown:
        return f"{name}, {unit}" if unit else name
    return unit or title


def responsible_label(task: Task, *, names_shown: bool) -> str:
    """Who answers for the task, as the public sees it: the unit (the task's, else the
    person's) or the person's title; the name only where the organisation allows it."""
    owner = task.owner
    return _responsible(task.unit, owner.name, owner.unit, owner.title, names_shown)


# The columns `public_task_list` reads, by the name PublicTask gives them.
_ROW_COLUMNS = {
    "id": "id",
    "roadmap_id": "roadmap_id",
    "title": "title",
    "theme_id": "theme_id",
    "theme_name": "theme__name",
    "theme_is_spearhead": "theme__is_spearhead",
    "theme_colour": "theme__colour",
    "start": "start",
    "due": "due",
    "status": "status",
    "completion": "completion",
    "unit": "unit",
    "owner_name": "owner__name",
    "owner_unit": "owner__unit",
    "owner_title": "owner__title",
    "public_summary": "public_summary",
    "public_summary_updated_at": "public_summary_updated_at",
    "updated_at": "updated_at",
    "translations": "translations",
    "theme_translations": "theme__translations",
    "roadmap_slug": "roadmap__slug",
}


class _Labels:
    """Quarter and status labels in the active language, each translated once per list (a
    list of thousands would otherwise ask gettext thousands of times)."""

    def __init__(self) -> None:
        self.statuses = {value: str(label) for value, label in Status.choices}
        self.schedules: dict[tuple[str, str], str] = {}

    def schedule(self, start: str, due: str) -> str:
        key = (start, due)
        if key not in self.schedules:
            self.schedules[key] = Task(start=start, due=due).schedule_label
        return self.schedules[key]


def _from_row(
    row: dict[str, Any], labels: _Labels, names_shown: bool, language: str | None
) -> PublicTask:
    status = row["status"]
    versions = _task_versions(row["translations"], row["theme_translations"])
    return PublicTask(
        id=row["id"],
        roadmap_id=row["roadmap_id"],
        title=translated(row["title"], versions, "title", language),
        theme_id=row["theme_id"],
        theme_name=translated(row["theme_name"], versions, "theme_name", language),
        theme_is_spearhead=row["theme_is_spearhead"],
        theme_colour=row["theme_colour"],
        start=row["start"],
        due=row["due"],
        schedule_label=labels.schedule(row["start"], row["due"]),
        status=status,
        status_label=labels.statuses.get(status, status),
        # As Task.shown_completion: a task marked done is complete.
        completion=100 if status == Status.DONE else row["completion"],
        responsible=_responsible(
            row["unit"], row["owner_name"], row["owner_unit"], row["owner_title"], names_shown
        ),
        public_summary=translated(row["public_summary"], versions, "public_summary", language),
        public_summary_updated_at=row["public_summary_updated_at"],
        updated_at=row["updated_at"],
        translations=versions,
        roadmap_slug=row["roadmap_slug"],
    )


def project(task: Task, *, names_shown: bool, language: str | None = None) -> PublicTask:
    """The task as residents see it, its texts in `language` (the page's by default)."""
    versions = _task_versions(task.translations, task.theme.translations)
    return PublicTask(
        id=task.pk,
        roadmap_id=task.roadmap_id,
        title=translated(task.title, versions, "title", language),
        theme_id=task.theme_id,
        theme_name=translated(task.theme.name, versions, "theme_name", language),
        theme_is_spearhead=task.theme.is_spearhead,
        theme_colour=task.theme.colour,
        start=task.start,
        due=task.due,
        schedule_label=task.schedule_label,
        status=task.status,
        status_label=str(Status(task.status).label),
        completion=task.shown_completion,
        responsible=responsible_label(task, names_shown=names_shown),
        public_summary=translated(task.public_summary, versions, "public_summary", language),
        public_summary_updated_at=task.public_summary_updated_at,
        updated_at=task.updated_at,
        translations=versions,
        roadmap_slug=task.roadmap.slug,
    )


def project_all(
    tasks: QuerySet[Task] | Any, *, names_shown: bool, language: str | None = None
) -> list[PublicTask]:
    """The tasks of a `public_tasks...` queryset as residents see them, read as plain rows
    (no model instances: a roadmap of thousands of tasks is read in milliseconds); their texts
    in `language` (the page's by default)."""
    labels = _Labels()
    plain = [name for name, column in _ROW_COLUMNS.items() if name == column]
    aliased = {name: F(column) for name, column in _ROW_COLUMNS.items() if name != column}
    rows = tasks.values(*plain, **aliased)
    return [_from_row(row, labels, names_shown, language) for row in rows]


def public_task_list(roadmap: Roadmap) -> list[PublicTask]:
    """Every public task of the roadmap as residents see it (two queries)."""
    return project_all(public_tasks(roadmap), names_shown=shows_names(roadmap.organisation))


@dataclass(frozen=True)
class Progress:
    """How far a set of public tasks is: the mean completion, cancelled tasks left out."""

    tasks: int
    counted: int
    completion_sum: int

    @property
    def percent(self) -> int | None:
        return round(self.completion_sum / self.counted) if self.counted else None


def public_progress(roadmap: Roadmap) -> dict[int, Progress]:
    """Per theme id, in one aggregate query (a done task counts as complete)."""
    shown = Case(
        When(status=Status.DONE, then=Value(100)),
        default=F("completion"),
        output_field=IntegerField(),
    )
    counted = ~Q(status=Status.CANCELLED)
    rows = (
        Task.objects.filter(_public_task_filter(), roadmap=roadmap)
        .order_by()
        .values("theme_id")
        .annotate(
            tasks=Count("pk"),
            counted=Count("pk", filter=counted),
            completion_sum=Sum(shown, filter=counted),
        )
    )
    return {
        row["theme_id"]: Progress(row["tasks"], row["counted"], row["completion_sum"] or 0)
        for row in rows
    }


def search(tasks: QuerySet[Task], *, theme: int | None, status: str, q: str) -> QuerySet[Task]:
    """Narrow public tasks as the public filters do: every word of `q` in the title, the
    public summary or the theme's name, in the primary language or in the page's (where the
    organisation uses it), case left aside (Unicode-aware on SQLite too)."""
    if theme:
        tasks = tasks.filter(theme_id=theme)
    if status:
        tasks = tasks.filter(status=status)
    words = q.split()
    if words:
        texts: list[Any] = ["title", "public_summary", "theme__name"]
        language = page_language()
        if language in current_languages().others:
            texts += [
                Coalesce(
                    KT(f"translations__{language}__{name}"), Value(""), output_field=TextField()
                )
                for name in PUBLIC_TASK_TEXTS
            ]
            texts.append(
                Coalesce(
                    # KT() reads its first part as this model's field; across the relation
                    # the key transforms are spelt out.
                    KeyTextTransform("name", KeyTransform(language, "theme__translations")),
                    Value(""),
                    output_field=TextField(),
                )
            )
        parts: list[Any] = []
        for text in texts:
            parts += [text, Value(" ")]
        tasks = tasks.annotate(search_text=Lower(Concat(*parts[:-1], output_field=TextField())))
        for word in words:
            tasks = tasks.filter(search_text__contains=word.lower())
    return tasks


def overall_progress(tasks: Iterable[PublicTask]) -> int | None:
    """The mean completion of the public tasks, cancelled ones left out; None without tasks."""
    counted = [task.completion for task in tasks if task.status != Status.CANCELLED]
    if not counted:
        return None
    return round(sum(counted) / len(counted))
