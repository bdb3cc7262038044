from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tiekartta.accounts.models import Organisation
from tiekartta.core.forms import LanguageVersionsMixin, VersionedFormMixin
from tiekartta.core.templatetags.tiekartta import in_content_language
from tiekartta.core.text import NOTE
from tiekartta.core.translations import ContentLanguages
from tiekartta.progress.experiments import ExperimentInput
from tiekartta.progress.models import Experiment, Review
from tiekartta.progress.selectors import roadmap_quarter_choices
from tiekartta.roadmap.forms import quarter_choices
from tiekartta.roadmap.models import Person, Roadmap, Status

PERCENT_MESSAGES = {
    "required": _("Enter the completion as a whole number from 0 to 100."),
    "invalid": _("Enter the completion as a whole number from 0 to 100."),
    # Django fills in the limit: "%%" is a percent sign.
    "min_value": _("The completion cannot be below %(limit_value)s %%."),
    "max_value": _("The completion cannot be above %(limit_value)s %%."),
}


class ProgressEntryForm(LanguageVersionsMixin, forms.Form):
    """A progress entry. In a review row or on My tasks the quarter is fixed and hidden.

    On the task's own page the form has the public summary too, and, given `languages` and
    the task's `translations`, its versions in the organisation's other languages beside it."""

    translated_fields = ("public_summary",)

    quarter = forms.ChoiceField(
        label=_("Quarter"),
        error_messages={
            "invalid_choice": _(
                "Choose a quarter of the roadmap period, up to the current quarter. If the "
                "page was open across a change of quarter, reload it."
            )
        },
    )
    completion = forms.IntegerField(
        label=_("Completion (%)"),
        min_value=0,
        max_value=100,
        error_messages=PERCENT_MESSAGES,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 1, "class": "percent"}),
    )
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What was done, what is next, what is in the way."),
    )

    def __init__(
        self,
        *args: Any,
        roadmap: Roadmap,
        today: datetime.date,
        fixed_quarter: str | None = None,
        languages: ContentLanguages | None = None,
        translations: Mapping[str, Mapping[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        quarter = self.fields["quarter"]
        assert isinstance(quarter, forms.ChoiceField)
        if fixed_quarter:
            quarter.choices = [(fixed_quarter, fixed_quarter)]
            quarter.widget = forms.HiddenInput()
            quarter.initial = fixed_quarter
            # In a row, Enter in the note saves the row, as in the other fields; the row has
            # no room for the help text.
            self.fields["note"].widget = forms.TextInput(attrs={"maxlength": 2000})
            self.fields["note"].help_text = ""
        else:
            quarter.choices = roadmap_quarter_choices(roadmap, today)
            # The task's own page: the owner may rewrite what residents read. A row (review,
            # My tasks) has no room for it and leaves the summary as it is.
            self.fields["public_summary"] = forms.CharField(
                label=_("Public summary"),
                required=False,
                max_length=NOTE,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_(
                    "Shown to residents on the public site if the task is public. The note "
                    "above stays internal."
                ),
            )
            if languages is not None:
                self.add_language_versions(languages, translations)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == Status.DONE and data.get("completion") not in (None, 100):
            self.add_error(
                "completion",
                _("A done task is fully complete: enter 100 or choose another status."),
            )
        return data


REVIEW_WIDGETS = {
    "meeting_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    "attendees": forms.CheckboxSelectMultiple,
    "minutes": forms.Textarea(attrs={"rows": 4}),
    "decisions": forms.Textarea(attrs={"rows": 4}),
}


class ReviewForm(forms.ModelForm):
    """Opening a review meeting."""

    quarter = forms.ChoiceField(label=_("Quarter"))

    class Meta:
        model = Review
        fields = ["quarter", "meeting_date", "attendees", "minutes"]
        widgets = REVIEW_WIDGETS

    def __init__(self, *args: Any, roadmap: Roadmap, today: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        quarter = self.fields["quarter"]
        assert isinstance(quarter, forms.ChoiceField)
        quarter.choices = roadmap_quarter_choices(roadmap, today)
        _limit_attendees(self, roadmap.organisation)


class ReviewDetailsForm(VersionedFormMixin, forms.ModelForm[Review]):
    """The meeting's details, saved while the meeting goes on."""

    class Meta:
        model = Review
        fields = ["meeting_date", "attendees", "minutes", "decisions"]
        widgets = REVIEW_WIDGETS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit_attendees(self, self.instance.roadmap.organisation)


def _limit_attendees(form: forms.ModelForm, organisation: Organisation) -> None:
    attendees = form.fields["attendees"]
    assert isinstance(attendees, forms.ModelMultipleChoiceField)
    attendees.queryset = Person.objects.filter(organisation=organisation).order_by("name")
    # A person's name and title are the organisation's content: marked with its language on a
    # page in another (WCAG 3.1.2), as the pages that list people do.
    attendees.label_from_instance = in_content_language  # type: ignore[method-assign,assignment]


class ExperimentForm(VersionedFormMixin, forms.ModelForm[Experiment]):
    """A pilot task's experiment. The instance is the saved experiment, or a new one of the
    task (`Experiment(task=task)`), whose form starts from the task's schedule."""

    class Meta:
        model = Experiment
        fields = [
            "hypothesis",
            "success_criteria",
            "starts",
            "ends",
            "result",
            "lesson",
            "decision",
            "decided_at",
        ]
        widgets = {
            "hypothesis": forms.Textarea(attrs={"rows": 3}),
            "success_criteria": forms.Textarea(attrs={"rows": 3}),
            "result": forms.Textarea(attrs={"rows": 4}),
            "lesson": forms.Textarea(attrs={"rows": 3}),
            "decided_at": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "decision": _("Decide once the result is in: scale up, continue or stop."),
            "decided_at": _("Today if left empty when a decision is chosen."),
        }

    def __init__(self, *args: Any, roadmap: Roadmap, **kwargs: Any) -> None:
        instance = kwargs.get("instance")
        if instance is not None and instance.pk is None and "initial" not in kwargs:
            kwargs["initial"] = {"starts": instance.task.start, "ends": instance.task.due}
        super().__init__(*args, **kwargs)
        for name, blank in (("starts", _("No start")), ("ends", _("No end"))):
            self.fields[name].widget = forms.Select(choices=quarter_choices(roadmap, str(blank)))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # A decision is dated: today unless the user gave the day it was made.
        if data.get("decision") and not data.get("decided_at") and "decided_at" not in self.errors:
            data["decided_at"] = timezone.localdate()
        return data

    def to_input(self) -> ExperimentInput:
        data = self.cleaned_data
        return ExperimentInput(
            hypothesis=data["hypothesis"],
            success_criteria=data["success_criteria"],
            starts=data["starts"],
            ends=data["ends"],
            result=data["result"],
            lesson=data["lesson"],
            decision=data["decision"],
            decided_at=data["decided_at"],
        )
