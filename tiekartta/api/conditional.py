"""Conditional GETs: a warehouse that polls every night gets 304 Not Modified for what has not
changed, without the body being built.

The validator of a response is computed before the body, from one aggregate query over the rows
the response would show (how many, and when the latest of them changed), so a repeat request
costs that query and nothing more. The ETag also covers the address with its query and what the
token may see, because the same rows read with another filter, page or scope are another body.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag


def validators(
    request: HttpRequest, parts: Iterable[object], changed: Iterable[datetime.datetime | None]
) -> tuple[str, datetime.datetime | None]:
    """The ETag and the Last-Modified time of the response `parts` describe."""
    latest = max((moment for moment in changed if moment is not None), default=None)
    # The path is part of the identity; Authorization is not, only what it grants (parts).
    material = "|".join([request.get_full_path(), *(str(part) for part in parts), str(latest)])
    digest = hashlib.sha256(material.encode()).hexdigest()[:32]
    return quote_etag(digest), latest


# The staff API's answers depend on the token; the open data's are the same for everyone.
PRIVATE = "private, no-cache"
PRIVATE_VARY = "Authorization, Accept-Language"


def not_modified(
    request: HttpRequest,
    etag: str,
    last_modified: datetime.datetime | None,
    *,
    cache_control: str = PRIVATE,
    vary: str = PRIVATE_VARY,
) -> HttpResponse | None:
    """The 304 the request's If-None-Match or If-Modified-Since earns, or None to go on."""
    timestamp = int(last_modified.timestamp()) if last_modified else None
    answer = get_conditional_response(request, etag=etag, last_modified=timestamp)
    if answer is None:
        return None
    # Django's answer for a GET is a bare 304; it carries the validators again, as RFC 9110 asks.
    stamp(answer, etag, last_modified, cache_control=cache_control, vary=vary)
    return answer


def stamp(
    response: HttpResponse,
    etag: str,
    last_modified: datetime.datetime | None,
    *,
    cache_control: str = PRIVATE,
    vary: str = PRIVATE_VARY,
) -> None:
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    # By default the answer depends on the token: a shared cache must not serve it to another.
    response["Cache-Control"] = cache_control
    response["Vary"] = vary


def _encode(value: Any) -> str:
    if isinstance(value, datetime.datetime):
        # As pydantic writes them for the other endpoints: UTC with a Z.
        text = value.astimezone(datetime.UTC).isoformat()
        return text.replace("+00:00", "Z")
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def fast_json(body: Any, headers_from: HttpResponse) -> HttpResponse:
    """A large body as JSON without pydantic's second pass over it: the endpoint built it in
    the documented shape (the schema tests check that it matches), with the headers the
    endpoint set on ninja's temporal response."""
    response = HttpResponse(
        json.dumps(body, default=_encode, ensure_ascii=False), content_type="application/json"
    )
    for name, value in headers_from.items():
        if name.lower() != "content-type":
            response[name] = value
    return response
