from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import template
from django.http import QueryDict
from django.utils.html import format_html
from django.utils.safestring import SafeString

from tiekartta.core.context_processors import content_language
from tiekartta.core.quarters import Quarter, format_quarter

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


@register.filter
def in_content_language(value: Any) -> SafeString | str:
    """A user-typed name inside a translated sentence ("Delete “{{ name }}”?"): wrapped in a span
    marked with the content's language when the interface speaks another (WCAG 3.1.2), so only
    the name, not the sentence around it, is read as Finnish. Escaped like any variable."""
    lang = content_language()["content_lang"]
    if not lang:
        return "" if value is None else str(value)
    return format_html('<span lang="{}">{}</span>', content_language()["content_language"], value)
