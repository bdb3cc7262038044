"""The digital group's pages: the group with its members, the year's calendar and its feed,
and each meeting with its drafted agenda, the minutes and the attendance."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tiekartta.accounts.decorators import OrgContext, org_view
from tiekartta.accounts.models import Organisation
from tiekartta.accounts.pages import page_context
from tiekartta.core.forms import apply_validation_error, posted_version
from tiekartta.core.locking import ConflictError
from tiekartta.group import calendar, services
from tiekartta.group.agenda import heading, shown_lines
from tiekartta.group.forms import MeetingForm, MemberForm, MinutesForm
from tiekartta.group.models import CalendarFeed, GroupMember, Meeting, MeetingStatus

STALE = gettext_lazy(
    "Someone else saved this meanwhile. It is shown as it is now: make your change again."
)


def _member(ctx: OrgContext, kwargs: Mapping[str, Any]) -> GroupMember:
    return get_object_or_404(
        GroupMember.objects.select_related("person"),
        organisation=ctx.organisation,
        pk=kwargs["member"],
    )


def _meeting(ctx: OrgContext, kwargs: Mapping[str, Any]) -> Meeting:
    return get_object_or_404(
        Meeting.objects.select_related("roadmap", "review"),
        organisation=ctx.organisation,
        pk=kwargs["meeting"],
    )


@org_view("org.read")
def group_page(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    today = timezone.localdate()
    members = list(
        GroupMember.objects.filter(organisation=ctx.organisation).select_related("person")
    )
    current = [m for m in members if m.serves_on(today)]
    upcoming = calendar.events_of(ctx.organisation, today, today + datetime.timedelta(days=200))
    return render(
        request,
        "group/group.html",
        page_context(
            ctx.membership,
            current=current,
            other=[m for m in members if not m.serves_on(today)],
            departments=len({m.shown_department for m in current if m.shown_department}),
            upcoming=upcoming[:6],
            today=today,
        ),
    )


def _member_input(form: MemberForm) -> services.MemberInput:
    data = form.cleaned_data
    return services.MemberInput(
        person=data["person"],
        role=data["role"],
        department=data["department"],
        term_start=data["term_start"],
        term_end=data["term_end"],
    )


@org_view("group.manage")
def member_create(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    form = MemberForm(
        request.POST or None,
        instance=GroupMember(organisation=ctx.organisation),
        organisation=ctx.organisation,
        initial={"term_start": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.add_member(
                actor=ctx.actor, organisation=ctx.organisation, data=_member_input(form)
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The member was added to the group."))
            return redirect("group:group", org=ctx.org)
    return render(
        request,
        "group/member_form.html",
        page_context(ctx.membership, form=form),
        status=400 if form.is_bound else 200,
    )


@org_view("group.manage", load=_member)
def member_edit(request: HttpRequest, ctx: OrgContext, member: int) -> HttpResponse:
    item: GroupMember = ctx.object
    form = MemberForm(request.POST or None, instance=item, organisation=ctx.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_member(
                actor=ctx.actor,
                member=item,
                expected_version=posted_version(request.POST),
                data=_member_input(form),
            )
        except ConflictError:
            messages.error(request, STALE)
            return redirect("group:member_edit", org=ctx.org, member=item.pk)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The member's details were saved."))
            return redirect("group:group", org=ctx.org)
    return render(
        request,
        "group/member_form.html",
        page_context(ctx.membership, form=form, member=item),
        status=400 if form.is_bound else 200,
    )


@org_view("group.manage", load=_member)
@require_POST
def member_delete(request: HttpRequest, ctx: OrgContext, member: int) -> HttpResponse:
    # Only the edit page's own button removes a seat: it says what removing means first.
    if request.POST.get("confirm") != "1":
        return redirect("group:member_edit", org=ctx.org, member=member)
    services.remove_member(actor=ctx.actor, member=ctx.object)
    messages.success(request, _("The member was removed from the group."))
    return redirect("group:group", org=ctx.org)


@org_view("org.read")
def calendar_page(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    if not 2000 <= year <= 2100:
        raise Http404
    events = calendar.events_of(
        ctx.organisation, datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    )
    months: dict[int, list[calendar.CalendarEvent]] = {}
    for event in events:
        months.setdefault(event.date.month, []).append(event)
    feed = CalendarFeed.objects.filter(organisation=ctx.organisation).first()
    return render(
        request,
        "group/calendar.html",
        page_context(
            ctx.membership,
            year=year,
            months=[(datetime.date(year, month, 1), months[month]) for month in sorted(months)],
            feed_url=(
                settings.TIEKARTTA_BASE_URL + f"/ical/{ctx.organisation.slug}/{feed.token}.ics"
                if feed
                else ""
            ),
            today=today,
        ),
    )


@org_view("group.manage")
@require_POST
def feed_address(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    if request.POST.get("renew"):
        services.renew_feed_address(actor=ctx.actor, organisation=ctx.organisation)
        messages.success(request, _("The calendar has a new address; the old one no longer works."))
    else:
        services.feed_of(actor=ctx.actor, organisation=ctx.organisation)
    return redirect("group:calendar", org=ctx.org)


def feed(request: HttpRequest, org: str, token: str) -> HttpResponse:
    """The calendar feed for a calendar program: no sign-in, the address is the key (404 for
    a wrong one, the same as for an organisation that does not exist)."""
    found = (
        CalendarFeed.objects.filter(organisation__slug=org, token=token)
        .select_related("organisation")
        .first()
    )
    if found is None:
        raise Http404
    organisation: Organisation = found.organisation
    today = timezone.localdate()
    events = calendar.events_of(
        organisation, datetime.date(today.year - 3, 1, 1), datetime.date(today.year + 2, 12, 31)
    )
    response = HttpResponse(
        calendar.feed(organisation, events, settings.TIEKARTTA_BASE_URL),
        content_type="text/calendar; charset=utf-8",
    )
    response["Cache-Control"] = "private, max-age=900"
    return response


def _meeting_input(form: MeetingForm) -> services.MeetingInput:
    data = form.cleaned_data
    return services.MeetingInput(
        kind=data["kind"],
        title=data["title"],
        date=data["date"],
        starts=data["starts"],
        ends=data["ends"],
        location=data["location"],
        roadmap=data["roadmap"],
        review=data["review"],
    )


@org_view("meeting.run")
def meeting_create(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    current = ctx.organisation.roadmaps.filter(is_archived=False).order_by("-start_year").first()
    form = MeetingForm(
        request.POST or None,
        instance=Meeting(organisation=ctx.organisation),
        organisation=ctx.organisation,
        initial={"roadmap": current},
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.schedule_meeting(
                actor=ctx.actor, organisation=ctx.organisation, data=_meeting_input(form)
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The meeting was scheduled and its agenda drafted."))
            return redirect("group:meeting", org=ctx.org, meeting=meeting.pk)
    return render(
        request,
        "group/meeting_form.html",
        page_context(ctx.membership, form=form),
        status=400 if form.is_bound else 200,
    )


@org_view("meeting.run", load=_meeting)
def meeting_edit(request: HttpRequest, ctx: OrgContext, meeting: int) -> HttpResponse:
    item: Meeting = ctx.object
    form = MeetingForm(request.POST or None, instance=item, organisation=ctx.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_meeting(
                actor=ctx.actor,
                meeting=item,
                expected_version=posted_version(request.POST),
                data=_meeting_input(form),
            )
        except ConflictError:
            messages.error(request, STALE)
            return redirect("group:meeting", org=ctx.org, meeting=item.pk)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The meeting was saved."))
            return redirect("group:meeting", org=ctx.org, meeting=item.pk)
    return render(
        request,
        "group/meeting_form.html",
        page_context(ctx.membership, form=form, meeting=item),
        status=400 if form.is_bound else 200,
    )


def _meeting_page(
    request: HttpRequest,
    ctx: OrgContext,
    meeting: Meeting,
    form: MinutesForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "group/meeting.html",
        page_context(
            ctx.membership,
            meeting=meeting,
            items=[
                {**item, "heading": heading(item["key"]), "lines": shown_lines(item)}
                for item in meeting.agenda
            ],
            present=list(meeting.attendees.select_related("person")),
            form=form
            or MinutesForm(
                meeting=meeting,
                initial={
                    "minutes": meeting.minutes,
                    "attendees": list(meeting.attendees.all()),
                    "held": meeting.status == MeetingStatus.HELD,
                },
            ),
            invitees=services.invitees(meeting),
        ),
        status=status,
    )


@org_view("org.read", load=_meeting)
def meeting_detail(request: HttpRequest, ctx: OrgContext, meeting: int) -> HttpResponse:
    return _meeting_page(request, ctx, ctx.object)


@org_view("meeting.run", load=_meeting)
@require_POST
def meeting_minutes(request: HttpRequest, ctx: OrgContext, meeting: int) -> HttpResponse:
    item: Meeting = ctx.object
    form = MinutesForm(request.POST, meeting=item)
    if form.is_valid():
        try:
            services.record_minutes(
                actor=ctx.actor,
                meeting=item,
                expected_version=posted_version(request.POST),
                notes=form.notes(),
                minutes=form.cleaned_data["minutes"],
                attendees=list(form.cleaned_data["attendees"]),
                held=form.cleaned_data["held"],
            )
        except ConflictError:
            messages.error(request, STALE)
            return redirect("group:meeting", org=ctx.org, meeting=item.pk)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The minutes were saved."))
            return redirect("group:meeting", org=ctx.org, meeting=item.pk)
    item.refresh_from_db()
    return _meeting_page(request, ctx, item, form, status=400)


@org_view("meeting.run", load=_meeting)
@require_POST
def meeting_action(
    request: HttpRequest, ctx: OrgContext, meeting: int, action: str
) -> HttpResponse:
    item: Meeting = ctx.object
    try:
        if action == "redraft":
            services.redraft_agenda(
                actor=ctx.actor, meeting=item, expected_version=posted_version(request.POST)
            )
            messages.success(
                request, _("The agenda was drafted again from the roadmap as it is now.")
            )
        elif action == "invite":
            sent = services.send_invitations(actor=ctx.actor, meeting=item)
            messages.success(
                request, _("Invitations were sent to %(count)s members.") % {"count": sent}
            )
        elif action == "cancel":
            services.cancel_meeting(actor=ctx.actor, meeting=item)
            messages.success(request, _("The meeting was cancelled."))
        else:
            raise Http404
    except ConflictError:
        messages.error(request, STALE)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("group:meeting", org=ctx.org, meeting=item.pk)
