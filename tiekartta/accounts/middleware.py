from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from tiekartta.accounts import link_sessions


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
        logout(request)
        if refused == "ended":
            messages.info(
                request,
                _("The session opened by the sign-in link has ended. Log in with your password."),
            )
        else:
            messages.info(
                request,
                _(
                    "A sign-in link only lets you update your own tasks and metrics. "
                    "Log in with your password to continue."
                ),
            )
        if request.path_info == reverse("accounts:login"):
            return self.get_response(request)
        return redirect_to_login(request.get_full_path())
