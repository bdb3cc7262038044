from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tiekartta.accounts.models import Membership, Organisation, Role, User
from tiekartta.core.forms import LanguageVersionsMixin, VersionedFormMixin
from tiekartta.core.quarters import quarter_range
from tiekartta.core.translations import ContentLanguages
from tiekartta.core.widgets import QuickSelect
from tiekartta.roadmap.models import FollowUpSettings, Kind, Person, Roadmap, Status, Task, Theme
from tiekartta.roadmap.risk import RiskFlag, ScheduleConflict, conflicts_of
from tiekartta.roadmap.services import TaskInput, validate_predecessors


def quarter_choices(roadmap: Roadmap, blank_label: str) -> list[tuple[str, str]]:
    return [("", blank_label)] + [
        (str(q), q.label()) for q in quarter_range(roadmap.first_quarter, roadmap.last_quarter)
    ]


class RoadmapForm(LanguageVersionsMixin, VersionedFormMixin, forms.ModelForm[Roadmap]):
    """`languages`: the organisation's content languages; the title and description get a
    field per other language beside them (core.forms.LanguageVersionsMixin)."""

    translated_fields = ("title", "description")

    class Meta:
        model = Roadmap
        fields = ["title", "slug", "start_year", "end_year", "description", "is_public"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, languages: ContentLanguages, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_language_versions(languages, self.instance.translations)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The last year cannot be before the first year."))
        return cleaned


class ThemeForm(LanguageVersionsMixin, VersionedFormMixin, forms.ModelForm[Theme]):
    translated_fields = ("name", "description")

    class Meta:
        model = Theme
        fields = ["name", "description", "is_spearhead", "colour", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, languages: ContentLanguages, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_language_versions(languages, self.instance.translations)


class PersonForm(VersionedFormMixin, forms.ModelForm[Person]):
    class Meta:
        model = Person
        fields = ["name", "title", "unit", "email", "user"]

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user_field = self.fields["user"]
        assert isinstance(user_field, forms.ModelChoiceField)
        user_field.queryset = User.objects.filter(memberships__organisation=organisation).order_by(
            "username"
        )
        user_field.help_text = _("Link the person to a user account so that they can sign in.")


class TaskForm(LanguageVersionsMixin, VersionedFormMixin, forms.ModelForm[Task]):
    translated_fields = ("title", "description", "public_summary")

    class Meta:
        model = Task
        fields = [
            "title",
            "description",
            "theme",
            "kind",
            "owner",
            "collaborators",
            "collaborating_units",
            "unit",
            "start",
            "due",
            "priority",
            "status",
            "quick_win",
            "is_public",
            "public_summary",
            "predecessors",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "public_summary": forms.Textarea(attrs={"rows": 3}),
            "collaborators": forms.CheckboxSelectMultiple,
            "predecessors": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args: Any, roadmap: Roadmap, membership: Membership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.roadmap = roadmap
        self.instance.roadmap = roadmap
        # Found by clean(): overlaps with the predecessors' and successors' schedules.
        self.schedule_conflicts: list[ScheduleConflict] = []
        organisation = roadmap.organisation
        people = Person.objects.of_organisation(organisation).order_by("name")
        self._scope("theme", Theme.objects.filter(roadmap=roadmap).in_display_order())
        self._scope("owner", people)
        self._scope("collaborators", people)
        predecessors = Task.objects.filter(roadmap=roadmap).order_by("title")
        if self.instance.pk:
            predecessors = predecessors.exclude(pk=self.instance.pk)
        self._scope("predecessors", predecessors)
        for name, blank in (("start", _("No start")), ("due", _("No end"))):
            self.fields[name].widget = forms.Select(choices=quarter_choices(roadmap, str(blank)))
        if membership.role == Role.OWNER:
            # A task owner keeps the task: handing it over is the digital group's decision.
            self.fields["owner"].disabled = True
        self.add_language_versions(organisation.content_languages, self.instance.translations)

    def _scope(self, name: str, queryset: Any) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = queryset

    def clean_predecessors(self) -> list[Task]:
        predecessors = list(self.cleaned_data.get("predecessors") or [])
        try:
            validate_predecessors(self.instance, self.roadmap, predecessors)
        except ValidationError as error:
            raise ValidationError(error.message_dict["predecessors"]) from error
        return predecessors

    @property
    def schedule_confirmed(self) -> bool:
        """The user saw the schedule conflicts and chose *Save anyway*."""
        return self.data.get("confirm_schedule") == "1"

    @property
    def asks_schedule_confirmation(self) -> bool:
        return bool(self.schedule_conflicts) and not self.schedule_confirmed

    def clean(self) -> dict[str, Any]:
        """A schedule that overlaps a predecessor's or a successor's (see risk.overlap) is
        allowed, but only once confirmed: the form says so next to the field and asks."""
        cleaned = super().clean() or {}
        self.schedule_conflicts = []
        if self.errors:
            return cleaned  # the conflicts are judged on a schedule that is otherwise valid
        successors = list(self.instance.successors.all()) if self.instance.pk else []
        self.schedule_conflicts = conflicts_of(
            (cleaned.get("start") or "", cleaned.get("due") or "", cleaned.get("status") or ""),
            predecessors=[
                (t.pk, t.title, (t.start, t.due, t.status))
                for t in cleaned.get("predecessors") or []
            ],
            successors=[(t.pk, t.title, (t.start, t.due, t.status)) for t in successors],
        )
        if self.asks_schedule_confirmation:
            for conflict in self.schedule_conflicts:
                field = "predecessors" if conflict.other_is_predecessor else "due"
                self.add_error(field, ValidationError(conflict.message, code="schedule_conflict"))
        return cleaned

    def to_input(self) -> TaskInput:
        data = self.cleaned_data
        return TaskInput(
            title=data["title"],
            description=data["description"],
            theme=data["theme"],
            kind=data["kind"],
            owner=data["owner"],
            collaborators=list(data["collaborators"]),
            collaborating_units=data["collaborating_units"],
            unit=data["unit"],
            start=data["start"],
            due=data["due"],
            priority=data["priority"],
            status=data["status"],
            quick_win=data["quick_win"],
            is_public=data["is_public"],
            public_summary=data["public_summary"],
            predecessors=list(data["predecessors"]),
            translations=self.cleaned_translations(),
        )


class TaskFilterForm(forms.Form):
    """The overview's and timeline's filters; all in the query string so views can be shared.

    Shown on every overview and timeline request: its selects are rendered in Python."""

    q = forms.CharField(label=_("Search"), required=False)
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.none(),
        required=False,
        empty_label=_("All"),
        widget=QuickSelect,
    )
    owner = forms.ModelChoiceField(
        label=_("Responsible person"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("All"),
        widget=QuickSelect,
    )
    status = forms.ChoiceField(label=_("Status"), required=False, widget=QuickSelect)
    kind = forms.ChoiceField(label=_("Kind"), required=False, widget=QuickSelect)
    quarter = forms.ChoiceField(label=_("Ongoing in quarter"), required=False, widget=QuickSelect)
    risk = forms.ChoiceField(label=_("Schedule risk"), required=False, widget=QuickSelect)
    quick_win = forms.BooleanField(label=_("Quick wins only"), required=False)

    def __init__(self, *args: Any, roadmap: Roadmap, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        theme_field = self.fields["theme"]
        owner_field = self.fields["owner"]
        assert isinstance(theme_field, forms.ModelChoiceField)
        assert isinstance(owner_field, forms.ModelChoiceField)
        theme_field.queryset = Theme.objects.filter(roadmap=roadmap).in_display_order()
        owner_field.queryset = (
            Person.objects.filter(owned_tasks__roadmap=roadmap).distinct().order_by("name")
        )
        all_label = str(_("All"))
        self.fields["status"].choices = [("", all_label), *Status.choices]  # type: ignore[attr-defined]
        self.fields["kind"].choices = [("", all_label), *Kind.choices]  # type: ignore[attr-defined]
        self.fields["quarter"].choices = quarter_choices(roadmap, all_label)  # type: ignore[attr-defined]
        self.fields["risk"].choices = [("", all_label), *RiskFlag.choices]  # type: ignore[attr-defined]

    @property
    def is_filtered(self) -> bool:
        return self.is_bound and any(
            value not in (None, "", False) for value in self.cleaned_data.values()
        )


class FollowUpSettingsForm(VersionedFormMixin, forms.ModelForm[FollowUpSettings]):
    class Meta:
        model = FollowUpSettings
        fields = [
            "risk_margin",
            "next_review_date",
            "reminder_days_before",
            "sign_in_link_hours",
            "metric_grace_days",
            "public_shows_names",
        ]
        widgets = {"next_review_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
