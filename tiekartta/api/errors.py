"""One shape for every error the interface gives, in the language the request asks for:

    {"error": {"code": "invalid", "message": "...", "fields": {"period": ["..."]}}}

A system that feeds values reads `code` and `fields`; a person reading its log reads `message`.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, RequestDataTooBig, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as SchemaError

from tiekartta.api.roadmap_schemas import PROGRESS_FIELDS
from tiekartta.api.schemas import BODY_FIELDS, NotAnObjectError
from tiekartta.core.locking import ConflictError

logger = logging.getLogger(__name__)

# The fields each endpoint's body takes, by the name of its body parameter.
BODY_FIELDS_OF: Mapping[str, Iterable[str]] = {"payload": BODY_FIELDS, "entry": PROGRESS_FIELDS}

View = Callable[..., HttpResponse]


def error_response(
    status: int,
    code: str,
    message: str,
    fields: Mapping[str, list[str]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JsonResponse:
    body = {"error": {"code": code, "message": message, "fields": dict(fields or {})}}
    return JsonResponse(body, status=status, headers=dict(headers or {}))


def not_found() -> JsonResponse:
    # The same answer for an unknown metric and another organisation's, so that nothing leaks.
    return error_response(
        404, "not_found", _("Not found: the address or the metric is not in your organisation.")
    )


def invalid(fields: Mapping[str, list[str]], general: Iterable[str] = ()) -> JsonResponse:
    messages = list(general) or [_("Check the values: nothing was saved.")]
    return error_response(400, "invalid", " ".join(messages), fields)


def from_validation_error(error: ValidationError) -> JsonResponse:
    """A service's ValidationError: field messages under `fields`, the rest in `message`."""
    fields: dict[str, list[str]] = {}
    general: list[str] = []
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            if name == NON_FIELD_ERRORS:
                general.extend(errors)
            else:
                fields[name] = list(errors)
    else:
        general.extend(error.messages)
    return invalid(fields, general)


# Messages for what the schema refuses; pydantic's own are English only.
def _schema_message(error: Mapping[str, Any], accepted: Iterable[str] = BODY_FIELDS) -> str:
    kind = error.get("type", "")
    context = error.get("ctx") or {}
    if kind == "tiekartta":
        return str(error.get("msg", ""))
    if kind == "missing":
        return _("This field is required.")
    if kind == "extra_forbidden":
        return _("Unknown field. The accepted fields are %(fields)s.") % {
            "fields": ", ".join(accepted)
        }
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return _("Enter a whole number.")
    if kind in {"bool_parsing", "bool_type"}:
        return _("Enter true or false.")
    if kind.startswith("datetime"):
        return _("Enter a date and time in ISO 8601, for example 2026-10-01T00:00:00+03:00.")
    if kind == "string_type":
        return _("Enter text.")
    if kind in {"string_too_long", "too_long"}:
        return _("Enter at most %(limit)s characters.") % {"limit": context.get("max_length")}
    return _("Enter a valid value.")


def from_schema_error(exc: SchemaError) -> JsonResponse:
    """What ninja found wrong before the endpoint ran. A path that does not read as an id is
    an unknown address; a body that is not an object cannot name its fields."""
    fields: dict[str, list[str]] = {}
    general: list[str] = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ())]
        if location[:1] == ["path"]:
            return not_found()
        if location[:1] == ["query"] and len(location) >= 2:
            fields.setdefault(location[1][:100], []).append(_schema_message(error))
        elif len(location) >= 3:
            # A key the sender chose may be anything; keep the answer readable.
            accepted = BODY_FIELDS_OF.get(location[1], BODY_FIELDS)
            fields.setdefault(location[2][:100], []).append(_schema_message(error, accepted))
        else:
            general.append(not_an_object_message())
    return invalid(fields, dict.fromkeys(general))


def not_an_object_message() -> str:
    return _('Send a JSON object, for example {"period": "2026Q2", "value": 41.5}.')


def unauthorized(request: HttpRequest) -> JsonResponse:
    given = bool(request.headers.get("Authorization", "").strip())
    if given:
        # RFC 6750: an error code only when a credential was offered.
        code, challenge = "invalid_token", 'Bearer realm="tiekartta", error="invalid_token"'
        message = _("The API token is not valid: it is wrong, or it has been revoked.")
    else:
        code, challenge = "not_authenticated", 'Bearer realm="tiekartta"'
        message = _("Give the API token in the header Authorization: Bearer <token>.")
    return error_response(401, code, message, headers={"WWW-Authenticate": challenge})


def malformed() -> JsonResponse:
    return error_response(400, "malformed_json", _("The body is not valid JSON."))


def method_not_allowed(allowed: str) -> JsonResponse:
    return error_response(
        405,
        "method_not_allowed",
        _("This address does not take this method. It takes: %(methods)s.") % {"methods": allowed},
        headers={"Allow": allowed},
    )


def on_exception(request: HttpRequest, exc: Any) -> HttpResponse:
    """Every exception an endpoint or ninja raises, as one of the documented answers."""
    if isinstance(exc, AuthenticationError):
        return unauthorized(request)
    if isinstance(exc, Throttled):
        # Ninja adds Retry-After to this answer.
        return error_response(
            429,
            "rate_limited",
            _("Too many requests with this token: wait for the seconds in Retry-After."),
        )
    if isinstance(exc, HttpError):
        # Apart from authentication, ninja raises an HttpError only for an unreadable body.
        if isinstance(exc.__cause__, NotAnObjectError):
            return invalid({}, [not_an_object_message()])
        if exc.status_code == 400:
            return malformed()
        return error_response(exc.status_code, "error", str(exc))
    if isinstance(exc, SchemaError):
        return from_schema_error(exc)
    if isinstance(exc, ValidationError):
        return from_validation_error(exc)
    if isinstance(exc, Http404):
        return not_found()
    if isinstance(exc, ConflictError):
        return error_response(
            409,
            "conflict",
            _("Another request saved the value of this period at the same time; send it again."),
        )
    if isinstance(exc, RequestDataTooBig):
        return error_response(413, "too_large", _("The request is too large."))
    logger.exception("API error on %s %s", request.method, request.path)
    return error_response(
        500, "server_error", _("Something went wrong on the server; nothing was saved.")
    )


def install_handlers(api: NinjaAPI) -> None:
    # Ninja looks handlers up along the exception's classes and has its own for these.
    for kind in (Exception, Http404, HttpError, SchemaError):
        api.add_exception_handler(kind, on_exception)


# URL-level guards: what Django, not ninja, would answer in HTML ------------------------------


def json_errors(view: View, *, methods: tuple[str, ...] | None = None) -> View:
    """Wrap one of the API's views so that a wrong method and a 404 raised outside ninja's
    handlers answer in JSON too. CSRF does not apply: the interface knows no cookies, only
    the token in the header, which another site's page cannot send."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if methods is not None and request.method not in methods:
            return method_not_allowed(", ".join(methods))
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            return not_found()
        if response.status_code == 405 and not isinstance(response, JsonResponse):
            allowed = sorted(m.strip() for m in response.get("Allow", "").split(",") if m.strip())
            return method_not_allowed(", ".join(allowed))
        return response

    wrapper.csrf_exempt = True  # type: ignore[attr-defined]
    return wrapper


def guarded(patterns: list[Any]) -> list[Any]:
    guarded_patterns = []
    for item in patterns:
        if isinstance(item, URLPattern):
            methods = ("GET", "HEAD") if item.name == "openapi-json" else None
            item = URLPattern(
                item.pattern,
                json_errors(item.callback, methods=methods),
                item.default_args,
                item.name,
            )
        guarded_patterns.append(item)
    return guarded_patterns


def unknown_address(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return not_found()


unknown_address.csrf_exempt = True  # type: ignore[attr-defined]
