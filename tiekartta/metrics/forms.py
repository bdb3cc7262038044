from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import get_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from tiekartta.core.forms import LanguageVersionsMixin, VersionedFormMixin
from tiekartta.metrics.formatting import plain
from tiekartta.metrics.models import DECIMAL_PLACES, MAX_DIGITS, Metric
from tiekartta.metrics.periods import Period
from tiekartta.metrics.reading import AmbiguousNumberError, read_number
from tiekartta.metrics.services import MetricInput
from tiekartta.roadmap.models import Person, Roadmap, Task, Theme

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def read_typed_number(text: str) -> Decimal:
    """A number as people type it in any of our languages (41,5 or 41.5, 1 234,5), read by the
    same rules as the import; one that could be read two ways is asked about, not guessed."""
    try:
        number, unit = read_number(text)
    except AmbiguousNumberError:
        raise ValidationError(
            _("Write the number without a thousands separator, for example 1234 or 12.5."),
            code="ambiguous",
        ) from None
    except (ValueError, ArithmeticError):
        raise ValidationError(_("Enter a number."), code="invalid") from None
    if unit:
        raise ValidationError(_("Enter the number only, without a unit."), code="unit")
    return number


class NumberField(forms.DecimalField):
    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        return read_typed_number(str(value))

    def prepare_value(self, value: Any) -> Any:
        """A stored number as the user would type it: 20 rather than 20.0000, and without
        thousands separators, which `read_number` would find ambiguous when saved again."""
        if isinstance(value, Decimal):
            return str(plain(value)).replace(".", get_format("DECIMAL_SEPARATOR"))
        return value


def number_field(label: str, required: bool = True, help_text: str = "") -> forms.DecimalField:
    """A decimal field that reads the user's own way of writing numbers."""
    field = NumberField(
        label=label,
        required=required,
        max_digits=MAX_DIGITS,
        decimal_places=DECIMAL_PLACES,
        localize=True,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    return field


class MetricForm(LanguageVersionsMixin, VersionedFormMixin, forms.ModelForm[Metric]):
    translated_fields = ("name", "description")

    class Meta:
        model = Metric
        fields = [*MetricInput.SCALAR_FIELDS, "tasks"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "measurement": forms.Textarea(attrs={"rows": 3}),
            "baseline_date": DATE_INPUT,
            "target_date": DATE_INPUT,
            "tasks": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, roadmap: Roadmap, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.roadmap = roadmap
        self.instance.roadmap = roadmap
        self.fields["baseline_value"] = number_field(
            capfirst(str(_("baseline value"))),
            required=False,
            help_text=str(_("The level at the start.")),
        )
        self.fields["target_value"] = number_field(capfirst(str(_("target value"))))
        self._scope("theme", Theme.objects.filter(roadmap=roadmap).in_display_order())
        theme = self.fields["theme"]
        assert isinstance(theme, forms.ModelChoiceField)
        theme.empty_label = str(_("The whole roadmap"))
        self._scope("owner", Person.objects.of_organisation(roadmap.organisation).order_by("name"))
        self._scope("tasks", Task.objects.filter(roadmap=roadmap).for_listing())
        milestones = (
            {m.year: m.value for m in self.instance.milestones.all()} if (self.instance.pk) else {}
        )
        for year in range(roadmap.start_year, roadmap.end_year + 1):
            field = number_field(
                str(_("Intermediate target for the end of %(year)s")) % {"year": year},
                required=False,
            )
            field.initial = milestones.get(year)
            self.fields[f"milestone_{year}"] = field
        self.add_language_versions(
            roadmap.organisation.content_languages, self.instance.translations
        )

    def _scope(self, name: str, queryset: Any) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField | forms.ModelMultipleChoiceField)
        field.queryset = queryset

    def saved_values(self, saved: Any) -> dict[str, Any]:
        values = dict(super().saved_values(saved))
        milestones = {milestone.year: milestone.value for milestone in saved.milestones.all()}
        for name in self.fields:
            if name.startswith("milestone_"):
                values[name] = milestones.get(int(name.removeprefix("milestone_")))
        return values

    @property
    def milestone_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("milestone_")]

    @property
    def definition_fields(self) -> list[forms.BoundField]:
        skip = {"tasks", "version"}
        return [
            self[name]
            for name in self.fields
            if name not in skip and not name.startswith("milestone_")
        ]

    def to_input(self) -> MetricInput:
        data = self.cleaned_data
        milestones = {
            int(name.removeprefix("milestone_")): value
            for name, value in data.items()
            if name.startswith("milestone_") and value is not None
        }
        scalars: dict[str, Any] = {name: data.get(name) for name in MetricInput.SCALAR_FIELDS}
        for name in ("description", "measurement", "source", "unit_label"):
            scalars[name] = scalars[name] or ""
        return MetricInput(
            **scalars,
            tasks=list(data.get("tasks") or []),
            milestones=milestones,
            translations=self.cleaned_translations(),
        )


def period_choices(metric: Metric, today: datetime.date, taken: set[str]) -> list[tuple[str, str]]:
    """Periods of the roadmap that have begun and have no value yet, the latest first."""
    roadmap = metric.roadmap
    period = Period(roadmap.start_year, 1, metric.frequency)
    choices = []
    while period.year <= roadmap.end_year and period.first_day <= today:
        if str(period) not in taken:
            choices.append((str(period), period.label()))
        period = period.next()
    return list(reversed(choices))


class ValueForm(forms.Form):
    """A new value. A period that has a value is corrected on that value's own form."""

    period = forms.ChoiceField(label=_("Period"))
    value = number_field(str(_("Value")))
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    source = forms.CharField(
        label=_("Source"),
        required=False,
        max_length=200,
        help_text=_("Where this value comes from, if not the metric's usual source."),
    )

    def __init__(
        self, *args: Any, metric: Metric, today: datetime.date, taken: set[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["period"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = period_choices(metric, today, taken)
        self.fields["value"].label = (
            _("Value (%(unit)s)") % {"unit": metric.unit_text} if (metric.unit_text) else _("Value")
        )


class ValueCorrectionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    value = number_field(str(_("Value")))
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    source = forms.CharField(label=_("Source"), required=False, max_length=200)


class ValueDeleteForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
