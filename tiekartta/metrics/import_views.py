"""Importing many metric values from a file: upload, preview every row, confirm or discard.
The uploaded file is kept as an ImportBatch of its own kind, so the task import never sees it."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tiekartta.accounts.access import get_membership
from tiekartta.accounts.pages import page_context
from tiekartta.metrics.access import require_metric_manager
from tiekartta.metrics.formatting import format_number, format_value
from tiekartta.metrics.import_reading import value_column_titles
from tiekartta.metrics.importer import confirm_value_import, plan_value_import
from tiekartta.metrics.models import Metric
from tiekartta.metrics.periods import Frequency, example_period
from tiekartta.reports import services as report_services
from tiekartta.reports.forms import ImportUploadForm
from tiekartta.reports.models import ImportBatch, ImportKind, ImportStatus
from tiekartta.reports.views import keep_upload
from tiekartta.roadmap.access import get_roadmap
from tiekartta.roadmap.models import Roadmap

# Below a thousand: "1,200" would read as 1.2 in Finnish, so no example shows thousands.
EXAMPLE_VALUES = (Decimal("41.5"), Decimal("320"), Decimal("7"))


class ValueImportForm(ImportUploadForm):
    """The task import's upload form (the same 5 MB limit, checked before reading)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].label = _("Metric values (.xlsx or .csv)")


def _get_batch(roadmap: Roadmap, pk: int) -> ImportBatch:
    # Only files of metric values: a task list is previewed and confirmed by its own pages.
    return get_object_or_404(ImportBatch, roadmap=roadmap, kind=ImportKind.METRIC_VALUES, pk=pk)


def _examples(roadmap: Roadmap, metrics: list[Metric], today: datetime.date) -> list[list[str]]:
    """Rows of the example table, with the roadmap's own metrics where there are some."""
    year = min(max(today.year, roadmap.start_year), roadmap.end_year)
    rows = []
    for index, metric in enumerate(metrics[:3]):
        value = format_value(EXAMPLE_VALUES[index], metric)
        rows.append([metric.name, example_period(metric.frequency, year), value])
    if not rows:
        rows.append(
            [
                _("Share of online services"),
                example_period(Frequency.QUARTERLY, year),
                f"{format_number(EXAMPLE_VALUES[0])}\u00a0%",
            ]
        )
    return rows


@login_required
def import_upload(request: HttpRequest, org: str, roadmap: str) -> HttpResponse:
    membership = get_membership(request, org)
    current = get_roadmap(membership, roadmap)
    require_metric_manager(membership)
    form = ValueImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        batch = keep_upload(request, form, current, plan_value_import, ImportKind.METRIC_VALUES)
        if batch is not None:
            return redirect("metrics:import_preview", org=org, roadmap=roadmap, batch=batch.pk)
    metrics = list(Metric.objects.filter(roadmap=current).for_listing())
    return render(
        request,
        "metrics/import_upload.html",
        page_context(
            membership,
            current,
            form=form,
            titles=value_column_titles(),
            examples=_examples(current, metrics, timezone.localdate()),
            metrics=metrics,
        ),
        status=400 if form.errors else 200,
    )


@login_required
def import_preview(request: HttpRequest, org: str, roadmap: str, batch: int) -> HttpResponse:
    membership = get_membership(request, org)
    current = get_roadmap(membership, roadmap)
    require_metric_manager(membership)
    item = _get_batch(current, batch)
    if item.status != ImportStatus.PENDING:
        messages.info(request, _("This file has already been imported or discarded."))
        return redirect("metrics:import_upload", org=org, roadmap=roadmap)
    today = timezone.localdate()
    plan = plan_value_import(current, bytes(item.content), item.filename, today)
    error = ""
    if request.method == "POST":
        try:
            summary = confirm_value_import(
                actor=request.user,  # type: ignore[arg-type]
                batch=item,
                plan=plan,
                today=today,
            )
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(
                request,
                _(
                    "Imported: %(created)s new values, %(updated)s corrected, %(unchanged)s "
                    "unchanged."
                )
                % summary,
            )
            return redirect("metrics:overview", org=org, roadmap=roadmap)
    return render(
        request,
        "metrics/import_preview.html",
        page_context(membership, current, batch=item, plan=plan, error=error),
        status=400 if error or not plan.ok else 200,
    )


@login_required
def import_discard(request: HttpRequest, org: str, roadmap: str, batch: int) -> HttpResponse:
    membership = get_membership(request, org)
    current = get_roadmap(membership, roadmap)
    require_metric_manager(membership)
    item = _get_batch(current, batch)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    report_services.discard_import(batch=item)
    messages.success(request, _("The file was discarded; nothing was imported."))
    return redirect("metrics:import_upload", org=org, roadmap=roadmap)
