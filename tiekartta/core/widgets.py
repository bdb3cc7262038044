"""Form widgets written in Python where Django's template-rendered ones cost too much.

Django renders a <select> through three templates per option (the option, its attributes and
the select's); the overview's filters, shown on every overview and timeline request, spent
about 8 ms of a 20 ms page in them. These widgets give the same elements and attributes from
the same widget context (so `attrs`, `required`, the selected values and the option groups
behave as Django's do), written with `html.escape`.
"""

from __future__ import annotations

from html import escape
from typing import Any

from django import forms
from django.forms.renderers import BaseRenderer
from django.utils.safestring import SafeString, mark_safe


def _attributes(attrs: dict[str, Any]) -> str:
    """As django/forms/widgets/attrs.html: `True` is a bare attribute, `False`/None left out."""
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(f" {escape(str(name))}")
        elif value is not False and value is not None:
            parts.append(f' {escape(str(name))}="{escape(str(value))}"')
    return "".join(parts)


class QuickSelect(forms.Select):
    """forms.Select, rendered without the template engine."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: BaseRenderer | None = None,
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        lines = [f'<select name="{escape(widget["name"])}"{_attributes(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                lines.append(f'  <optgroup label="{escape(str(group_name))}">')
            for option in options:
                lines.append(
                    f'  <option value="{escape(str(option["value"]))}"'
                    f"{_attributes(option['attrs'])}>{escape(str(option['label']))}</option>"
                )
            if group_name:
                lines.append("  </optgroup>")
        lines.append("</select>")
        return mark_safe("\n".join(lines))  # noqa: S308  # nosec B308 B703 - escaped above
