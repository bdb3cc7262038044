from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import F
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from tiekartta.accounts.admin_scoping import OrganisationScopedAdmin, administered_organisations
from tiekartta.maturity.models import Assessment, Score, Viewpoint
from tiekartta.roadmap.models import Task


class ViewpointAdminForm(forms.ModelForm[Viewpoint]):
    class Meta:
        model = Viewpoint
        fields = ["organisation", "name", "description", "order", "tasks"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        organisation = cleaned.get("organisation")
        tasks = cleaned.get("tasks") or []
        if organisation is not None and any(
            task.roadmap.organisation_id != organisation.pk for task in tasks
        ):
            self.add_error("tasks", _("Choose tasks of this organisation's roadmaps."))
        return cleaned


@admin.register(Viewpoint)
class ViewpointAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):  # type: ignore[misc]
    form = ViewpointAdminForm
    list_display = ("name", "organisation", "order")
    list_filter = ("organisation",)
    search_fields = ("name", "description")
    filter_horizontal = ("tasks",)

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "tasks":
            tasks = Task.objects.select_related("roadmap__organisation")
            if not request.user.is_superuser:  # type: ignore[union-attr]
                tasks = tasks.filter(roadmap__organisation__in=administered_organisations(request))
            kwargs["queryset"] = tasks
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ScoreInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Score
    extra = 0
    fields = ("viewpoint", "current", "target", "note")

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "viewpoint" and not request.user.is_superuser:  # type: ignore[union-attr]
            kwargs["queryset"] = Viewpoint.objects.filter(
                organisation__in=administered_organisations(request)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Assessment)
class AssessmentAdmin(OrganisationScopedAdmin, SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ("title", "organisation", "assessed_on", "stage", "roadmap")
    list_filter = ("organisation", "stage")
    search_fields = ("title", "notes")
    raw_id_fields = ("roadmap", "created_by")
    inlines = [ScoreInline]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change:
            # An edit here is a save like any other: a form open in the app must notice it.
            Assessment.objects.filter(pk=obj.pk).update(version=F("version") + 1)
            obj.refresh_from_db(fields=["version"])
