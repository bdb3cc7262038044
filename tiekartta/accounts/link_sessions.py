"""What a session opened by a one-time sign-in link may reach: one organisation, one purpose,
a short time. Decided here and nowhere else.

A reminder's link signs its owner in without a password, so whoever reads the mailbox holds
it. The session it opens is therefore limited:

- to the organisation the link was issued for: every page of another organisation, and every
  page outside organisations (the Django admin, the organisation list), is refused;
- to the link's purpose: for a reminder, the owner's own tasks and metrics (My tasks, a task's
  page and its progress form, the metrics and their value forms) — `PURPOSE_PAGES`;
- to the role of a task owner: an administrator or editor who follows a link records only
  their own tasks and metrics (`limit_membership`, which `accounts.access.get_membership`
  applies, so every capability check sees it);
- in time: `TIEKARTTA_LINK_SESSION_MINUTES` after the link was used, whatever the activity.

`SignInLinkSessionMiddleware` (accounts.middleware) asks `refusal` on every request. A refused
request ends the limited session and goes to the log-in page, where a password sign-in opens a
full session (signing in clears the limits: `_full_sign_in`).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest
from django.urls import Resolver404, resolve
from django.utils import timezone

from tiekartta.accounts.models import LinkPurpose, Membership, Role, SignInLink

SCOPE_KEY = "tiekartta_link_scope"

# The pages each purpose needs, by URL name; every one is inside the link's organisation.
PURPOSE_PAGES: dict[str, frozenset[str]] = {
    LinkPurpose.REMINDER: frozenset(
        {
            "progress:my_tasks",
            "progress:task_detail",
            # The task page's own section on the plan's versions, which it loads (htmx).
            "plans:task_versions",
            "progress:record",
            "metrics:overview",
            "metrics:detail",
            "metrics:record",
        }
    ),
}
# Pages that concern no organisation and are safe in any session.
ALWAYS_ALLOWED = frozenset(
    {"accounts:logout", "accounts:set_language", "accounts:sign_in_link", "core:healthz"}
)
# A link never opens more than a task owner's rights.
ROLE_CEILING = {Role.ADMIN: Role.OWNER, Role.EDITOR: Role.OWNER}


def session_length() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.TIEKARTTA_LINK_SESSION_MINUTES)


def path_allowed(path: str, organisation_slug: str, purpose: str) -> bool:
    """Whether a link of `purpose` for the organisation may lead to `path`."""
    try:
        match = resolve(path.split("?", 1)[0])
    except Resolver404:
        return False
    return (
        match.view_name in PURPOSE_PAGES.get(purpose, frozenset())
        and match.kwargs.get("org") == organisation_slug
    )


def start_link_session(request: HttpRequest, link: SignInLink) -> None:
    """Sign the link's user in with a session limited to the link's organisation and purpose."""
    login(request, link.user, backend="django.contrib.auth.backends.ModelBackend")
    until = timezone.now() + session_length()
    request.session[SCOPE_KEY] = {
        "organisation": link.organisation.slug,
        "purpose": link.purpose,
        "until": until.isoformat(),
    }
    # A moment, not a number of seconds: recording activity (accounts.session_lifetime)
    # saves the session, which must not move its end.
    request.session.set_expiry(until)


def scope_of(request: HttpRequest) -> dict[str, Any] | None:
    session = getattr(request, "session", None)
    if session is None or not request.user.is_authenticated:
        return None
    scope = session.get(SCOPE_KEY)
    return scope if isinstance(scope, dict) else None


def ends_at(session: Any) -> datetime.datetime | None:
    """When a limited session's time is up (None for a full session); accounts.session_lifetime
    ends the session's cookie then."""
    scope = session.get(SCOPE_KEY)
    if not isinstance(scope, dict):
        return None
    try:
        return datetime.datetime.fromisoformat(str(scope.get("until")))
    except ValueError:
        return None


def is_limited(request: HttpRequest) -> bool:
    return scope_of(request) is not None


def refusal(request: HttpRequest) -> str | None:
    """None when the request is within its session's limits (or the session has none), else
    why not: "ended" (the time is up) or "beyond" (another organisation or purpose)."""
    scope = scope_of(request)
    if scope is None:
        return None
    until = ends_at(request.session)
    if until is None or timezone.now() >= until:
        return "ended"
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None  # answered 404 anyway
    if match.view_name in ALWAYS_ALLOWED:
        return None
    if match.view_name in PURPOSE_PAGES.get(str(scope.get("purpose")), frozenset()) and (
        match.kwargs.get("org") == scope.get("organisation")
    ):
        return None
    return "beyond"


def limit_membership(request: HttpRequest, membership: Membership) -> Membership:
    """The membership as a limited session may use it: at most a task owner's role. The
    instance is the request's own and never saved."""
    if is_limited(request) and membership.role in ROLE_CEILING:
        membership.role = ROLE_CEILING[Role(membership.role)]
    return membership


@receiver(user_logged_in, dispatch_uid="tiekartta_full_sign_in_clears_link_scope")
def _full_sign_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    # login() keeps the session's data for the same user, so a password sign-in after a link
    # would otherwise stay limited; start_link_session sets the limits after calling login().
    session = getattr(request, "session", None)
    if session is not None and session.pop(SCOPE_KEY, None) is not None:
        session.set_expiry(None)
