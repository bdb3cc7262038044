from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tiekartta.core.text import DESCRIPTION
from tiekartta.core.translations import ContentLanguages, language_name
from tiekartta.roadmap.models import Roadmap


class ReportDateForm(forms.Form):
    date = forms.DateField(
        label=_("Situation on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    # One of the organisation's languages; an unknown one (an old link) is the default's.
    language = forms.CharField(label=_("Language of the report"), required=False)

    def __init__(
        self,
        *args: Any,
        roadmap: Roadmap,
        languages: ContentLanguages | None = None,
        default_language: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.roadmap = roadmap
        self.languages = languages or ContentLanguages(default_language or "fi")
        self.default_language = default_language or self.languages.primary
        field = self.fields["language"]
        field.initial = self.default_language
        field.widget = forms.Select(
            choices=[(code, language_name(code)) for code in self.languages.all]
        )

    @property
    def offers_languages(self) -> bool:
        return bool(self.languages.others)

    def clean_language(self) -> str:
        value = self.cleaned_data.get("language") or ""
        return value if value in self.languages.all else self.default_language

    def chosen_language(self) -> str:
        """The report's language: the one asked for, else the default."""
        if self.is_bound and hasattr(self, "cleaned_data"):
            return str(self.cleaned_data.get("language") or self.default_language)
        return self.default_language

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
