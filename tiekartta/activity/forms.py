"""The change log's filters, all in the query string so a filtered log can be shared."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tiekartta.accounts.models import Organisation, User
from tiekartta.activity.selectors import LogFilter, kinds
from tiekartta.roadmap.models import Roadmap

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class UserChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """Members by the name the change log shows for them."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())


class LogFilterForm(forms.Form):
    q = forms.CharField(label=_("Object's name"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    who = UserChoiceField(
        label=_("Made by"), queryset=User.objects.none(), required=False, empty_label=_("All")
    )
    roadmap = forms.ModelChoiceField(
        label=_("Roadmap"), queryset=Roadmap.objects.none(), required=False, empty_label=_("All")
    )
    since = forms.DateField(label=_("From"), required=False, widget=DATE_INPUT)
    until = forms.DateField(label=_("To"), required=False, widget=DATE_INPUT)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        who = self.fields["who"]
        roadmap = self.fields["roadmap"]
        assert isinstance(who, forms.ModelChoiceField)
        assert isinstance(roadmap, forms.ModelChoiceField)
        who.queryset = User.objects.filter(memberships__organisation=organisation).order_by(
            "first_name", "last_name", "username"
        )
        roadmap.queryset = Roadmap.objects.filter(organisation=organisation).order_by(
            "-start_year", "title"
        )
        self.fields["kind"].choices = [("", str(_("All"))), *kinds()]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end date cannot be before the start date."))
        return cleaned

    def log_filter(self) -> LogFilter:
        """The filters as the selector takes them; none when the form is invalid."""
        if not self.is_bound or not self.is_valid():
            return LogFilter()
        data = self.cleaned_data
        return LogFilter(
            kind=data.get("kind") or "",
            who=data["who"].pk if data.get("who") else None,
            since=data.get("since"),
            until=data.get("until"),
            roadmap=data["roadmap"].pk if data.get("roadmap") else None,
            text=(data.get("q") or "").strip(),
        )
