"""How long a signed-in session lasts: it ends after TIEKARTTA_SESSION_IDLE_MINUTES without a
request, and TIEKARTTA_SESSION_MAX_HOURS after signing in whatever the activity. Decided here
and nowhere else; `SessionLifetimeMiddleware` (accounts.middleware) asks `ended` on every
request and signs an ended session out.

Signing in records the start (`user_logged_in`, so a password, a sign-in link and an
invitation all count); each request records the activity, at most once a minute so that
reading pages does not write the session on every request. The session's own expiry (the
cookie's and the stored row's) is a day after its lifetime, so that `clearsessions` removes
what can no longer be used. A session opened by a sign-in link keeps its own shorter limits
(accounts.link_sessions) within these.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

STARTED_KEY = "tiekartta_session_started"
SEEN_KEY = "tiekartta_session_seen"
# Activity is written to the session no more often than this.
RECORD_STEP = datetime.timedelta(minutes=1)
# The stored session outlives its end by this much, so that a user who comes back (the next
# morning) is told why they must log in again; then the browser drops the cookie and
# `clearsessions` the row.
AFTERWARDS = datetime.timedelta(days=1)

Ending = Literal["idle", "lifetime"]


def idle_limit() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.TIEKARTTA_SESSION_IDLE_MINUTES)


def lifetime_limit() -> datetime.timedelta:
    return datetime.timedelta(hours=settings.TIEKARTTA_SESSION_MAX_HOURS)


def _moment(value: object) -> datetime.datetime | None:
    try:
        return datetime.datetime.fromisoformat(str(value))
    except ValueError:
        return None


def ended(request: HttpRequest, *, now: datetime.datetime | None = None) -> Ending | None:
    """Why the signed-in request's session has ended ("idle", "lifetime": whichever came
    first), or None while it lasts (or nobody is signed in). A session without a recorded start
    (one opened before this rule) has no known age, so it has ended too."""
    if not request.user.is_authenticated:
        return None
    now = now or timezone.now()
    started = _moment(request.session.get(STARTED_KEY))
    if started is None:
        return "lifetime"
    seen = _moment(request.session.get(SEEN_KEY)) or started
    idle_end = seen + idle_limit()
    lifetime_end = started + lifetime_limit()
    if now < min(idle_end, lifetime_end):
        return None
    return "idle" if idle_end <= lifetime_end else "lifetime"


def record_activity(request: HttpRequest, *, now: datetime.datetime | None = None) -> None:
    """Note a request of a lasting session; writes the session only when a minute has passed."""
    now = now or timezone.now()
    seen = _moment(request.session.get(SEEN_KEY))
    if seen is None or now - seen >= RECORD_STEP:
        request.session[SEEN_KEY] = now.isoformat()


@receiver(user_logged_in, dispatch_uid="tiekartta_session_lifetime_starts")
def _started(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    session = getattr(request, "session", None)
    if session is None:
        return
    now = timezone.now()
    session[STARTED_KEY] = session[SEEN_KEY] = now.isoformat()
    # A sign-in link's session sets its own, shorter expiry after this.
    session.set_expiry(now + lifetime_limit() + AFTERWARDS)
