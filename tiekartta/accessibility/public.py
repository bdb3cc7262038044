"""What every public page (no sign-in) needs: the language, the links of the language switch
and of the footer, and headers that let caches keep the page and set no cookie.

The signed-in site switches the language with a POST form (CSRF token, a cookie and the
user's setting). A public page cannot: the token would set a cookie on every page, and a
shared cache could not tell the languages apart. So a public page takes its language from the
address (`?lang=sv`), its links carry it on, and without `?lang=` it follows the browser
(the language cookie, then Accept-Language), which the `Vary` header tells caches.

`templates/public/base.html` is the layout; the later public site renders through
`render_public` as these pages do.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.http import urlencode

from tiekartta.accounts.models import Organisation
from tiekartta.core.translations import default_languages, using_languages

LANGUAGE_PARAMETER = "lang"
# How long a shared cache may keep a public page that has no form on it.
PUBLIC_MAX_AGE = 300


def chosen_language(request: HttpRequest) -> str | None:
    """The language the address asks for, if it is one of the site's."""
    value = request.GET.get(LANGUAGE_PARAMETER, "")
    return value if value in dict(settings.LANGUAGES) else None


def in_page_language(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The whole view in the language of the address, not only its template: labels a view
    builds before rendering (a status, a refusal) must speak the page's language too."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with translation.override(chosen_language(request) or translation.get_language()):
            return view(request, *args, **kwargs)

    return wrapper


def _with(request: HttpRequest, **changes: str) -> str:
    query = request.GET.copy()
    for key, value in changes.items():
        query[key] = value
    return f"{request.path}?{query.urlencode()}"


def _address(name: str, organisation: Organisation, language: str, **query: str) -> str:
    path = reverse(name, kwargs={"org_slug": organisation.slug})
    return f"{path}?{urlencode({LANGUAGE_PARAMETER: language, **query})}"


def public_context(request: HttpRequest, organisation: Organisation | None) -> dict[str, Any]:
    """The organisation, the language switch and the footer's links, in the active language.
    The feedback link names the page it is on, so that feedback says where it came from.
    Without an organisation (the installation's front page) only the language switch."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    languages = [
        {
            "code": code,
            "name": translation.get_language_info(code)["name_local"],
            "url": _with(request, **{LANGUAGE_PARAMETER: code}),
            "current": code == language,
        }
        for code, _name in settings.LANGUAGES
    ]
    if organisation is None:
        return {"organisation": None, "public_languages": languages, "public_language": language}
    feedback_path = reverse("accessibility:feedback", kwargs={"org_slug": organisation.slug})
    from_page = (
        request.GET.get("page", "")
        if request.path.startswith(feedback_path)
        else _with(request, **{LANGUAGE_PARAMETER: language})
    )
    return {
        "organisation": organisation,
        "public_languages": languages,
        "public_language": language,
        "statement_url": _address("accessibility:statement", organisation, language),
        "feedback_url": _address(
            "accessibility:feedback",
            organisation,
            language,
            **({"page": from_page} if from_page else {}),
        ),
    }


def render_public(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    organisation: Organisation | None,
    cacheable: bool,
    status: int = 200,
) -> HttpResponse:
    """Render a public page in the language of the address (or the browser's).

    `cacheable`: a page without a form may be kept by shared caches for PUBLIC_MAX_AGE; a page
    with a form (its CSRF token is the visitor's own) must not be kept at all."""
    language = chosen_language(request)
    languages = organisation.content_languages if organisation else default_languages()
    with translation.override(language or translation.get_language()), using_languages(languages):
        response = render(
            request,
            template,
            {**public_context(request, organisation), **context},
            status=status,
        )
        response["Content-Language"] = translation.get_language()
    if language is None:
        # The page's language came from the cookie or the browser's languages.
        patch_vary_headers(response, ("Cookie", "Accept-Language"))
    if cacheable and status == 200:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
    return response
