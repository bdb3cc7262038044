"""Read-only in the Django admin: statements and feedback are written on their own pages,
through the services that keep the audit events, the version check and the retention."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tiekartta.accessibility.models import AccessibilityStatement, FeedbackMessage
from tiekartta.accounts.admin_scoping import OrganisationScopedAdmin


class ReadOnlyAdmin(OrganisationScopedAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AccessibilityStatement)
class AccessibilityStatementAdmin(ReadOnlyAdmin):
    list_display = ("organisation", "compliance", "assessed_on", "updated_at")


@admin.register(FeedbackMessage)
class FeedbackMessageAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "organisation", "received_at", "answer_due", "answered_at")
    list_filter = ("kind",)
