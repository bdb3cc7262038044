from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tiekartta.accounts import mails, services
from tiekartta.accounts.access import get_member
from tiekartta.accounts.decorators import OrgContext, org_view
from tiekartta.accounts.forms import InviteForm, LoginForm, RoleForm, TokenForm
from tiekartta.accounts.link_sessions import is_limited, start_link_session
from tiekartta.accounts.models import Invitation, Membership, User
from tiekartta.core.forms import apply_validation_error, reloaded, unsaved_copy
from tiekartta.core.locking import ConflictError


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch language for this browser and, when signed in, for the user everywhere."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if translation.check_for_language(language):
        if request.user.is_authenticated:
            assert isinstance(request.user, User)
            services.set_language(user=request.user, language=language)
        response.set_cookie("django_language", language, max_age=365 * 24 * 3600, samesite="Lax")
    return response


@org_view("members.manage")
def member_list(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    membership = ctx.membership
    members = (
        Membership.objects.of_organisation(membership.organisation)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    invitations = (
        Invitation.objects.pending()
        .filter(organisation=membership.organisation)
        .select_related("invited_by")
        .order_by("email")
    )
    return render(
        request,
        "accounts/member_list.html",
        {
            "membership": membership,
            "organisation": membership.organisation,
            "members": members,
            "invitations": invitations,
            "now": timezone.now(),
        },
    )


@org_view("members.manage")
def member_invite(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    """Invite by address and role. The answer is the same whether or not the address has an
    account anywhere in the installation."""
    membership = ctx.membership
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation, token = services.invite_member(
                actor=ctx.actor, organisation=membership.organisation, **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            mails.send_invitation(invitation, token)
            messages.success(
                request, _("The invitation was sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("accounts:member_list", org=ctx.org)
    return render(
        request,
        "accounts/member_form.html",
        {"membership": membership, "organisation": membership.organisation, "form": form},
    )


def _pending_invitation(ctx: OrgContext, pk: int) -> Invitation:
    return get_object_or_404(Invitation.objects.pending(), pk=pk, organisation=ctx.organisation)


@org_view("members.manage")
@require_POST
def invitation_resend(request: HttpRequest, ctx: OrgContext, invitation: int) -> HttpResponse:
    found = _pending_invitation(ctx, invitation)
    resent, token = services.resend_invitation(actor=ctx.actor, invitation=found)
    mails.send_invitation(resent, token)
    messages.success(
        request, _("The invitation was sent again to %(email)s.") % {"email": resent.email}
    )
    return redirect("accounts:member_list", org=ctx.org)


@org_view("members.manage")
@require_POST
def invitation_revoke(request: HttpRequest, ctx: OrgContext, invitation: int) -> HttpResponse:
    found = _pending_invitation(ctx, invitation)
    services.revoke_invitation(actor=ctx.actor, invitation=found)
    messages.success(
        request,
        _("The invitation to %(email)s was revoked; its link no longer works.")
        % {"email": found.email},
    )
    return redirect("accounts:member_list", org=ctx.org)


@org_view("members.manage")
def member_edit(request: HttpRequest, ctx: OrgContext, member: int) -> HttpResponse:
    membership = ctx.membership
    target = get_member(membership, member)
    form = RoleForm(request.POST or None, initial={"role": target.role}, version=target.version)
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            services.change_role(
                actor=ctx.actor,
                membership=unsaved_copy(target),
                role=form.cleaned_data["role"],
                expected_version=form.expected_version,
            )
        except ConflictError:
            target = reloaded(target)
            form.show_conflict(target)
            conflict = True
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The role was changed."))
            return redirect("accounts:member_list", org=ctx.org)
    return render(
        request,
        "accounts/member_edit.html",
        {
            "membership": membership,
            "organisation": membership.organisation,
            "target": target,
            "form": form,
            "conflict": conflict,
        },
        status=409 if conflict else 200,
    )


@org_view("members.manage")
def member_remove(request: HttpRequest, ctx: OrgContext, member: int) -> HttpResponse:
    membership = ctx.membership
    target = get_member(membership, member)
    error_message = ""
    if request.method == "POST":
        try:
            services.remove_member(actor=ctx.actor, membership=target)
        except ValidationError as error:
            error_message = " ".join(error.messages)
        else:
            messages.success(request, _("%(user)s was removed.") % {"user": target.user})
            return redirect("accounts:member_list", org=ctx.org)
    return render(
        request,
        "accounts/member_remove.html",
        {
            "membership": membership,
            "organisation": membership.organisation,
            "target": target,
            "error_message": error_message,
        },
    )


def sign_in_with_link(request: HttpRequest) -> HttpResponse:
    """A one-time link from a reminder e-mail: /login/link/#token. The token is after #, so
    neither this page's GET nor any access log sees it; the page posts it (a script fills the
    form from the fragment, or the reader pastes the code). Mail scanners that fetch the link
    get only the page."""
    form = TokenForm(request.POST or None)
    problem = None
    link = None
    if request.method == "POST" and form.is_valid():
        try:
            link = services.redeem_sign_in_link(token=form.cleaned_data["token"])
        except services.SignInLinkError as error:
            problem = error.reason
        else:
            user = request.user
            full_session = (
                user.is_authenticated and user.pk == link.user.pk and not is_limited(request)
            )
            if not full_session:
                if user.is_authenticated:
                    logout(request)
                start_link_session(request, link)
                messages.success(
                    request,
                    _(
                        "You are signed in to update your tasks and metrics. The link cannot be "
                        "used again; for anything else, log in with your password."
                    ),
                )
            return redirect(link.next_path)
    return render(
        request,
        "accounts/sign_in_link.html",
        {"form": form, "problem": problem},
        status=410 if problem in {"expired", "used"} else 404 if problem else 200,
    )


@login_required
def home(request: HttpRequest) -> HttpResponse:
    memberships = list(
        Membership.objects.filter(user=request.user)  # type: ignore[misc]
        .select_related("organisation")
        .order_by("organisation__name")
    )
    if len(memberships) == 1:
        return redirect("roadmap:roadmap_list", org=memberships[0].organisation.slug)
    return render(request, "accounts/home.html", {"memberships": memberships})
