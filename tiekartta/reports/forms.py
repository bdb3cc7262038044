from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tiekartta.core.text import DESCRIPTION
from tiekartta.roadmap.models import Roadmap


class ReportDateForm(forms.Form):
    date = forms.DateField(
        label=_("Situation on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, roadmap: Roadmap, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.roadmap = roadmap

    def clean_date(self) -> datetime.date | None:
        value: datetime.date | None = self.cleaned_data.get("date")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("Choose today or an earlier date."))
        if value and value < self.roadmap.first_quarter.first_day:
            raise forms.ValidationError(
                _("Choose a date on or after the start of the period %(period)s."),
                params={"period": self.roadmap.period_label},
            )
        return value


class ForewordForm(forms.Form):
    text = forms.CharField(
        label=_("Foreword"),
        required=False,
        max_length=DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Shown at the start of the interim report in every format."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
