"""Organisations and users have no product page of their own: superusers write them here,
through the services. Memberships (*Users and roles*) and the event log are read-only."""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from simple_history.admin import SimpleHistoryAdmin

from tiekartta.accounts import services
from tiekartta.accounts.admin_scoping import (
    OrganisationScopedAdmin,
    ReadOnlyInline,
    WritesThroughServices,
    administered_organisations,
    is_superuser,
)
from tiekartta.accounts.models import AuditEvent, Membership, Organisation, User
from tiekartta.core.actors import Actor, as_actor

# The superuser changing a password: Django builds the password form without the request.
_password_actor: ContextVar[User | None] = ContextVar("password_actor", default=None)


class PasswordThroughService(AdminPasswordChangeForm):
    def save(self, commit: bool = True) -> User:
        usable = self.cleaned_data.get("set_usable_password", True)
        return services.set_user_password(
            actor=as_actor(_password_actor.get()),
            user=self.user,
            password=self.cleaned_data["password1"] if usable else None,
        )


@admin.register(User)
class UserAdmin(BaseUserAdmin):  # type: ignore[type-arg]
    fieldsets = (*BaseUserAdmin.fieldsets, ("Tiekartta", {"fields": ("language",)}))  # type: ignore[misc]
    list_display = ("username", "first_name", "last_name", "email", "is_staff", "language")
    change_password_form = PasswordThroughService

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        # Staff who are not superusers read the users of the organisations they administer
        # (also in the autocomplete of any user field).
        users = super().get_queryset(request)
        if is_superuser(request):
            return users
        return users.filter(
            memberships__organisation__in=administered_organisations(request)
        ).distinct()

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_superuser(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_superuser(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # No service removes a user: a superuser clears *active* instead.
        return False

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        if not change:
            usable = form.cleaned_data.get("usable_password", "true") != "false"
            services.create_user(
                actor=Actor.for_user(request.user),
                user=obj,
                password=form.cleaned_data.get("password1") if usable else None,
            )
            return
        services.update_user(
            actor=Actor.for_user(request.user),
            user=obj,
            changed_fields=form.changed_data,
            groups=form.cleaned_data.get("groups"),
            permissions=form.cleaned_data.get("user_permissions"),
        )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # update_user set the groups and permissions.
        return None

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        token = _password_actor.set(request.user)  # type: ignore[arg-type]
        try:
            return super().user_change_password(request, id, form_url)
        finally:
            _password_actor.reset(token)


class MembershipInline(ReadOnlyInline):
    model = Membership
    fields = ("user", "role")
    readonly_fields = ("user", "role")


@admin.register(Organisation)
class OrganisationAdmin(WritesThroughServices, SimpleHistoryAdmin):  # type: ignore[misc]
    organisation_path = "pk"
    list_display = ("name", "slug", "is_demo")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [MembershipInline]
    fields = ("name", "slug", "is_demo", "primary_language", "translation_languages")
    # The content languages change only on the follow-up settings page, whose service refuses a
    # new primary language while texts lack it; here they are shown, not edited.
    readonly_fields = ("primary_language", "translation_languages")

    def get_prepopulated_fields(self, request: HttpRequest, obj: Any = None) -> dict[str, Any]:
        # A read-only form has no slug field to fill.
        return self.prepopulated_fields if is_superuser(request) else {}

    def save_model(self, request: HttpRequest, obj: Organisation, form: Any, change: bool) -> None:
        data = form.cleaned_data
        if change:
            services.update_organisation(
                actor=Actor.for_user(request.user),
                organisation=obj,
                name=data["name"],
                slug=data["slug"],
                is_demo=data["is_demo"],
            )
        else:
            created = services.create_organisation(
                actor=Actor.for_user(request.user),
                name=data["name"],
                slug=data["slug"],
                is_demo=data["is_demo"],
            )
            obj.pk = created.pk


@admin.register(Membership)
class MembershipAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):  # type: ignore[misc]
    """Roles are given on *Users and roles* (accounts.services), never here."""

    list_display = ("user", "organisation", "role")
    list_filter = ("organisation", "role")
    search_fields = ("user__username", "user__first_name", "user__last_name")


@admin.register(AuditEvent)
class AuditEventAdmin(OrganisationScopedAdmin):
    """The log only grows (accounts.events)."""

    list_display = ("at", "organisation", "kind", "actor", "actor_label", "subject")
    list_filter = ("kind", "organisation")
    search_fields = ("subject", "actor__username", "actor_label")
    date_hierarchy = "at"
