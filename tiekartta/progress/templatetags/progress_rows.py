"""A progress row's inputs written in Python: `_row_fields.html`'s markup, without the template
engine. My tasks and the review meeting write one per task (100 on a page); through the
template each was some 70 variable lookups and a dozen translations, about a third of the
page's time. `progress/tests/test_row_inputs.py` compares the two for every status and for
notes that need escaping. A row answered after a save (its "Saved at" line) is still written
by the template."""

from __future__ import annotations

from html import escape
from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag(takes_context=True)
def row_inputs(context: template.Context, task: Any) -> SafeString:
    fields = context["fields"]
    if context.get("saved"):
        values: dict[str, Any] = {str(key): value for key, value in context.flatten().items()}
        return render_to_string("progress/_row_fields.html", values, request=context.get("request"))
    labels = context["row_labels"]
    content_lang = str(context.get("content_lang") or "")
    prefix = escape(fields.prefix)
    options = "".join(
        f'\n  <option value="{escape(value)}"{" selected" if value == fields.status else ""}>'
        f"{escape(label)}</option>"
        for value, label in context["status_choices"]
    )
    note = f' value="{escape(fields.note)}"' if fields.note else ""
    html = (
        f'<input type="hidden" name="{prefix}-quarter" value="{escape(fields.quarter)}"'
        f' id="id_{prefix}-quarter">\n'
        '<div class="entry-fields">\n'
        '    <div class="field entry-completion">\n'
        f'      <label for="id_{prefix}-completion">{escape(labels["completion"])}</label>\n'
        f'      <input type="number" name="{prefix}-completion" value="{int(fields.completion)}"'
        ' inputmode="numeric" step="1" class="percent" min="0" max="100" required'
        f' id="id_{prefix}-completion">\n'
        "    </div>\n"
        '    <div class="field entry-status">\n'
        f'      <label for="id_{prefix}-status">{escape(labels["status"])}</label>\n'
        f'      <select name="{prefix}-status" id="id_{prefix}-status">{options}\n</select>\n'
        "    </div>\n"
        '    <div class="field entry-note">\n'
        f'      <label for="id_{prefix}-note">{escape(labels["note"])}</label>\n'
        f'      <input type="text" name="{prefix}-note"{note} maxlength="2000"'
        f' id="id_{prefix}-note">\n'
        "    </div>\n"
        '  <div class="entry-save">\n'
        f'    <button type="submit" class="button-primary">{escape(gettext("Save"))}'
        f'<span class="visually-hidden">: <span{content_lang}>{escape(str(task.title))}</span>'
        "</span></button>\n"
        "  </div>\n"
        "</div>\n"
        '<p class="saved-note"></p>'
    )
    return mark_safe(html)  # noqa: S308  # nosec B308 B703 - every value escaped above
