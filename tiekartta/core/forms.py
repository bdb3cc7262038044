"""Form helpers every app uses: service errors next to their fields, and the edit forms'
optimistic locking (`VersionedFormMixin`) with a view of what changed on a conflict."""

from __future__ import annotations

import copy
import datetime
import decimal
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.http import Http404
from django.utils import formats
from django.utils.translation import gettext as _

from tiekartta.core.translations import ContentLanguages, Translations, cleaned, language_name

ModelT = TypeVar("ModelT", bound=models.Model)


def apply_validation_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError next to the fields it names, the rest on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            # NON_FIELD_ERRORS and fields the form does not show (absent or hidden) go on top
            # of the form, where the user can see them.
            shown = field in form.fields and not form.fields[field].widget.is_hidden
            target = field if shown else None
            for item in errors:
                form.add_error(target, item)
    else:
        form.add_error(None, error)


def posted_version(data: Mapping[str, Any]) -> int:
    """The version a form posted (optimistic locking); anything but a number is 0, which no
    object has, so a tampered or missing version is told as someone else's save."""
    value = str(data.get("version", ""))
    return int(value) if value.isascii() and value.isdigit() else 0


def unsaved_copy(instance: ModelT) -> ModelT:
    """A copy for a form or a service to write the submitted values on.

    A ModelForm writes the values onto its instance while it validates, and a service onto
    the object it is given before it may refuse. The page re-rendered after a refusal must
    show the object as it is saved (links, breadcrumbs, headings), never the refused values:
    an unsaved short name would make every link of the page point at an address that does
    not exist."""
    return copy.copy(instance)


def reloaded(instance: ModelT) -> ModelT:
    """The object as it is saved now (after a conflict: what the other person saved)."""
    try:
        return type(instance)._default_manager.get(pk=instance.pk)
    except ObjectDoesNotExist as error:  # deleted meanwhile
        raise Http404 from error


@dataclass(frozen=True)
class ConflictChange:
    """One field whose saved value differs from what the user has in the form."""

    label: str
    saved: str
    yours: str


class VersionedFormMixin:
    """For an edit form: a hidden `version` with the version the user started from, which the
    service claims (`core.locking.claim_version`), and a ModelForm that works on a copy of its
    instance (`unsaved_copy`), so the caller's object stays as saved whatever is posted.

    After a ConflictError the view calls `show_conflict(saved)`: the form keeps everything the
    user typed, `conflict_changes` lists the fields where the saved object now differs, and the
    hidden version becomes the saved one, so that saving again, having seen the differences,
    replaces the saved version with the form (a third person's save is refused again).

    Put it before the form class: `class ThemeForm(VersionedFormMixin, forms.ModelForm[Theme])`.
    A form without an instance passes `version=`.
    """

    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]
    data: Any

    def __init__(self, *args: Any, version: int | None = None, **kwargs: Any) -> None:
        instance = kwargs.get("instance")
        if instance is not None:
            kwargs["instance"] = unsaved_copy(instance)
            if version is None and instance.pk:
                version = instance.version
        super().__init__(*args, **kwargs)
        self.fields["version"] = forms.IntegerField(
            widget=forms.HiddenInput, required=False, initial=version
        )
        self.conflict_changes: list[ConflictChange] = []

    @property
    def expected_version(self) -> int:
        """The version the user started from; 0 (never a row's version) when none was sent,
        so that a post without it is refused rather than taken blindly."""
        return int(self.cleaned_data.get("version") or 0)

    def saved_values(self, saved: Any) -> Mapping[str, Any]:
        """The saved object's value of each field, by field name. A form with fields that are
        not the model's own (rows of related objects) adds theirs."""
        values: dict[str, Any] = {}
        model_fields = {f.name: f for f in saved._meta.get_fields() if hasattr(f, "attname")}
        for name in self.fields:
            field = model_fields.get(name)
            if field is None:
                continue
            value = getattr(saved, name)
            if field.many_to_many:
                value = list(value.all())
            values[name] = value
        # The language versions beside their texts (LanguageVersionsMixin): `title__sv`.
        saved_versions = getattr(saved, "translations", None) or {}
        for name, keys in getattr(self, "language_versions", {}).items():
            for key in keys:
                language = key.rsplit("__", 1)[1]
                values[key] = (saved_versions.get(language) or {}).get(name, "")
        return values

    def change_label(self, name: str, field: forms.Field) -> str:
        """How a changed field is named in the conflict's list."""
        return str(field.label or name.replace("_", " ").capitalize())

    def show_conflict(self, saved: Any) -> None:
        """Compare the form with `saved`, the object as it is saved now, and let the next
        save start from it."""
        values = self.saved_values(saved)
        self.conflict_changes = []
        for name, field in self.fields.items():
            if name == "version" or field.disabled or field.widget.is_hidden or name not in values:
                continue
            saved_text = shown_value(field, values[name])
            yours_text = shown_value(field, self.cleaned_data.get(name))
            if saved_text != yours_text:
                label = self.change_label(name, field)
                self.conflict_changes.append(ConflictChange(label, saved_text, yours_text))
        data = self.data.copy()
        data["version"] = str(saved.version if saved.pk else 0)  # 0: none saved yet
        self.data = data


def shown_value(field: forms.Field, value: Any) -> str:
    """A field's value as a person reads it, for comparing and for showing a conflict."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, models.QuerySet | list | tuple | set):
        items = value if not isinstance(value, models.QuerySet) else list(value)
        return ", ".join(sorted(shown_value(field, item) for item in items)) or "—"
    if isinstance(value, decimal.Decimal):
        # 60, 60.0 and 60.0000 are the same figure.
        normal = value.normalize()
        if normal == normal.to_integral_value():
            normal = normal.quantize(decimal.Decimal(1))
        return formats.number_format(normal)
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    choices = getattr(field, "choices", None)
    if choices is not None and not isinstance(field, forms.ModelChoiceField):
        labels = dict(_flat_choices(choices))
        if str(value) in labels:
            return str(labels[str(value)])
    return str(value).replace("\r\n", "\n").strip() or "—"


def _flat_choices(choices: Iterable[Any]) -> Iterable[tuple[str, Any]]:
    for key, label in choices:
        if isinstance(label, list | tuple):  # an option group
            yield from _flat_choices(label)
        else:
            yield str(key), label


class LanguageVersionsMixin:
    """The language versions of an edit form's texts, side by side with the primary text.

    A form lists its translatable fields in `translated_fields` and calls
    `add_language_versions(languages, instance.translations)` from `__init__`: every such field
    gets a copy per other language of the organisation (`title__sv`), optional, with the same
    limit, placed after it; `form_fields.html` shows them in one row, each input marked with its
    language (`lang`), so that spelling checkers and screen readers treat it as that language.
    `cleaned_translations()` gives what the service stores in `translations`; versions in a
    language the form does not show (one the organisation no longer uses) are kept."""

    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]
    translated_fields: tuple[str, ...] = ()

    def add_language_versions(
        self, languages: ContentLanguages, translations: Mapping[str, Mapping[str, str]] | None
    ) -> None:
        self.content_languages = languages
        self._existing_translations = {
            language: dict(texts) for language, texts in (translations or {}).items()
        }
        self.language_versions: dict[str, list[str]] = {}
        if not languages.others:
            return
        arranged: dict[str, forms.Field] = {}
        for name, field in self.fields.items():
            arranged[name] = field
            if name not in self.translated_fields:
                continue
            primary_label = field.label
            field.label = f"{primary_label} ({language_name(languages.primary)})"
            field.widget.attrs["lang"] = languages.primary
            self.language_versions[name] = []
            for language in languages.others:
                version = copy.deepcopy(field)
                version.required = False
                version.help_text = ""
                version.label = f"{primary_label} ({language_name(language)})"
                version.widget.attrs["lang"] = language
                version.initial = self._existing_translations.get(language, {}).get(name, "")
                key = f"{name}__{language}"
                arranged[key] = version
                self.language_versions[name].append(key)
        self.fields = arranged

    @property
    def version_field_names(self) -> set[str]:
        return {key for keys in getattr(self, "language_versions", {}).values() for key in keys}

    def cleaned_translations(self) -> Translations:
        result = {
            language: dict(texts)
            for language, texts in getattr(self, "_existing_translations", {}).items()
        }
        for name, keys in getattr(self, "language_versions", {}).items():
            for key in keys:
                language = key.rsplit("__", 1)[1]
                result.setdefault(language, {})[name] = self.cleaned_data.get(key) or ""
        return cleaned(result)

    def cleaned_versions_of(self, name: str) -> dict[str, str]:
        """One field's versions in the languages the form shows, {"sv": "…"}; a blank one is
        "" (no version). For a form that writes only that field of the object's versions."""
        return {
            key.rsplit("__", 1)[1]: (self.cleaned_data.get(key) or "").strip()
            for key in getattr(self, "language_versions", {}).get(name, [])
        }
