"""The demo's plan history is made by the plans services: adoption, the 2024 revision and the
renewal into 2026–2028 leave the versions, diffs and links a user's own would."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from tiekartta.plans import demo
from tiekartta.plans.diff import compare
from tiekartta.plans.models import PlanVersion, Renewal, VersionKind
from tiekartta.roadmap.models import Roadmap, Status


@pytest.mark.django_db
def test_the_demo_roadmaps_are_adopted_revised_and_renewed() -> None:
    call_command("load_demo")
    old = Roadmap.objects.get(organisation__slug=demo.ORGANISATION, slug=demo.FIRST)
    new = Roadmap.objects.get(organisation__slug=demo.ORGANISATION, slug=demo.RENEWED_SLUG)

    adopted, revised = PlanVersion.objects.filter(roadmap=old).order_by("number")
    assert (adopted.kind, adopted.decided_on) == (VersionKind.ADOPTION, demo.ADOPTED_2023.on)
    assert (revised.kind, revised.decided_on) == (VersionKind.REVISION, demo.REVISED_2024.on)
    assert revised.draft.title == demo.REVISION_TITLE
    counts = compare(adopted.snapshot, revised.snapshot).counts
    assert (counts.added, counts.removed, counts.rescheduled) == (3, 1, 2)
    assert counts.quarters_later == 4
    cancelled = old.tasks.get(title="Joukkoliikenteen kutsujärjestelmän selvitys")
    assert revised.snapshot["tasks"][str(cancelled.pk)]["status"] == Status.CANCELLED
    assert cancelled.status == Status.CANCELLED
    # The baseline has no task the revision added.
    titles = {task["title"] for task in adopted.snapshot["tasks"].values()}
    assert "Selvitys tulostuksen ja skannauksen vähentämisestä" not in titles

    renewal = Renewal.objects.get(source=old)
    assert renewal.target == new
    carried = new.tasks.exclude(carried_over_from=None)
    assert carried.count() == len(renewal.record["carried"]) == 8
    assert all(t.carried_over_from.roadmap_id == old.pk for t in carried)
    assert all(item["completion"] < 100 for item in renewal.record["carried"])
    assert old.is_archived and not new.is_archived
    [baseline] = PlanVersion.objects.filter(roadmap=new)
    assert baseline.decided_on == demo.ADOPTED_2026.on
    assert len(baseline.snapshot["tasks"]) == new.tasks.count()

    # The history of each step is dated when it happened.
    assert (
        revised.snapshot
        and old.tasks.model.history.filter(  # type: ignore[attr-defined]
            roadmap_id=old.pk, history_date__date=demo.REVISED_2024.on
        ).exists()
    )
