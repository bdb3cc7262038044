"""Recording progress, the owner's own tasks, the dashboard and the follow-up settings."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tiekartta.accounts.content_languages import set_content_languages
from tiekartta.accounts.decorators import OrgContext, org_view
from tiekartta.accounts.forms import ContentLanguagesForm
from tiekartta.accounts.models import Membership
from tiekartta.accounts.pages import page_context
from tiekartta.accounts.policy import Capability
from tiekartta.core.forms import apply_validation_error
from tiekartta.core.htmx import is_htmx
from tiekartta.core.locking import ConflictError
from tiekartta.core.quarters import Quarter
from tiekartta.core.translations import count_missing
from tiekartta.metrics.selectors import roadmap_metric_rows
from tiekartta.progress import services
from tiekartta.progress.access import get_review
from tiekartta.progress.dashboard import build_dashboard
from tiekartta.progress.forms import ProgressEntryForm
from tiekartta.progress.models import ProgressEntry, Review
from tiekartta.progress.reminders import metrics_needing_values
from tiekartta.progress.selectors import own_tasks, recorded_count, review_row, task_follow_up
from tiekartta.roadmap.access import can_edit_task, get_task
from tiekartta.roadmap.decorators import RoadmapContext, roadmap_view
from tiekartta.roadmap.forms import FollowUpSettingsForm
from tiekartta.roadmap.models import FollowUpSettings, Roadmap, Status, Task
from tiekartta.roadmap.selectors import margin_of


def entry_initial(task: Task, quarter: str, start_from: ProgressEntry | None) -> dict[str, Any]:
    """A form that starts from the latest known state, so confirming it is one keystroke.
    A note is carried only within its quarter: last quarter's note is not this quarter's."""
    return {
        "quarter": quarter,
        "completion": start_from.completion if start_from else task.completion,
        "status": start_from.status if start_from else task.status,
        "note": start_from.note if start_from and start_from.quarter == quarter else "",
        "public_summary": task.public_summary,
    }


def load_task(ctx: RoadmapContext, kwargs: Mapping[str, Any]) -> Task:
    """The `task` URL argument as the roadmap's task (404 otherwise), for `load=`."""
    return get_task(ctx.roadmap, kwargs["task"])


@roadmap_view("progress.record", load=load_task)
def record_progress(request: HttpRequest, ctx: RoadmapContext, task: int) -> HttpResponse:
    """The progress form of one task. Review rows and My tasks post here too (with htmx),
    naming their context so that the answer is the row they show."""
    membership, current, org = ctx.membership, ctx.roadmap, ctx.org
    item: Task = ctx.object
    today = timezone.localdate()
    row_context = request.POST.get("context", "") if request.method == "POST" else ""
    review: Review | None = None
    if row_context == "review":
        review_id = request.POST.get("review", "")
        if not review_id.isdigit():
            raise Http404
        review = get_review(current, int(review_id))
        # A review meeting records any task: only the digital group runs one.
        ctx.require(Capability.PROGRESS_RECORD)
    fixed = review.quarter if review else str(Quarter.of_date(today)) if row_context else None
    # A row's post needs no latest entry: its form is bound, and its answer is the row.
    latest = (
        None
        if row_context and is_htmx(request)
        else ProgressEntry.objects.filter(task=item).newest_first().first()
    )
    form = ProgressEntryForm(
        request.POST or None,
        roadmap=current,
        today=today,
        fixed_quarter=fixed,
        prefix=f"t{item.pk}" if row_context else None,
        initial=entry_initial(
            item, request.GET.get("quarter") or str(Quarter.of_date(today)), latest
        ),
        languages=ctx.organisation.content_languages,
        translations=item.translations,
    )
    saved: ProgressEntry | None = None
    drop: dict[str, int] | None = None
    if request.method == "POST" and form.is_valid():
        drop = _unconfirmed_drop(request, item, form, row_context)
    if request.method == "POST" and form.is_valid() and drop is None:
        try:
            saved = services.record_progress(
                actor=ctx.actor,
                task=item,
                quarter=form.cleaned_data["quarter"],
                completion=form.cleaned_data["completion"],
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                review=review,
                today=today,
                public_summary=form.cleaned_data.get("public_summary"),
                # The summary's versions beside it on the task's own page ({} in a row).
                public_summary_translations=form.cleaned_versions_of("public_summary"),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
    if row_context and is_htmx(request):
        return _row_response(
            request, membership, current, item, review, form, saved, today, drop=drop
        )
    if saved is not None:
        messages.success(
            request,
            _("Progress recorded: %(percent)s %% for %(quarter)s.")
            % {"percent": saved.completion, "quarter": Quarter.parse(saved.quarter).label()},
        )
        if row_context == "review" and review is not None:
            return redirect(f"{review_url(org, current, review)}#task-{item.pk}")
        if row_context == "mine":
            return redirect("progress:my_tasks", org=org)
        return redirect("progress:task_detail", org=org, roadmap=current.slug, task=item.pk)
    return render(
        request,
        "progress/progress_form.html",
        page_context(
            membership,
            current,
            task=item,
            form=form,
            latest=latest,
            drop=drop,
            row_context=row_context,
            review=review,
        ),
        status=400 if request.method == "POST" and drop is None else 200,
    )


def _unconfirmed_drop(
    request: HttpRequest, task: Task, form: ProgressEntryForm, row_context: str
) -> dict[str, int] | None:
    """A row (review meeting or My tasks) whose completion falls below the task's recorded
    one is saved only once confirmed: a digit typed in front of the old value, or a slip, would
    otherwise lower the task without a word. The answer is the row with the question."""
    completion = form.cleaned_data["completion"]
    if not row_context or request.POST.get("confirm_drop") or completion >= task.completion:
        return None
    return {"before": task.completion, "after": completion}


def review_url(org: str, roadmap: Roadmap, review: Review) -> str:
    return reverse(
        "progress:review_detail", kwargs={"org": org, "roadmap": roadmap.slug, "review": review.pk}
    )


def _row_response(
    request: HttpRequest,
    membership: Membership,
    roadmap: Roadmap,
    task: Task,
    review: Review | None,
    form: ProgressEntryForm,
    saved: ProgressEntry | None,
    today: Any,
    *,
    drop: dict[str, int] | None = None,
) -> HttpResponse:
    """The row again: fresh inputs after a save (with the confirmation), the bound form with
    its errors otherwise. htmx swaps only 2xx answers, so errors come with 200 too. The task
    is as the save left it (the service updates the instance), so it is not read again."""
    margin = margin_of(membership)
    if review is not None:
        row = review_row(review, task, today, margin)
        fields = None
        if saved is not None:
            fields = row_fields(task, review.quarter, row.starting_point)
        recorded = recorded_count(review)
        return render(
            request,
            "progress/_review_row.html",
            page_context(
                membership,
                roadmap,
                review=review,
                row=row,
                form=None if fields else form,
                fields=fields,
                saved=saved,
                oob=True,
                recorded_count=recorded,
                drop=drop,
                **row_fields_context(),
            ),
        )
    mine = own_tasks(membership.organisation, membership.user_id, today, margin)
    item = next((o for o in mine if o.task.pk == task.pk), None)
    if item is None:
        # The task is no longer on the user's list (handed over or archived): reload the page.
        return HttpResponse(status=204, headers={"HX-Refresh": "true"})
    fields = None
    if saved is not None:
        fields = row_fields(task, str(Quarter.of_date(today)), saved)
    return render(
        request,
        "progress/_own_task_row.html",
        page_context(
            membership,
            roadmap,
            item=item,
            form=None if fields else form,
            fields=fields,
            saved=saved,
            oob=True,
            drop=drop,
            **row_fields_context(),
        ),
    )


@dataclass(frozen=True)
class RowFields:
    """A row's inputs as `_row_fields.html` writes them by hand: the same names, ids, labels
    and attributes as the row's ProgressEntryForm renders unbound, without a form instance
    and its widgets per row (2,000 rows were 5,000 widgets and seconds of rendering). The form
    still validates what the row posts; a row with errors is answered with the bound form."""

    prefix: str
    quarter: str
    completion: int
    status: str
    note: str


def row_fields(task: Task, quarter: str, start_from: ProgressEntry | None) -> RowFields:
    initial = entry_initial(task, quarter, start_from)
    return RowFields(
        prefix=f"t{task.pk}",
        quarter=quarter,
        completion=initial["completion"],
        status=initial["status"],
        note=initial["note"],
    )


def row_fields_context() -> dict[str, Any]:
    """What every hand-written row needs once per page: the labels (in the current language,
    with the form's suffix) and the status choices."""
    form = ProgressEntryForm(roadmap=Roadmap(), today=datetime.date.min, fixed_quarter="-")
    return {
        "row_labels": {
            name: f"{form.fields[name].label}{form.label_suffix}"
            for name in ("completion", "status", "note")
        },
        # Plain strings: the lazy labels would be translated again in every row.
        "status_choices": [(value, str(label)) for value, label in Status.choices],
    }


@org_view("org.read")
def my_tasks(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    """The user's tasks with a row form each, and their metrics awaiting a value: the same
    selection as the reminder e-mail's."""
    membership = ctx.membership
    today = timezone.localdate()
    follow_up = FollowUpSettings.for_organisation(membership.organisation)
    items = own_tasks(membership.organisation, ctx.user.pk, today, follow_up.risk_margin)
    metrics = [
        (row, ctx.can("metric.record", row.metric))
        for row in metrics_needing_values(
            membership.organisation,
            follow_up.metric_grace_days,
            today,
            owner_user_id=ctx.user.pk,
        )
    ]
    current = Quarter.of_date(today)
    rows = [
        (
            item,
            row_fields(item.task, str(current), item.latest)
            if can_edit_task(membership, item.task) and item.task.roadmap.contains_quarter(current)
            else None,
        )
        for item in items
    ]
    has_person = membership.user.people.filter(organisation=membership.organisation).exists()
    return render(
        request,
        "progress/my_tasks.html",
        page_context(
            membership,
            rows=rows,
            metrics=metrics,
            has_person=has_person,
            current_quarter=Quarter.of_date(today),
            needing_update=sum(item.needs_update for item in items),
            **row_fields_context(),
        ),
    )


@roadmap_view("roadmap.read")
def dashboard(request: HttpRequest, ctx: RoadmapContext) -> HttpResponse:
    membership, current = ctx.membership, ctx.roadmap
    today = timezone.localdate()
    follow_up = FollowUpSettings.for_organisation(membership.organisation)  # read once
    data = build_dashboard(current, today, follow_up.risk_margin)
    metric_rows, metric_summary = roadmap_metric_rows(current, today, follow_up.metric_grace_days)
    # Texts lacking a language version, for those who write them (the list's readers): one
    # query per translatable model, none when the organisation writes in one language.
    languages = membership.organisation.content_languages
    missing = (
        count_missing(current.pk, languages)
        if languages.others and ctx.can(Capability.STRUCTURE_EDIT)
        else 0
    )
    return render(
        request,
        "progress/dashboard.html",
        page_context(
            membership,
            current,
            dashboard=data,
            today=today,
            missing_translations=missing,
            metric_summary=metric_summary,
            # What needs attention: stale metrics first, then those behind their line.
            metric_attention=sorted(
                (row for row in metric_rows if row.state.is_stale or row.state.status == "behind"),
                key=lambda row: (not row.state.is_stale, row.metric.name),
            ),
        ),
    )


LANGUAGES_FORM = "languages"  # the value of `form` in a post of the languages' form


@org_view("org.admin")
def follow_up_settings(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    """The organisation's settings: follow-up, and the languages of its content, two forms
    saved separately (a post names its form in `form`)."""
    membership = ctx.membership
    organisation = membership.organisation
    posted = request.method == "POST"
    languages_posted = posted and request.POST.get("form") == LANGUAGES_FORM
    current = FollowUpSettings.for_organisation(organisation)
    form = FollowUpSettingsForm(
        request.POST if posted and not languages_posted else None, instance=current
    )
    language_form = ContentLanguagesForm(
        request.POST if languages_posted else None,
        current=organisation.content_languages,
        prefix=LANGUAGES_FORM,
    )
    conflict = languages_conflict = False
    if languages_posted:
        if language_form.is_valid():
            try:
                set_content_languages(
                    actor=ctx.actor,
                    organisation=organisation,
                    primary=language_form.cleaned_data["primary_language"],
                    languages=language_form.cleaned_data["languages"],
                    expected=language_form.expected,
                )
            except ConflictError as error:
                language_form.show_conflict(error.current)
                languages_conflict = True
            except ValidationError as error:
                apply_validation_error(language_form, error)
            else:
                messages.success(request, _("The languages of the content were saved."))
                return redirect("progress:settings", org=ctx.org)
    elif posted and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in FollowUpSettingsForm.Meta.fields}
        try:
            services.save_follow_up_settings(
                actor=ctx.actor,
                organisation=organisation,
                expected_version=form.expected_version,
                **fields,
            )
        except ConflictError:
            form.show_conflict(FollowUpSettings.for_organisation(organisation))
            conflict = True
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The follow-up settings were saved."))
            return redirect("progress:settings", org=ctx.org)
    return render(
        request,
        "progress/settings.html",
        page_context(membership, form=form, conflict=conflict, language_form=language_form),
        status=409 if conflict or languages_conflict else 200,
    )


def task_panel_context(membership: Membership, task: Task) -> dict[str, Any]:
    """What the task page shows about follow-up: history, chart, risk and forecast."""
    follow_up = task_follow_up(task, timezone.localdate(), margin_of(membership))
    return {
        "follow_up": follow_up,
        # The policy refuses every write in an archived roadmap, the progress form's too.
        "can_record": can_edit_task(membership, task),
    }
