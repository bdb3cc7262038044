"""Django admin for superusers; staff who are not superusers see only their own organisations."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from tiekartta.accounts.models import Organisation, Role


def administered_organisations(request: HttpRequest) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        memberships__user_id=request.user.pk or 0, memberships__role=Role.ADMIN
    )


class OrganisationScopedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """`organisation_path` is the lookup from the model to its organisation."""

    organisation_path = "organisation"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:  # type: ignore[union-attr]
            return queryset
        return queryset.filter(
            **{f"{self.organisation_path}__in": administered_organisations(request)}
        )

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if (
            field is not None
            and db_field.related_model is Organisation
            and not request.user.is_superuser  # type: ignore[union-attr]
        ):
            field.queryset = administered_organisations(request)
        return field
