from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from tiekartta.accounts.admin_scoping import OrganisationScopedAdmin, administered_organisations
from tiekartta.accounts.models import ApiToken
from tiekartta.metrics.models import Metric, MetricValue, Milestone
from tiekartta.roadmap.models import Person, Roadmap, Task, Theme

# What each related model's organisation is reached through, for choices in the admin forms.
ORGANISATION_PATHS: dict[type, str] = {
    Roadmap: "organisation",
    Theme: "roadmap__organisation",
    Person: "organisation",
    Task: "roadmap__organisation",
    Metric: "roadmap__organisation",
    ApiToken: "organisation",
}


class ScopedChoicesMixin:
    """Staff who are not superusers choose related objects of their own organisations only; a
    raw id of another organisation's object is refused by the same queryset."""

    def _scoped(self, db_field: Any, request: HttpRequest, kwargs: dict[str, Any]) -> None:
        path = ORGANISATION_PATHS.get(db_field.related_model)
        if path and not request.user.is_superuser:  # type: ignore[union-attr]
            kwargs["queryset"] = db_field.related_model._default_manager.filter(
                **{f"{path}__in": administered_organisations(request)}
            )

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        self._scoped(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        self._scoped(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]


class MilestoneInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Milestone
    extra = 0


@admin.register(Metric)
class MetricAdmin(ScopedChoicesMixin, OrganisationScopedAdmin, SimpleHistoryAdmin):  # type: ignore[misc]
    organisation_path = "roadmap__organisation"
    list_display = ("name", "roadmap", "theme", "owner", "frequency", "target_value", "target_date")
    list_filter = ("roadmap__organisation", "frequency", "direction")
    search_fields = ("name",)
    raw_id_fields = ("roadmap", "theme", "owner")
    filter_horizontal = ("tasks",)
    inlines = [MilestoneInline]


@admin.register(MetricValue)
class MetricValueAdmin(ScopedChoicesMixin, OrganisationScopedAdmin, SimpleHistoryAdmin):  # type: ignore[misc]
    organisation_path = "metric__roadmap__organisation"
    list_display = ("metric", "period", "value", "channel", "recorded_at")
    list_filter = ("metric__roadmap__organisation", "channel")
    raw_id_fields = ("metric", "recorded_by", "api_token")
