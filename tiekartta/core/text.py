"""Free text people write (descriptions, minutes, notes, forewords) has a ceiling.

A meeting's minutes of a megabyte took half a minute to print for every member who opened
them; no description needs that much. `limited_text` is a TextField whose limit the form shows
(its textarea's maxlength and Django's "at most N characters" message) and `full_clean`
enforces in every service and import (a TextField's max_length alone binds only a form);
`text_limits` keeps it in the database too, the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

# A task's or a roadmap's description and a report's foreword may run to pages; a meeting's
# minutes longer still; a note next to a figure or a score is a few sentences.
LONG_TEXT = 20_000
DESCRIPTION = 10_000
SHORT_DESCRIPTION = 4_000
NOTE = 2_000


def limited_text(verbose_name: Any, *, limit: int, **kwargs: Any) -> models.TextField:  # type: ignore[type-arg]
    return models.TextField(
        verbose_name, max_length=limit, validators=[MaxLengthValidator(limit)], **kwargs
    )


def text_limits(prefix: str, **limits: int) -> list[models.CheckConstraint]:
    """One check per field: `text_limits("task", description=DESCRIPTION)`. The field's
    validator speaks first, next to the field; these keep writes that skip full_clean (an
    update(), a migration) within the limits too."""
    return [
        models.CheckConstraint(
            condition=LessThanOrEqual(Length(field), limit),
            name=f"{prefix}_{field}_length",
            violation_error_message=format_lazy(
                _("Write at most {limit} characters."), limit=limit
            ),
        )
        for field, limit in limits.items()
    ]
