"""Read-only (accounts.admin_scoping): reviews, entries and experiments are written on their
product pages, through progress.services and progress.experiments; reminders are records of
what was sent."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tiekartta.accounts.admin_scoping import OrganisationScopedAdmin
from tiekartta.progress.models import Experiment, ProgressEntry, ReminderLog, Review


@admin.register(Review)
class ReviewAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):  # type: ignore[misc]
    organisation_path = "roadmap__organisation"
    list_display = ("roadmap", "quarter", "meeting_date", "status", "closed_at")
    list_filter = ("roadmap__organisation", "status")


@admin.register(ProgressEntry)
class ProgressEntryAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):  # type: ignore[misc]
    organisation_path = "task__roadmap__organisation"
    list_display = ("task", "quarter", "completion", "status", "author", "recorded_at", "review")
    list_filter = ("task__roadmap__organisation", "quarter", "status")
    list_select_related = ("task", "author", "review__roadmap")
    search_fields = ("task__title", "note")


@admin.register(ReminderLog)
class ReminderLogAdmin(OrganisationScopedAdmin):
    list_display = ("person", "organisation", "review_date", "quarter", "task_count", "sent_at")
    list_filter = ("organisation",)


@admin.register(Experiment)
class ExperimentAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):  # type: ignore[misc]
    organisation_path = "task__roadmap__organisation"
    list_display = ("task", "starts", "ends", "decision", "decided_at")
    list_filter = ("task__roadmap__organisation", "decision")
    list_select_related = ("task",)
    search_fields = ("task__title", "hypothesis", "result", "lesson")
