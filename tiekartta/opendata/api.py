"""Open data, version 1, under /avoin-data/v1/: the public roadmaps, themes, tasks and metrics of
every organisation with a public site, as JSON and CSV, for anyone to read and reuse under the
licence every answer names (`licence.py`).

No authentication and no cookies; `Access-Control-Allow-Origin: *` (`urls.py`), so a page on any
site may read it; `Cache-Control: public, max-age=300` with ETag and Last-Modified, and a 304
on a repeat request without the body being built (`freshness.py`). Everything read comes
through `roadmap/publicity.py`, the one definition of public. The OpenAPI description is at
/avoin-data/v1/openapi.json; no docs page, which would load its scripts from another site.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query, Schema
from pydantic import Field

from tiekartta.accounts.models import Organisation
from tiekartta.api.access import MAX_ID
from tiekartta.api.conditional import fast_json
from tiekartta.api.errors import install_handlers
from tiekartta.api.paging import DEFAULT_LIMIT, MAX_LIMIT, Page
from tiekartta.api.schemas import ErrorOut
from tiekartta.opendata import schemas, shapes
from tiekartta.opendata.freshness import Freshness
from tiekartta.opendata.licence import current_licence
from tiekartta.roadmap.models import Roadmap, Task
from tiekartta.roadmap.models import Status as TaskStatus
from tiekartta.roadmap.publicity import (
    organisations_with_public_site,
    overall_progress,
    project,
    project_all,
    public_metrics,
    public_roadmaps,
    public_tasks,
    public_tasks_of_organisation,
    public_themes,
    shows_names,
)

api = NinjaAPI(
    title="Tiekartta open data",
    version="1",
    description=(
        "The public digital roadmaps of municipalities: roadmaps, themes, tasks and metrics "
        "as JSON and CSV, under the licence each answer names (CC BY 4.0 by default). "
        "No authentication. Lists of tasks are paged (limit at most 500). Every answer has "
        "an ETag and a Last-Modified time and answers 304 to a repeat request."
    ),
    urls_namespace="opendata",
    docs_url=None,
    auth=None,
)
install_handlers(api)

FAILURES: dict[int, type[ErrorOut]] = {404: ErrorOut}
LIST_FAILURES: dict[int, type[ErrorOut]] = {400: ErrorOut, 404: ErrorOut}
# Documented by hand: ninja describes JSON bodies only.
CSV_RESPONSE = {
    "responses": {
        "200": {
            "description": "CSV with a header row; the licence in the Link header.",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    }
}


def _organisation(slug: str) -> Organisation:
    found = organisations_with_public_site().filter(slug=slug[:60]).first()
    if found is None:
        raise Http404
    return found


def _roadmap(organisation: Organisation, slug: str) -> Roadmap:
    found = public_roadmaps(organisation).filter(slug=slug[:60]).first()
    if found is None:
        raise Http404
    # The organisation is already loaded; the attribution and the links read it.
    found.organisation = organisation
    return found


def _json(body: dict[str, Any], stamp: Any) -> HttpResponse:
    return stamp.on(fast_json(body, HttpResponse()))


def _csv(text: str, filename: str, stamp: Any) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = current_licence().link_header
    return stamp.on(response)


class CsvQuery(Schema):
    format: str = Field(
        "csv",
        description=(
            "csv: comma-separated plain UTF-8 (RFC 4180). excel: semicolon-separated with a "
            "UTF-8 byte-order mark, as Excel with Finnish or Swedish settings opens it."
        ),
    )

    def is_excel(self) -> bool:
        if self.format not in {"csv", "excel"}:
            raise ValidationError({"format": _("Give the format csv or excel.")})
        return self.format == "excel"


class TaskQuery(Schema):
    limit: int = Field(DEFAULT_LIMIT, description=f"Rows per page, 1–{MAX_LIMIT}.")
    offset: int = Field(0, description="Rows to skip, from 0.")
    theme: int | None = Field(None, description="Only the tasks of this theme (its id).")
    status: str | None = Field(None, description="Only the tasks in this status.")


class TaskFilter(Schema):
    theme: int | None = Field(None, description="Only the tasks of this theme (its id).")
    status: str | None = Field(None, description="Only the tasks in this status.")


def _filtered_tasks(roadmap: Roadmap, theme: int | None, status: str | None) -> Any:
    tasks = public_tasks(roadmap)
    if theme is not None:
        if not 0 < theme <= MAX_ID:
            raise ValidationError({"theme": _("Give the identifier of one of the themes.")})
        tasks = tasks.filter(theme_id=theme)
    if status is not None:
        if status not in TaskStatus.values:
            raise ValidationError(
                {"status": _("Give one of: %(values)s.") % {"values": ", ".join(TaskStatus.values)}}
            )
        tasks = tasks.filter(status=status)
    return tasks


# Endpoints ----------------------------------------------------------------------------------


@api.get("/", response={200: schemas.IndexOut}, url_name="index", operation_id="index")
def index(request: HttpRequest) -> Any:
    """The organisations that publish a roadmap, with the address of each one's roadmaps."""
    freshness = Freshness("index").add(Organisation).add(Roadmap, is_public=True)
    early, stamp = freshness.answer(request)
    if early is not None:
        return early
    organisations = list(organisations_with_public_site())
    body = {
        **shapes.envelope(None),
        "attribution": ", ".join(o.name for o in organisations) or None,
        "organisations": [
            {
                "slug": o.slug,
                "name": o.name,
                "attribution": o.name,
                "roadmaps": shapes.absolute(request, "roadmaps", slug=o.slug),
            }
            for o in organisations
        ],
        "openapi": request.build_absolute_uri(reverse("opendata:openapi-json")),
    }
    return _json(body, stamp)


@api.get(
    "/organisations/{slug}/roadmaps",
    response={200: schemas.RoadmapList, **FAILURES},
    url_name="roadmaps",
    operation_id="list_roadmaps",
)
def list_roadmaps(request: HttpRequest, slug: str) -> Any:
    """The organisation's published roadmaps, newest period first, with the overall completion
    of their public tasks."""
    organisation = _organisation(slug)
    freshness = Freshness("roadmaps", organisation.pk).of_organisation(organisation)
    freshness.add(Task, roadmap__organisation_id=organisation.pk)
    early, stamp = freshness.answer(request)
    if early is not None:
        return early
    by_roadmap: dict[int, list[Any]] = defaultdict(list)
    for task in public_tasks_of_organisation(organisation):
        # Names do not matter for the completion; they are not shown here.
        by_roadmap[task.roadmap_id].append(project(task, names_shown=False))
    roadmaps = list(public_roadmaps(organisation))
    for roadmap in roadmaps:
        roadmap.organisation = organisation
    body = {
        **shapes.envelope(organisation),
        "results": [
            shapes.roadmap_row(
                request, r, overall_progress(by_roadmap[r.pk]), len(by_roadmap[r.pk])
            )
            for r in roadmaps
        ],
    }
    return _json(body, stamp)


@api.get(
    "/organisations/{slug}/roadmaps/{roadmap}/themes",
    response={200: schemas.ThemeList, **FAILURES},
    url_name="themes",
    operation_id="list_themes",
)
def list_themes(request: HttpRequest, slug: str, roadmap: str) -> Any:
    """The roadmap's themes, spearheads first."""
    organisation = _organisation(slug)
    found = _roadmap(organisation, roadmap)
    early, stamp = Freshness("themes", found.pk).of_roadmap(found).answer(request)
    if early is not None:
        return early
    body = {
        **shapes.envelope(organisation),
        "results": [shapes.theme_row(t, organisation) for t in public_themes(found)],
    }
    return _json(body, stamp)


@api.get(
    "/organisations/{slug}/roadmaps/{roadmap}/tasks",
    response={200: schemas.TaskList, **LIST_FAILURES},
    url_name="tasks",
    operation_id="list_tasks",
)
def list_tasks(request: HttpRequest, slug: str, roadmap: str, query: Query[TaskQuery]) -> Any:
    """The roadmap's public tasks in the overview's order, a page at a time: follow `next`
    until it is null."""
    organisation = _organisation(slug)
    found = _roadmap(organisation, roadmap)
    page = Page.of(query.limit, query.offset)
    tasks = _filtered_tasks(found, query.theme, query.status)
    early, stamp = Freshness("tasks", found.pk).of_tasks(found).answer(request)
    if early is not None:
        return early
    count = tasks.count()
    following, preceding = page.links(request, count)
    rows = project_all(
        page.window(tasks),
        names_shown=shows_names(organisation),
        language=organisation.primary_language,
    )
    body = {
        **shapes.envelope(organisation),
        "count": count,
        "next": following,
        "previous": preceding,
        "results": [shapes.task_row(t, organisation) for t in rows],
    }
    return _json(body, stamp)


@api.get(
    "/organisations/{slug}/roadmaps/{roadmap}/tasks.csv",
    response=LIST_FAILURES,
    openapi_extra=CSV_RESPONSE,
    url_name="tasks_csv",
    operation_id="tasks_csv",
)
def tasks_csv(
    request: HttpRequest,
    slug: str,
    roadmap: str,
    query: Query[TaskFilter],
    output: Query[CsvQuery],
) -> Any:
    """Every public task of the roadmap as CSV, with the columns of the JSON's tasks."""
    organisation = _organisation(slug)
    found = _roadmap(organisation, roadmap)
    excel = output.is_excel()
    tasks = _filtered_tasks(found, query.theme, query.status)
    early, stamp = Freshness("tasks.csv", found.pk).of_tasks(found).answer(request)
    if early is not None:
        return early
    rows = project_all(
        tasks, names_shown=shows_names(organisation), language=organisation.primary_language
    )
    text = shapes.to_csv(
        shapes.task_csv_fields(organisation),
        (shapes.task_csv_row(shapes.task_row(t, organisation)) for t in rows),
        excel=excel,
    )
    return _csv(text, f"{organisation.slug}-{found.slug}-tasks.csv", stamp)


def _metric_rows(roadmap: Roadmap) -> list[dict[str, Any]]:
    today = timezone.localdate()
    metrics = shapes.with_public_values(public_metrics(roadmap))
    return [shapes.metric_row(m, today, roadmap.organisation) for m in metrics]


@api.get(
    "/organisations/{slug}/roadmaps/{roadmap}/metrics",
    response={200: schemas.MetricList, **FAILURES},
    url_name="metrics",
    operation_id="list_metrics",
)
def list_metrics(request: HttpRequest, slug: str, roadmap: str) -> Any:
    """The roadmap's public metrics with their baseline, target and the values of the periods
    that have begun, oldest first."""
    organisation = _organisation(slug)
    found = _roadmap(organisation, roadmap)
    early, stamp = Freshness("metrics", found.pk).of_metrics(found).answer(request)
    if early is not None:
        return early
    body = {**shapes.envelope(organisation), "results": _metric_rows(found)}
    return _json(body, stamp)


@api.get(
    "/organisations/{slug}/roadmaps/{roadmap}/metrics.csv",
    response=LIST_FAILURES,
    openapi_extra=CSV_RESPONSE,
    url_name="metrics_csv",
    operation_id="metrics_csv",
)
def metrics_csv(request: HttpRequest, slug: str, roadmap: str, output: Query[CsvQuery]) -> Any:
    """The public metrics' values as CSV, one row per metric and period (a metric without
    values has one row with the period empty)."""
    organisation = _organisation(slug)
    found = _roadmap(organisation, roadmap)
    excel = output.is_excel()
    early, stamp = Freshness("metrics.csv", found.pk).of_metrics(found).answer(request)
    if early is not None:
        return early
    rows = shapes.metric_csv_rows(_metric_rows(found))
    text = shapes.to_csv(shapes.METRIC_CSV_FIELDS, rows, excel=excel)
    return _csv(text, f"{organisation.slug}-{found.slug}-metrics.csv", stamp)
