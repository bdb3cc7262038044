"""Forms of workshops, scoring, the scoring settings and accepting ideas into a new task."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tiekartta.accounts.models import Organisation
from tiekartta.core.forms import VersionedFormMixin
from tiekartta.core.quarters import validate_quarter
from tiekartta.core.templatetags.tiekartta import in_content_language
from tiekartta.ideas.forms import ThemeChoiceField
from tiekartta.ideas.models import TITLE_LENGTH, Idea, ScoringSettings, Voting, Workshop
from tiekartta.ideas.selectors import themes_for_ideas
from tiekartta.roadmap.models import Person, Theme

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _people(field: forms.Field, organisation: Organisation) -> None:
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = Person.objects.filter(organisation=organisation).order_by("name")
    # A person's name is the organisation's content, marked with its language (WCAG 3.1.2).
    field.label_from_instance = in_content_language  # type: ignore[method-assign,assignment]


class ScoringSettingsForm(VersionedFormMixin, forms.ModelForm[ScoringSettings]):
    class Meta:
        model = ScoringSettings
        fields = ["scale", "impact_weight", "effort_weight", "fit_weight", "dots"]


class WorkshopOpenForm(forms.ModelForm[Workshop]):
    theme = ThemeChoiceField(queryset=Theme.objects.none(), required=False, label=_("Theme"))
    take_up_open_ideas = forms.BooleanField(
        label=_("Take up the theme's open ideas"),
        required=False,
        initial=True,
        help_text=_("The theme's new ideas and those under review are put on the list to score."),
    )

    class Meta:
        model = Workshop
        fields = ["title", "theme", "held_on", "voting", "attendees"]
        widgets = {"held_on": DATE_WIDGET, "attendees": forms.CheckboxSelectMultiple}
        help_texts = {
            "title": _("The ideas written in the workshop get this as their source event."),
        }

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes_for_ideas(organisation).filter(  # type: ignore[attr-defined]
            roadmap__is_archived=False
        )
        _people(self.fields["attendees"], organisation)
        # The new instance's empty date is in the initial values already: today replaces it.
        if not self.initial.get("held_on"):
            self.initial["held_on"] = timezone.localdate()
        if not self.initial.get("voting"):
            self.initial["voting"] = Voting.SCORES


class WorkshopDetailsForm(VersionedFormMixin, forms.ModelForm[Workshop]):
    class Meta:
        model = Workshop
        fields = ["title", "held_on", "attendees", "notes"]
        widgets = {
            "held_on": DATE_WIDGET,
            "attendees": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # On the workshop's page beside the idea form, whose title is another field.
        kwargs.setdefault("prefix", "details")
        super().__init__(*args, **kwargs)
        _people(self.fields["attendees"], self.instance.organisation)


class QuickIdeaForm(forms.Form):
    """Writing ideas one after another: the title is enough, Enter saves."""

    title = forms.CharField(label=_("Idea"), max_length=TITLE_LENGTH)
    description = forms.CharField(
        label=_("More detail (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _scale_choices(scale: int) -> list[tuple[str, str]]:
    return [("", "–"), *((str(n), str(n)) for n in range(1, scale + 1))]


class ScoreForm(forms.Form):
    """One person's score of one idea; every field is 1…the workshop's scale, or empty."""

    impact = forms.TypedChoiceField(label=_("Impact"), coerce=int, required=False, empty_value=None)
    effort = forms.TypedChoiceField(label=_("Effort"), coerce=int, required=False, empty_value=None)
    fit = forms.TypedChoiceField(
        label=_("Strategic fit"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, workshop: Workshop, idea: Idea, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"idea-{idea.pk}")
        super().__init__(*args, **kwargs)
        for name in ("impact", "effort", "fit"):
            field = self.fields[name]
            assert isinstance(field, forms.TypedChoiceField)
            field.choices = _scale_choices(workshop.scale)
            field.error_messages["invalid_choice"] = _("Give a score from 1 to %(scale)s.") % {
                "scale": workshop.scale
            }


class DotsForm(forms.Form):
    dots = forms.IntegerField(label=_("Dots"), min_value=0)

    def __init__(self, *args: Any, workshop: Workshop, idea: Idea, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"idea-{idea.pk}")
        super().__init__(*args, **kwargs)
        dots = self.fields["dots"]
        assert isinstance(dots, forms.IntegerField)
        dots.max_value = workshop.dots
        dots.widget.attrs.update({"min": 0, "max": workshop.dots})


class TakeUpForm(forms.Form):
    ideas = forms.ModelMultipleChoiceField(
        queryset=Idea.objects.none(),
        label=_("Ideas from the backlog"),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, workshop: Workshop, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["ideas"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = (
            Idea.objects.filter(
                organisation=workshop.organisation, status__in=("new", "under_review")
            )
            .exclude(workshops=workshop)
            .order_by("title", "pk")
        )


class NewTaskForm(forms.Form):
    """Accepting ideas into a task that does not exist yet: where it goes, who answers for it
    and when it is planned."""

    theme = forms.ModelChoiceField(queryset=Theme.objects.none(), label=_("Theme"))
    title = forms.CharField(label=_("Task title"), max_length=200)
    owner = forms.ModelChoiceField(queryset=Person.objects.none(), label=_("Responsible person"))
    start = forms.CharField(
        label=_("Target start"),
        required=False,
        max_length=6,
        validators=[validate_quarter],
        help_text=_("For example 2027Q1."),
    )
    due = forms.CharField(
        label=_("Target end"), required=False, max_length=6, validators=[validate_quarter]
    )
    quick_win = forms.BooleanField(label=_("Quick win"), required=False)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to the proposers, and on the public site where an idea is public."),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        theme = self.fields["theme"]
        assert isinstance(theme, forms.ModelChoiceField)
        theme.queryset = themes_for_ideas(organisation).filter(roadmap__is_archived=False)
        theme.label_from_instance = lambda obj: f"{obj.name} ({obj.roadmap.title})"  # type: ignore[method-assign]
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        # An option holds text only: no language markup around the name.
        owner.queryset = Person.objects.filter(organisation=organisation).order_by("name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, due = data.get("start"), data.get("due")
        # Quarters written "2027Q1" compare as text in time order.
        if start and due and due < start:
            self.add_error("due", _("The target end cannot be before the target start."))
        return data
