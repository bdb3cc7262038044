"""How long a signed-in session lasts: it ends after TIEKARTTA_SESSION_IDLE_MINUTES without a
request, and TIEKARTTA_SESSION_MAX_HOURS after signing in whatever the activity. Decided here
and nowhere else; `SessionLifetimeMiddleware` (accounts.middleware) asks `ended` on every
request and signs an ended session out.

Signing in records the start (`user_logged_in`, so a password, a sign-in link and an
invitation all count); each request records the activity, at most once a minute so that
reading pages does not write the session on every request. The session's own expiry (the
cookie's and the stored row's) follows the same end, so that the browser drops the cookie and
`clearsessions` removes the row when the session could no longer be used anyway. A session
opened by a sign-in link also ends at its link's limit (accounts.link_sessions), whichever
comes first.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

from tiekartta.accounts import link_sessions

STARTED_KEY = "tiekartta_session_started"
SEEN_KEY = "tiekartta_session_seen"
# Activity is written to the session no more often than this.
RECORD_STEP = datetime.timedelta(minutes=1)

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
    """Why the signed-in request's session has ended ("idle", "lifetime"), or None while it
    lasts (or nobody is signed in). A session without a recorded start (one opened before this
    rule) has no known age, so it has ended too."""
    if not request.user.is_authenticated:
        return None
    now = now or timezone.now()
    started = _moment(request.session.get(STARTED_KEY))
    if started is None or now >= started + lifetime_limit():
        return "lifetime"
    seen = _moment(request.session.get(SEEN_KEY)) or started
    if now >= seen + idle_limit():
        return "idle"
    return None


def record_activity(request: HttpRequest, *, now: datetime.datetime | None = None) -> None:
    """Note a request of a lasting session; writes the session only when a minute has passed."""
    now = now or timezone.now()
    seen = _moment(request.session.get(SEEN_KEY))
    if seen is not None and now - seen < RECORD_STEP:
        return
    _seen(request.session, now)


def _seen(session: Any, now: datetime.datetime) -> None:
    session[SEEN_KEY] = now.isoformat()
    started = _moment(session.get(STARTED_KEY)) or now
    end = min(now + idle_limit(), started + lifetime_limit())
    link_end = link_sessions.ends_at(session)
    if link_end is not None:
        end = min(end, link_end)
    session.set_expiry(end)


@receiver(user_logged_in, dispatch_uid="tiekartta_session_lifetime_starts")
def _started(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    session = getattr(request, "session", None)
    if session is None:
        return
    now = timezone.now()
    session[STARTED_KEY] = now.isoformat()
    _seen(session, now)
