from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tiekartta.accounts.models import Organisation
from tiekartta.core.forms import VersionedFormMixin
from tiekartta.news.models import NewsItem
from tiekartta.news.services import NewsInput
from tiekartta.roadmap.models import Roadmap, Task


class TaskChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Task) -> str:
        if obj.is_public and obj.roadmap.is_public:
            return f"{obj.title} ({obj.roadmap.title})"
        # Linking is allowed (the group may write a draft first); the label says that
        # residents will not see the task until it and its roadmap are public.
        return f"{obj.title} ({obj.roadmap.title}) – {_('not public')}"


class NewsForm(VersionedFormMixin, forms.ModelForm[NewsItem]):
    tasks = TaskChoiceField(
        queryset=Task.objects.none(),
        required=False,
        label=_("Tasks"),
        help_text=_("Only the public tasks of public roadmaps are shown to residents."),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = NewsItem
        fields = ["title", "body", "language", "roadmap", "tasks"]

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["roadmap"].queryset = Roadmap.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation
        ).order_by("-start_year", "title")
        self.fields["tasks"].queryset = (  # type: ignore[attr-defined]
            Task.objects.filter(roadmap__organisation=organisation, roadmap__is_archived=False)
            .select_related("roadmap")
            .order_by("-roadmap__start_year", "title")
        )

    def to_input(self) -> NewsInput:
        data = self.cleaned_data
        return NewsInput(
            title=data["title"],
            body=data["body"],
            language=data["language"],
            roadmap=data["roadmap"],
            tasks=list(data["tasks"]),
        )
