"""Read-only (accounts.admin_scoping): metrics, milestones and values are written on their
product pages and through the API, through metrics.services."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tiekartta.accounts.admin_scoping import OrganisationScopedAdmin, ReadOnlyInline
from tiekartta.metrics.models import Metric, MetricValue, Milestone


class MilestoneInline(ReadOnlyInline):
    model = Milestone


@admin.register(Metric)
class MetricAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):  # type: ignore[misc]
    organisation_path = "roadmap__organisation"
    list_display = ("name", "roadmap", "theme", "owner", "frequency", "target_value", "target_date")
    list_filter = ("roadmap__organisation", "frequency", "direction")
    search_fields = ("name",)
    inlines = [MilestoneInline]


@admin.register(MetricValue)
class MetricValueAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):  # type: ignore[misc]
    organisation_path = "metric__roadmap__organisation"
    list_display = ("metric", "period", "value", "channel", "recorded_at")
    list_filter = ("metric__roadmap__organisation", "channel")
