from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_htmx.http import HttpResponseClientRedirect

from tiekartta.accounts import link_sessions, session_lifetime


class UserLanguageMiddleware:
    """A signed-in user's saved language wins over the browser's, on every device."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        language = getattr(user, "language", "") if user is not None else ""
        if user is not None and user.is_authenticated and language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


def sign_out_to_login(
    request: HttpRequest, get_response: Callable[[HttpRequest], HttpResponse], message: str
) -> HttpResponse:
    """End the request's session and send the user to the log-in page with `message`, back to
    where they were after signing in. On the log-in page itself the page is shown at once; an
    htmx request turns the whole page to the log-in page (not the fragment it asked for)."""
    logout(request)
    messages.info(request, message)
    if request.path_info == reverse("accounts:login"):
        return get_response(request)
    details = getattr(request, "htmx", None)
    if details:
        current = details.current_url_abs_path or reverse(settings.LOGIN_REDIRECT_URL)
        return HttpResponseClientRedirect(redirect_to_login(current).url)
    return redirect_to_login(request.get_full_path())


class SignInLinkSessionMiddleware:
    """Keeps a session opened by a sign-in link within its organisation, purpose and time
    (the rules are in accounts.link_sessions). A request beyond them ends the limited session
    and asks for a full sign-in with the password."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refused = link_sessions.refusal(request)
        if refused is None:
            return self.get_response(request)
        if refused == "ended":
            message = _(
                "The session opened by the sign-in link has ended. Log in with your password."
            )
        else:
            message = _(
                "A sign-in link only lets you update your own tasks and metrics. "
                "Log in with your password to continue."
            )
        return sign_out_to_login(request, self.get_response, message)


class SessionLifetimeMiddleware:
    """Ends a signed-in session after its idle time or its lifetime (the rules are in
    accounts.session_lifetime) and asks the user to log in again; otherwise notes the request
    as activity."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        ending = session_lifetime.ended(request)
        if ending is None:
            if request.user.is_authenticated:
                session_lifetime.record_activity(request)
            return self.get_response(request)
        if ending == "idle":
            minutes = settings.TIEKARTTA_SESSION_IDLE_MINUTES
            message = ngettext(
                "You were signed out after %(minutes)d minute without activity. Log in again.",
                "You were signed out after %(minutes)d minutes without activity. Log in again.",
                minutes,
            ) % {"minutes": minutes}
        else:
            hours = settings.TIEKARTTA_SESSION_MAX_HOURS
            message = ngettext(
                "Your session ended %(hours)d hour after you signed in. Log in again.",
                "Your session ended %(hours)d hours after you signed in. Log in again.",
                hours,
            ) % {"hours": hours}
        return sign_out_to_login(request, self.get_response, message)
