"""A revision being drafted: the group changes the proposed plan task by task without
touching the live one; the diff shows the draft against the live plan; the administrator
adopts it with the decision, or discards it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tiekartta.accounts.pages import page_context
from tiekartta.core.forms import apply_validation_error, posted_version
from tiekartta.core.locking import ConflictError
from tiekartta.plans import selectors, services
from tiekartta.plans.diff import compare, shown
from tiekartta.plans.forms import DecisionForm, DraftMetricForm, DraftTaskForm
from tiekartta.plans.models import PlanVersion, RevisionDraft
from tiekartta.plans.snapshot import build_snapshot, fingerprint, in_plan
from tiekartta.plans.views import decision_of
from tiekartta.roadmap.decorators import RoadmapContext, roadmap_view

STALE_MESSAGE = gettext_lazy(
    "Someone else changed this draft meanwhile. It is shown as it is now: make your change again."
)


def _load(ctx: RoadmapContext, kwargs: Mapping[str, Any]) -> RevisionDraft:
    return selectors.get_draft(ctx.roadmap, kwargs["draft"])


def _draft_url(ctx: RoadmapContext, draft: RevisionDraft) -> str:
    return reverse(
        "plans:draft", kwargs={"org": ctx.org, "roadmap": ctx.roadmap.slug, "draft": draft.pk}
    )


def _rows(draft: RevisionDraft) -> list[dict[str, Any]]:
    """The proposed plan's tasks by theme, each with whether the draft changed it."""
    diff = {c.key: c for c in compare(draft.base, draft.proposed).tasks}
    themes = draft.proposed["themes"]
    groups: dict[str, list[dict[str, Any]]] = {key: [] for key in themes}
    for key, entry in draft.proposed["tasks"].items():
        groups.setdefault(entry["theme"], []).append(
            {"key": key, "entry": entry, "change": diff.get(key), "in_plan": in_plan(entry)}
        )
    ordered = sorted(
        themes.items(), key=lambda kv: (not kv[1]["is_spearhead"], kv[1]["order"], kv[1]["name"])
    )
    return [
        {"name": theme["name"], "tasks": groups.get(key, [])}
        for key, theme in ordered
        if groups.get(key)
    ]


def _draft_page(
    request: HttpRequest,
    ctx: RoadmapContext,
    draft: RevisionDraft,
    *,
    adopt_form: DecisionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    live = build_snapshot(ctx.roadmap)
    meanwhile = compare(draft.base, live) if draft.is_open else None
    return render(
        request,
        "plans/draft.html",
        page_context(
            ctx.membership,
            ctx.roadmap,
            draft=draft,
            groups=_rows(draft),
            metrics=[
                (key, metric, shown("target_value", metric), shown("target_date", metric))
                for key, metric in draft.proposed["metrics"].items()
            ],
            diff=compare(live if draft.is_open else draft.base, draft.proposed),
            meanwhile=meanwhile,
            live_fingerprint=fingerprint(live),
            adopt_form=adopt_form
            or DecisionForm(initial={"decided_on": timezone.localdate()}, prefix="adopt"),
        ),
        status=status,
    )


@roadmap_view("roadmap.read", load=_load)
def draft_detail(request: HttpRequest, ctx: RoadmapContext, draft: int) -> HttpResponse:
    return _draft_page(request, ctx, ctx.object)


def _task_form_initial(draft: RevisionDraft, key: str) -> dict[str, Any]:
    entry = draft.proposed["tasks"].get(key)
    if entry is None:
        raise Http404
    return {
        "title": entry["title"],
        "theme": entry["theme"],
        "owner": entry["owner"],
        "start": entry["start"],
        "due": entry["due"],
        "kind": entry["kind"],
        "priority": entry["priority"],
        "quick_win": entry["quick_win"],
    }


@roadmap_view("plan.draft", load=_load)
def draft_task(
    request: HttpRequest, ctx: RoadmapContext, draft: int, key: str | None = None
) -> HttpResponse:
    """Change a task in the draft, or (no key) propose a new one."""
    item: RevisionDraft = ctx.object
    if not item.is_open:
        raise Http404
    initial = _task_form_initial(item, key) if key else {}
    form = DraftTaskForm(request.POST or None, initial=initial, roadmap=ctx.roadmap)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.set_draft_task(
                actor=ctx.actor,
                draft=item,
                expected_version=posted_version(request.POST),
                key=key,
                data=services.DraftTask(
                    title=data["title"],
                    theme=data["theme"],
                    owner=data["owner"],
                    start=data["start"],
                    due=data["due"],
                    kind=data["kind"],
                    priority=data["priority"],
                    quick_win=data["quick_win"],
                ),
            )
        except ConflictError:
            messages.error(request, STALE_MESSAGE)
            return redirect(_draft_url(ctx, item))
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The draft was saved. The live plan is unchanged."))
            return redirect(_draft_url(ctx, item))
    return render(
        request,
        "plans/draft_task.html",
        page_context(ctx.membership, ctx.roadmap, draft=item, form=form, key=key),
        status=400 if form.is_bound else 200,
    )


@roadmap_view("plan.draft", load=_load)
@require_POST
def draft_drop(request: HttpRequest, ctx: RoadmapContext, draft: int, key: str) -> HttpResponse:
    item: RevisionDraft = ctx.object
    try:
        services.drop_draft_task(
            actor=ctx.actor,
            draft=item,
            expected_version=posted_version(request.POST),
            key=key,
            dropped=request.POST.get("dropped") != "0",
        )
    except ConflictError:
        messages.error(request, STALE_MESSAGE)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_draft_url(ctx, item))


@roadmap_view("plan.draft", load=_load)
def draft_metric(request: HttpRequest, ctx: RoadmapContext, draft: int, key: str) -> HttpResponse:
    item: RevisionDraft = ctx.object
    entry = item.proposed["metrics"].get(key)
    if entry is None or not item.is_open:
        raise Http404
    form = DraftMetricForm(
        request.POST or None,
        initial={"target_value": entry["target_value"], "target_date": entry["target_date"]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_draft_metric_target(
                actor=ctx.actor,
                draft=item,
                expected_version=posted_version(request.POST),
                key=key,
                target_value=form.cleaned_data["target_value"],
                target_date=form.cleaned_data["target_date"],
            )
        except ConflictError:
            messages.error(request, STALE_MESSAGE)
            return redirect(_draft_url(ctx, item))
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The draft was saved. The live plan is unchanged."))
            return redirect(_draft_url(ctx, item))
    return render(
        request,
        "plans/draft_metric.html",
        page_context(ctx.membership, ctx.roadmap, draft=item, form=form, metric=entry),
        status=400 if form.is_bound else 200,
    )


@roadmap_view("plan.adopt", load=_load)
@require_POST
def draft_adopt(request: HttpRequest, ctx: RoadmapContext, draft: int) -> HttpResponse:
    item: RevisionDraft = ctx.object
    form = DecisionForm(request.POST, prefix="adopt", instance=PlanVersion(roadmap=ctx.roadmap))
    if form.is_valid():
        try:
            version = services.adopt_revision(
                actor=ctx.actor,
                draft=item,
                decision=decision_of(form),
                expected_version=posted_version(request.POST),
                seen_live=request.POST.get("seen_live") or None,
            )
        except ConflictError as error:
            if "meanwhile" in error.details:
                form.add_error(
                    None,
                    _(
                        "The live plan was changed after the draft began. Read the changes "
                        "made meanwhile below, then adopt again: the draft's changes are "
                        "applied on top of them."
                    ),
                )
            else:
                messages.error(request, STALE_MESSAGE)
                return redirect(_draft_url(ctx, item))
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                _("The revision was adopted and the plan kept as version %(number)s.")
                % {"number": version.number},
            )
            return redirect("plans:versions", org=ctx.org, roadmap=ctx.roadmap.slug)
    item.refresh_from_db()
    return _draft_page(request, ctx, item, adopt_form=form, status=400)


@roadmap_view("plan.draft", load=_load)
@require_POST
def draft_discard(request: HttpRequest, ctx: RoadmapContext, draft: int) -> HttpResponse:
    item: RevisionDraft = ctx.object
    try:
        services.discard_revision(actor=ctx.actor, draft=item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_draft_url(ctx, item))
    messages.success(request, _("The draft was discarded. The live plan is unchanged."))
    return redirect("plans:versions", org=ctx.org, roadmap=ctx.roadmap.slug)
