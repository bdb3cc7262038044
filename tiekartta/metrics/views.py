"""Metric pages: the overview of a roadmap's metrics, one metric with its chart and values,
defining metrics (with optimistic locking) and recording or correcting values."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tiekartta.accounts.pages import page_context
from tiekartta.accounts.policy import Capability
from tiekartta.core.forms import apply_validation_error, reloaded, unsaved_copy
from tiekartta.core.locking import ConflictError
from tiekartta.metrics import services
from tiekartta.metrics.access import get_metric, get_metric_value
from tiekartta.metrics.changes import metric_history
from tiekartta.metrics.charts import metric_chart
from tiekartta.metrics.formatting import format_value
from tiekartta.metrics.forms import MetricForm, ValueCorrectionForm, ValueDeleteForm, ValueForm
from tiekartta.metrics.models import Metric, MetricValue
from tiekartta.metrics.rules import Freshness, MetricStatus
from tiekartta.metrics.selectors import (
    assess_metric,
    build_rows,
    grace_days_of,
    line_of,
    metrics_with_values,
)
from tiekartta.roadmap.decorators import RoadmapContext, roadmap_view
from tiekartta.roadmap.models import Theme


def _metric(ctx: RoadmapContext, kwargs: Mapping[str, Any]) -> Metric:
    return get_metric(ctx.roadmap, kwargs["metric"])


@roadmap_view("roadmap.read")
def overview(request: HttpRequest, ctx: RoadmapContext) -> HttpResponse:
    """All metrics of the roadmap, or of one theme, with where each one stands."""
    membership, current = ctx.membership, ctx.roadmap
    today = timezone.localdate()
    themes = list(Theme.objects.filter(roadmap=current).in_display_order())
    chosen_theme = next((t for t in themes if str(t.pk) == request.GET.get("theme")), None)
    metrics = metrics_with_values(current)
    if chosen_theme is not None:
        metrics = metrics.filter(theme=chosen_theme)
    rows, summary = build_rows(metrics, today, grace_days_of(membership.organisation))
    status = request.GET.get("status", "")
    freshness = request.GET.get("freshness", "")
    if status in MetricStatus.values:
        rows = [row for row in rows if row.state.status == status]
    if freshness in Freshness.values:
        rows = [row for row in rows if row.state.freshness == freshness]
    groups: list[tuple[Theme | None, list[Any]]] = []
    for row in rows:
        if not groups or groups[-1][0] != row.metric.theme:
            groups.append((row.metric.theme, []))
        groups[-1][1].append(row)
    return render(
        request,
        "metrics/overview.html",
        page_context(
            membership,
            current,
            groups=groups,
            summary=summary,
            shown=len(rows),
            themes=themes,
            chosen_theme=chosen_theme,
            status=status if status in MetricStatus.values else "",
            freshness=freshness if freshness in Freshness.values else "",
            statuses=MetricStatus.choices,
            freshnesses=Freshness.choices,
            can_manage=ctx.can(Capability.METRIC_DEFINE),
        ),
    )


def _detail_context(
    ctx: RoadmapContext, metric: Metric, value_form: ValueForm | None
) -> dict[str, Any]:
    membership, roadmap = ctx.membership, ctx.roadmap
    today = timezone.localdate()
    values = list(
        MetricValue.objects.filter(metric=metric)
        .select_related("recorded_by", "api_token")
        .in_period_order()
    )
    milestones = list(metric.milestones.all())
    state = assess_metric(metric, values, today, grace_days_of(membership.organisation))
    chart, chart_rows = metric_chart(metric, values, milestones, line_of(metric), today)
    corrections: dict[int, list[Any]] = {}
    for record in (
        MetricValue.history.filter(metric_id=metric.pk)
        .select_related("history_user")
        # history_id breaks ties: two saves can share a timestamp.
        .order_by("id", "-history_date", "-history_id")
    ):
        corrections.setdefault(record.id, []).append(record)
    tasks = list(
        metric.tasks.select_related("theme", "owner").order_by("theme__order", "order", "pk")
    )
    can_record = ctx.can(Capability.METRIC_RECORD, metric)
    if value_form is None and can_record:
        value_form = ValueForm(
            metric=metric,
            today=today,
            taken={v.period for v in values},
            initial=_awaited_initial(state),
        )
    return page_context(
        membership,
        roadmap,
        metric=metric,
        state=state,
        values=list(reversed(values)),
        # Each value's earlier versions (the newest history row is the value as it is now).
        corrections={pk: rows[1:] for pk, rows in corrections.items() if len(rows) > 1},
        milestones=milestones,
        chart=chart,
        chart_rows=chart_rows,
        tasks=tasks,
        value_form=value_form if can_record else None,
        can_record=can_record,
        can_manage=ctx.can(Capability.METRIC_DEFINE),
        latest_text=format_value(state.latest.value, metric) if state.latest else "",
        history=metric_history(metric, membership.organisation),
    )


def _awaited_initial(state: Any) -> dict[str, str]:
    awaited = state.timeliness.next_period
    return {"period": str(awaited)} if awaited else {}


@roadmap_view("roadmap.read")
def metric_detail(request: HttpRequest, ctx: RoadmapContext, metric: int) -> HttpResponse:
    item = get_metric(ctx.roadmap, metric)
    return render(request, "metrics/detail.html", _detail_context(ctx, item, None))


@roadmap_view("metric.define")
def metric_create(request: HttpRequest, ctx: RoadmapContext) -> HttpResponse:
    membership, current = ctx.membership, ctx.roadmap
    initial = {}
    if theme := request.GET.get("theme"):
        initial["theme"] = theme
    form = MetricForm(request.POST or None, roadmap=current, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.create_metric(
                actor=ctx.actor,
                roadmap=current,
                data=form.to_input(),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The metric was created."))
            return redirect("metrics:detail", org=ctx.org, roadmap=current.slug, metric=created.pk)
    return render(
        request,
        "metrics/metric_form.html",
        page_context(membership, current, form=form),
        status=400 if form.errors else 200,
    )


@roadmap_view("metric.define", load=_metric)
def metric_edit(request: HttpRequest, ctx: RoadmapContext, metric: int) -> HttpResponse:
    membership, current, item = ctx.membership, ctx.roadmap, ctx.object
    form = MetricForm(request.POST or None, instance=item, roadmap=current)
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            services.update_metric(
                actor=ctx.actor,
                metric=unsaved_copy(item),
                expected_version=form.expected_version,
                data=form.to_input(),
            )
        except ConflictError:
            # The form keeps what this user typed, so nothing is lost; they can compare and retry.
            item = reloaded(item)
            form.show_conflict(item)
            conflict = True
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The metric was saved."))
            return redirect("metrics:detail", org=ctx.org, roadmap=current.slug, metric=item.pk)
    return render(
        request,
        "metrics/metric_form.html",
        page_context(membership, current, form=form, metric=item, conflict=conflict),
        status=409 if conflict else 400 if form.errors else 200,
    )


@roadmap_view("metric.define", load=_metric)
def metric_delete(request: HttpRequest, ctx: RoadmapContext, metric: int) -> HttpResponse:
    membership, current, item = ctx.membership, ctx.roadmap, ctx.object
    error = ""
    if request.method == "POST":
        name = item.name
        try:
            services.delete_metric(actor=ctx.actor, metric=item)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(request, _("The metric “%(name)s” was deleted.") % {"name": name})
            return redirect("metrics:overview", org=ctx.org, roadmap=current.slug)
    return render(
        request,
        "metrics/metric_delete.html",
        page_context(
            membership, current, metric=item, value_count=item.values.count(), error=error
        ),
        status=400 if error else 200,
    )


@roadmap_view("metric.record", load=_metric)
def record_value(request: HttpRequest, ctx: RoadmapContext, metric: int) -> HttpResponse:
    """A new value for a period. The form on the metric page posts here; errors come back to
    that page with the form, and a value that arrived meanwhile is shown, not overwritten."""
    current, item = ctx.roadmap, ctx.object
    if request.method != "POST":
        return render(
            request,
            "metrics/detail.html",
            _detail_context(ctx, item, None),
        )
    today = timezone.localdate()
    taken = set(MetricValue.objects.filter(metric=item).values_list("period", flat=True))
    posted_period = request.POST.get("period", "")
    # A period someone filled in meanwhile stays choosable, so that the conflict is explained.
    form = ValueForm(request.POST, metric=item, today=today, taken=taken - {posted_period})
    if form.is_valid():
        try:
            saved, _created = services.record_value(
                actor=ctx.actor,
                metric=item,
                period=form.cleaned_data["period"],
                value=form.cleaned_data["value"],
                note=form.cleaned_data["note"],
                source=form.cleaned_data["source"],
                expected_version=0,
                today=today,
            )
        except ConflictError as conflict:
            form.add_error("period", _conflict_message(conflict.current, item))
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                _("Value recorded: %(value)s for %(period)s.")
                % {
                    "value": format_value(saved.value, item),
                    "period": saved.period_object.label(),
                },
            )
            return redirect("metrics:detail", org=ctx.org, roadmap=current.slug, metric=item.pk)
    return render(
        request,
        "metrics/detail.html",
        _detail_context(ctx, item, form),
        status=400,
    )


def _conflict_message(current: MetricValue | None, metric: Metric) -> str:
    if current is None:
        return _("The value was removed meanwhile. Check the values and save again.")
    who = str(current.recorded_by or current.api_token or _("another user"))
    return _(
        "Meanwhile %(who)s recorded %(value)s for this period. Your input is kept below: "
        "check the value and correct it if needed."
    ) % {"who": who, "value": format_value(current.value, metric)}


@roadmap_view("metric.record", load=_metric)
def value_edit(request: HttpRequest, ctx: RoadmapContext, metric: int, value: int) -> HttpResponse:
    """Correct a recorded value; the history keeps what it was."""
    membership, current, item = ctx.membership, ctx.roadmap, ctx.object
    recorded = get_metric_value(item, value)
    initial = {
        "version": recorded.version,
        "value": recorded.value,
        "note": recorded.note,
        "source": recorded.source,
    }
    form = ValueCorrectionForm(request.POST or None, initial=initial)
    conflict = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.record_value(
                actor=ctx.actor,
                metric=item,
                period=recorded.period,
                value=form.cleaned_data["value"],
                note=form.cleaned_data["note"],
                source=form.cleaned_data["source"],
                expected_version=form.cleaned_data["version"],
            )
        except ConflictError as error:
            conflict = _conflict_message(error.current, item)
            if error.current is not None:
                # The next save is judged against the value now in place, which the page shows.
                data = request.POST.copy()
                data["version"] = str(error.current.version)
                form = ValueCorrectionForm(data, initial=initial)
                form.is_valid()
                recorded = error.current
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                _("The value for %(period)s was corrected.")
                % {"period": recorded.period_object.label()},
            )
            return redirect("metrics:detail", org=ctx.org, roadmap=current.slug, metric=item.pk)
    return render(
        request,
        "metrics/value_edit.html",
        page_context(
            membership,
            current,
            metric=item,
            recorded=recorded,
            form=form,
            conflict=conflict,
            # No ids: the correction form's own version field has id_version.
            delete_form=ValueDeleteForm(initial={"version": recorded.version}, auto_id=False),
        ),
        status=409 if conflict else 400 if form.errors else 200,
    )


@roadmap_view("metric.record", load=_metric)
def value_delete(
    request: HttpRequest, ctx: RoadmapContext, metric: int, value: int
) -> HttpResponse:
    membership, current, item = ctx.membership, ctx.roadmap, ctx.object
    recorded = get_metric_value(item, value)
    form = ValueDeleteForm(request.POST or None, initial={"version": recorded.version})
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.delete_value(
                actor=ctx.actor,
                value=recorded,
                expected_version=form.cleaned_data["version"],
            )
        except ConflictError as conflict:
            error = _conflict_message(conflict.current, item)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(
                request,
                _("The value for %(period)s was removed.")
                % {"period": recorded.period_object.label()},
            )
            return redirect("metrics:detail", org=ctx.org, roadmap=current.slug, metric=item.pk)
    return render(
        request,
        "metrics/value_delete.html",
        page_context(membership, current, metric=item, recorded=recorded, form=form, error=error),
        status=409 if error else 200,
    )
