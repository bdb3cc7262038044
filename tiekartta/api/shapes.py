"""The interface's rows as it writes them, from the models: roadmaps, themes, tasks (plain rows
in three queries per page) and progress entries. What a principal may see (e-mail addresses,
notes) is the policy's question, asked here."""

from __future__ import annotations

import datetime
import functools
from typing import Any

from django.db.models import QuerySet

from tiekartta.accounts.policy import Capability, Principal, allows
from tiekartta.api.roadmap_schemas import ProgressOut, ThemeOut
from tiekartta.core.quarters import Quarter
from tiekartta.core.translations import ContentLanguages
from tiekartta.progress.models import ProgressEntry
from tiekartta.roadmap.models import Roadmap, Task, Theme


def _quarter_day(code: str, *, last: bool) -> datetime.date | None:
    if not code:
        return None
    quarter = Quarter.parse(code)
    return quarter.last_day if last else quarter.first_day


@functools.lru_cache(maxsize=1024)
def _quarter_days(start: str, due: str) -> tuple[str | None, str | None]:
    """The first day of the start quarter and the last of the end quarter as JSON writes
    them: a roadmap's tasks share a few dozen quarters, parsed once per worker."""
    first, last = _quarter_day(start, last=False), _quarter_day(due, last=True)
    return (first.isoformat() if first else None, last.isoformat() if last else None)


def versions(
    translations: dict[str, dict[str, str]] | None,
    languages: ContentLanguages,
    fields: tuple[str, ...],
) -> dict[str, dict[str, str | None]]:
    """The texts' versions in each of the organisation's other languages, every field, null
    where not written: the open data's shape. A version kept from a language the organisation
    no longer uses is left out, as on its pages."""
    translations = translations or {}
    return {
        code: {name: (translations.get(code) or {}).get(name) or None for name in fields}
        for code in languages.others
    }


def roadmap_out(roadmap: Roadmap, languages: ContentLanguages) -> dict[str, Any]:
    return {
        "id": roadmap.pk,
        "slug": roadmap.slug,
        "title": roadmap.title,
        "description": roadmap.description,
        "language": languages.primary,
        "translations": versions(roadmap.translations, languages, ("title", "description")),
        "start_year": roadmap.start_year,
        "end_year": roadmap.end_year,
        "period_start": roadmap.first_quarter.first_day,
        "period_end": roadmap.last_quarter.last_day,
        "status": "archived" if roadmap.is_archived else "active",
        "archived": roadmap.is_archived,
    }


def theme_out(theme: Theme, languages: ContentLanguages) -> ThemeOut:
    return ThemeOut(
        id=theme.pk,
        name=theme.name,
        description=theme.description,
        language=languages.primary,
        translations=versions(theme.translations, languages, ("name", "description")),
        is_spearhead=theme.is_spearhead,
        order=theme.order,
        colour=theme.colour,
    )


TASK_TEXTS = ("title", "description", "public_summary")

TASK_COLUMNS = (
    "id",
    "roadmap_id",
    "title",
    "description",
    "public_summary",
    "translations",
    "theme_id",
    "kind",
    "priority",
    "quick_win",
    "owner_id",
    "owner__name",
    "owner__email",
    "collaborating_units",
    "unit",
    "carried_over_from_id",
    "start",
    "due",
    "status",
    "completion",
    "is_public",
    "updated_at",
    "version",
)


def task_rows(
    tasks: QuerySet[Task], principal: Principal, languages: ContentLanguages
) -> list[dict[str, Any]]:
    """The tasks as the interface shows them (TaskOut), in three queries however many: the
    tasks with their owners, then the collaborators and the predecessors of all of them.
    Plain rows rather than model instances and schema objects, since a warehouse reads
    hundreds per page (bench/api_tasks.py)."""
    rows = list(tasks.values(*TASK_COLUMNS))
    ids = [row["id"] for row in rows]
    emails = allows(principal, Capability.ORG_READ)
    collaborators: dict[int, list[dict[str, Any]]] = {pk: [] for pk in ids}
    links = (
        Task.collaborators.through.objects.filter(task_id__in=ids)
        .order_by("person__name", "person_id")
        .values_list("task_id", "person_id", "person__name", "person__email")
    )
    for task_id, person_id, name, email in links:
        collaborators[task_id].append(_person(person_id, name, email, emails))
    predecessors: dict[int, list[int]] = {pk: [] for pk in ids}
    before = (
        Task.predecessors.through.objects.filter(from_task_id__in=ids)
        .order_by("to_task_id")
        .values_list("from_task_id", "to_task_id")
    )
    for task_id, predecessor_id in before:
        predecessors[task_id].append(predecessor_id)
    days = [_quarter_days(row["start"], row["due"]) for row in rows]
    return [
        {
            "id": row["id"],
            "roadmap": row["roadmap_id"],
            "title": row["title"],
            "description": row["description"],
            "public_summary": row["public_summary"],
            "language": languages.primary,
            "translations": versions(row["translations"], languages, TASK_TEXTS),
            "theme": row["theme_id"],
            "kind": row["kind"],
            "priority": row["priority"],
            "quick_win": row["quick_win"],
            "owner": _person(row["owner_id"], row["owner__name"], row["owner__email"], emails),
            "collaborators": collaborators[row["id"]],
            "collaborating_units": row["collaborating_units"],
            "unit": row["unit"],
            "predecessors": predecessors[row["id"]],
            "carried_over_from": row["carried_over_from_id"],
            "schedule": {
                "start": row["start"] or None,
                "end": row["due"] or None,
                "start_date": start_date,
                "end_date": end_date,
            },
            "status": row["status"],
            "completion": row["completion"],
            "is_public": row["is_public"],
            "updated_at": row["updated_at"],
            "version": row["version"],
        }
        for row, (start_date, end_date) in zip(rows, days, strict=True)
    ]


def _person(pk: int, name: str, email: str, show_email: bool) -> dict[str, Any]:
    # Who may see a person's e-mail is the policy's question: whoever reads the people pages.
    return {"id": pk, "name": name, "email": email if show_email else None}


def progress_out(entry: ProgressEntry, principal: Principal) -> ProgressOut:
    quarter = Quarter.parse(entry.quarter)
    author = entry.author
    return ProgressOut(
        id=entry.pk,
        task=entry.task_id,
        quarter=entry.quarter,
        quarter_start=quarter.first_day,
        quarter_end=quarter.last_day,
        completion=entry.completion,
        status=entry.status,
        # The notes are the digital group's working notes: for readers of the roadmap only.
        note=entry.note if allows(principal, Capability.ROADMAP_READ) else None,
        recorded_at=entry.recorded_at,
        recorded_by=(author.get_full_name() or author.get_username()) if author else None,
        review=entry.review_id,
    )
