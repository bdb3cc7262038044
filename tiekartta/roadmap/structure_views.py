"""Themes of a roadmap and the organisation's people: what tasks are grouped under and owned by."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tiekartta.accounts.decorators import OrgContext, org_view
from tiekartta.core.forms import apply_validation_error, reloaded, unsaved_copy
from tiekartta.core.locking import ConflictError
from tiekartta.roadmap import services
from tiekartta.roadmap.access import get_person, get_theme
from tiekartta.roadmap.decorators import RoadmapContext, roadmap_view
from tiekartta.roadmap.forms import PersonForm, ThemeForm
from tiekartta.roadmap.models import Person, Theme


@roadmap_view("roadmap.read")
def theme_list(request: HttpRequest, ctx: RoadmapContext) -> HttpResponse:
    membership, current = ctx.membership, ctx.roadmap
    themes = (
        Theme.objects.filter(roadmap=current)
        .annotate(
            task_count=Count("tasks", distinct=True), metric_count=Count("metrics", distinct=True)
        )
        .in_display_order()
    )
    return render(
        request,
        "roadmap/theme_list.html",
        {
            "membership": membership,
            "organisation": membership.organisation,
            "roadmap": current,
            "themes": themes,
        },
    )


@roadmap_view("structure.edit")
def theme_create(request: HttpRequest, ctx: RoadmapContext) -> HttpResponse:
    return _theme_form(request, ctx, None)


@roadmap_view("structure.edit")
def theme_edit(request: HttpRequest, ctx: RoadmapContext, theme: int) -> HttpResponse:
    return _theme_form(request, ctx, theme)


def _theme_form(request: HttpRequest, ctx: RoadmapContext, theme_pk: int | None) -> HttpResponse:
    membership, current = ctx.membership, ctx.roadmap
    theme = get_theme(current, theme_pk) if theme_pk is not None else Theme(roadmap=current)
    form = ThemeForm(
        request.POST or None, instance=theme, languages=ctx.organisation.content_languages
    )
    if theme_pk is None:
        del form.fields["order"]  # A new theme goes last; the order is changed when editing.
    conflict = False
    if request.method == "POST" and form.is_valid():
        fields = {
            name: form.cleaned_data[name]
            for name in ("name", "description", "is_spearhead", "colour")
        }
        fields["translations"] = form.cleaned_translations()
        try:
            if theme_pk is None:
                services.create_theme(actor=ctx.actor, roadmap=current, **fields)
            else:
                services.update_theme(
                    actor=ctx.actor,
                    theme=unsaved_copy(theme),
                    order=form.cleaned_data["order"],
                    expected_version=form.expected_version,
                    **fields,
                )
        except ConflictError:
            theme = reloaded(theme)
            form.show_conflict(theme)
            conflict = True
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The theme was saved."))
            return redirect("roadmap:theme_list", org=ctx.org, roadmap=current.slug)
    return render(
        request,
        "roadmap/theme_form.html",
        {
            "membership": membership,
            "organisation": membership.organisation,
            "roadmap": current,
            "theme": theme if theme_pk is not None else None,
            "form": form,
            "conflict": conflict,
        },
        status=409 if conflict else 200,
    )


@roadmap_view("structure.edit")
def theme_delete(request: HttpRequest, ctx: RoadmapContext, theme: int) -> HttpResponse:
    membership, current = ctx.membership, ctx.roadmap
    item = get_theme(current, theme)
    error_message = ""
    if request.method == "POST":
        try:
            services.delete_theme(actor=ctx.actor, theme=item)
        except ValidationError as error:
            error_message = " ".join(error.messages)
        else:
            messages.success(request, _("The theme was deleted."))
            return redirect("roadmap:theme_list", org=ctx.org, roadmap=current.slug)
    return render(
        request,
        "roadmap/confirm_delete.html",
        {
            "membership": membership,
            "organisation": membership.organisation,
            "roadmap": current,
            "object": item,
            "error_message": error_message,
            "cancel_url": reverse(
                "roadmap:theme_list", kwargs={"org": ctx.org, "roadmap": current.slug}
            ),
        },
    )


@org_view("org.read")
def person_list(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    membership = ctx.membership
    people = (
        Person.objects.of_organisation(membership.organisation)
        .select_related("user")
        .annotate(task_count=Count("owned_tasks"))
        .order_by("name")
    )
    return render(
        request,
        "roadmap/person_list.html",
        {"membership": membership, "organisation": membership.organisation, "people": people},
    )


@org_view("structure.edit")
def person_create(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    return _person_form(request, ctx, None)


@org_view("structure.edit")
def person_edit(request: HttpRequest, ctx: OrgContext, person: int) -> HttpResponse:
    return _person_form(request, ctx, person)


def _person_form(request: HttpRequest, ctx: OrgContext, person_pk: int | None) -> HttpResponse:
    membership = ctx.membership
    organisation = membership.organisation
    person = (
        get_person(membership, person_pk)
        if person_pk is not None
        else Person(organisation=organisation)
    )
    form = PersonForm(request.POST or None, instance=person, organisation=organisation)
    conflict = False
    if request.method == "POST" and form.is_valid():
        fields = {
            name: form.cleaned_data[name] for name in ("name", "title", "unit", "email", "user")
        }
        try:
            if person_pk is None:
                services.create_person(actor=ctx.actor, organisation=organisation, **fields)
            else:
                services.update_person(
                    actor=ctx.actor,
                    person=unsaved_copy(person),
                    expected_version=form.expected_version,
                    **fields,
                )
        except ConflictError:
            person = reloaded(person)
            form.show_conflict(person)
            conflict = True
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The person was saved."))
            return redirect("roadmap:person_list", org=ctx.org)
    return render(
        request,
        "roadmap/person_form.html",
        {
            "membership": membership,
            "organisation": organisation,
            "person": person if person_pk is not None else None,
            "form": form,
            "conflict": conflict,
        },
        status=409 if conflict else 200,
    )


@org_view("structure.edit")
def person_delete(request: HttpRequest, ctx: OrgContext, person: int) -> HttpResponse:
    membership = ctx.membership
    item = get_person(membership, person)
    error_message = ""
    if request.method == "POST":
        try:
            services.delete_person(actor=ctx.actor, person=item)
        except ValidationError as error:
            error_message = " ".join(error.messages)
        else:
            messages.success(request, _("The person was deleted."))
            return redirect("roadmap:person_list", org=ctx.org)
    return render(
        request,
        "roadmap/confirm_delete.html",
        {
            "membership": membership,
            "organisation": membership.organisation,
            "object": item,
            "error_message": error_message,
            "cancel_url": reverse("roadmap:person_list", kwargs={"org": ctx.org}),
        },
    )
