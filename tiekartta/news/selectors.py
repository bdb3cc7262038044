"""Reads for the news pages, the feeds and the embed. Tasks and roadmaps reach the public only
through `roadmap.publicity`: its querysets decide which tasks and roadmaps are public, and a task
leaves this module only as a `PublicTask`."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.http import Http404

from tiekartta.accounts.models import Organisation
from tiekartta.news.models import NewsItem
from tiekartta.roadmap.models import Roadmap, Status, Task
from tiekartta.roadmap.publicity import (
    PublicTask,
    organisations_with_public_site,
    project,
    public_roadmaps,
    public_tasks,
    public_tasks_of_organisation,
)

# How many progress changes a feed carries: a reader wants the recent ones, not the archive.
FEED_PROGRESS_CHANGES = 30
FEED_NEWS = 30


def public_organisation(slug: str) -> Organisation:
    """An organisation that has a public site; any other slug is 404, as an unknown one is."""
    found = organisations_with_public_site().filter(slug=slug).first()
    if found is None:
        raise Http404
    return found


def public_roadmap(organisation: Organisation, slug: str) -> Roadmap:
    found = public_roadmaps(organisation).filter(slug=slug).first()
    if found is None:
        raise Http404
    return found


def latest_public_roadmap(organisation: Organisation) -> Roadmap | None:
    return public_roadmaps(organisation).first()


def public_news(organisation: Organisation, roadmap: Roadmap | None = None) -> QuerySet[NewsItem]:
    """Published news, newest first, each with `public_task_rows`: its linked tasks that are
    public now (a linked task that is not public is left out here, whatever the link)."""
    items = NewsItem.objects.published().filter(organisation=organisation)
    if roadmap is not None:
        items = items.filter(roadmap=roadmap)
    return items.prefetch_related(
        Prefetch(
            "tasks",
            queryset=public_tasks_of_organisation(organisation),
            to_attr="public_task_rows",
        )
    ).order_by("-published_at", "-pk")


def public_tasks_of_item(item: NewsItem) -> list[PublicTask]:
    """The linked public tasks of an item from `public_news` (no query)."""
    return [project(task, names_shown=False) for task in getattr(item, "public_task_rows", [])]


def public_task(organisation: Organisation, pk: int) -> PublicTask:
    found = public_tasks_of_organisation(organisation).filter(pk=pk).first()
    if found is None:
        raise Http404
    return project(found, names_shown=False)


@dataclass(frozen=True)
class ProgressChange:
    """A public task's status, completion or public summary changed (one history row)."""

    task: PublicTask
    change_id: int
    at: datetime.datetime
    status_label: str
    completion: int
    public_summary: str


def progress_changes(
    tasks: Sequence[PublicTask], limit: int = FEED_PROGRESS_CHANGES
) -> list[ProgressChange]:
    """The latest changes of the tasks' public fields, newest first, from the tasks' history
    (one query). Only the public columns are read: never the description or progress notes."""
    by_id = {task.id: task for task in tasks}
    rows = (
        Task.history.filter(id__in=by_id)
        .order_by("id", "history_date", "history_id")
        .values_list("id", "history_id", "history_date", "status", "completion", "public_summary")
    )
    changes: list[ProgressChange] = []
    previous: dict[int, tuple[str, int, str]] = {}
    for task_id, history_id, at, status, completion, summary in rows:
        shown = 100 if status == Status.DONE else completion
        state = (status, shown, summary)
        before = previous.get(task_id)
        previous[task_id] = state
        if before is None or before == state:
            continue
        changes.append(
            ProgressChange(
                task=by_id[task_id],
                change_id=history_id,
                at=at,
                status_label=str(Status(status).label),
                completion=shown,
                public_summary=summary,
            )
        )
    changes.sort(key=lambda change: (change.at, change.change_id), reverse=True)
    return changes[:limit]


def public_tasks_for(organisation: Organisation, roadmap: Roadmap | None) -> list[PublicTask]:
    tasks = public_tasks(roadmap) if roadmap else public_tasks_of_organisation(organisation)
    return [project(task, names_shown=False) for task in tasks]


def feed_state(
    organisation: Organisation, roadmap: Roadmap | None
) -> tuple[str, datetime.datetime]:
    """A cheap fingerprint of what a feed shows (two aggregate queries) and its last change,
    for ETag and Last-Modified. Every news item counts, drafts too: withdrawing one changes
    its `updated_at`; deleting one or a task leaving the public changes the counts; renaming the
    roadmap or the organisation, or changing its languages, changes the texts shown."""
    news = NewsItem.objects.filter(organisation=organisation)
    tasks = public_tasks_of_organisation(organisation)
    if roadmap is not None:
        news = news.filter(roadmap=roadmap)
        tasks = public_tasks(roadmap)
    news_state = news.order_by().aggregate(
        last=Max("updated_at"), published=Count("pk", filter=Q(published_at__isnull=False))
    )
    task_state = tasks.order_by().aggregate(last=Max("updated_at"), count=Count("pk"))
    moments = [moment for moment in (news_state["last"], task_state["last"]) if moment is not None]
    last = max(moments, default=organisation_epoch())
    fingerprint = "|".join(
        str(part)
        for part in (
            last.isoformat(),
            news_state["published"],
            task_state["count"],
            # The feed's own title and the texts' languages come from these, loaded already.
            organisation.name,
            organisation.primary_language,
            ",".join(organisation.translation_languages or []),
            f"{roadmap.pk}/{roadmap.version}" if roadmap else "",
        )
    )
    return hashlib.sha256(fingerprint.encode()).hexdigest()[:32], last


def organisation_epoch() -> datetime.datetime:
    return datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def theme_progress(tasks: Iterable[PublicTask]) -> list[tuple[str, str, int | None]]:
    """(theme name, colour, mean completion) in the tasks' order, cancelled tasks left out."""
    themes: dict[int, tuple[str, str, list[int]]] = {}
    for task in tasks:
        completions = themes.setdefault(task.theme_id, (task.theme_name, task.theme_colour, []))[2]
        if task.status != Status.CANCELLED:
            completions.append(task.completion)
    return [
        (name, colour, round(sum(values) / len(values)) if values else None)
        for name, colour, values in themes.values()
    ]
