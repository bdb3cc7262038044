"""The organisation's change log: model changes and audit events, newest first."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tiekartta.accounts.decorators import OrgContext, org_view
from tiekartta.activity.selectors import change_log as build_change_log


@org_view("org.read")
def change_log(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    membership = ctx.membership
    return render(
        request,
        "activity/change_log.html",
        {
            "membership": membership,
            "organisation": membership.organisation,
            "changes": build_change_log(membership.organisation),
            # Where a sign-in came from is for the administrator's eyes.
            "show_details": membership.is_admin,
        },
    )
