"""The administrator's pages for API tokens: list, create (the secret shown once) and revoke."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from tiekartta.accounts import services
from tiekartta.accounts.decorators import OrgContext, org_view
from tiekartta.accounts.models import ApiToken
from tiekartta.accounts.pages import page_context
from tiekartta.api.access import get_api_token
from tiekartta.api.forms import ApiTokenForm
from tiekartta.core.forms import apply_validation_error


@org_view("token.manage")
def token_list(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    membership = ctx.membership
    tokens = (
        ApiToken.objects.filter(organisation=membership.organisation)
        .select_related("created_by", "revoked_by")
        .order_by(F("revoked_at").desc(nulls_first=True), "-created_at", "pk")
    )
    return render(
        request,
        "api/token_list.html",
        page_context(membership, tokens=tokens, api_url=_api_url(request)),
    )


@org_view("token.manage")
def token_create(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    membership = ctx.membership
    form = ApiTokenForm(request.POST or None, organisation=membership.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = services.create_api_token(
                actor=ctx.actor,
                organisation=membership.organisation,
                name=form.cleaned_data["name"],
                records_progress=form.cleaned_data["records_progress"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            # The secret goes only into this page, never into a URL, a message or a cache.
            response = render(
                request,
                "api/token_created.html",
                page_context(membership, token=token, secret=secret, api_url=_api_url(request)),
            )
            add_never_cache_headers(response)
            return response
    return render(
        request,
        "api/token_form.html",
        page_context(membership, form=form),
        status=400 if request.method == "POST" else 200,
    )


@org_view("token.manage")
def token_revoke(request: HttpRequest, ctx: OrgContext, token: int) -> HttpResponse:
    membership = ctx.membership
    item = get_api_token(membership, token)
    if request.method == "POST" and item.is_active:
        services.revoke_api_token(actor=ctx.actor, token=item)
        messages.success(
            request,
            _(
                "The token %(name)s was revoked: the systems that use it can no longer reach the "
                "interface."
            )
            % {"name": item.name},
        )
        return redirect("api_tokens:token_list", org=ctx.org)
    if request.method == "POST":
        return redirect("api_tokens:token_list", org=ctx.org)
    return render(request, "api/token_revoke.html", page_context(membership, token=item))


def _api_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("api:metrics"))
