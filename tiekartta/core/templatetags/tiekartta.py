from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import template
from django.http import QueryDict
from django.utils.html import format_html
from django.utils.safestring import SafeString

from tiekartta.core.quarters import Quarter, format_quarter
from tiekartta.core.translations import TranslatedText, current_languages, page_language, text_in

register = template.Library()


@register.filter
def quarter(value: str | Quarter | None) -> str:
    """Format "2024Q3" (or a Quarter) the way the active language writes quarters."""
    if isinstance(value, Quarter):
        return value.label()
    return format_quarter(value)


@register.simple_tag(takes_context=True)
def query_with(context: dict[str, Any], **changes: Any) -> str:
    """The current query string with some parameters replaced, for links that keep filters."""
    query: QueryDict = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    encoded = urlencode(list(query.lists()), doseq=True)
    return f"?{encoded}" if encoded else "?"


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    """A dictionary value by a variable key, which the template language cannot do itself."""
    return mapping.get(key) if mapping else None


@register.filter
def hidden_errors(hidden_fields: list[Any]) -> list[str]:
    """The errors of a form's hidden fields, which have no place of their own to show them."""
    return [str(error) for field in hidden_fields for error in field.errors]


@register.filter
def can(membership: Any, capability: str) -> bool:
    """`{% if membership|can:"members.manage" %}`: menus show only what the role may use,
    asking the one policy through the membership."""
    return bool(membership) and bool(membership.can(capability))


def _language_of(value: Any) -> str:
    if isinstance(value, TranslatedText):
        return value.lang
    return current_languages().primary


@register.filter
def in_content_language(value: Any) -> SafeString | str:
    """A user-typed name inside a translated sentence ("Delete “{{ name }}”?"): wrapped in a span
    marked with its language when the interface speaks another (WCAG 3.1.2), so only the name,
    not the sentence around it, is read as Finnish. The language is the text's own where it is a
    language version (`translated`), else the organisation's primary language. Escaped like any
    variable."""
    if value is None:
        return ""
    language = _language_of(value)
    if language == page_language():
        return str(value)
    return format_html('<span lang="{}">{}</span>', language, value)


@register.filter
def translated(obj: Any, field: str) -> TranslatedText:
    """`{{ task|translated:"title" }}`: the text in the page's language where the organisation
    has written that version, else in its primary language; it knows which (`lang_attr`)."""
    return text_in(obj, field)


@register.filter
def lang_attr(value: Any) -> SafeString:
    """` lang="sv"` for the element holding `value` when its language is not the page's:
    `<h1{{ title|lang_attr }}>{{ title }}</h1>`."""
    language = _language_of(value)
    if language == page_language():
        return SafeString("")
    return format_html(' lang="{}"', language)


@register.filter
def field_named(form: Any, name: str) -> Any:
    """A form's bound field by a variable name (`form|field_named:key`)."""
    return form[name]
