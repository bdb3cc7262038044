"""The maturity assessment's pages: the comparison every member reads, and the viewpoints and
assessments the administrator keeps."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tiekartta.accounts.decorators import OrgContext, org_view
from tiekartta.accounts.pages import page_context
from tiekartta.core.forms import apply_validation_error, reloaded, unsaved_copy
from tiekartta.core.locking import ConflictError
from tiekartta.maturity import services
from tiekartta.maturity.access import get_assessment, get_viewpoint
from tiekartta.maturity.forms import AssessmentForm, ViewpointForm
from tiekartta.maturity.models import Assessment, Viewpoint
from tiekartta.maturity.selectors import (
    assessment_chart,
    assessment_history,
    assessment_rows,
    build_overview,
)


@org_view("org.read")
def overview(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    membership = ctx.membership
    data = build_overview(membership.organisation, request.GET.getlist("compare"))
    return render(request, "maturity/overview.html", page_context(membership, overview=data))


# Viewpoints ------------------------------------------------------------------------------


@org_view("maturity.assess")
def viewpoint_list(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    membership = ctx.membership
    viewpoints = (
        Viewpoint.objects.of_organisation(membership.organisation)
        .annotate(
            task_count=Count("tasks", distinct=True),
            assessment_count=Count("scores__assessment", distinct=True),
        )
        .in_order()
    )
    return render(
        request, "maturity/viewpoint_list.html", page_context(membership, viewpoints=viewpoints)
    )


@org_view("maturity.assess")
def viewpoint_create(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    return _viewpoint_form(request, ctx, None)


@org_view("maturity.assess")
def viewpoint_edit(request: HttpRequest, ctx: OrgContext, viewpoint: int) -> HttpResponse:
    return _viewpoint_form(request, ctx, viewpoint)


def _viewpoint_form(
    request: HttpRequest, ctx: OrgContext, viewpoint_pk: int | None
) -> HttpResponse:
    membership = ctx.membership
    organisation = membership.organisation
    item = (
        get_viewpoint(membership, viewpoint_pk)
        if viewpoint_pk is not None
        else Viewpoint(organisation=organisation)
    )
    form = ViewpointForm(request.POST or None, instance=item, organisation=organisation)
    if viewpoint_pk is None:
        del form.fields["order"]  # A new viewpoint goes last; the order is changed when editing.
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {
            "name": data["name"],
            "description": data["description"],
            "tasks": list(data["tasks"]),
        }
        try:
            if viewpoint_pk is None:
                services.create_viewpoint(actor=ctx.actor, organisation=organisation, **fields)
            else:
                services.update_viewpoint(
                    actor=ctx.actor,
                    viewpoint=unsaved_copy(item),
                    order=data["order"],
                    expected_version=form.expected_version,
                    **fields,
                )
        except ConflictError:
            item = reloaded(item)
            form.show_conflict(item)
            conflict = True
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The viewpoint was saved."))
            return redirect("maturity:viewpoint_list", org=ctx.org)
    status = 409 if conflict else 400 if request.method == "POST" else 200
    return render(
        request,
        "maturity/viewpoint_form.html",
        page_context(
            membership,
            form=form,
            viewpoint=item if viewpoint_pk is not None else None,
            conflict=conflict,
        ),
        status=status,
    )


@org_view("maturity.assess")
def viewpoint_delete(request: HttpRequest, ctx: OrgContext, viewpoint: int) -> HttpResponse:
    membership = ctx.membership
    item = get_viewpoint(membership, viewpoint)
    error_message = ""
    if request.method == "POST":
        try:
            services.delete_viewpoint(actor=ctx.actor, viewpoint=item)
        except ValidationError as error:
            error_message = " ".join(error.messages)
        else:
            messages.success(request, _("The viewpoint “%(name)s” was deleted.") % {"name": item})
            return redirect("maturity:viewpoint_list", org=ctx.org)
    return render(
        request,
        "maturity/confirm_delete.html",
        page_context(
            membership,
            object=item,
            error_message=error_message,
            explanation=_("Its links to tasks are removed; the tasks stay."),
            cancel_url=reverse("maturity:viewpoint_list", kwargs={"org": ctx.org}),
        ),
        status=400 if error_message else 200,
    )


# Assessments -----------------------------------------------------------------------------


@org_view("org.read")
def assessment_detail(request: HttpRequest, ctx: OrgContext, assessment: int) -> HttpResponse:
    membership = ctx.membership
    item = get_assessment(membership, assessment)
    rows = assessment_rows(item)
    return render(
        request,
        "maturity/assessment_detail.html",
        page_context(
            membership,
            assessment=item,
            rows=rows,
            chart=assessment_chart(item, rows),
            history=assessment_history(item),
        ),
    )


@org_view("maturity.assess")
def assessment_create(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    membership = ctx.membership
    organisation = membership.organisation
    form = AssessmentForm(
        request.POST or None,
        instance=Assessment(organisation=organisation),
        organisation=organisation,
        viewpoints=list(Viewpoint.objects.of_organisation(organisation).in_order()),
    )
    if request.method == "POST" and form.is_valid():
        try:
            created = services.create_assessment(
                actor=ctx.actor,
                organisation=organisation,
                data=form.to_input(),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The assessment was saved."))
            return redirect("maturity:assessment_detail", org=ctx.org, assessment=created.pk)
    return render(
        request,
        "maturity/assessment_form.html",
        page_context(membership, form=form, assessment=None),
        status=400 if request.method == "POST" else 200,
    )


@org_view("maturity.assess")
def assessment_edit(request: HttpRequest, ctx: OrgContext, assessment: int) -> HttpResponse:
    membership = ctx.membership
    item = get_assessment(membership, assessment)
    form = AssessmentForm(
        request.POST or None,
        instance=item,
        organisation=membership.organisation,
        viewpoints=list(Viewpoint.objects.of_organisation(membership.organisation).in_order()),
    )
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            services.update_assessment(
                actor=ctx.actor,
                assessment=unsaved_copy(item),
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
            messages.success(request, _("The assessment was saved."))
            return redirect("maturity:assessment_detail", org=ctx.org, assessment=item.pk)
    status = 409 if conflict else 400 if request.method == "POST" else 200
    return render(
        request,
        "maturity/assessment_form.html",
        page_context(membership, form=form, assessment=item, conflict=conflict),
        status=status,
    )


@org_view("maturity.assess")
def assessment_delete(request: HttpRequest, ctx: OrgContext, assessment: int) -> HttpResponse:
    membership = ctx.membership
    item = get_assessment(membership, assessment)
    if request.method == "POST":
        services.delete_assessment(actor=ctx.actor, assessment=item)
        messages.success(
            request, _("The assessment “%(title)s” was deleted.") % {"title": item.title}
        )
        return redirect("maturity:overview", org=ctx.org)
    return render(
        request,
        "maturity/confirm_delete.html",
        page_context(
            membership,
            object=item,
            explanation=_("Its levels and notes on every viewpoint are deleted with it."),
            cancel_url=reverse(
                "maturity:assessment_detail", kwargs={"org": ctx.org, "assessment": item.pk}
            ),
        ),
    )
