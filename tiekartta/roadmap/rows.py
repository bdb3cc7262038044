"""The overview's and the timeline's task rows, written in Python rather than by the template
engine.

A roadmap of 2,000 tasks is printed as one page, and the template engine spent about 85 % of
that page's time on its rows (a variable lookup, a translation and three URL reversals per row,
some 60,000 lookups in all). The rows are the same markup as before; what is the same on every
row (translated labels, the addresses up to the task's id) is worked out once per page, and
every text that comes from users is escaped here, as the template did (`html.escape` is what
Django's `escape` calls).
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from tiekartta.roadmap.models import Kind, Status, Task
from tiekartta.roadmap.risk import RiskFlag

# An id no task has, reversed in place of the task's and then replaced by it: one reversal a
# page instead of one a row, and the address stays whatever urls.py says it is.
_PLACEHOLDER = 987654321


def task_address(name: str, org: str, roadmap: str) -> tuple[str, str]:
    url = reverse(name, kwargs={"org": org, "roadmap": roadmap, "task": _PLACEHOLDER})
    before, after = url.split(str(_PLACEHOLDER))
    return escape(before), escape(after)


class RowWriter:
    """What a page's rows share, worked out once: labels in the page's language, addresses."""

    def __init__(self, *, org: str, roadmap: str, content_lang: str, can_reorder: bool) -> None:
        self.content_lang = str(content_lang)  # already an attribute (` lang="fi"`) or empty
        self.can_reorder = can_reorder
        self.detail = task_address("progress:task_detail", org, roadmap)
        self.move = task_address("roadmap:task_move", org, roadmap) if can_reorder else ("", "")
        self.kinds = {value: escape(str(label)) for value, label in Kind.choices}
        self.statuses = {value: escape(str(label)) for value, label in Status.choices}
        self.risks = {value: escape(str(label)) for value, label in RiskFlag.choices}
        self.quick_win = escape(gettext("Quick win"))
        self.conflict_badge = (
            f'<span class="risk risk-conflict">{escape(gettext("Schedule conflict"))}</span>\n'
        )
        self.complete = gettext("%(percent)s %% complete")
        self.schedules: dict[tuple[str, str], str] = {}

    def url(self, task: Task) -> str:
        before, after = self.detail
        return f"{before}{task.pk}{after}"

    def schedule(self, task: Task) -> str:
        key = (task.start, task.due)
        label = self.schedules.get(key)
        if label is None:
            label = self.schedules[key] = escape(task.schedule_label)
        return label

    def kind(self, value: str) -> str:
        return self.kinds.get(value) or escape(value)

    def status(self, value: str) -> str:
        return self.statuses.get(value) or escape(value)

    def risk(self, task: Task) -> tuple[str, str]:
        """The task's risk flag and its label, or two empty strings."""
        flag = getattr(task, "risk", None)
        value = flag.flag if flag is not None else None
        if not value:
            return "", ""
        return str(value), self.risks.get(str(value), "")

    @staticmethod
    def conflict_messages(task: Task) -> list[str]:
        return [escape(conflict.message) for conflict in getattr(task, "schedule_conflicts", [])]

    def overview_row(self, task: Task, *, first: bool, last: bool) -> str:
        pk = task.pk
        lang = self.content_lang
        quick = (
            f' · <span class="badge badge-quickwin">{self.quick_win}</span>'
            if task.quick_win
            else ""
        )
        flag, flag_label = self.risk(task)
        risk = f' <span class="risk risk-{flag}">{flag_label}</span>' if flag else ""
        messages = self.conflict_messages(task)
        conflicts = ""
        if messages:
            spoken = "".join(f"{message} " for message in messages)
            conflicts = (
                f' <span title="{" ".join(messages)}">{self.conflict_badge}</span>'
                f'<span class="visually-hidden">: {spoken}</span>'
            )
        owner = escape(task.owner.name)
        done = task.shown_completion
        reorder = ""
        if self.can_reorder:
            before, after = self.move
            move = f"{before}{pk}{after}"
            reorder = (
                f'<td class="no-print reorder"><button form="reorder" formaction="{move}"'
                f' name="direction" value="up" aria-labelledby="move-up t{pk}"'
                f"{' disabled' if first else ''}>↑</button>"
                f'<button form="reorder" formaction="{move}" name="direction" value="down"'
                f' aria-labelledby="move-down t{pk}"{" disabled" if last else ""}>↓</button></td>'
            )
        return (
            f'\n<tr id="task-{pk}"><td><a id="t{pk}"{lang} href="{self.url(task)}">'
            f"{escape(task.title)}</a>"
            f' <span class="task-tags">{self.kind(task.kind)}{quick}</span></td>'
            f"<td{lang}>{owner}</td>"
            f"<td>{self.schedule(task)}{risk}{conflicts}</td>"
            f'<td><span class="status status-{escape(task.status)}">{self.status(task.status)}'
            f'</span></td><td class="completion done-{done}">{done} %</td>{reorder}</tr>\n'
            "        "
        )

    def overview_rows(self, tasks: list[Task], *, continued: bool, goes_on: bool) -> SafeString:
        last = len(tasks) - 1
        return mark_safe(  # noqa: S308  # nosec B308 B703 - every text above is escaped
            "".join(
                self.overview_row(
                    task,
                    first=index == 0 and not continued,
                    last=index == last and not goes_on,
                )
                for index, task in enumerate(tasks)
            )
        )

    def timeline_row(self, row: Any, today_line: str) -> str:
        task: Task = row.task
        lang = self.content_lang
        done = task.shown_completion
        schedule = self.schedule(task)
        status = escape(task.status)
        flag, flag_label = self.risk(task)
        messages = self.conflict_messages(task)
        spoken = (
            f", {schedule}, {self.status(task.status)}, {escape(self.complete % {'percent': done})}"
            + (f", {flag_label}" if flag else "")
            + "".join(f", {message}" for message in messages)
        )
        classes = [f"timeline-bar status-bar-{status}"]
        if row.overdue:
            classes.append(" is-overdue")
        if flag:
            classes.append(f" risk-bar-{flag}")
        if row.clipped_start:
            classes.append(" clipped-start")
        if row.clipped_end:
            classes.append(" clipped-end")
        if messages:
            classes.append(" has-conflict")
        classes.append(f" tl-from-{row.column_start} tl-to-{row.column_end}")
        bar_text = f"{done} %" + (f" · {flag_label}" if flag and flag != "on_track" else "")
        return (
            '\n            <li class="timeline-row">\n'
            '              <div class="timeline-label">\n'
            f'                <a href="{self.url(task)}"{lang}>{escape(task.title)}</a>\n'
            f'                <span class="visually-hidden">{spoken}</span>\n'
            f"                {self.conflict_badge if messages else ''}\n"
            "              </div>\n"
            '              <div class="timeline-grid">\n'
            f"                {today_line}\n"
            f'                <div class="{"".join(classes)}"\n'
            f'                     aria-hidden="true" title="{schedule} · {done} %">\n'
            f'                  <svg class="timeline-fill" focusable="false"><rect width="{done}%"'
            ' height="100%"></rect></svg>\n'
            f'                  <span class="timeline-bar-text">{bar_text}</span>\n'
            "                </div>\n"
            "              </div>\n"
            "            </li>\n"
            "          "
        )

    def timeline_rows(self, rows: Iterable[Any], today_percent: float | None) -> SafeString:
        today_line = ""
        if today_percent is not None:
            today_line = (
                '<svg class="today-line" aria-hidden="true" focusable="false">'
                f'<rect x="{today_percent}%" width="2" height="100%"></rect></svg>'
            )
        return mark_safe(  # noqa: S308  # nosec B308 B703 - every text above is escaped
            "".join(self.timeline_row(row, today_line) for row in rows)
        )


def row_writer(context: Any) -> RowWriter:
    """The page's writer, made on its first use in a template's render."""
    cache = context.render_context
    writer = cache.get(RowWriter)
    if writer is None:
        membership = context["membership"]
        writer = cache[RowWriter] = RowWriter(
            org=context["organisation"].slug,
            roadmap=context["roadmap"].slug,
            content_lang=context.get("content_lang", ""),
            can_reorder=bool(membership.can_edit_all_tasks),
        )
    return writer
