"""The Django admin is never a side door: HTML views, the API, commands, imports and the admin
write through the same services. So every domain model is read-only here, for superusers too
(an admin form would skip the services' invariants, the version a form open in the app holds,
and the audit log). Staff who are not superusers read only the organisations they administer,
also in the history pages, the raw-id pop-ups and the autocomplete (all of which read
`get_queryset` of the admin of the model shown). The few models without a product page
(organisations, users) are written by superusers through `WritesThroughServices` admins."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from tiekartta.accounts.models import Organisation, Role


def administered_organisations(request: HttpRequest) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        memberships__user_id=request.user.pk or 0, memberships__role=Role.ADMIN
    )


def is_superuser(request: HttpRequest) -> bool:
    return bool(getattr(request.user, "is_superuser", False))


class OrganisationScopedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """`organisation_path` is the lookup from the model to its organisation. Read-only for
    everyone: adding, changing, deleting and reverting to an old version all answer 403.
    Put before SimpleHistoryAdmin for a model with history rows."""

    organisation_path = "organisation"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if is_superuser(request):
            return queryset
        return queryset.filter(
            **{f"{self.organisation_path}__in": administered_organisations(request)}
        ).distinct()

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def _visible_or_404(self, request: HttpRequest, object_id: str) -> None:
        # simple_history finds an object that get_queryset hides through its history rows:
        # another organisation's object (or its past versions) must stay out of sight.
        if not self.get_queryset(request).filter(pk=object_id).exists():
            raise Http404

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: Any = None
    ) -> HttpResponse:
        self._visible_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)  # type: ignore[no-any-return]

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: Any = None
    ) -> HttpResponse:
        self._visible_or_404(request, object_id)
        if request.method != "GET":
            # A revert would save the old version around the services.
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)  # type: ignore[misc,no-any-return]

    def revert_disabled(self, request: HttpRequest, obj: Any = None) -> bool:
        return True


class ReadOnlyInline(admin.TabularInline):  # type: ignore[type-arg]
    """Shown on the parent's page, never written there."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class WritesThroughServices(OrganisationScopedAdmin):
    """A model with no product page, written by superusers only. Subclasses save through the
    service in `save_model` (the actor is the signed-in superuser); deleting stays off unless a
    service for it exists."""

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return is_superuser(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_superuser(request)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # The service saved the object and whatever belongs to it; the inlines are read-only
        # (the admin's change message reads what they would have saved: nothing).
        for formset in formsets:
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
