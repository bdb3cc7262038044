"""Content in several languages: titles, descriptions and public summaries written in each
language an organisation uses.

A bilingual municipality writes its roadmap in its primary language and translates it into the
others. The primary text stays where it always was (`Task.title`), so that every existing read,
import and export keeps working; the other language versions live beside it in one JSON column,
`translations`, as `{"sv": {"title": "…", "public_summary": "…"}}`. A translatable model declares
the column with `translations_field()` and its database limits with `translation_limits()`, and
registers itself with `register()` so that the pages which list missing translations, and the
change of an organisation's primary language, find every such text without importing the apps
that own them (they live in several layers).

Which languages an organisation uses, and which is primary, is decided per organisation
(`Organisation.primary_language` and `translation_languages`). The request's organisation sets
them for the duration of a view (`using_languages`), the way Django activates the interface
language; a page then asks `text_in(task, "title")` for the reader's language. A missing
version falls back to the primary text, and the answer, a `TranslatedText`, knows which language
it is really in, so that the page marks it with the right `lang` attribute (WCAG 3.1.2).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.fields.json import KT
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import translation
from django.utils.deconstruct import deconstructible
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

Translations = dict[str, dict[str, str]]


def language_codes() -> list[str]:
    """The languages content may be written in: the interface's languages, so that a reader can
    choose every one of them."""
    return [code for code, _name in settings.LANGUAGES]


def language_name(code: str) -> str:
    """The language's own name ("suomi", "svenska", "English"): a writer looks for the version
    in the language it is written in."""
    return translation.get_language_info(code)["name_local"]


def language_name_in_prose(code: str) -> str:
    """The language's name in the reader's language ("Finnish" in an English sentence), for
    messages and sentences, where the language's own name would read as a foreign word."""
    return str(translation.get_language_info(code)["name_translated"])


@dataclass(frozen=True)
class ContentLanguages:
    primary: str
    others: tuple[str, ...] = ()

    @property
    def all(self) -> tuple[str, ...]:
        return (self.primary, *self.others)


def default_languages() -> ContentLanguages:
    return ContentLanguages(settings.TIEKARTTA_CONTENT_LANGUAGE)


_languages: ContextVar[ContentLanguages | None] = ContextVar("content_languages", default=None)


def current_languages() -> ContentLanguages:
    """The organisation's languages on its pages; the installation's default elsewhere (the
    log-in page, a command)."""
    return _languages.get() or default_languages()


@contextmanager
def using_languages(languages: ContentLanguages) -> Iterator[None]:
    token = _languages.set(languages)
    try:
        yield
    finally:
        _languages.reset(token)


def page_language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


class TranslatedText(str):
    """A text together with the language it is in, which may differ from the one asked for."""

    lang: str
    is_fallback: bool

    def __new__(cls, text: str, lang: str, *, is_fallback: bool = False) -> TranslatedText:
        value = super().__new__(cls, text)
        value.lang = lang
        value.is_fallback = is_fallback
        return value

    def __reduce__(self) -> tuple[Any, ...]:
        # Copies and pickles (the cache, dataclasses.asdict) keep the language.
        return (_rebuild_translated_text, (str(self), self.lang, self.is_fallback))


def _rebuild_translated_text(text: str, lang: str, is_fallback: bool) -> TranslatedText:
    return TranslatedText(text, lang, is_fallback=is_fallback)


def translated(
    base: str,
    translations: Mapping[str, Mapping[str, str]] | None,
    field: str,
    language: str | None = None,
    languages: ContentLanguages | None = None,
) -> TranslatedText:
    """The text of `field` in `language` (the page's by default), else the primary text.

    Only the organisation's languages count: a version kept from a language the organisation
    no longer uses is not shown."""
    languages = languages or current_languages()
    wanted = language or page_language()
    base = base or ""
    if wanted != languages.primary and wanted in languages.others:
        version = ((translations or {}).get(wanted) or {}).get(field) or ""
        if version:
            return TranslatedText(version, wanted)
    return TranslatedText(base, languages.primary, is_fallback=wanted != languages.primary)


def text_in(obj: Any, field: str, language: str | None = None) -> TranslatedText:
    """`text_in(task, "title")`: the task's title in the page's language."""
    return translated(getattr(obj, field), getattr(obj, "translations", None), field, language)


# --- The model side -------------------------------------------------------------------------


@deconstructible
class TranslationsValidator:
    """Every version is a string in a known language, of a translatable field, within the
    field's own limit: the same ceilings as the primary text."""

    def __init__(self, limits: Mapping[str, int]) -> None:
        self.limits = dict(limits)

    def __call__(self, value: Any) -> None:
        if not isinstance(value, dict):
            raise ValidationError(_("The language versions are not in the expected form."))
        codes = language_codes()
        for language, versions in value.items():
            if language not in codes or not isinstance(versions, dict):
                raise ValidationError(
                    format_lazy(_("Unknown language: {language}."), language=language)
                )
            for field, text in versions.items():
                if field not in self.limits or not isinstance(text, str):
                    raise ValidationError(_("The language versions are not in the expected form."))
                if len(text) > self.limits[field]:
                    raise ValidationError(
                        format_lazy(
                            _("The {language} version: write at most {limit} characters."),
                            language=language_name(language),
                            limit=self.limits[field],
                        )
                    )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TranslationsValidator) and other.limits == self.limits


def translations_field(**limits: int) -> models.JSONField:  # type: ignore[type-arg]
    """`translations = translations_field(title=200, description=DESCRIPTION)`."""
    return models.JSONField(
        _("language versions"),
        default=dict,
        blank=True,
        validators=[TranslationsValidator(limits)],
    )


def translation_limits(prefix: str, **limits: int) -> list[models.CheckConstraint]:
    """The primary text's ceilings for every language version, kept in the database too (a
    missing version is NULL, which a check lets through)."""
    return [
        models.CheckConstraint(
            condition=LessThanOrEqual(Length(KT(f"translations__{language}__{field}")), limit),
            name=f"{prefix}_{field}_{language}_length",
            violation_error_message=format_lazy(
                _("Write at most {limit} characters."), limit=limit
            ),
        )
        for language in language_codes()
        for field, limit in limits.items()
    ]


def cleaned(translations: Mapping[str, Mapping[str, str]]) -> Translations:
    """Without empty versions and empty languages: a blank field means "not translated"."""
    result: Translations = {}
    for language, versions in translations.items():
        kept = {field: text.strip() for field, text in versions.items() if text and text.strip()}
        if kept:
            result[language] = kept
    return result


# --- The registry ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Translatable:
    """A model whose texts have language versions. `organisation` and `roadmap` are the
    lookups from the model to its organisation and roadmap (`"roadmap__organisation"`)."""

    model: type[models.Model]
    fields: tuple[str, ...]
    organisation: str
    roadmap: str
    label: Any  # what the list of missing translations calls one ("Task")
    # The address of the object's edit form, from (organisation slug, roadmap slug, pk).
    edit_url: Callable[[str, str, int], str]
    # The capability that form needs, when more than the list's own (`structure.edit`): the
    # list links only the forms its reader may open (an editor lists the roadmap's title,
    # but only the administrator edits the roadmap).
    edit_capability: str = ""


_registry: list[Translatable] = []


def register_translatable(
    model: type[models.Model],
    *,
    fields: Sequence[str],
    organisation: str,
    roadmap: str,
    label: Any,
    edit_url: Callable[[str, str, int], str],
    edit_capability: str = "",
) -> None:
    if any(entry.model is model for entry in _registry):
        return
    _registry.append(
        Translatable(model, tuple(fields), organisation, roadmap, label, edit_url, edit_capability)
    )


def registered() -> tuple[Translatable, ...]:
    return tuple(_registry)


@dataclass(frozen=True)
class Gap:
    """One object's texts that lack a version: `missing` maps a field to its languages."""

    entry: Translatable
    pk: int
    name: str  # the object's primary name or title, to find it by
    missing: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def text_count(self) -> int:
        return len(self.missing)


def gaps_in_roadmap(roadmap_id: int, languages: ContentLanguages) -> list[Gap]:
    """Every text of a roadmap (the roadmap, its themes, tasks, metrics…) written in the primary
    language that lacks a version in another of the organisation's languages. One query per
    translatable model, whatever the roadmap's size."""
    if not languages.others:
        return []
    gaps: list[Gap] = []
    for entry in _registry:
        rows = entry.model._default_manager.filter(**{entry.roadmap: roadmap_id}).values_list(
            "pk", "translations", *entry.fields
        )
        for pk, versions, *texts in rows.order_by("pk"):
            versions = versions or {}
            missing = tuple(
                (field, lacking)
                for field, text in zip(entry.fields, texts, strict=True)
                if text
                and (
                    lacking := tuple(
                        language
                        for language in languages.others
                        if not (versions.get(language) or {}).get(field)
                    )
                )
            )
            if missing:
                gaps.append(Gap(entry, pk, texts[0] or "", missing))
    return gaps


def count_missing(roadmap_id: int, languages: ContentLanguages) -> int:
    """How many texts lack a version (a task's title and its summary are two)."""
    return sum(gap.text_count for gap in gaps_in_roadmap(roadmap_id, languages))
