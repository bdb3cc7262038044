"""The benchmark server's URLs: the product's (config.urls) and the bare-Django floor.

A floor view reads the rows a benchmarked page shows (`rows` from `offset` of a roadmap's tasks
with their themes, or its metrics with their values) as model instances, after looking the
roadmap up, in two or three plain queries, and renders them with a trivial template, as JSON or
as CSV: what any Django page of that many rows costs on this server. When the request carries a
session it loads the user, as every signed-in page does. Only bench/settings_bench.py names this
module.
"""

from __future__ import annotations

import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import include, path

from tiekartta.metrics.models import Metric
from tiekartta.roadmap.models import Roadmap, Task

FIELDS = ("id", "title", "theme", "status", "completion", "start", "due", "public_summary")


def _reader(request: HttpRequest) -> None:
    if "sessionid" in request.COOKIES and not request.user.is_authenticated:
        raise PermissionDenied  # the benchmark's session did not hold


def _tasks(request: HttpRequest) -> list[Task]:
    _reader(request)
    roadmap = get_object_or_404(Roadmap, pk=int(request.GET["roadmap"]))
    offset = int(request.GET.get("offset", "0"))
    rows = int(request.GET.get("rows", "100"))
    tasks = Task.objects.filter(roadmap=roadmap).select_related("theme").order_by("order", "pk")
    return list(tasks[offset : offset + rows])


def _row(task: Task) -> list[object]:
    return [
        task.pk,
        task.title,
        task.theme.name,
        task.get_status_display(),
        task.completion,
        task.start,
        task.due,
        task.public_summary,
    ]


def tasks_html(request: HttpRequest) -> HttpResponse:
    return render(request, "bench/floor.html", {"tasks": _tasks(request)})


def tasks_json(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        {"results": [dict(zip(FIELDS, _row(task), strict=True)) for task in _tasks(request)]}
    )


def tasks_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    writer = csv.writer(response)
    writer.writerow(FIELDS)
    for task in _tasks(request):
        writer.writerow(_row(task))
    return response


def metrics_json(request: HttpRequest) -> JsonResponse:
    _reader(request)
    roadmap = get_object_or_404(Roadmap, pk=int(request.GET["roadmap"]))
    metrics = (
        Metric.objects.filter(roadmap=roadmap).order_by("order", "pk").prefetch_related("values")
    )
    return JsonResponse(
        {
            "results": [
                {
                    "id": metric.pk,
                    "name": metric.name,
                    "target": str(metric.target_value),
                    "values": [[value.period, str(value.value)] for value in metric.values.all()],
                }
                for metric in metrics
            ]
        }
    )


def values_json(request: HttpRequest) -> JsonResponse:
    _reader(request)
    metric = get_object_or_404(Metric, pk=int(request.GET["metric"]))
    return JsonResponse(
        {
            "metric": metric.pk,
            "values": [
                {"period": value.period, "value": str(value.value), "note": value.note}
                for value in metric.values.order_by("period")
            ],
        }
    )


urlpatterns = [
    path("bench-floor/tasks.html", tasks_html),
    path("bench-floor/tasks.json", tasks_json),
    path("bench-floor/tasks.csv", tasks_csv),
    path("bench-floor/metrics.json", metrics_json),
    path("bench-floor/values.json", values_json),
    path("", include("config.urls")),
]
