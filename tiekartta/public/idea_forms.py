"""The public idea form: what a resident writes, and the honeypot that catches robots."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tiekartta.core.text import DESCRIPTION
from tiekartta.core.translations import text_in
from tiekartta.ideas.models import SUBMITTER_LENGTH, TITLE_LENGTH
from tiekartta.roadmap.models import Theme

HONEYPOT = "website"


class ThemeChoice(forms.ModelChoiceField[Theme]):
    """A theme by its name in the page's language; with several current roadmaps, the
    roadmap's title after it."""

    def __init__(self, *args: Any, with_roadmap: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.with_roadmap = with_roadmap

    def label_from_instance(self, obj: Theme) -> str:
        name = text_in(obj, "name")
        if self.with_roadmap:
            return f"{name} ({text_in(obj.roadmap, 'title')})"
        return str(name)


class IdeaProposalForm(forms.Form):
    # Why the whole submission was refused before it was read (too large), shown on top.
    refusal = ""

    title = forms.CharField(
        label=_("Your idea in a few words"),
        max_length=TITLE_LENGTH,
        error_messages={
            "required": _("Write your idea in a few words."),
            "max_length": _(
                "The title can be at most %(limit_value)s characters long; it now has "
                "%(show_value)s. Shorten it and tell the rest in the description."
            ),
        },
        help_text=_("For example “Library rooms could be booked online”."),
    )
    description = forms.CharField(
        label=_("Description (optional)"),
        max_length=DESCRIPTION,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "max_length": _(
                "The description can be at most %(limit_value)s characters long; it now has "
                "%(show_value)s."
            ),
        },
        help_text=_("What should be done, and whom would it help?"),
    )
    theme = ThemeChoice(
        queryset=Theme.objects.none(),
        required=False,
        label=_("Theme (optional)"),
        empty_label=_("I do not know"),
        error_messages={"invalid_choice": _("Choose one of the themes, or none.")},
    )
    submitter = forms.CharField(
        label=_("Your name or group (optional)"),
        max_length=SUBMITTER_LENGTH,
        required=False,
        error_messages={
            "max_length": _(
                "The name can be at most %(limit_value)s characters long; it now has "
                "%(show_value)s."
            )
        },
        help_text=_("Shown to the digital group only, never on the public site."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    # The honeypot: hidden from people (also from screen readers, and out of the tab order);
    # a robot fills it in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args: Any, themes: list[Theme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["theme"]
        assert isinstance(field, ThemeChoice)
        field.queryset = Theme.objects.filter(pk__in=[theme.pk for theme in themes])
        field.with_roadmap = len({theme.roadmap_id for theme in themes}) > 1
        # The choices from the themes already read, in their order, without another query.
        choices = [(theme.pk, field.label_from_instance(theme)) for theme in themes]
        field.choices = [("", field.empty_label), *choices]
        self.has_themes = bool(themes)

    def caught_in_honeypot(self) -> bool:
        return bool(str(self.data.get(HONEYPOT, "")).strip())
