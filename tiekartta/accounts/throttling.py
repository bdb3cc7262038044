"""Log-in throttling on top of django-axes: the client's address, separate limits, the log.

Failures are counted per user name (AXES_FAILURE_LIMIT) and per address
(TIEKARTTA_LOGIN_ADDRESS_FAILURE_LIMIT); either reaching its limit locks that user name or that
address for the cool-off time. Attempts during a lock are refused and not counted
(AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False), so a lock is never extended. A
successful sign-in clears only its own user name's failures.
"""

from __future__ import annotations

import ipaddress
import logging
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest

security_log = logging.getLogger("tiekartta.security")


def _valid_address(value: str) -> str | None:
    value = value.strip()
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str | None:
    """The address the request came from, as the outermost trusted proxy saw it.

    With no trusted proxy (TIEKARTTA_TRUSTED_PROXY_COUNT = 0) only the connection's address
    counts and X-Forwarded-For is ignored, since any client can send one. With N proxies, each
    appending the address it received the request from, the client is the N-th entry from the
    right; anything to the left of it was written by the client and is not trusted.
    """
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.TIEKARTTA_TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [
        part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if len(forwarded) < proxies:
        # Not what the proxies would have sent (for example a request past the proxy).
        return remote
    return _valid_address(forwarded[-proxies]) or remote


def _limit_for(parameter: str | list[str]) -> int:
    if parameter == "ip_address":
        return int(settings.TIEKARTTA_LOGIN_ADDRESS_FAILURE_LIMIT)
    return int(settings.AXES_FAILURE_LIMIT)


class ThrottlingHandler(AxesDatabaseHandler):
    """Axes' database handler with a limit of its own for each lockout parameter, and a log."""

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """Axes locks when this reaches AXES_FAILURE_LIMIT: report that limit as soon as any
        parameter has reached its own limit, and less than it otherwise."""
        limit = int(settings.AXES_FAILURE_LIMIT)
        counted = 0
        parameters = settings.AXES_LOCKOUT_PARAMETERS
        for parameter, attempts in zip(
            parameters, self.get_user_attempts(request, credentials), strict=True
        ):
            failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            if failures >= _limit_for(parameter):
                return limit
            counted = max(counted, min(failures, limit - 1))
        return counted

    def reset_user_attempts(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """A successful sign-in clears its user name's failures, never its address's: otherwise
        anyone with one working account could reset the count of their guesses at others."""
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count

    def user_login_failed(
        self, sender: Any, credentials: dict, request: HttpRequest | None = None, **kwargs: Any
    ) -> None:
        during_lock = bool(getattr(request, "axes_locked_out", False))
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None:
            return
        username = get_client_username(request, credentials)
        address = getattr(request, "axes_ip_address", None)
        if during_lock:
            security_log.warning(
                "Sign-in refused during a lockout: user name %r, address %s", username, address
            )
        elif getattr(request, "axes_locked_out", False):
            security_log.warning(
                "Sign-in locked after repeated failures: user name %r, address %s",
                username,
                address,
            )
        else:
            security_log.info("Failed sign-in: user name %r, address %s", username, address)
