"""One decorator for every organisation page: sign-in, membership, capability, context.

    @org_view("members.manage")
    def member_edit(request: HttpRequest, ctx: OrgContext, member: int) -> HttpResponse:
        target = get_member(ctx.membership, member)
        ...
        services.change_role(actor=ctx.actor, membership=target, role=...)
        return redirect("accounts:member_list", org=ctx.org)

replaces the prelude

    @login_required
    def member_edit(request, org, member):
        membership = get_membership(request, org)
        require_admin(membership)
        ...

In order, the decorator
1. sends an anonymous visitor to sign in (exactly `login_required`: 302 to the log-in page);
2. finds the user's membership of the organisation in the `org` URL argument (404 for an
   outsider and for an unknown organisation, as `get_membership`);
3. builds the context (`roadmap_view` in `roadmap.decorators` also resolves the `roadmap` URL
   argument into `ctx.roadmap`, 404 when not the organisation's);
4. with `load=`, looks up the object the capability is about (404 when not found) into
   `ctx.object`;
5. checks the capability with `accounts.policy.allows` (403 for a member without it; inside an
   archived roadmap a write is refused with a page that says the roadmap is read-only);
6. calls the view as `view(request, ctx, **the other URL arguments)` (`org`, and for
   `roadmap_view` also `roadmap`, are consumed: use `ctx.org` and `ctx.roadmap.slug`).

Every view names its capability: reading pages `org.read` or `roadmap.read`. An object-level
capability (`task.edit`, `progress.record`, `metric.record`) needs `load=`, so the check sees the
object, e.g. `@roadmap_view("metric.record", load=lambda ctx, kw: get_metric(ctx.roadmap,
kw["metric"]))`. Inside the view, `ctx.can(capability, obj)` answers further questions (what
the page shows) and `ctx.require(capability, obj)` refuses with 403. The capability is kept on
the decorated view as `view.capability`, so tests can find every guarded URL.

Converting one of the remaining views: replace `@login_required` and the prelude by the
decorator with the capability its `require_*` call checked (see the table in
`accounts.policy`), rename `org`/`roadmap` parameters to `ctx`, and use `ctx.membership`,
`ctx.organisation`, `ctx.roadmap`, `ctx.actor` (for services' `actor=`) and `ctx.org` (for
redirects). When today's view looks up an object *before* its `require_*` call, pass that
lookup as `load=` so that a missing object is still a 404 before the role's 403.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tiekartta.accounts.access import get_membership
from tiekartta.accounts.models import Membership, Organisation, User
from tiekartta.accounts.policy import (
    ARCHIVED_MESSAGE,
    OBJECT_CAPABILITIES,
    Capability,
    Principal,
    allows,
    refused_as_archived,
)
from tiekartta.core.actors import Actor
from tiekartta.core.translations import using_languages


@dataclass(kw_only=True)
class OrgContext:
    request: HttpRequest
    membership: Membership
    # The organisation's short name as the URL gave it, for redirects and links.
    org: str
    # What `load=` found; None without it.
    object: Any = None

    @property
    def organisation(self) -> Organisation:
        return self.membership.organisation

    @property
    def user(self) -> User:
        return self.membership.user

    @property
    def actor(self) -> Actor:
        return Actor.for_user(self.membership.user)

    @property
    def principal(self) -> Principal:
        return Principal.for_membership(self.membership)

    def can(self, capability: Capability | str, obj: Any = None) -> bool:
        return allows(self.membership, capability, obj)

    def require(self, capability: Capability | str, obj: Any = None) -> None:
        if not self.can(capability, obj):
            raise PermissionDenied


C = TypeVar("C", bound=OrgContext)
View = Callable[..., HttpResponse]
# Builds the context from the request, the membership, the org slug and the other URL
# arguments; it removes the arguments it consumes (as `roadmap_view` does with `roadmap`).
ContextFactory = Callable[[HttpRequest, Membership, str, dict[str, Any]], C]
Loader = Callable[[Any, Mapping[str, Any]], Any]


def context_view(
    capability: Capability | str,
    *,
    make_context: ContextFactory[Any],
    load: Loader | None = None,
) -> Callable[[View], View]:
    """The machinery of `org_view`, for apps that add to the context (see
    `roadmap.decorators.roadmap_view`)."""
    capability = Capability(capability)
    if capability in OBJECT_CAPABILITIES and load is None:
        raise ImproperlyConfigured(f"{capability} is decided per object: pass load=")

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, org: str, **kwargs: Any) -> HttpResponse:
            membership = get_membership(request, org)
            ctx = make_context(request, membership, org, kwargs)
            if load is not None:
                ctx.object = load(ctx, kwargs)
            if refused_as_archived(membership, capability, ctx.object):
                return read_only_answer(request, ctx)
            ctx.require(capability, ctx.object)
            # The organisation's content languages, for `text_in` and the `lang` attributes of
            # what its people wrote.
            with using_languages(membership.organisation.content_languages):
                return view(request, ctx, *args, **kwargs)

        guarded = login_required(wrapper)
        guarded.capability = capability  # type: ignore[attr-defined]
        return guarded

    return decorator


def read_only_answer(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    """403 with a page that says why: the roadmap is archived, so nothing in it can change."""
    return render(
        request,
        "accounts/read_only.html",
        {
            "membership": ctx.membership,
            "organisation": ctx.organisation,
            "roadmap": ctx.membership.within,
            "message": ARCHIVED_MESSAGE,
        },
        status=403,
    )


def _org_context(
    request: HttpRequest, membership: Membership, org: str, kwargs: dict[str, Any]
) -> OrgContext:
    return OrgContext(request=request, membership=membership, org=org)


def org_view(capability: Capability | str, *, load: Loader | None = None) -> Callable[[View], View]:
    """An organisation page: `view(request, ctx: OrgContext, **other URL arguments)`."""
    return context_view(capability, make_context=_org_context, load=load)
