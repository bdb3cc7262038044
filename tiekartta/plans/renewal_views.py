"""The renewal wizard: step 1 names the new period, step 2 shows what it takes over (themes,
unfinished tasks with their proposed schedules, metrics with the last value as the new
baseline), lists the done, cancelled and parked for the record, and confirms."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tiekartta.accounts.pages import page_context
from tiekartta.core.forms import apply_validation_error
from tiekartta.metrics.formatting import format_value
from tiekartta.metrics.periods import format_period
from tiekartta.plans import renewal
from tiekartta.plans.forms import RenewalContentForm, RenewalPeriodForm
from tiekartta.plans.renewal import CarryPlan, MetricPlan, Proposal, RenewalPlan
from tiekartta.plans.selectors import renewal_links
from tiekartta.roadmap.decorators import RoadmapContext, roadmap_view


def _period_initial(ctx: RoadmapContext) -> dict[str, Any]:
    start, end = renewal.default_period(ctx.roadmap)
    return {
        "title": renewal.default_title(ctx.roadmap, start, end),
        "slug": f"{start}-{end}",
        "start_year": start,
        "end_year": end,
    }


def _plan(proposal: Proposal, period: dict[str, Any], content: dict[str, Any]) -> RenewalPlan:
    """What the user confirmed, as a RenewalPlan."""
    themes, names = [], {}
    for theme in proposal.plan.themes:
        assert theme.source is not None
        key = f"theme_{theme.source.pk}"
        if content.get(f"{key}_keep"):
            theme.name = content[f"{key}_name"].strip()
            themes.append(theme)
        names[str(theme.source.pk)] = theme.name if content.get(f"{key}_keep") else ""
    carry = []
    for item in proposal.unfinished:
        key = f"task_{item.task.pk}"
        if content.get(f"{key}_carry"):
            carry.append(
                CarryPlan(
                    task=item.task,
                    start=content[f"{key}_start"],
                    due=content[f"{key}_due"],
                    theme=names.get(content[f"{key}_theme"], ""),
                )
            )
    metrics = []
    for metric in proposal.metrics:
        key = f"metric_{metric.metric.pk}"
        if content.get(f"{key}_carry"):
            theme_name = (
                names.get(str(metric.metric.theme_id), "") if metric.metric.theme_id else ""
            )
            metrics.append(
                MetricPlan(
                    metric=metric.metric,
                    target_value=content[f"{key}_target_value"],
                    target_date=content[f"{key}_target_date"],
                    theme=theme_name,
                    last_value=metric.last_value,
                    last_period=metric.last_period,
                )
            )
    return RenewalPlan(
        title=period["title"],
        slug=period["slug"],
        start_year=period["start_year"],
        end_year=period["end_year"],
        description=proposal.plan.description,
        themes=themes,
        carry=carry,
        metrics=metrics,
    )


def _errors_on_rows(form: RenewalContentForm, error: ValidationError) -> None:
    """The service keys its refusals by row (task_12, metric_3); each goes next to that row's
    first field, the rest on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for key, errors in error.error_dict.items():
        target = next((name for name in form.fields if name.startswith(f"{key}_")), None)
        for item in errors:
            form.add_error(target, item)


@roadmap_view("plan.renew")
def renew(request: HttpRequest, ctx: RoadmapContext) -> HttpResponse:
    roadmap = ctx.roadmap
    _made_from, renewed_as = renewal_links(roadmap)
    if renewed_as is not None:
        messages.info(request, _("This roadmap has already been renewed."))
        return redirect("plans:versions", org=ctx.org, roadmap=roadmap.slug)
    step = request.POST.get("step") if request.method == "POST" else None
    period = RenewalPeriodForm(
        request.POST if step else None, initial=_period_initial(ctx), roadmap=roadmap
    )
    if not step or not period.is_valid():
        return render(
            request,
            "plans/renew_period.html",
            page_context(ctx.membership, roadmap, form=period),
            status=400 if step else 200,
        )
    data = period.cleaned_data
    proposal = renewal.propose(roadmap, data["start_year"], data["end_year"])
    content = RenewalContentForm(
        request.POST if step == "confirm" else None,
        proposal=proposal,
        start_year=data["start_year"],
        end_year=data["end_year"],
    )
    if step == "confirm" and content.is_valid():
        try:
            outcome = renewal.renew(
                actor=ctx.actor, roadmap=roadmap, plan=_plan(proposal, data, content.cleaned_data)
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and set(error.error_dict) & set(period.fields):
                apply_validation_error(period, error)
                return render(
                    request,
                    "plans/renew_period.html",
                    page_context(ctx.membership, roadmap, form=period),
                    status=400,
                )
            _errors_on_rows(content, error)
        else:
            messages.success(
                request,
                _(
                    "The roadmap %(new)s was made with %(tasks)s tasks carried over, and "
                    "%(old)s was closed with its final report."
                )
                % {
                    "new": outcome.renewal.target.title,
                    "tasks": len(outcome.carried),
                    "old": roadmap.title,
                },
            )
            return redirect("plans:versions", org=ctx.org, roadmap=outcome.renewal.target.slug)
    return render(
        request,
        "plans/renew_content.html",
        page_context(
            ctx.membership,
            roadmap,
            period=period,
            form=content,
            proposal=proposal,
            rows=_content_rows(content, proposal),
        ),
        status=400 if content.is_bound else 200,
    )


def _content_rows(form: RenewalContentForm, proposal: Proposal) -> dict[str, list[Any]]:
    """The form's fields row by row, for the template."""
    return {
        "themes": [
            (theme, form[f"theme_{theme.source.pk}_keep"], form[f"theme_{theme.source.pk}_name"])
            for theme in proposal.plan.themes
            if theme.source is not None
        ],
        "tasks": [
            (
                item,
                form[f"task_{item.task.pk}_carry"],
                form[f"task_{item.task.pk}_theme"],
                form[f"task_{item.task.pk}_start"],
                form[f"task_{item.task.pk}_due"],
            )
            for item in proposal.unfinished
        ],
        "metrics": [
            (
                metric,
                f"{format_value(metric.last_value, metric.metric)} "
                f"({format_period(metric.last_period)})"
                if metric.last_value is not None
                else "",
                form[f"metric_{metric.metric.pk}_carry"],
                form[f"metric_{metric.metric.pk}_target_value"],
                form[f"metric_{metric.metric.pk}_target_date"],
            )
            for metric in proposal.metrics
        ],
    }
