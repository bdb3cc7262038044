"""The invitee's side of an invitation, and verifying one's own e-mail address.

An invitation link is /invitations/#token. Its page posts the token (never in a URL); a valid
one is remembered in the session by its hash, and /invitations/accept/ then offers to accept
as the signed-in user, to log in first (the session keeps the invitation across the log-in),
or to create an account."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from tiekartta.accounts import mails, services
from tiekartta.accounts.forms import NewAccountForm, TokenForm, VerifyEmailForm
from tiekartta.accounts.models import Invitation, User
from tiekartta.core.forms import apply_validation_error

INVITATION_KEY = "tiekartta_invitation"
GONE = {"expired": 410, "used": 410, "unknown": 404}


def invitation_open(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    problem = None
    if request.method == "POST" and form.is_valid():
        token_hash = services.hash_sign_in_token(form.cleaned_data["token"])
        try:
            services.usable_invitation(token_hash)
        except services.InvitationError as error:
            problem = error.reason
        else:
            request.session[INVITATION_KEY] = token_hash
            return redirect("accounts:invitation_accept")
    return render(
        request,
        "accounts/invitation_open.html",
        {"form": form, "problem": problem},
        status=GONE.get(problem or "", 200),
    )


def _invitation_in_session(request: HttpRequest) -> tuple[Invitation | None, str | None]:
    token_hash = request.session.get(INVITATION_KEY)
    if not isinstance(token_hash, str):
        return None, "unknown"
    try:
        return services.usable_invitation(token_hash), None
    except services.InvitationError as error:
        return None, error.reason


def invitation_accept(request: HttpRequest) -> HttpResponse:
    invitation, problem = _invitation_in_session(request)
    if invitation is None:
        return render(
            request,
            "accounts/invitation_open.html",
            {"form": TokenForm(), "problem": problem},
            status=GONE.get(problem or "", 404),
        )
    token_hash = request.session[INVITATION_KEY]
    signed_in = request.user.is_authenticated
    account_form = NewAccountForm(
        request.POST if request.POST.get("action") == "create" and not signed_in else None
    )
    error_message = ""
    if request.method == "POST":
        try:
            if signed_in and request.POST.get("action") == "accept":
                assert isinstance(request.user, User)
                membership = services.accept_invitation(token_hash=token_hash, user=request.user)
            elif not signed_in and account_form.is_valid():
                data = account_form.cleaned_data
                membership = services.accept_invitation_as_new_user(
                    token_hash=token_hash,
                    username=data["username"],
                    password=data["password"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    language=translation.get_language() or "",
                )
                login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
            else:
                membership = None
        except services.InvitationError as error:
            return render(
                request,
                "accounts/invitation_open.html",
                {"form": TokenForm(), "problem": error.reason},
                status=GONE[error.reason],
            )
        except ValidationError as error:
            if signed_in:
                error_message = " ".join(error.messages)
            else:
                apply_validation_error(account_form, error)
        else:
            if membership is not None:
                request.session.pop(INVITATION_KEY, None)
                messages.success(
                    request,
                    _("Welcome to %(organisation)s.") % {"organisation": membership.organisation},
                )
                return redirect("roadmap:roadmap_list", org=membership.organisation.slug)
    return render(
        request,
        "accounts/invitation_accept.html",
        {
            "invitation": invitation,
            "account_form": account_form,
            "error_message": error_message,
            "login_url": reverse("accounts:login") + "?next=" + request.path,
        },
    )


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """The signed-in user's own account: the address sign-in links may go to."""
    assert isinstance(request.user, User)
    form = VerifyEmailForm(request.POST or None, initial={"email": request.user.email})
    if request.method == "POST" and form.is_valid():
        try:
            verification, token = services.request_email_verification(
                user=request.user, email=form.cleaned_data["email"]
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            mails.send_verification(verification, token)
            messages.success(
                request,
                _("A confirmation link was sent to %(email)s.") % {"email": verification.email},
            )
            return redirect("accounts:account")
    return render(request, "accounts/account.html", {"form": form})


@login_required
def verify_email(request: HttpRequest) -> HttpResponse:
    """/account/verify/#token, opened while signed in; the token is posted, never in a URL."""
    assert isinstance(request.user, User)
    form = TokenForm(request.POST or None)
    problem = None
    if request.method == "POST" and form.is_valid():
        try:
            services.confirm_email_verification(token=form.cleaned_data["token"], user=request.user)
        except services.SignInLinkError as error:
            problem = error.reason
        else:
            messages.success(request, _("Your e-mail address is confirmed."))
            return redirect("accounts:account")
    return render(
        request,
        "accounts/verify_email.html",
        {"form": form, "problem": problem},
        status=GONE.get(problem or "", 200),
    )
