from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from tiekartta.accounts.admin_scoping import OrganisationScopedAdmin
from tiekartta.progress.models import ProgressEntry, ReminderLog, Review


@admin.register(Review)
class ReviewAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):  # type: ignore[misc]
    organisation_path = "roadmap__organisation"
    list_display = ("roadmap", "quarter", "meeting_date", "status", "closed_at")
    list_filter = ("roadmap__organisation", "status")
    raw_id_fields = ("roadmap", "opened_by", "closed_by")
    filter_horizontal = ("attendees",)


class ReadOnlyAdmin(OrganisationScopedAdmin):
    """Entries and reminders are records of what happened: they are read, never edited."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ProgressEntry)
class ProgressEntryAdmin(ReadOnlyAdmin):
    organisation_path = "task__roadmap__organisation"
    list_display = ("task", "quarter", "completion", "status", "author", "recorded_at", "review")
    list_filter = ("task__roadmap__organisation", "quarter", "status")
    list_select_related = ("task", "author", "review__roadmap")
    search_fields = ("task__title", "note")


@admin.register(ReminderLog)
class ReminderLogAdmin(ReadOnlyAdmin):
    list_display = ("person", "organisation", "review_date", "quarter", "task_count", "sent_at")
    list_filter = ("organisation",)
