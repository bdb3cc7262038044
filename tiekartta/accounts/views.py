from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tiekartta.accounts import services
from tiekartta.accounts.access import get_member
from tiekartta.accounts.decorators import OrgContext, org_view
from tiekartta.accounts.forms import AddMemberForm, LoginForm, RoleForm
from tiekartta.accounts.models import Membership, SignInLink, User
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
    return render(
        request,
        "accounts/member_list.html",
        {"membership": membership, "organisation": membership.organisation, "members": members},
    )


@org_view("members.manage")
def member_add(request: HttpRequest, ctx: OrgContext) -> HttpResponse:
    membership = ctx.membership
    form = AddMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            added = services.add_member(
                actor=ctx.actor,
                organisation=membership.organisation,
                **form.cleaned_data,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("%(user)s was added.") % {"user": added.user})
            return redirect("accounts:member_list", org=ctx.org)
    return render(
        request,
        "accounts/member_form.html",
        {"membership": membership, "organisation": membership.organisation, "form": form},
    )


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


def sign_in_with_link(request: HttpRequest, token: str) -> HttpResponse:
    """A one-time link from a reminder e-mail. Opening it only shows a button: mail scanners
    that fetch links must not use up the link before its owner clicks."""
    link = SignInLink.objects.select_related("user").filter(
        token_hash=services.hash_sign_in_token(token)
    )
    found = link.first()
    problem = _link_problem(found)
    if request.method == "POST" and problem is None:
        try:
            used = services.redeem_sign_in_link(token=token)
        except services.SignInLinkError as error:
            problem = error.reason
        else:
            if request.user.is_authenticated and request.user.pk != used.user.pk:
                logout(request)
            login(request, used.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("You are signed in. The link cannot be used again."))
            return redirect(used.next_path)
    return render(
        request,
        "accounts/sign_in_link.html",
        {"link": found, "problem": problem},
        status=410 if problem in {"expired", "used"} else 404 if problem else 200,
    )


def _link_problem(link: SignInLink | None) -> str | None:
    if link is None or not link.user.is_active:
        return "unknown"
    if link.used_at is not None:
        return "used"
    if link.expires_at <= timezone.now():
        return "expired"
    return None


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
