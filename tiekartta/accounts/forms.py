from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from tiekartta.accounts.models import Role
from tiekartta.core.forms import VersionedFormMixin
from tiekartta.core.translations import (
    ContentLanguages,
    language_codes,
    language_name,
    language_name_in_prose,
    page_language,
)


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_(
            "The invitation goes to this address. The person accepts it with their account "
            "or creates one; until then nothing changes."
        ),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.VIEWER)


class TokenForm(forms.Form):
    """The token of a one-time link, posted from the page the link opens (the link carries it
    after #, which the browser does not send to the server)."""

    token = forms.CharField(
        label=_("Code from the link"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=_("Filled in from the link; without JavaScript, paste the code from the mail."),
    )


class NewAccountForm(forms.Form):
    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only numbers."),
    )
    password_again = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("password")
            and cleaned.get("password_again")
            and cleaned["password"] != cleaned["password_again"]
        ):
            self.add_error("password_again", _("The passwords differ."))
        return cleaned


class VerifyEmailForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=254)


class RoleForm(VersionedFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class _LanguageOptions:
    """Options that carry their language: each language is offered in its own name
    ("svenska"), marked so that a screen reader pronounces it as that language."""

    def create_option(self, name: str, value: Any, label: Any, *args: Any, **kwargs: Any) -> Any:
        option = super().create_option(name, value, label, *args, **kwargs)  # type: ignore[misc]
        if value:
            option["attrs"]["lang"] = str(value)
        return option


class LanguageSelect(_LanguageOptions, forms.Select):
    pass


class LanguageCheckboxes(_LanguageOptions, forms.CheckboxSelectMultiple):
    def create_option(self, name: str, value: Any, label: Any, *args: Any, **kwargs: Any) -> Any:
        option = super().create_option(name, value, label, *args, **kwargs)
        # The box's own label, after the input, is the language's name in that language.
        option["attrs"].pop("lang", None)
        if value and str(value) != page_language():
            option["label"] = format_html('<span lang="{}">{}</span>', value, label)
        return option


class ContentLanguagesForm(forms.Form):
    """Which languages the organisation writes its content in, and which is primary.

    `started_from` holds the languages as saved when the form was opened
    (`ContentLanguages.all`, comma-separated): the service refuses the save when they have
    changed meanwhile (the organisation has no version column to claim)."""

    languages = forms.MultipleChoiceField(
        label=_("Languages in use"),
        widget=LanguageCheckboxes,
        error_messages={"required": _("Choose at least one language.")},
    )
    primary_language = forms.ChoiceField(
        label=_("Primary language"),
        widget=LanguageSelect,
        help_text=_(
            "Titles and descriptions are written in the primary language first; the other "
            "languages get versions beside them."
        ),
    )
    started_from = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, current: ContentLanguages, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(code, language_name(code)) for code in language_codes()]
        for name in ("languages", "primary_language"):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = choices
        self.fields["languages"].initial = list(current.all)
        self.fields["primary_language"].initial = current.primary
        self.fields["started_from"].initial = self.encode(current)

    @staticmethod
    def encode(languages: ContentLanguages) -> str:
        return ",".join(languages.all)

    @property
    def expected(self) -> ContentLanguages | None:
        """The languages the user started from; None when the post did not say."""
        codes = [c for c in (self.cleaned_data.get("started_from") or "").split(",") if c]
        return ContentLanguages(codes[0], tuple(codes[1:])) if codes else None

    def show_conflict(self, saved: ContentLanguages) -> None:
        """Keep what the user chose, say what is saved now, and let the next save start
        from it."""
        self.add_error(
            None,
            _(
                "Someone else changed the languages while you were editing them: they are now "
                "%(languages)s, %(primary)s as the primary language. Your choices were not "
                "saved; check them and save again."
            )
            % {
                "languages": ", ".join(language_name_in_prose(code) for code in saved.all),
                "primary": language_name_in_prose(saved.primary),
            },
        )
        data = self.data.copy()  # type: ignore[attr-defined]
        data[self.add_prefix("started_from")] = self.encode(saved)
        self.data = data

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        primary, chosen = cleaned.get("primary_language"), cleaned.get("languages")
        if primary and chosen and primary not in chosen:
            self.add_error(
                "primary_language",
                _("The primary language must be one of the languages chosen above."),
            )
        return cleaned
