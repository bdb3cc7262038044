"""Read-only (accounts.admin_scoping): viewpoints and assessments are written on their product
pages, through maturity.services."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tiekartta.accounts.admin_scoping import OrganisationScopedAdmin, ReadOnlyInline
from tiekartta.maturity.models import Assessment, Score, Viewpoint


@admin.register(Viewpoint)
class ViewpointAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ("name", "organisation", "order")
    list_filter = ("organisation",)
    search_fields = ("name", "description")


class ScoreInline(ReadOnlyInline):
    model = Score
    fields = ("viewpoint", "current", "target", "note")


@admin.register(Assessment)
class AssessmentAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ("title", "organisation", "assessed_on", "stage", "roadmap")
    list_filter = ("organisation", "stage")
    search_fields = ("title", "notes")
    inlines = [ScoreInline]
