from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tiekartta.reports.spreadsheet import MAX_UPLOAD_BYTES
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
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Shown at the start of the interim report in every format."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Task list (.xlsx or .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        # Refused before it is read: the size is known from the upload's headers.
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB."),
                params={"limit": MAX_UPLOAD_BYTES // (1024 * 1024)},
            )
        return upload
