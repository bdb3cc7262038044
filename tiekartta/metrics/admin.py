from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tiekartta.core.admin_scoping import OrganisationScopedAdmin
from tiekartta.metrics.models import Metric, MetricValue, Milestone


class MilestoneInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Milestone
    extra = 0


@admin.register(Metric)
class MetricAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):  # type: ignore[misc]
    organisation_path = "roadmap__organisation"
    list_display = ("name", "roadmap", "theme", "owner", "frequency", "target_value", "target_date")
    list_filter = ("roadmap__organisation", "frequency", "direction")
    search_fields = ("name",)
    raw_id_fields = ("roadmap", "theme", "owner")
    filter_horizontal = ("tasks",)
    inlines = [MilestoneInline]


@admin.register(MetricValue)
class MetricValueAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):  # type: ignore[misc]
    organisation_path = "metric__roadmap__organisation"
    list_display = ("metric", "period", "value", "channel", "recorded_at")
    list_filter = ("metric__roadmap__organisation", "channel")
    raw_id_fields = ("metric", "recorded_by", "api_token")
