"""The report's sections about the plan itself: how it changed since its adopted baseline,
and for the final report what was carried over into the next period (tiekartta.plans)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tiekartta.plans.diff import Counts, compare
from tiekartta.plans.models import PlanVersion, Renewal
from tiekartta.plans.snapshot import build_snapshot
from tiekartta.roadmap.models import Roadmap, Status


@dataclass
class BaselineSection:
    decided_on: datetime.date
    decision: str
    versions: int  # adopted versions up to the report's date
    counts: Counts


@dataclass
class CarriedTask:
    title: str
    completion: int
    old_schedule: str
    new_schedule: str


@dataclass
class CarryOverSection:
    new_roadmap: str
    new_slug: str
    renewed_on: datetime.date
    tasks: list[CarriedTask] = field(default_factory=list)
    left: list[str] = field(default_factory=list)  # unfinished and not carried over
    metrics: list[str] = field(default_factory=list)


def baseline_section(
    roadmap: Roadmap, as_of: datetime.date, today: datetime.date
) -> BaselineSection | None:
    """The plan at the report's date against the adopted one: today's live plan, or for an
    earlier date the latest version adopted by then."""
    versions = list(
        PlanVersion.objects.filter(roadmap=roadmap, decided_on__lte=as_of).order_by("number")
    )
    if not versions:
        return None
    later = as_of >= today
    current = build_snapshot(roadmap) if later else versions[-1].snapshot
    baseline = versions[0]
    return BaselineSection(
        decided_on=baseline.decided_on,
        decision=baseline.decision_label,
        versions=len(versions),
        counts=compare(baseline.snapshot, current).counts,
    )


def carry_over_section(roadmap: Roadmap) -> CarryOverSection | None:
    renewal = Renewal.objects.filter(source=roadmap).select_related("target").first()
    if renewal is None:
        return None
    record = renewal.record
    return CarryOverSection(
        new_roadmap=renewal.target.title,
        new_slug=renewal.target.slug,
        renewed_on=renewal.created_at.date(),
        tasks=[
            CarriedTask(
                title=item["title"],
                completion=item["completion"],
                old_schedule=item["schedule"],
                new_schedule=item["new_schedule"],
            )
            for item in record.get("carried", [])
        ],
        left=[item["title"] for item in record.get("left", []) if item["status"] != Status.DONE],
        metrics=[item["name"] for item in record.get("metrics", [])],
    )


def baseline_text(section: BaselineSection) -> str:
    """The Word document's words for what the web page's section says."""
    counts = section.counts
    text = _("Against the plan adopted on %(date)s (%(decision)s):") % {
        "date": formats.date_format(section.decided_on, "SHORT_DATE_FORMAT"),
        "decision": section.decision,
    }
    text += " " + _(
        "%(added)s tasks added, %(removed)s dropped, %(rescheduled)s rescheduled and "
        "%(reassigned)s reassigned."
    ) % {
        "added": counts.added,
        "removed": counts.removed,
        "rescheduled": counts.rescheduled,
        "reassigned": counts.reassigned,
    }
    if counts.quarters_later:
        text += " " + ngettext(
            "The rescheduled tasks end %(counter)s quarter later in all.",
            "The rescheduled tasks end %(counter)s quarters later in all.",
            counts.quarters_later,
        ) % {"counter": counts.quarters_later}
    return text


def carry_over_text(section: CarryOverSection) -> str:
    return ngettext(
        "The roadmap was renewed on %(date)s as %(roadmap)s, with %(counter)s unfinished task "
        "carried over.",
        "The roadmap was renewed on %(date)s as %(roadmap)s, with %(counter)s unfinished tasks "
        "carried over.",
        len(section.tasks),
    ) % {
        "date": formats.date_format(section.renewed_on, "SHORT_DATE_FORMAT"),
        "roadmap": section.new_roadmap,
        "counter": len(section.tasks),
    }
