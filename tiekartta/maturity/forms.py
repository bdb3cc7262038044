from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tiekartta.accounts.models import Organisation
from tiekartta.core.forms import VersionedFormMixin
from tiekartta.maturity.models import LEVELS, NOTE_LENGTH, Assessment, Score, Viewpoint
from tiekartta.maturity.services import AssessmentInput, ScoreInput, score_field
from tiekartta.roadmap.models import Roadmap, Task


class TaskChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.title)


@dataclass
class TaskGroup:
    roadmap: Roadmap
    options: list[Any]  # BoundWidgets of the roadmap's tasks


class ViewpointForm(VersionedFormMixin, forms.ModelForm[Viewpoint]):
    tasks = TaskChoiceField(
        label=_("Linked tasks"),
        queryset=Task.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tasks of the organisation's roadmaps that raise the level of this viewpoint."),
    )

    class Meta:
        model = Viewpoint
        fields = ["name", "description", "order", "tasks"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        tasks = self.fields["tasks"]
        assert isinstance(tasks, forms.ModelMultipleChoiceField)
        tasks.queryset = (
            Task.objects.filter(roadmap__organisation=organisation)
            .select_related("roadmap")
            .order_by("-roadmap__start_year", "roadmap__title", "title", "pk")
        )

    def task_groups(self) -> list[TaskGroup]:
        """The task checkboxes under their roadmaps, newest roadmap first."""
        groups: list[TaskGroup] = []
        for option in self["tasks"]:
            task = option.data["value"].instance
            if not groups or groups[-1].roadmap.pk != task.roadmap_id:
                groups.append(TaskGroup(task.roadmap, []))
            groups[-1].options.append(option)
        return groups


LEVEL_CHOICES = [("", _("Not assessed"))] + [(str(level), str(level)) for level in LEVELS]


@dataclass
class ScoreRow:
    """One viewpoint's fields in the assessment form."""

    viewpoint: Viewpoint
    current: forms.BoundField
    target: forms.BoundField
    note: forms.BoundField

    @property
    def has_errors(self) -> bool:
        return bool(self.current.errors or self.target.errors or self.note.errors)


def _level_field(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, choices=LEVEL_CHOICES, coerce=int, empty_value=None, required=False
    )


class AssessmentForm(VersionedFormMixin, forms.ModelForm[Assessment]):
    """The assessment's details and, for every viewpoint, a row of current level, target level
    and note. The rows are built from the organisation's viewpoints as they are now."""

    class Meta:
        model = Assessment
        fields = ["title", "assessed_on", "stage", "roadmap", "notes"]
        widgets = {
            "assessed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(
        self,
        *args: Any,
        organisation: Organisation,
        viewpoints: list[Viewpoint],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.viewpoints = viewpoints
        # The date picker offers no future days; the model refuses them whatever is typed.
        self.fields["assessed_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        roadmap = self.fields["roadmap"]
        assert isinstance(roadmap, forms.ModelChoiceField)
        roadmap.queryset = Roadmap.objects.of_organisation(organisation).order_by(
            "-start_year", "title"
        )
        roadmap.empty_label = str(_("No roadmap"))
        existing: dict[int, Score] = {}
        if self.instance.pk:
            existing = {score.viewpoint_id: score for score in self.instance.scores.all()}
        for viewpoint in viewpoints:
            score = existing.get(viewpoint.pk)
            current = _level_field(str(_("Current level")))
            target = _level_field(str(_("Target level")))
            note = forms.CharField(
                label=_("Note"), required=False, max_length=NOTE_LENGTH, strip=True
            )
            if score is not None:
                current.initial = "" if score.current is None else str(score.current)
                target.initial = "" if score.target is None else str(score.target)
                note.initial = score.note
            self.fields[score_field(viewpoint.pk, "current")] = current
            self.fields[score_field(viewpoint.pk, "target")] = target
            self.fields[score_field(viewpoint.pk, "note")] = note

    def saved_values(self, saved: Any) -> dict[str, Any]:
        values = dict(super().saved_values(saved))
        scores = {score.viewpoint_id: score for score in saved.scores.all()}
        for viewpoint in self.viewpoints:
            score = scores.get(viewpoint.pk)
            for part in ("current", "target", "note"):
                values[score_field(viewpoint.pk, part)] = getattr(score, part, None)
        return values

    def change_label(self, name: str, field: forms.Field) -> str:
        # "Current level" alone would not say of which viewpoint.
        for viewpoint in self.viewpoints:
            if name.startswith(score_field(viewpoint.pk, "")):
                return f"{viewpoint.name}: {field.label}"
        return super().change_label(name, field)

    def detail_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.Meta.fields]

    def score_rows(self) -> list[ScoreRow]:
        return [
            ScoreRow(
                viewpoint,
                self[score_field(viewpoint.pk, "current")],
                self[score_field(viewpoint.pk, "target")],
                self[score_field(viewpoint.pk, "note")],
            )
            for viewpoint in self.viewpoints
        ]

    def to_input(self) -> AssessmentInput:
        data = self.cleaned_data
        return AssessmentInput(
            title=data["title"],
            assessed_on=data["assessed_on"],
            stage=data["stage"],
            roadmap=data["roadmap"],
            notes=data["notes"],
            scores=[
                ScoreInput(
                    viewpoint=viewpoint,
                    current=data.get(score_field(viewpoint.pk, "current")),
                    target=data.get(score_field(viewpoint.pk, "target")),
                    note=data.get(score_field(viewpoint.pk, "note")) or "",
                )
                for viewpoint in self.viewpoints
            ],
        )
