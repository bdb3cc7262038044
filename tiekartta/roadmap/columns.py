"""The task columns of the roadmap's spreadsheet: the export writes these headings and the task
import recognises them, in every language."""

from __future__ import annotations

from django.utils.translation import gettext as _


def column_titles() -> dict[str, str]:
    """The task columns' headings in the active language; the importer knows all of them."""
    return {
        "id": _("Identifier"),
        "theme": _("Theme"),
        "title": _("Task"),
        "description": _("Description"),
        "kind": _("Kind"),
        "owner": _("Responsible person"),
        "collaborators": _("Collaborators"),
        "collaborating_units": _("Collaborating units"),
        "unit": _("Unit"),
        "start": _("Target start"),
        "due": _("Target end"),
        "status": _("Status"),
        "completion": _("Completion (%)"),
        "priority": _("Priority"),
        "quick_win": _("Quick win"),
        "public": _("Public"),
    }
