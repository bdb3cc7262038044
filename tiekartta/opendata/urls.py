"""/avoin-data/v1/: the open data's endpoints and, for any other address below it, a JSON 404.
Every answer may be read by a page on any site (CORS), and a browser's preflight for a
conditional request is answered here."""

from __future__ import annotations

import functools
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path, re_path

from tiekartta.api.errors import json_errors, unknown_address
from tiekartta.opendata.api import api

View = Any

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Link, Content-Disposition",
}
PREFLIGHT_HEADERS = {
    **CORS_HEADERS,
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since, Accept-Language",
    "Access-Control-Max-Age": "86400",
}


def open_to_all(view: View) -> View:
    """Read-only from anywhere: GET and HEAD, a preflight answered, any other method 405."""
    guarded = json_errors(view, methods=("GET", "HEAD"))

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Allow"] = "GET, HEAD, OPTIONS"
            headers = PREFLIGHT_HEADERS
        elif request.method == "HEAD":
            # Ninja routes GET only; HEAD is the same answer without its body.
            request.method = "GET"
            response = guarded(request, *args, **kwargs)
            request.method = "HEAD"
            response.content = b""
            headers = CORS_HEADERS
        else:
            response = guarded(request, *args, **kwargs)
            headers = CORS_HEADERS
        for name, value in headers.items():
            response[name] = value
        return response

    wrapper.csrf_exempt = True  # type: ignore[attr-defined]
    return wrapper


_patterns, _app, _namespace = api.urls

urlpatterns = [
    path(
        "",
        (
            [
                URLPattern(p.pattern, open_to_all(p.callback), p.default_args, p.name)
                for p in _patterns
                if isinstance(p, URLPattern)
            ],
            _app,
            _namespace,
        ),
    ),
    re_path(r"", open_to_all(unknown_address)),
]
