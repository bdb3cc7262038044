"""Read-only (accounts.admin_scoping): roadmaps, themes, people and tasks are written on their
product pages, through roadmap.services."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tiekartta.accounts.admin_scoping import OrganisationScopedAdmin
from tiekartta.roadmap.models import FollowUpSettings, Person, Roadmap, Task, Theme


@admin.register(Roadmap)
class RoadmapAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ("title", "organisation", "start_year", "end_year", "is_archived")
    list_filter = ("organisation", "is_archived")
    search_fields = ("title", "slug")


@admin.register(Theme)
class ThemeAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):  # type: ignore[misc]
    organisation_path = "roadmap__organisation"
    list_display = ("name", "roadmap", "is_spearhead", "order", "colour")
    list_filter = ("roadmap__organisation", "is_spearhead")
    search_fields = ("name",)


@admin.register(Person)
class PersonAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ("name", "title", "unit", "organisation", "user")
    list_filter = ("organisation",)
    search_fields = ("name", "title", "unit", "email")


@admin.register(Task)
class TaskAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):  # type: ignore[misc]
    organisation_path = "roadmap__organisation"
    list_display = ("title", "roadmap", "theme", "owner", "start", "due", "status")
    list_filter = ("roadmap__organisation", "status", "kind", "quick_win")
    search_fields = ("title", "description")
    list_select_related = ("roadmap", "theme", "owner")


@admin.register(FollowUpSettings)
class FollowUpSettingsAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ("organisation", "risk_margin", "next_review_date", "reminder_days_before")
