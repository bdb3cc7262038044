from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

# What a page or file for a signed-in user may be: kept by no cache, neither a shared one nor
# the browser's (its back button or disk), since it shows what only that user may see.
PRIVATE = {"private": True, "no_store": True}


class PrivateCacheMiddleware:
    """`Cache-Control: private, no-store` on every answer to a signed-in user (pages, reports,
    exports) that has not said how it may be cached. Pages that decide for themselves keep
    their header: the public site's shared caching, the API's validators. Static files are
    answered by WhiteNoise before this runs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, **PRIVATE)
        return response
