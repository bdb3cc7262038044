"""Prioritisation: the ideas still to decide on ranked by their scores, the impact × effort
matrix (a chart with the same as a table), and the admin's scoring settings."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tiekartta.accounts.decorators import OrgContext, org_view
from tiekartta.accounts.pages import page_context
from tiekartta.core.forms import apply_validation_error, reloaded
from tiekartta.core.locking import ConflictError
from tiekartta.ideas import workshops
from tiekartta.ideas.forms import PriorityFilterForm
from tiekartta.ideas.models import ScoringSettings
from tiekartta.ideas.priorities import priorities
from tiekartta.ideas.workshop_forms import ScoringSettingsForm

RANKING_PER_PAGE = 100


@org_view("org.read")
def priority_list(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    form = PriorityFilterForm(request.GET or None, organisation=ctx.organisation)
    statuses, theme_id = form.chosen()
    data = priorities(ctx.organisation, statuses=statuses, theme_id=theme_id)
    # The ranking a page at a time; the matrix above shows the highest-ranked whatever the page.
    page = Paginator(data.rows, RANKING_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "ideas/priorities.html",
        page_context(
            ctx.membership,
            form=form,
            data=data,
            page=page,
            can_manage=ctx.can("idea.manage"),
            can_admin=ctx.can("org.admin"),
        ),
    )


@org_view("org.admin")
def scoring_settings(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    current = ScoringSettings.for_organisation(ctx.organisation)
    form = ScoringSettingsForm(request.POST or None, instance=current)
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            workshops.save_scoring_settings(
                actor=ctx.actor,
                organisation=ctx.organisation,
                scale=data["scale"],
                impact_weight=data["impact_weight"],
                effort_weight=data["effort_weight"],
                fit_weight=data["fit_weight"],
                dots=data["dots"],
                expected_version=form.expected_version if current.pk else None,
            )
        except ConflictError:
            form.show_conflict(reloaded(current))
            conflict = True
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The scoring settings were saved."))
            return redirect("ideas:priorities", org=ctx.org)
    return render(
        request,
        "ideas/scoring.html",
        page_context(ctx.membership, form=form, conflict=conflict),
        status=409 if conflict else 400 if request.method == "POST" else 200,
    )
