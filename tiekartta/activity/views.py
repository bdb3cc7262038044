"""The organisation's change log: model changes and audit events, newest first, a page at a
time, filtered, and as CSV."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from tiekartta.accounts.decorators import OrgContext, org_view
from tiekartta.activity.forms import LogFilterForm
from tiekartta.activity.selectors import Cursor, Entry, whole_log
from tiekartta.activity.selectors import change_log as build_change_log


def _filter_form(request: HttpRequest, ctx: OrgContext) -> LogFilterForm:
    data = request.GET if any(k in request.GET for k in LogFilterForm.base_fields) else None
    return LogFilterForm(data, organisation=ctx.organisation)


def _query(request: HttpRequest, **extra: str) -> str:
    """The filters of this request (without the page) with `extra`, as a query string."""
    params = {k: request.GET[k] for k in LogFilterForm.base_fields if request.GET.get(k)}
    params.update(extra)
    return urlencode(params)


@org_view("org.read")
def change_log(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    membership = ctx.membership
    form = _filter_form(request, ctx)
    cursor = Cursor.decode(request.GET.get("after", ""))
    page = build_change_log(membership.organisation, filters=form.log_filter(), after=cursor)
    next_query = _query(request, after=page.next_cursor.encode()) if page.next_cursor else ""
    return render(
        request,
        "activity/change_log.html",
        {
            "membership": membership,
            "organisation": membership.organisation,
            "filter_form": form,
            "changes": page.entries,
            "next_query": next_query,
            "first_query": _query(request) if cursor is not None else None,
            "csv_query": _query(request),
            # Where a sign-in came from is for the administrator's eyes.
            "show_details": membership.is_admin,
        },
    )


def _rows(entries: Iterator[Entry], show_details: bool) -> Iterator[list[str]]:
    yield [
        _("Time"),
        _("Made by"),
        _("Action"),
        _("Kind"),
        _("Object"),
        _("Field"),
        _("Before"),
        _("After"),
    ]
    for entry in entries:
        when = date_format(timezone.localtime(entry.when), "Y-m-d H:i:s")
        name = entry.subject if entry.is_event else entry.name  # type: ignore[union-attr]
        head = [when, entry.who, entry.action, entry.kind, name]
        changes = list(entry.changes)
        if show_details and entry.is_event:
            changes += entry.details  # type: ignore[union-attr]
        if not changes:
            yield [*head, "", "", ""]
        for change in changes:
            yield [*head, change.label, change.old, change.new]


def _safe(cell: str) -> str:
    # A cell that a spreadsheet would read as a formula is kept as text.
    return "'" + cell if cell[:1] in {"=", "+", "-", "@"} else cell


@org_view("org.read")
def change_log_csv(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    """The filtered log, every page of it: UTF-8 with BOM and semicolons, as the roadmap's CSV
    export, so that Finnish Excel opens it by double-click."""
    form = _filter_form(request, ctx)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{ctx.organisation.slug}-changes.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    entries = whole_log(ctx.organisation, form.log_filter())
    for row in _rows(entries, show_details=ctx.membership.is_admin):
        writer.writerow([_safe(str(cell)) for cell in row])
    return response
