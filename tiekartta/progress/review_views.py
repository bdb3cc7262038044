"""Review meetings (seurantakokoukset): open, run row by row, close, and the minutes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tiekartta.accounts.pages import page_context
from tiekartta.accounts.policy import Capability
from tiekartta.core.forms import apply_validation_error, reloaded, unsaved_copy
from tiekartta.core.htmx import is_htmx
from tiekartta.core.locking import ConflictError
from tiekartta.core.pdf import render_pdf
from tiekartta.progress import services
from tiekartta.progress.access import get_review
from tiekartta.progress.forms import ReviewDetailsForm, ReviewForm
from tiekartta.progress.minutes import build_minutes
from tiekartta.progress.models import Review
from tiekartta.progress.selectors import REVIEW_PAGE_SIZE, build_review, stored_minutes_pdf
from tiekartta.progress.views import row_fields, row_fields_context
from tiekartta.roadmap.decorators import RoadmapContext, roadmap_view
from tiekartta.roadmap.selectors import margin_of


def _review(ctx: RoadmapContext, kwargs: Mapping[str, Any]) -> Review:
    return get_review(ctx.roadmap, kwargs["review"])


@roadmap_view("roadmap.read")
def review_list(request: HttpRequest, ctx: RoadmapContext) -> HttpResponse:
    membership, current = ctx.membership, ctx.roadmap
    reviews = (
        Review.objects.of_roadmap(current)
        .annotate(entry_count=Count("entries"))
        .select_related("closed_by")
        .order_by("-quarter")
    )
    return render(
        request, "progress/review_list.html", page_context(membership, current, reviews=reviews)
    )


@roadmap_view("review.run")
def review_create(request: HttpRequest, ctx: RoadmapContext) -> HttpResponse:
    membership, current = ctx.membership, ctx.roadmap
    today = timezone.localdate()
    form = ReviewForm(
        request.POST or None,
        roadmap=current,
        today=today,
        initial={"meeting_date": today},
    )
    form.instance.roadmap = current
    if request.method == "POST" and form.is_valid():
        try:
            review = services.open_review(
                actor=ctx.actor,
                roadmap=current,
                quarter=form.cleaned_data["quarter"],
                meeting_date=form.cleaned_data["meeting_date"],
                attendees=form.cleaned_data["attendees"],
                minutes=form.cleaned_data["minutes"],
                today=today,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The review meeting is open."))
            return redirect(
                "progress:review_detail", org=ctx.org, roadmap=current.slug, review=review.pk
            )
    return render(
        request, "progress/review_form.html", page_context(membership, current, form=form)
    )


# Rows per page of the meeting: a screenful each, 2,000 rows with their inputs on one page were
# 3.3 MB of HTML. The whole list (?all=1) is one link away, for printing.
REVIEW_PAGE_SIZES = (25, 50, 100)


def _page_number(request: HttpRequest, name: str, default: int) -> int:
    try:
        return int(request.GET.get(name, default))
    except ValueError:
        return default


@roadmap_view("roadmap.read")
def review_detail(request: HttpRequest, ctx: RoadmapContext, review: int) -> HttpResponse:
    """The meeting on a shared screen: the tasks of the quarter a page at a time, each row
    saved on its own."""
    membership, current = ctx.membership, ctx.roadmap
    meeting = get_review(current, review)
    if not meeting.is_open:
        return redirect(
            "progress:review_minutes", org=ctx.org, roadmap=current.slug, review=meeting.pk
        )
    today = timezone.localdate()
    whole_list = request.GET.get("all") == "1"
    size = _page_number(request, "size", REVIEW_PAGE_SIZE)
    if size not in REVIEW_PAGE_SIZES:
        size = REVIEW_PAGE_SIZE
    data = build_review(
        meeting,
        today,
        margin_of(membership),
        page=_page_number(request, "page", 1),
        size=None if whole_list else size,
    )
    editable = ctx.can(Capability.REVIEW_RUN)
    fields_by_task = (
        {
            row.task.pk: row_fields(row.task, meeting.quarter, row.starting_point)
            for row in data.rows
        }
        if editable
        else {}
    )
    return render(
        request,
        "progress/review_detail.html",
        page_context(
            membership,
            current,
            review=meeting,
            data=data,
            page=data.page,
            whole_list=whole_list,
            page_size=size,
            page_sizes=REVIEW_PAGE_SIZES,
            fields_by_task=fields_by_task,
            details_form=ReviewDetailsForm(instance=meeting) if editable else None,
            attendees=list(meeting.attendees.order_by("name")),
            editable=editable,
            **(row_fields_context() if editable else {}),
        ),
    )


@roadmap_view("review.run", load=_review)
def review_details(request: HttpRequest, ctx: RoadmapContext, review: int) -> HttpResponse:
    """Save the meeting's date, attendees, minutes and decisions (htmx or a plain post)."""
    membership, current, meeting = ctx.membership, ctx.roadmap, ctx.object
    if not meeting.is_open and request.method != "POST":
        return redirect(
            "progress:review_minutes", org=ctx.org, roadmap=current.slug, review=meeting.pk
        )
    form = ReviewDetailsForm(request.POST or None, instance=meeting)
    conflict = saved = False
    if request.method == "POST" and form.is_valid():
        try:
            updated = services.update_review_details(
                actor=ctx.actor,
                review=unsaved_copy(meeting),
                expected_version=form.expected_version,
                meeting_date=form.cleaned_data["meeting_date"],
                attendees=form.cleaned_data["attendees"],
                minutes=form.cleaned_data["minutes"],
                decisions=form.cleaned_data["decisions"],
            )
        except ConflictError:
            meeting = reloaded(meeting)
            form.show_conflict(meeting)
            conflict = True
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            saved = True
            if not is_htmx(request):
                messages.success(request, _("The meeting details were saved."))
                return redirect(
                    "progress:review_detail", org=ctx.org, roadmap=current.slug, review=meeting.pk
                )
            meeting = updated
            form = ReviewDetailsForm(instance=meeting)
    template = (
        "progress/review_detail.html#details"
        if is_htmx(request)
        else "progress/review_details_page.html"
    )
    return render(
        request,
        template,
        page_context(
            membership,
            current,
            review=meeting,
            details_form=form,
            details_saved=saved,
            details_conflict=conflict,
            editable=True,
        ),
        status=409 if conflict and not is_htmx(request) else 200,
    )


@roadmap_view("review.run", load=_review)
def review_close(request: HttpRequest, ctx: RoadmapContext, review: int) -> HttpResponse:
    membership, current, meeting = ctx.membership, ctx.roadmap, ctx.object
    today = timezone.localdate()
    data = build_review(meeting, today, margin_of(membership))
    if request.method == "POST":
        try:
            services.close_review(actor=ctx.actor, review=meeting, today=today)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The review meeting is closed and its minutes are ready."))
        return redirect(
            "progress:review_minutes", org=ctx.org, roadmap=current.slug, review=meeting.pk
        )
    return render(
        request,
        "progress/review_close.html",
        page_context(membership, current, review=meeting, data=data),
    )


def _minutes_context(ctx: RoadmapContext, review: int) -> dict:
    membership, current = ctx.membership, ctx.roadmap
    meeting = get_review(current, review)
    minutes = build_minutes(meeting, timezone.localdate())
    return page_context(
        membership,
        current,
        review=meeting,
        minutes=minutes,
        generated_at=timezone.localtime(),
    )


@roadmap_view("roadmap.read")
def review_minutes(request: HttpRequest, ctx: RoadmapContext, review: int) -> HttpResponse:
    return render(request, "progress/minutes.html", _minutes_context(ctx, review))


@roadmap_view("roadmap.read")
def review_minutes_pdf(request: HttpRequest, ctx: RoadmapContext, review: int) -> HttpResponse:
    meeting = get_review(ctx.roadmap, review)
    language = get_language()
    stored = stored_minutes_pdf(meeting, language)
    if stored is not None:
        pdf = stored
    else:
        context = _minutes_context(ctx, review)
        html = render_to_string("progress/minutes_document.html", context, request=request)
        pdf = render_pdf(html, base_url=str(settings.BASE_DIR))
        if not meeting.is_open:
            services.store_minutes_document(review=meeting, language=language, pdf=pdf)
    name = slugify(f"{_('minutes')}-{meeting.roadmap.slug}-{meeting.quarter}")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response
