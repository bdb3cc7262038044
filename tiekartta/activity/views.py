"""The organisation's change log: model changes and audit events, newest first."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tiekartta.accounts.access import get_membership
from tiekartta.activity.selectors import change_log as build_change_log


@login_required
def change_log(request: HttpRequest, org: str) -> HttpResponse:
    membership = get_membership(request, org)
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
