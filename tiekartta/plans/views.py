"""The roadmap's versions: the adoption, the list of versions with their decisions, any two
compared (on the page, printable, and as .docx for the decision maker), a task's place in
each version, and the plan against its baseline for the overview."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tiekartta.accounts.pages import page_context
from tiekartta.core.forms import apply_validation_error
from tiekartta.plans import selectors, services
from tiekartta.plans.diff import compare
from tiekartta.plans.forms import CompareForm, DecisionForm, RevisionStartForm
from tiekartta.plans.models import PlanVersion, RevisionDraft
from tiekartta.plans.plan_timeline import build_plan_timeline
from tiekartta.plans.renewal import default_period
from tiekartta.roadmap.access import get_task
from tiekartta.roadmap.decorators import RoadmapContext, roadmap_view


def decision_of(form: DecisionForm) -> services.Decision:
    data = form.cleaned_data
    return services.Decision(
        decided_on=data["decided_on"],
        decision_body=data["decision_body"],
        decision_reference=data["decision_reference"],
        summary=data["summary"],
    )


def _versions_page(
    request: HttpRequest,
    ctx: RoadmapContext,
    *,
    adopt_form: DecisionForm | None = None,
    revision_form: RevisionStartForm | None = None,
    status: int = 200,
) -> HttpResponse:
    roadmap = ctx.roadmap
    versions = selectors.versions_of(roadmap)
    draft = selectors.open_draft(roadmap)
    made_from, renewed_as = selectors.renewal_links(roadmap)
    choices = selectors.comparison_choices(versions, draft)
    compare_form = CompareForm(
        initial={"a": "1" if versions else selectors.LIVE, "b": selectors.LIVE}, choices=choices
    )
    return render(
        request,
        "plans/versions.html",
        page_context(
            ctx.membership,
            roadmap,
            rows=selectors.version_rows(versions),
            since=selectors.since_baseline(roadmap) if versions else None,
            draft=draft,
            made_from=made_from,
            renewed_as=renewed_as,
            adopt_form=adopt_form
            or DecisionForm(initial={"decided_on": timezone.localdate()}, prefix="adopt"),
            revision_form=revision_form or RevisionStartForm(prefix="revision"),
            compare_form=compare_form,
            renewal_years=default_period(roadmap),
        ),
        status=status,
    )


@roadmap_view("roadmap.read")
def versions(request: HttpRequest, ctx: RoadmapContext) -> HttpResponse:
    return _versions_page(request, ctx)


@roadmap_view("plan.adopt")
@require_POST
def adopt(request: HttpRequest, ctx: RoadmapContext) -> HttpResponse:
    form = DecisionForm(request.POST, prefix="adopt", instance=PlanVersion(roadmap=ctx.roadmap))
    if form.is_valid():
        try:
            services.adopt_roadmap(actor=ctx.actor, roadmap=ctx.roadmap, decision=decision_of(form))
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request, _("The adoption was recorded and the plan kept as version 1.")
            )
            return redirect("plans:versions", org=ctx.org, roadmap=ctx.roadmap.slug)
    return _versions_page(request, ctx, adopt_form=form, status=400)


@roadmap_view("plan.draft")
@require_POST
def revision_start(request: HttpRequest, ctx: RoadmapContext) -> HttpResponse:
    form = RevisionStartForm(
        request.POST, prefix="revision", instance=RevisionDraft(roadmap=ctx.roadmap)
    )
    if form.is_valid():
        try:
            draft = services.start_revision(
                actor=ctx.actor,
                roadmap=ctx.roadmap,
                title=form.cleaned_data["title"],
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            return redirect("plans:draft", org=ctx.org, roadmap=ctx.roadmap.slug, draft=draft.pk)
    return _versions_page(request, ctx, revision_form=form, status=400)


def _comparison(request: HttpRequest, ctx: RoadmapContext) -> tuple[CompareForm, dict[str, object]]:
    roadmap = ctx.roadmap
    versions = selectors.versions_of(roadmap)
    draft = selectors.open_draft(roadmap)
    choices = selectors.comparison_choices(versions, draft)
    form = CompareForm(request.GET, choices=choices)
    if not form.is_valid():
        first = "1" if versions else selectors.LIVE
        form = CompareForm({"a": first, "b": selectors.LIVE}, choices=choices)
        form.is_valid()
    a, b = form.cleaned_data["a"], form.cleaned_data["b"]
    labels = dict(choices)
    before = selectors.snapshot_of(roadmap, a, versions, draft)
    after = selectors.snapshot_of(roadmap, b, versions, draft)
    return form, {
        "diff": compare(before, after),
        "before_label": labels[a],
        "after_label": labels[b],
        "before_version": next((v for v in versions if str(v.number) == a), None),
        "after_version": next((v for v in versions if str(v.number) == b), None),
    }


@roadmap_view("roadmap.read")
def compare_versions(request: HttpRequest, ctx: RoadmapContext) -> HttpResponse:
    form, comparison = _comparison(request, ctx)
    return render(
        request,
        "plans/compare.html",
        page_context(ctx.membership, ctx.roadmap, compare_form=form, **comparison),
    )


@roadmap_view("roadmap.read")
def compare_docx(request: HttpRequest, ctx: RoadmapContext) -> HttpResponse:
    # Imported here: python-docx stays out of a web worker until a document is asked for.
    from tiekartta.plans.documents import diff_docx

    _form, comparison = _comparison(request, ctx)
    content = diff_docx(ctx.roadmap, **comparison)  # type: ignore[arg-type]
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    name = f"{ctx.roadmap.slug}-{_('changes')}.docx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@roadmap_view("roadmap.read")
def task_versions(request: HttpRequest, ctx: RoadmapContext, task: int) -> HttpResponse:
    """The task's place in the plan's versions; its page loads this section (htmx)."""
    found = get_task(ctx.roadmap, task)
    template = "plans/_task_versions.html" if request.htmx else "plans/task_versions.html"  # type: ignore[attr-defined]
    return render(
        request,
        template,
        page_context(ctx.membership, ctx.roadmap, task=found, events=selectors.task_history(found)),
    )


@roadmap_view("roadmap.read")
def baseline_summary(request: HttpRequest, ctx: RoadmapContext) -> HttpResponse:
    """The live plan against its baseline, as a section of the overview (htmx)."""
    return render(
        request,
        "plans/_since_baseline.html",
        page_context(ctx.membership, ctx.roadmap, since=selectors.since_baseline(ctx.roadmap)),
    )


@roadmap_view("roadmap.read")
def plan_timeline(request: HttpRequest, ctx: RoadmapContext) -> HttpResponse:
    return render(
        request,
        "plans/plan_timeline.html",
        page_context(
            ctx.membership,
            ctx.roadmap,
            timeline=build_plan_timeline(ctx.roadmap, timezone.localdate()),
        ),
    )
