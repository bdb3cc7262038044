from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tiekartta.accounts.models import Organisation
from tiekartta.core.forms import VersionedFormMixin
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
        help_text=_("Shown to the proposer, and on the public site if the idea is public."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, idea: Idea, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["task"].queryset = (  # type: ignore[attr-defined]
            Task.objects.filter(
                roadmap__organisation_id=idea.organisation_id, roadmap__is_archived=False
            )
            .select_related("roadmap")
            .order_by("-roadmap__start_year", "title", "pk")
        )
        self.initial.setdefault("version", idea.version)
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
