"""The roadmap in the interface: roadmaps, themes, tasks and progress entries to read, so that a
data warehouse or Power BI can load the whole plan, and progress entries to record through the
same service as the forms (its checks, the archived roadmap's refusal, the history and the
audit event with the token as the actor).

Lists are paged (`paging.py`) and every GET is conditional (`conditional.py`): the validators
come from one aggregate query, so a 304 costs no more than that. Each page costs the same
number of queries however many rows it holds.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from tiekartta.accounts.events import record_event
from tiekartta.accounts.models import ApiToken, EventKind
from tiekartta.accounts.policy import (
    ARCHIVED_MESSAGE,
    Capability,
    allows,
    refused_as_archived,
)
from tiekartta.api.access import (
    MAX_ID,
    get_roadmap_for_token,
    get_task_for_token,
    principal_of,
    roadmaps_of_token,
)
from tiekartta.api.auth import token_of
from tiekartta.api.conditional import fast_json, not_modified, stamp, validators
from tiekartta.api.errors import error_response
from tiekartta.api.paging import DEFAULT_LIMIT, Page
from tiekartta.api.roadmap_schemas import (
    PersonList,
    PersonOut,
    ProgressIn,
    ProgressList,
    ProgressOut,
    RoadmapDetail,
    RoadmapList,
    RoadmapOut,
    TaskList,
    TaskOut,
    ThemeList,
)
from tiekartta.api.schemas import ErrorOut
from tiekartta.api.shapes import progress_out, roadmap_out, task_rows, theme_out
from tiekartta.core.actors import Actor
from tiekartta.core.quarters import Quarter
from tiekartta.progress.models import ProgressEntry
from tiekartta.progress.services import record_progress
from tiekartta.roadmap.models import Person, Roadmap, Task, Theme
from tiekartta.roadmap.models import Status as TaskStatus

router = Router(tags=["roadmap"])

READ_FAILURES: dict[int, type[ErrorOut]] = {
    400: ErrorOut,
    401: ErrorOut,
    404: ErrorOut,
    429: ErrorOut,  # the token's rate limit (api.throttling)
}


class PageQuery(Schema):
    limit: int = Field(DEFAULT_LIMIT, description="Rows per page, 1–500.")
    offset: int = Field(0, description="Rows to skip, from 0.")


def _page(query: PageQuery) -> Page:
    return Page.of(query.limit, query.offset)


def _id_filter(name: str, value: int | None) -> int | None:
    # A number no primary key can have would overflow some databases instead of matching none.
    if value is not None and not 0 < value <= MAX_ID:
        raise ValidationError({name: _("Give an identifier of this organisation.")})
    return value


def _aware(moment: datetime.datetime | None) -> datetime.datetime | None:
    if moment is not None and timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return moment


_HISTORY_MODELS: dict[Any, Any] = {}


def _history_of(model: Any) -> Any:
    """The model's history rows: `model.history` builds a new manager class at every access
    (simple_history's descriptor), which costs a page more than its query."""
    if model not in _HISTORY_MODELS:
        _HISTORY_MODELS[model] = model.history.model
    return _HISTORY_MODELS[model]._default_manager.all()


@dataclass(frozen=True)
class Changes:
    latest: datetime.datetime | None
    count: int


def _history_changed(model: Any, **lookups: Any) -> Changes:
    """When the latest of the rows changed and how many changes there were, from their history
    (created, edited or deleted): two changes in the same instant still count as two."""
    found = (
        _history_of(model)
        .filter(**lookups)
        .aggregate(latest=Max("history_date"), count=Count("pk"))
    )
    return Changes(latest=found["latest"], count=found["count"])


def _conditional(
    request: HttpRequest,
    response: HttpResponse,
    parts: list[object],
    changed: Sequence[datetime.datetime | Changes | None],
) -> HttpResponse | None:
    moments: list[datetime.datetime | None] = []
    for item in changed:
        if isinstance(item, Changes):
            parts = [*parts, item.count]
            moments.append(item.latest)
        else:
            moments.append(item)
    # The texts shown depend on the organisation's languages, which have no history of their own.
    languages = token_of(request).organisation.content_languages
    etag, last_modified = validators(request, [*parts, languages.all], moments)
    answer = not_modified(request, etag, last_modified)
    if answer is None:
        stamp(response, etag, last_modified)
    return answer


# Roadmaps and themes ------------------------------------------------------------------------


@router.get(
    "/roadmaps",
    response={200: RoadmapList, **READ_FAILURES},
    url_name="roadmaps",
    operation_id="list_roadmaps",
)
def list_roadmaps(request: HttpRequest, response: HttpResponse, paging: Query[PageQuery]) -> Any:
    """The organisation's roadmaps, newest period first."""
    token = token_of(request)
    languages = token.organisation.content_languages
    page = _page(paging)
    roadmaps = roadmaps_of_token(token)
    count = roadmaps.count()
    changed = _history_changed(Roadmap, organisation_id=token.organisation_id)
    answer = _conditional(request, response, [count], [changed])
    if answer is not None:
        return answer
    following, preceding = page.links(request, count)
    return RoadmapList(
        count=count,
        next=following,
        previous=preceding,
        results=[RoadmapOut(**roadmap_out(r, languages)) for r in page.rows(roadmaps)],
    )


@router.get(
    "/roadmaps/{int:roadmap_id}",
    response={200: RoadmapDetail, **READ_FAILURES},
    url_name="roadmap",
    operation_id="get_roadmap",
)
def get_roadmap(request: HttpRequest, response: HttpResponse, roadmap_id: int) -> Any:
    """One roadmap with its themes in display order (spearheads first)."""
    languages = token_of(request).organisation.content_languages
    roadmap = get_roadmap_for_token(token_of(request), roadmap_id)
    themes = list(Theme.objects.filter(roadmap=roadmap).in_display_order())
    changed = [
        _history_changed(Roadmap, id=roadmap.pk),
        _history_changed(Theme, roadmap_id=roadmap.pk),
    ]
    answer = _conditional(request, response, [len(themes)], changed)
    if answer is not None:
        return answer
    return RoadmapDetail(
        **roadmap_out(roadmap, languages), themes=[theme_out(t, languages) for t in themes]
    )


@router.get(
    "/roadmaps/{int:roadmap_id}/themes",
    response={200: ThemeList, **READ_FAILURES},
    url_name="themes",
    operation_id="list_themes",
)
def list_themes(request: HttpRequest, response: HttpResponse, roadmap_id: int) -> Any:
    """The roadmap's themes: spearheads first, then by order and name."""
    languages = token_of(request).organisation.content_languages
    roadmap = get_roadmap_for_token(token_of(request), roadmap_id)
    themes = list(Theme.objects.filter(roadmap=roadmap).in_display_order())
    changed = _history_changed(Theme, roadmap_id=roadmap.pk)
    answer = _conditional(request, response, [len(themes)], [changed])
    if answer is not None:
        return answer
    return ThemeList(roadmap=roadmap.pk, themes=[theme_out(t, languages) for t in themes])


@router.get(
    "/people",
    response={200: PersonList, **READ_FAILURES},
    url_name="people",
    operation_id="list_people",
)
def list_people(request: HttpRequest, response: HttpResponse, paging: Query[PageQuery]) -> Any:
    """The organisation's people (task owners, collaborators), by id."""
    token = token_of(request)
    principal = principal_of(token)
    page = _page(paging)
    people = Person.objects.filter(organisation_id=token.organisation_id).order_by("pk")
    count = people.count()
    changed = _history_changed(Person, organisation_id=token.organisation_id)
    answer = _conditional(request, response, [count, sorted(principal.scopes)], [changed])
    if answer is not None:
        return answer
    emails = allows(principal, Capability.ORG_READ)
    following, preceding = page.links(request, count)
    return PersonList(
        count=count,
        next=following,
        previous=preceding,
        results=[
            PersonOut(
                id=p.pk,
                name=p.name,
                title=p.title,
                unit=p.unit,
                email=p.email if emails else None,
            )
            for p in page.rows(people)
        ],
    )


# Tasks --------------------------------------------------------------------------------------


class TaskFilters(PageQuery):
    theme: int | None = Field(None, description="Only the tasks of this theme (its id).")
    status: str | None = Field(None, max_length=40, description="planned, in_progress, done, …")
    owner: int | None = Field(None, description="Only the tasks of this responsible person.")
    public: bool | None = Field(None, description="true: only public tasks; false: only others.")
    updated_since: datetime.datetime | None = Field(
        None, description="Only tasks changed at or after this moment (ISO 8601)."
    )


def _tasks(roadmap: Roadmap, filters: TaskFilters) -> QuerySet[Task]:
    tasks = Task.objects.filter(roadmap=roadmap)
    if (theme := _id_filter("theme", filters.theme)) is not None:
        tasks = tasks.filter(theme_id=theme)
    if (owner := _id_filter("owner", filters.owner)) is not None:
        tasks = tasks.filter(owner_id=owner)
    if filters.status is not None:
        if filters.status not in TaskStatus.values:
            raise ValidationError(
                {
                    "status": _("Choose one of: %(choices)s.")
                    % {"choices": ", ".join(TaskStatus.values)}
                }
            )
        tasks = tasks.filter(status=filters.status)
    if filters.public is not None:
        tasks = tasks.filter(is_public=filters.public)
    if filters.updated_since is not None:
        tasks = tasks.filter(updated_at__gte=_aware(filters.updated_since))
    return tasks


@router.get(
    "/roadmaps/{int:roadmap_id}/tasks",
    response={200: TaskList, **READ_FAILURES},
    url_name="tasks",
    operation_id="list_tasks",
)
def list_tasks(
    request: HttpRequest,
    response: HttpResponse,
    roadmap_id: int,
    filters: Query[TaskFilters],
) -> Any:
    """The roadmap's tasks in the order they were created (by id), paged."""
    token = token_of(request)
    principal = principal_of(token)
    languages = token.organisation.content_languages
    page = _page(filters)
    roadmap = get_roadmap_for_token(token, roadmap_id)
    tasks = _tasks(roadmap, filters)
    # The versions' sum moves with every edit, even two in the same instant.
    summary = tasks.aggregate(count=Count("pk"), changed=Max("updated_at"), edits=Sum("version"))
    people = _history_changed(Person, organisation_id=roadmap.organisation_id)
    # A deleted task leaves only its history row, which Last-Modified must move past.
    history = _history_changed(Task, roadmap_id=roadmap.pk)
    parts = [summary["count"], summary["edits"], sorted(principal.scopes)]
    answer = _conditional(request, response, parts, [summary["changed"], people, history])
    if answer is not None:
        return answer
    following, preceding = page.links(request, summary["count"])
    rows = task_rows(page.window(tasks.order_by("pk")), principal, languages)
    body = {"count": summary["count"], "next": following, "previous": preceding, "results": rows}
    return fast_json(body, response)


@router.get(
    "/roadmaps/{int:roadmap_id}/tasks/{int:task_id}",
    response={200: TaskOut, **READ_FAILURES},
    url_name="task",
    operation_id="get_task",
)
def get_task(request: HttpRequest, response: HttpResponse, roadmap_id: int, task_id: int) -> Any:
    """One task."""
    token = token_of(request)
    principal = principal_of(token)
    languages = token.organisation.content_languages
    task = get_task_for_token(token, roadmap_id, task_id)
    people = _history_changed(Person, organisation_id=token.organisation_id)
    parts = [task.version, sorted(principal.scopes)]
    answer = _conditional(request, response, parts, [task.updated_at, people])
    if answer is not None:
        return answer
    (row,) = task_rows(Task.objects.filter(pk=task.pk), principal, languages)
    return fast_json(row, response)


# Progress entries ---------------------------------------------------------------------------


class ProgressFilters(PageQuery):
    since: datetime.datetime | None = Field(
        None, description="Only entries recorded at or after this moment (ISO 8601)."
    )
    review: int | None = Field(None, description="Only the entries of this review meeting.")


def _entries(entries: QuerySet[ProgressEntry], filters: ProgressFilters) -> Any:
    if filters.since is not None:
        entries = entries.filter(recorded_at__gte=_aware(filters.since))
    if (review := _id_filter("review", filters.review)) is not None:
        entries = entries.filter(review_id=review)
    return entries


def _progress_page(
    request: HttpRequest,
    response: HttpResponse,
    token: ApiToken,
    entries: QuerySet[ProgressEntry],
    filters: ProgressFilters,
) -> Any:
    principal = principal_of(token)
    page = _page(filters)
    entries = _entries(entries, filters)
    # Entries are never changed, only added (or removed with their task): count and newest
    # tell every change.
    summary = entries.aggregate(count=Count("pk"), changed=Max("recorded_at"), last=Max("pk"))
    parts = [summary["count"], summary["last"], sorted(principal.scopes)]
    answer = _conditional(request, response, parts, [summary["changed"]])
    if answer is not None:
        return answer
    following, preceding = page.links(request, summary["count"])
    rows = page.rows(entries.select_related("author").order_by("recorded_at", "pk"))
    return ProgressList(
        count=summary["count"],
        next=following,
        previous=preceding,
        results=[progress_out(e, principal) for e in rows],
    )


@router.get(
    "/roadmaps/{int:roadmap_id}/progress",
    response={200: ProgressList, **READ_FAILURES},
    url_name="roadmap_progress",
    operation_id="list_roadmap_progress",
)
def list_roadmap_progress(
    request: HttpRequest,
    response: HttpResponse,
    roadmap_id: int,
    filters: Query[ProgressFilters],
) -> Any:
    """Every progress entry of the roadmap's tasks, in the order they were recorded."""
    token = token_of(request)
    roadmap = get_roadmap_for_token(token, roadmap_id)
    entries = ProgressEntry.objects.filter(task__roadmap=roadmap)
    return _progress_page(request, response, token, entries, filters)


@router.get(
    "/roadmaps/{int:roadmap_id}/tasks/{int:task_id}/progress",
    response={200: ProgressList, **READ_FAILURES},
    url_name="task_progress",
    operation_id="list_task_progress",
)
def list_task_progress(
    request: HttpRequest,
    response: HttpResponse,
    roadmap_id: int,
    task_id: int,
    filters: Query[ProgressFilters],
) -> Any:
    """The task's progress entries, in the order they were recorded."""
    token = token_of(request)
    task = get_task_for_token(token, roadmap_id, task_id)
    entries = ProgressEntry.objects.filter(task=task)
    return _progress_page(request, response, token, entries, filters)


class ProgressCreated(ProgressOut):
    task_version: int = Field(description="The task's version now, for the next entry.")


@router.post(
    "/roadmaps/{int:roadmap_id}/tasks/{int:task_id}/progress",
    response={
        201: ProgressCreated,
        400: ErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        429: ErrorOut,
    },
    url_name="task_progress",
    operation_id="record_progress",
)
def post_progress(request: HttpRequest, roadmap_id: int, task_id: int, entry: ProgressIn) -> Any:
    """Record a progress entry, as the task page's form does: 201 and the entry. 403 when the
    token may not record progress, 409 when the task changed since `version` was read."""
    token = token_of(request)
    principal = principal_of(token)
    task = get_task_for_token(token, roadmap_id, task_id)
    capability = Capability.PROGRESS_RECORD
    if refused_as_archived(principal, capability, task, within=task.roadmap):
        raise ValidationError(ARCHIVED_MESSAGE)
    if not allows(principal, capability, task, within=task.roadmap):
        return error_response(
            403,
            "forbidden",
            _("This API token may not record progress. The administrator can create one that may."),
        )
    actor = Actor.for_token(token)
    quarter = entry.quarter.strip().upper() or str(Quarter.of_date(timezone.localdate()))
    with transaction.atomic():
        # The task's row lock, taken again by the service, keeps the version still until the
        # entry is saved: nobody changes the task between this check and the write.
        current = Task.objects.select_for_update().values_list("version", flat=True).get(pk=task.pk)
        if current != entry.version:
            return error_response(
                409,
                "conflict",
                _(
                    "The task has changed since you read it (version %(sent)s, now %(now)s): "
                    "read it again and send the entry with the new version."
                )
                % {"sent": entry.version, "now": current},
            )
        saved = record_progress(
            actor=actor,
            task=task,
            quarter=quarter,
            completion=entry.completion,
            status=entry.status,
            note=entry.note,
            public_summary=entry.public_summary,
            public_summary_translations=entry.public_summary_translations,
        )
        record_event(
            actor=actor,
            organisation=token.organisation,
            kind=EventKind.API_WRITE,
            subject=f"{task.title} · {saved.quarter}",
            data={
                "task": task.pk,
                "quarter": saved.quarter,
                "completion": saved.completion,
                "status": saved.status,
                "entry": saved.pk,
            },
        )
    body = progress_out(saved, principal)
    return Status(201, ProgressCreated(**body.model_dump(), task_version=task.version))
