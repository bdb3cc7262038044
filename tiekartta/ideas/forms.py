from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tiekartta.accounts.models import Organisation
from tiekartta.core.forms import VersionedFormMixin
from tiekartta.core.spreadsheet_reading import refuse_oversized
from tiekartta.ideas.models import Idea, IdeaSource, IdeaStatus
from tiekartta.ideas.selectors import IdeaFilter, events_of, merge_targets, themes_for_ideas
from tiekartta.ideas.services import IdeaInput
from tiekartta.roadmap.models import Task, Theme


class ThemeChoiceField(forms.ModelChoiceField[Theme]):
    def label_from_instance(self, obj: Theme) -> str:
        return f"{obj.name} ({obj.roadmap.title})"


class IdeaForm(VersionedFormMixin, forms.ModelForm[Idea]):
    theme = ThemeChoiceField(queryset=Theme.objects.none(), required=False, label=_("Theme"))

    class Meta:
        model = Idea
        fields = [
            "title",
            "description",
            "theme",
            "source",
            "event",
            "received_on",
            "submitter",
            "is_public",
        ]
        widgets = {"received_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes_for_ideas(organisation)  # type: ignore[attr-defined]
        if not self.initial.get("received_on"):
            # The instance's empty date is in the initial values already: today replaces it.
            self.initial["received_on"] = timezone.localdate()
        # The events written before, offered as the browser's suggestions (a datalist).
        self.events = events_of(organisation)
        self.fields["event"].widget.attrs["list"] = "idea-events"

    def to_input(self) -> IdeaInput:
        data = self.cleaned_data
        return IdeaInput(
            title=data["title"],
            description=data["description"],
            theme=data["theme"],
            source=data["source"],
            event=data["event"],
            received_on=data["received_on"],
            submitter=data["submitter"],
            is_public=data["is_public"],
        )


# Accepting has its own page (the task is chosen there): the status form offers the rest.
STATUS_FORM_CHOICES = [
    (value, label) for value, label in IdeaStatus.choices if value != IdeaStatus.ACCEPTED
]


class IdeaChoiceField(forms.ModelChoiceField[Idea]):
    def label_from_instance(self, obj: Idea) -> str:
        return f"{obj.title} (#{obj.pk})"


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=STATUS_FORM_CHOICES)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to the proposer, and on the public site if the idea is public."),
    )
    merged_into = IdeaChoiceField(
        queryset=Idea.objects.none(),
        required=False,
        label=_("Merge into"),
        help_text=_("Only when merging: the idea that this one continues in."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, idea: Idea, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["merged_into"].queryset = merge_targets(idea)  # type: ignore[attr-defined]
        self.initial.setdefault("version", idea.version)
        # A new idea's next step is its review; otherwise the status it has, to change from.
        self.initial.setdefault(
            "status", IdeaStatus.UNDER_REVIEW if idea.status == IdeaStatus.NEW else idea.status
        )


class TaskChoiceField(forms.ModelChoiceField[Task]):
    def label_from_instance(self, obj: Task) -> str:
        return f"{obj.title} ({obj.roadmap.title})"


class AcceptForm(forms.Form):
    task = TaskChoiceField(
        queryset=Task.objects.none(),
        label=_("Task"),
        help_text=_("The task that the idea becomes or joins."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to the proposers, and on the public site where an idea is public."),
    )
    quick_win = forms.BooleanField(
        label=_("Mark the task a quick win"),
        required=False,
        help_text=_("Checked when the ideas scored high impact for little effort."),
    )

    def __init__(self, *args: Any, idea: Idea, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["task"].queryset = (  # type: ignore[attr-defined]
            Task.objects.filter(
                roadmap__organisation_id=idea.organisation_id, roadmap__is_archived=False
            )
            .select_related("roadmap")
            .order_by("-roadmap__start_year", "title", "pk")
        )
        if idea.task_id:
            self.initial.setdefault("task", idea.task_id)


class FilterForm(forms.Form):
    text = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *IdeaStatus.choices]
    )
    source = forms.ChoiceField(
        label=_("Source"), required=False, choices=[("", _("All sources")), *IdeaSource.choices]
    )
    event = forms.ChoiceField(label=_("Source event"), required=False)
    theme = ThemeChoiceField(
        queryset=Theme.objects.none(),
        required=False,
        label=_("Theme"),
        empty_label=_("All themes"),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes_for_ideas(organisation)  # type: ignore[attr-defined]
        self.fields["event"].choices = [  # type: ignore[attr-defined]
            ("", _("All events")),
            *((event, event) for event in events_of(organisation)),
        ]

    def idea_filter(self) -> IdeaFilter:
        if not self.is_valid():
            # An address with a value that no longer exists shows everything, not an error.
            return IdeaFilter()
        data = self.cleaned_data
        theme = data.get("theme")
        return IdeaFilter(
            status=data.get("status", ""),
            source=data.get("source", ""),
            theme=theme.pk if theme else None,
            event=data.get("event", ""),
            text=data.get("text", "").strip(),
        )


class SurveyUploadForm(forms.Form):
    """A survey's export and where its answers came from; the columns are chosen next."""

    file = forms.FileField(
        label=_("Survey answers (.xlsx or .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
        help_text=_(
            "As Webropol, Microsoft Forms or Google Forms export it: a row per respondent."
        ),
    )
    source = forms.ChoiceField(label=_("Source"), choices=IdeaSource.choices)
    event = forms.CharField(
        label=_("Source event"),
        max_length=200,
        help_text=_("The survey's name, for example “Asukaskysely 2022”."),
    )
    received_on = forms.DateField(
        label=_("Date of the ideas"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("For example the day the survey closed."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("source", IdeaSource.RESIDENT_SURVEY)
        self.initial.setdefault("received_on", timezone.localdate())

    def clean_file(self) -> Any:
        return refuse_oversized(self.cleaned_data["file"])


class ColumnsForm(forms.Form):
    idea_columns = forms.MultipleChoiceField(
        label=_("Columns that hold ideas"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The free-text questions: each non-empty answer becomes one idea."),
        error_messages={"required": _("Choose at least one column that holds ideas.")},
    )
    group_column = forms.ChoiceField(
        label=_("Column of the respondent's group"),
        required=False,
        help_text=_("Optional, e.g. “I am a resident / an employee”: kept as “proposed by”."),
    )
    theme = ThemeChoiceField(queryset=Theme.objects.none(), required=False, label=_("Theme"))

    def __init__(
        self, *args: Any, headers: list[str], organisation: Organisation, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["idea_columns"].choices = [(h, h) for h in headers]  # type: ignore[attr-defined]
        self.fields["group_column"].choices = [  # type: ignore[attr-defined]
            ("", _("None")),
            *((h, h) for h in headers),
        ]
        self.fields["theme"].queryset = themes_for_ideas(organisation)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        group = data.get("group_column")
        if group and group in data.get("idea_columns", []):
            self.add_error("group_column", _("The group column cannot also be an idea column."))
        return data


class PriorityFilterForm(forms.Form):
    OPEN, PARKED, BOTH = "open", "parked", "both"
    show = forms.ChoiceField(
        label=_("Ideas"),
        required=False,
        choices=[
            (OPEN, _("New and under review")),
            (PARKED, _("Parked")),
            (BOTH, _("New, under review and parked")),
        ],
    )
    theme = ThemeChoiceField(
        queryset=Theme.objects.none(),
        required=False,
        label=_("Theme"),
        empty_label=_("All themes"),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes_for_ideas(organisation)  # type: ignore[attr-defined]

    def chosen(self) -> tuple[tuple[str, ...], int | None]:
        data = self.cleaned_data if self.is_valid() else {}
        show = data.get("show") or self.OPEN
        statuses: tuple[str, ...] = {
            self.OPEN: (IdeaStatus.NEW, IdeaStatus.UNDER_REVIEW),
            self.PARKED: (IdeaStatus.PARKED,),
            self.BOTH: (IdeaStatus.NEW, IdeaStatus.UNDER_REVIEW, IdeaStatus.PARKED),
        }[show]
        theme = data.get("theme")
        return statuses, theme.pk if theme else None
