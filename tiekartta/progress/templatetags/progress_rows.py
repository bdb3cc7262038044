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

from tiekartta.core.quarters import format_quarter
from tiekartta.roadmap.rows import task_address

register = template.Library()


@register.simple_tag(takes_context=True)
def row_inputs(context: template.Context, task: Any) -> SafeString:
    if context.get("saved"):
        values: dict[str, Any] = {str(key): value for key, value in context.flatten().items()}
        return render_to_string("progress/_row_fields.html", values, request=context.get("request"))
    return mark_safe(  # noqa: S308  # nosec B308 B703 - escaped in _inputs
        _inputs(
            context["fields"],
            task,
            context["row_labels"],
            context["status_choices"],
            str(context.get("content_lang") or ""),
        )
    )


def _inputs(
    fields: Any,
    task: Any,
    labels: dict[str, str],
    status_choices: list[tuple[str, str]],
    content_lang: str,
) -> str:
    prefix = escape(fields.prefix)
    options = "".join(
        f'\n  <option value="{escape(value)}"{" selected" if value == fields.status else ""}>'
        f"{escape(label)}</option>"
        for value, label in status_choices
    )
    note = f' value="{escape(fields.note)}"' if fields.note else ""
    return (
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


class _OwnRowWriter:
    """What My tasks' rows share, worked out once per page: labels in the page's language, the
    addresses of each roadmap up to the task's id (one reversal per roadmap and page, as
    roadmap/rows.py does), the CSRF field."""

    def __init__(self, context: template.Context) -> None:
        self.org = context["organisation"].slug
        self.content_lang = str(context.get("content_lang") or "")
        self.labels = context["row_labels"]
        self.status_choices = context["status_choices"]
        self.statuses = dict(self.status_choices)
        token = context.get("csrf_token")
        self.csrf = (
            ""
            if token is None or str(token) == "NOTPROVIDED"
            else f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(str(token))}">'
        )
        self.words = {
            key: escape(gettext(text))
            for key, text in {
                "not_scheduled": "Not scheduled",
                "due_now": "Due now",
                "last_recorded": "Last recorded",
                "nothing_yet": "Nothing yet",
                "this_quarter": "This quarter",
                "updated": "Updated",
                "not_updated": "Not updated yet",
                "no_update": "No update needed",
                "error": "Not saved: the connection failed or the session ended. Reload the "
                "page and try again.",
            }.items()
        }
        self.addresses: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {}

    def urls(self, task: Any) -> tuple[str, str]:
        slug = task.roadmap.slug
        if slug not in self.addresses:
            self.addresses[slug] = (
                task_address("progress:task_detail", self.org, slug),
                task_address("progress:record", self.org, slug),
            )
        (detail_before, detail_after), (record_before, record_after) = self.addresses[slug]
        return (
            f"{detail_before}{task.pk}{detail_after}",
            f"{record_before}{task.pk}{record_after}",
        )

    def row(self, item: Any, fields: Any) -> str:
        task, words, lang = item.task, self.words, self.content_lang
        pk = task.pk
        detail, record = self.urls(task)
        flag = item.assessment.flag
        risk = (
            f'<span class="risk risk-{escape(str(flag))}">{escape(str(flag.label))}</span>'
            if flag
            else ""
        )
        due = f" · <strong>{words['due_now']}</strong>" if item.due_now else ""
        latest = item.latest
        if latest:
            known = (
                f"{latest.completion} % · {escape(self.statuses.get(latest.status, latest.status))}"
                f" · {escape(format_quarter(latest.quarter))}"
            )
            if latest.note:
                known += f'<br><span class="note">{escape(latest.note)}</span>'
        else:
            known = words["nothing_yet"]
        if item.updated_this_quarter:
            state = words["updated"]
        elif item.needs_update:
            state = f'<span class="overdue">{words["not_updated"]}</span>'
        else:
            state = words["no_update"]
        form = ""
        if fields and task.status != "cancelled":
            inputs = _inputs(fields, task, self.labels, self.status_choices, lang)
            form = (
                f'<form method="post" class="entry-form" data-error-message="{words["error"]}"'
                f' action="{record}" hx-post="{record}" hx-target="#task-{pk}"'
                f' hx-swap="outerHTML" novalidate>\n{self.csrf}\n'
                '<input type="hidden" name="context" value="mine">\n'
                f"{inputs}\n</form>\n"
            )
        return (
            f'<article class="entry-row{" is-recorded" if item.updated_this_quarter else ""}"'
            f' id="task-{pk}" aria-labelledby="task-{pk}-title">\n'
            '  <div class="entry-about">\n'
            f'    <h2 id="task-{pk}-title"><a href="{detail}"{lang}>{escape(task.title)}</a></h2>\n'
            f'    <p class="meta"><span{lang}>{escape(task.roadmap.title)}</span> · '
            f"{escape(task.schedule_label) or words['not_scheduled']} {risk}{due}</p>\n"
            '    <dl class="entry-known">\n'
            f"      <dt>{words['last_recorded']}</dt>\n      <dd>{known}</dd>\n"
            f"      <dt>{words['this_quarter']}</dt>\n      <dd>{state}</dd>\n"
            "    </dl>\n  </div>\n"
            f"{form}</article>\n"
        )


@register.simple_tag(takes_context=True)
def own_task_rows(context: template.Context, rows: list[tuple[Any, Any]]) -> SafeString:
    """My tasks' rows as `_own_task_row.html` writes them on the page (no form with errors, no
    answer to a save: those are still the template's)."""
    writer = _OwnRowWriter(context)
    html = "".join(writer.row(item, fields) for item, fields in rows)
    return mark_safe(html)  # noqa: S308  # nosec B308 B703 - every value escaped in row()
