"""The forms of the plan's life: a decision, a revision's task and metric target, the
comparison of two versions and the renewal wizard's two steps."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tiekartta.core.quarters import Quarter, quarter_range
from tiekartta.metrics.formatting import expected_places, round_to
from tiekartta.plans.models import PlanVersion, RevisionDraft
from tiekartta.plans.renewal import Proposal
from tiekartta.roadmap.forms import quarter_choices
from tiekartta.roadmap.models import (
    FIRST_YEAR,
    LAST_YEAR,
    Kind,
    Person,
    Priority,
    Roadmap,
    Theme,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DecisionForm(forms.ModelForm[PlanVersion]):
    class Meta:
        model = PlanVersion
        fields = ["decided_on", "decision_body", "decision_reference", "summary"]
        widgets = {"decided_on": DATE_INPUT, "summary": forms.Textarea(attrs={"rows": 3})}


class RevisionStartForm(forms.ModelForm[RevisionDraft]):
    class Meta:
        model = RevisionDraft
        fields = ["title", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class DraftTaskForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    theme = forms.ModelChoiceField(label=_("theme"), queryset=Theme.objects.none())
    owner = forms.ModelChoiceField(label=_("responsible person"), queryset=Person.objects.none())
    start = forms.ChoiceField(label=_("target start"), required=False)
    due = forms.ChoiceField(label=_("target end"), required=False)
    kind = forms.ChoiceField(label=_("kind"), choices=Kind.choices)
    priority = forms.ChoiceField(label=_("priority"), choices=Priority.choices)
    quick_win = forms.BooleanField(label=_("quick win"), required=False)

    def __init__(self, *args: Any, roadmap: Roadmap, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = roadmap.themes.in_display_order()  # type: ignore[attr-defined]
        self.fields["owner"].queryset = Person.objects.of_organisation(roadmap.organisation)  # type: ignore[attr-defined]
        for name in ("start", "due"):
            self.fields[name].choices = quarter_choices(roadmap, "—")  # type: ignore[attr-defined]


class DraftMetricForm(forms.Form):
    target_value = forms.DecimalField(
        label=_("target value"), max_digits=14, decimal_places=4, localize=True
    )
    target_date = forms.DateField(label=_("target date"), widget=DATE_INPUT)


class CompareForm(forms.Form):
    a = forms.ChoiceField(label=_("Compare"))
    b = forms.ChoiceField(label=_("with"))

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["a"].choices = choices  # type: ignore[attr-defined]
        self.fields["b"].choices = choices  # type: ignore[attr-defined]


# The renewal wizard ------------------------------------------------------------------------


class RenewalPeriodForm(forms.Form):
    """Step 1: the new period and its name."""

    title = forms.CharField(label=_("title"), max_length=200)
    slug = forms.SlugField(
        label=_("short name in addresses"),
        max_length=60,
        help_text=_("Letters, numbers and hyphens, for example 2023-2025."),
    )
    start_year = forms.IntegerField(
        label=_("first year"), min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    end_year = forms.IntegerField(label=_("last year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)

    def __init__(self, *args: Any, roadmap: Roadmap, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.roadmap = roadmap

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_year"), data.get("end_year")
        if start is not None and start <= self.roadmap.end_year:
            self.add_error(
                "start_year",
                _("The new period must begin after the old one ends: in %(year)s or later.")
                % {"year": self.roadmap.end_year + 1},
            )
        if start is not None and end is not None and end < start:
            self.add_error("end_year", _("The last year cannot be before the first year."))
        slug = data.get("slug")
        if (
            slug
            and Roadmap.objects.filter(
                organisation=self.roadmap.organisation_id, slug=slug
            ).exists()
        ):
            self.add_error(
                "slug", _("This organisation already has a roadmap with this short name.")
            )
        return data


class RenewalContentForm(forms.Form):
    """Step 2: what the new roadmap takes over. One row of fields per theme, unfinished task
    and metric, named after the old object's key (theme_12_name, task_40_start…)."""

    def __init__(
        self, *args: Any, proposal: Proposal, start_year: int, end_year: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        quarters = [("", "—")] + [
            (str(q), q.label()) for q in quarter_range(Quarter(start_year, 1), Quarter(end_year, 4))
        ]
        theme_choices = [(str(t.source.pk), t.name) for t in proposal.plan.themes if t.source]
        for theme in proposal.plan.themes:
            assert theme.source is not None
            key = f"theme_{theme.source.pk}"
            self.fields[f"{key}_keep"] = forms.BooleanField(
                label=_("Copy"), required=False, initial=True
            )
            self.fields[f"{key}_name"] = forms.CharField(
                label=_("name"), max_length=120, initial=theme.name
            )
        for item in proposal.unfinished:
            key = f"task_{item.task.pk}"
            self.fields[f"{key}_carry"] = forms.BooleanField(
                label=_("Carry over"), required=False, initial=True
            )
            self.fields[f"{key}_theme"] = forms.ChoiceField(
                label=_("theme"), choices=theme_choices, initial=str(item.task.theme_id)
            )
            self.fields[f"{key}_start"] = forms.ChoiceField(
                label=_("new target start"), choices=quarters, initial=item.start, required=False
            )
            self.fields[f"{key}_due"] = forms.ChoiceField(
                label=_("new target end"), choices=quarters, initial=item.due, required=False
            )
        for metric in proposal.metrics:
            key = f"metric_{metric.metric.pk}"
            self.fields[f"{key}_carry"] = forms.BooleanField(
                label=_("Carry over"), required=False, initial=True
            )
            self.fields[f"{key}_target_value"] = forms.DecimalField(
                label=_("new target value"),
                max_digits=14,
                decimal_places=4,
                localize=True,
                initial=round_to(metric.target_value, expected_places(metric.metric)),
                required=False,
            )
            self.fields[f"{key}_target_date"] = forms.DateField(
                label=_("new target date"),
                widget=DATE_INPUT,
                initial=datetime.date(end_year, 12, 31),
                required=False,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for metric in self.proposal.metrics:
            key = f"metric_{metric.metric.pk}"
            if data.get(f"{key}_carry"):
                for name in ("target_value", "target_date"):
                    if data.get(f"{key}_{name}") in (None, ""):
                        self.add_error(
                            f"{key}_{name}", _("Set the new target of a metric carried over.")
                        )
        return data
