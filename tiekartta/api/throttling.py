"""The interface's rate limit: so many requests per token in a period (TIEKARTTA_API_RATE,
120 a minute by default), counted in Django's cache. A token over its limit gets 429 with
`Retry-After`; other tokens, even of the same organisation, keep their own count.

Ninja's sliding window (the times of the token's requests within the period) does the
counting. The limit is read from the settings at each request rather than once at import, so
that a deployment's (and a test's) setting takes effect without reloading the module. The
count lives in the default cache, which must be shared between gunicorn's workers for the
limit to hold: production sets TIEKARTTA_CACHE=database (config/settings.py).
"""

from __future__ import annotations

import re

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import SimpleRateThrottle

from tiekartta.accounts.models import ApiToken

RATE_PATTERN = re.compile(r"(\d+)/(\d*)(s|sec|m|min|h|hour|d|day)")


class TokenRateThrottle(SimpleRateThrottle):
    scope = "api_token"
    cache_format = "tiekartta-api-rate:%(ident)s"

    def __init__(self) -> None:
        # Parsed at each request (allow_request), not at import.
        self.rate = None
        self.num_requests, self.duration = None, None

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = str(settings.TIEKARTTA_API_RATE)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str | None:
        token = getattr(request, "auth", None)
        if not isinstance(token, ApiToken):
            # Unauthenticated requests were answered 401 before the limit is consulted.
            return None
        # The token's hash, not its id: an id can come back after a deleted row (SQLite),
        # and the name ninja would use is not unique across organisations.
        return self.cache_format % {"ident": token.token_hash}
