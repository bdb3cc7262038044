from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tiekartta.accounts.models import ApiToken, Organisation


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("Which system uses the token, for example Data warehouse."),
    )

    records_progress = forms.BooleanField(
        label=_("May record progress"),
        required=False,
        help_text=_(
            "Without it the token reads the roadmaps and records metric values only; with it, "
            "it also records progress entries for every task."
        ),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        # Checked here as well as by the database, so that the message stands by the field.
        if ApiToken.objects.filter(organisation=self.organisation).named(name).exists():
            raise forms.ValidationError(
                _("The organisation already has a token with this name (revoked ones count too).")
            )
        return name
