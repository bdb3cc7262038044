from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from tiekartta.accounts.admin_scoping import OrganisationScopedAdmin
from tiekartta.accounts.models import AuditEvent, Membership, Organisation, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):  # type: ignore[type-arg]
    fieldsets = (*BaseUserAdmin.fieldsets, ("Tiekartta", {"fields": ("language",)}))  # type: ignore[misc]
    list_display = ("username", "first_name", "last_name", "email", "is_staff", "language")


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):  # type: ignore[misc]
    organisation_path = "pk"
    list_display = ("name", "slug", "is_demo")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ("user", "organisation", "role")
    list_filter = ("organisation", "role")
    search_fields = ("user__username", "user__first_name", "user__last_name")
    autocomplete_fields = ["user"]


@admin.register(AuditEvent)
class AuditEventAdmin(OrganisationScopedAdmin):
    """Read-only: the log only grows (accounts.events)."""

    list_display = ("at", "organisation", "kind", "actor", "actor_label", "subject")
    list_filter = ("kind", "organisation")
    search_fields = ("subject", "actor__username", "actor_label")
    date_hierarchy = "at"
    readonly_fields = ("organisation", "at", "actor", "actor_label", "kind", "subject", "data")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
