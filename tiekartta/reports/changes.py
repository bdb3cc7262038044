"""How the reports app's tracked model reads in the organisation's change log: the interim
report's foreword, named by its roadmap."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tiekartta.core.history import ChangeSource, Tracked
from tiekartta.reports.models import Foreword
from tiekartta.roadmap.changes import References, references


def _foreword_link(row: Any, refs: References) -> str:
    if row.roadmap_id not in refs.roadmaps:
        return ""
    return reverse(
        "reports:interim",
        kwargs={"org": refs.organisation, "roadmap": refs.roadmaps[row.roadmap_id]},
    )


FOREWORD = Tracked(
    Foreword,
    "roadmap__organisation",
    ("text",),
    name_fields=("roadmap",),
    link=_foreword_link,
    roadmap_path="roadmap_id",
)

SOURCE = ChangeSource((FOREWORD,), references)
