"""The plan's life through its services: adoption (version 1, kept as it was), revision drafts
that leave the live plan alone, and adopting a revision onto a live plan that may have changed
meanwhile."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from conftest import World
from tests.factories import MetricFactory, RoadmapFactory, ThemeFactory
from tiekartta.core.actors import Actor
from tiekartta.core.locking import ConflictError
from tiekartta.metrics.models import Metric
from tiekartta.plans import services
from tiekartta.plans.diff import compare
from tiekartta.plans.models import DraftState, PlanVersion, RevisionDraft, VersionKind
from tiekartta.plans.services import Decision, DraftTask
from tiekartta.plans.snapshot import build_snapshot, fingerprint
from tiekartta.roadmap import services as roadmap_services
from tiekartta.roadmap.models import Kind, Priority, Status, Task

ADOPTION = Decision(
    decided_on=datetime.date(2026, 2, 2),
    decision_body="  Kaupunginhallitus ",
    decision_reference="§ 12",
    summary="Hyväksyttiin digitiekartta.",
)
REVISION = Decision(
    decided_on=datetime.date(2026, 12, 14),
    decision_body="Kaupunginhallitus",
    decision_reference="§ 301",
)


def admin(world: World) -> Actor:
    return Actor.for_user(world.users["admin"])


def editor(world: World) -> Actor:
    return Actor.for_user(world.users["editor"])


def adopted(world: World) -> PlanVersion:
    return services.adopt_roadmap(actor=admin(world), roadmap=world.roadmap, decision=ADOPTION)


def started(world: World, title: str = "Vuoden 2027 päivitys") -> RevisionDraft:
    return services.start_revision(actor=editor(world), roadmap=world.roadmap, title=title)


def as_draft(task: Task, **changes: object) -> DraftTask:
    """The task as a draft would propose it, with `changes`."""
    data = DraftTask(
        title=task.title,
        theme=task.theme,
        owner=task.owner,
        start=task.start,
        due=task.due,
        kind=task.kind,
        priority=task.priority,
        quick_win=task.quick_win,
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return data


def set_task(world: World, draft: RevisionDraft, key: str | None, data: DraftTask) -> str:
    return services.set_draft_task(
        actor=editor(world), draft=draft, expected_version=draft.version, key=key, data=data
    )


def live_edit(world: World, task: Task, **changes: object) -> Task:
    """A change to the live plan through the roadmap's own service."""
    task.refresh_from_db()
    data = roadmap_services.TaskInput.from_task(task)
    for name, value in changes.items():
        setattr(data, name, value)
    return roadmap_services.update_task(
        actor=admin(world), task=task, expected_version=task.version, data=data
    )


def stored_version(draft: RevisionDraft) -> int:
    return RevisionDraft.objects.values_list("version", flat=True).get(pk=draft.pk)


# Adoption -------------------------------------------------------------------------------------


def test_adoption_keeps_the_plan_as_version_1(world: World) -> None:
    version = adopted(world)
    assert (version.number, version.kind) == (1, VersionKind.ADOPTION)
    assert version.decided_on == datetime.date(2026, 2, 2)
    assert version.decision_body == "Kaupunginhallitus"
    assert version.decision_label == "Kaupunginhallitus § 12"
    assert version.created_by == world.users["admin"]
    version.refresh_from_db()
    assert version.snapshot == build_snapshot(world.roadmap)
    tasks = version.snapshot["tasks"]
    assert tasks[str(world.own_task.pk)]["title"] == "Vesimittarien etäluenta"
    assert tasks[str(world.others_task.pk)]["owner_name"] == "Museonjohtaja"
    assert version.snapshot["themes"][str(world.theme.pk)]["is_spearhead"] is True
    assert version.snapshot["roadmap"] == {
        "title": "Tiekartta 2026–2028",
        "start_year": 2026,
        "end_year": 2028,
    }


def test_the_snapshot_outlives_later_edits_of_the_live_plan(world: World) -> None:
    version = adopted(world)
    live_edit(world, world.own_task, title="Uusi nimi", due="2027Q4")
    version.refresh_from_db()
    entry = version.snapshot["tasks"][str(world.own_task.pk)]
    assert (entry["title"], entry["due"]) == ("Vesimittarien etäluenta", "2026Q4")


def test_adopting_twice_is_refused_and_saves_nothing(world: World) -> None:
    adopted(world)
    with pytest.raises(ValidationError, match="already been adopted"):
        adopted(world)
    assert PlanVersion.objects.filter(roadmap=world.roadmap).count() == 1


def test_an_archived_roadmap_is_not_adopted(world: World) -> None:
    roadmap_services.set_roadmap_archived(actor=admin(world), roadmap=world.roadmap, archived=True)
    with pytest.raises(ValidationError):
        adopted(world)
    assert not PlanVersion.objects.exists()


def test_the_database_refuses_to_change_a_stored_version(world: World) -> None:
    version = adopted(world)
    with pytest.raises(DatabaseError), transaction.atomic():
        PlanVersion.objects.filter(pk=version.pk).update(summary="Muutettu jälkikäteen")
    with pytest.raises(DatabaseError), transaction.atomic():
        PlanVersion.objects.filter(pk=version.pk).update(snapshot={"tasks": {}})
    version.refresh_from_db()
    assert version.summary == "Hyväksyttiin digitiekartta."
    assert version.snapshot["tasks"]


def test_the_model_refuses_to_save_a_stored_version_again(world: World) -> None:
    version = adopted(world)
    version.decision_body = "Valtuusto"
    with pytest.raises(ValidationError, match="cannot be changed"):
        version.save()
    assert PlanVersion.objects.get(pk=version.pk).decision_body == "Kaupunginhallitus"


def test_a_stored_version_goes_with_its_roadmap(world: World) -> None:
    """The trigger refuses updates only: deleting a roadmap takes its versions with it."""
    empty = RoadmapFactory.create(organisation=world.organisation, slug="tyhja")
    services.adopt_roadmap(actor=admin(world), roadmap=empty, decision=ADOPTION)
    adopted(world)
    empty.delete()
    assert list(PlanVersion.objects.values_list("roadmap", flat=True)) == [world.roadmap.pk]


# Drafting a revision --------------------------------------------------------------------------


def test_a_revision_needs_the_adoption_first(world: World) -> None:
    with pytest.raises(ValidationError, match="Adopt the roadmap first"):
        started(world)
    assert not RevisionDraft.objects.exists()


def test_a_draft_begins_as_the_live_plan(world: World) -> None:
    adopted(world)
    draft = started(world)
    assert draft.state == DraftState.OPEN and draft.is_open
    assert draft.created_by == world.users["editor"]
    assert draft.base == draft.proposed == build_snapshot(world.roadmap)
    assert compare(draft.base, draft.proposed).is_empty


def test_one_open_draft_per_roadmap(world: World) -> None:
    adopted(world)
    first = started(world)
    with pytest.raises(ValidationError, match="already has a revision being drafted"):
        started(world, "Toinen päivitys")
    assert list(RevisionDraft.objects.all()) == [first]
    services.discard_revision(actor=editor(world), draft=first)
    first.refresh_from_db()
    assert first.state == DraftState.DISCARDED
    second = started(world, "Toinen päivitys")
    assert second.is_open


def test_another_roadmaps_open_draft_does_not_count(world: World) -> None:
    adopted(world)
    started(world)
    other = RoadmapFactory.create(organisation=world.organisation, slug="2029-2031")
    ThemeFactory.create(roadmap=other)
    services.adopt_roadmap(actor=admin(world), roadmap=other, decision=ADOPTION)
    assert services.start_revision(actor=editor(world), roadmap=other, title="Muu").is_open


def test_draft_edits_do_not_touch_the_live_plan(world: World) -> None:
    metric = MetricFactory.create(roadmap=world.roadmap, owner=world.owner_person, name="Etäluenta")
    adopted(world)
    live_before = build_snapshot(world.roadmap)
    draft = started(world)
    own, others = str(world.own_task.pk), str(world.others_task.pk)

    set_task(
        world, draft, own, as_draft(world.own_task, title="Etäluenta koko kaupunkiin", due="2027Q2")
    )
    new_key = set_task(
        world,
        draft,
        None,
        as_draft(world.own_task, title="Chatbot", theme=world.other_theme, kind=Kind.PILOT),
    )
    services.drop_draft_task(
        actor=editor(world), draft=draft, expected_version=draft.version, key=others
    )
    services.set_draft_metric_target(
        actor=editor(world),
        draft=draft,
        expected_version=draft.version,
        key=str(metric.pk),
        target_value=Decimal("75.50"),
        target_date=datetime.date(2029, 6, 30),
    )

    draft.refresh_from_db()
    assert new_key == "new-1"
    assert draft.version == 5  # one claim for each edit
    proposed = draft.proposed
    assert proposed["tasks"][own]["title"] == "Etäluenta koko kaupunkiin"
    assert proposed["tasks"][own]["due"] == "2027Q2"
    assert proposed["tasks"]["new-1"]["title"] == "Chatbot"
    assert proposed["tasks"]["new-1"]["theme"] == str(world.other_theme.pk)
    assert proposed["tasks"]["new-1"]["status"] == Status.PLANNED
    assert proposed["tasks"][others]["status"] == Status.CANCELLED
    assert proposed["metrics"][str(metric.pk)]["target_value"] == "75.5"
    assert proposed["metrics"][str(metric.pk)]["target_date"] == "2029-06-30"
    # The base is the live plan as the draft began; the live plan is as it was.
    assert draft.base == live_before
    assert build_snapshot(world.roadmap) == live_before
    assert Task.objects.filter(roadmap=world.roadmap).count() == 2
    world.own_task.refresh_from_db()
    assert (world.own_task.title, world.own_task.due) == ("Vesimittarien etäluenta", "2026Q4")
    assert Task.objects.get(pk=world.others_task.pk).status == Status.PLANNED
    assert Metric.objects.get(pk=metric.pk).target_value == Decimal("60")
    counts = compare(draft.base, draft.proposed).counts
    assert (counts.added, counts.removed, counts.changed, counts.rescheduled) == (1, 1, 1, 1)


def test_a_second_new_task_gets_the_next_key_and_a_new_one_dropped_is_forgotten(
    world: World,
) -> None:
    adopted(world)
    draft = started(world)
    first = set_task(world, draft, None, as_draft(world.own_task, title="Ensimmäinen"))
    second = set_task(world, draft, None, as_draft(world.own_task, title="Toinen"))
    assert (first, second) == ("new-1", "new-2")
    services.drop_draft_task(
        actor=editor(world), draft=draft, expected_version=draft.version, key=first
    )
    draft.refresh_from_db()
    assert "new-1" not in draft.proposed["tasks"]
    assert draft.proposed["tasks"]["new-2"]["title"] == "Toinen"


def test_a_dropped_task_can_be_put_back(world: World) -> None:
    adopted(world)
    draft = started(world)
    key = str(world.others_task.pk)
    services.drop_draft_task(
        actor=editor(world), draft=draft, expected_version=draft.version, key=key
    )
    services.drop_draft_task(
        actor=editor(world), draft=draft, expected_version=draft.version, key=key, dropped=False
    )
    draft.refresh_from_db()
    assert draft.proposed["tasks"][key]["status"] == Status.PLANNED
    assert compare(draft.base, draft.proposed).is_empty


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"due": "2029Q1"}, "due"),
        ({"start": "2025Q4"}, "start"),
        ({"start": "2027Q3", "due": "2027Q1"}, "due"),
        ({"title": "   "}, "title"),
    ],
)
def test_a_draft_task_is_checked_like_a_task(
    world: World, changes: dict[str, str], field: str
) -> None:
    adopted(world)
    draft = started(world)
    with pytest.raises(ValidationError) as refused:
        set_task(world, draft, str(world.own_task.pk), as_draft(world.own_task, **changes))
    assert field in refused.value.message_dict
    draft.refresh_from_db()
    assert draft.version == 1
    assert compare(draft.base, draft.proposed).is_empty


def test_a_draft_task_takes_only_this_roadmaps_themes_and_organisations_people(
    world: World,
) -> None:
    adopted(world)
    draft = started(world)
    foreign_theme = world.outsider_task.theme
    foreign_person = world.outsider_task.owner
    with pytest.raises(ValidationError) as refused:
        set_task(
            world,
            draft,
            None,
            as_draft(world.own_task, theme=foreign_theme, owner=foreign_person),
        )
    assert set(refused.value.message_dict) >= {"theme", "owner"}
    draft.refresh_from_db()
    assert set(draft.proposed["tasks"]) == {str(world.own_task.pk), str(world.others_task.pk)}


def test_a_task_not_in_the_draft_is_refused(world: World) -> None:
    adopted(world)
    draft = started(world)
    with pytest.raises(ValidationError):
        set_task(world, draft, "999999", as_draft(world.own_task))
    with pytest.raises(ValidationError):
        services.drop_draft_task(
            actor=editor(world), draft=draft, expected_version=stored_version(draft), key="999999"
        )
    assert stored_version(draft) == 1


def test_a_refused_edit_leaves_the_draft_object_as_stored(world: World) -> None:
    """The page shown after a refusal carries the draft's version for the corrected edit:
    the refusal must not leave the object claiming a version that was rolled back."""
    adopted(world)
    draft = started(world)
    key = str(world.own_task.pk)
    with pytest.raises(ValidationError):
        set_task(world, draft, key, as_draft(world.own_task, due="2029Q1"))
    assert draft.version == stored_version(draft) == 1
    set_task(world, draft, key, as_draft(world.own_task, due="2027Q1"))
    assert stored_version(draft) == 2


def test_a_stale_draft_version_is_a_conflict_and_saves_nothing(world: World) -> None:
    adopted(world)
    draft = started(world)
    seen = draft.version
    set_task(world, draft, str(world.own_task.pk), as_draft(world.own_task, title="Ensin"))
    # Someone who loaded the draft before that edit.
    stale = RevisionDraft.objects.get(pk=draft.pk)
    with pytest.raises(ConflictError):
        services.set_draft_task(
            actor=editor(world),
            draft=stale,
            expected_version=seen,
            key=str(world.own_task.pk),
            data=as_draft(world.own_task, title="Myöhemmin"),
        )
    with pytest.raises(ConflictError):
        services.drop_draft_task(
            actor=editor(world), draft=stale, expected_version=seen, key=str(world.own_task.pk)
        )
    with pytest.raises(ConflictError):
        services.adopt_revision(
            actor=admin(world), draft=stale, decision=REVISION, expected_version=seen
        )
    draft.refresh_from_db()
    assert draft.version == seen + 1
    assert draft.proposed["tasks"][str(world.own_task.pk)]["title"] == "Ensin"
    assert draft.proposed["tasks"][str(world.own_task.pk)]["status"] == Status.PLANNED
    assert draft.is_open
    assert PlanVersion.objects.count() == 1


def test_a_discarded_draft_takes_no_more_edits(world: World) -> None:
    adopted(world)
    draft = started(world)
    services.discard_revision(actor=editor(world), draft=draft)
    draft.refresh_from_db()
    with pytest.raises(ValidationError, match="no longer being drafted"):
        set_task(world, draft, str(world.own_task.pk), as_draft(world.own_task, title="Myöhään"))
    with pytest.raises(ValidationError, match="no longer being drafted"):
        services.adopt_revision(
            actor=admin(world), draft=draft, decision=REVISION, expected_version=draft.version
        )
    assert PlanVersion.objects.count() == 1


# Adopting a revision --------------------------------------------------------------------------


def test_adopting_a_revision_applies_it_and_keeps_version_2(world: World) -> None:
    metric = MetricFactory.create(roadmap=world.roadmap, owner=world.owner_person, name="Etäluenta")
    baseline = adopted(world)
    draft = started(world)
    own, others = str(world.own_task.pk), str(world.others_task.pk)
    set_task(
        world,
        draft,
        own,
        as_draft(
            world.own_task,
            title="Etäluenta koko kaupunkiin",
            due="2027Q2",
            owner=world.other_person,
            priority=Priority.HIGH,
            quick_win=True,
        ),
    )
    set_task(
        world,
        draft,
        None,
        as_draft(
            world.own_task,
            title="Chatbot",
            theme=world.other_theme,
            start="2027Q1",
            due="2027Q3",
            kind=Kind.PILOT,
        ),
    )
    services.drop_draft_task(
        actor=editor(world), draft=draft, expected_version=draft.version, key=others
    )
    services.set_draft_metric_target(
        actor=editor(world),
        draft=draft,
        expected_version=draft.version,
        key=str(metric.pk),
        target_value=Decimal("75"),
        target_date=datetime.date(2029, 6, 30),
    )

    version = services.adopt_revision(
        actor=admin(world), draft=draft, decision=REVISION, expected_version=draft.version
    )

    assert (version.number, version.kind) == (2, VersionKind.REVISION)
    assert version.decided_on == datetime.date(2026, 12, 14)
    changed = Task.objects.get(pk=world.own_task.pk)
    assert (changed.title, changed.due, changed.start) == (
        "Etäluenta koko kaupunkiin",
        "2027Q2",
        "2026Q1",
    )
    assert changed.owner == world.other_person
    assert (changed.priority, changed.quick_win) == (Priority.HIGH, True)
    assert Task.objects.get(pk=world.others_task.pk).status == Status.CANCELLED
    new = Task.objects.get(roadmap=world.roadmap, title="Chatbot")
    assert (new.theme, new.owner) == (world.other_theme, world.owner_person)
    assert (new.start, new.due, new.kind, new.status) == (
        "2027Q1",
        "2027Q3",
        Kind.PILOT,
        Status.PLANNED,
    )
    metric.refresh_from_db()
    assert (metric.target_value, metric.target_date) == (Decimal("75"), datetime.date(2029, 6, 30))

    draft.refresh_from_db()
    assert draft.state == DraftState.ADOPTED
    assert draft.adopted_version == version
    version.refresh_from_db()
    assert version.snapshot == build_snapshot(world.roadmap)
    counts = compare(baseline.snapshot, version.snapshot).counts
    assert (counts.added, counts.removed, counts.changed) == (1, 1, 1)
    assert (counts.rescheduled, counts.quarters_later, counts.reassigned) == (1, 2, 1)

    # The live plan is now the draft: the same tasks in the plan, the new one under its real key.
    def in_plan(snapshot: dict[str, Any]) -> set[tuple[str, str, str]]:
        return {
            (t["title"], t["start"], t["due"])
            for t in snapshot["tasks"].values()
            if t["status"] != Status.CANCELLED
        }

    assert in_plan(version.snapshot) == in_plan(draft.proposed)
    assert str(new.pk) in version.snapshot["tasks"] and "new-1" not in version.snapshot["tasks"]
    assert services.start_revision(actor=editor(world), roadmap=world.roadmap, title="Seuraava")


def test_a_task_cancelled_in_the_live_plan_and_put_back_by_the_draft_is_planned_again(
    world: World,
) -> None:
    live_edit(world, world.others_task, status=Status.CANCELLED)
    adopted(world)
    draft = started(world)
    services.drop_draft_task(
        actor=editor(world),
        draft=draft,
        expected_version=draft.version,
        key=str(world.others_task.pk),
        dropped=False,
    )
    draft.refresh_from_db()
    assert compare(draft.base, draft.proposed).counts.added == 1
    services.adopt_revision(
        actor=admin(world), draft=draft, decision=REVISION, expected_version=draft.version
    )
    assert Task.objects.get(pk=world.others_task.pk).status == Status.PLANNED


def test_a_revision_keeps_the_fields_of_a_task_that_the_draft_did_not_change(world: World) -> None:
    adopted(world)
    draft = started(world)
    set_task(world, draft, str(world.own_task.pk), as_draft(world.own_task, due="2027Q1"))
    Task.objects.filter(pk=world.own_task.pk).update(description="Kuvaus", completion=40)
    services.adopt_revision(
        actor=admin(world), draft=draft, decision=REVISION, expected_version=draft.version
    )
    task = Task.objects.get(pk=world.own_task.pk)
    assert (task.due, task.description, task.completion) == ("2027Q1", "Kuvaus", 40)


def test_a_decision_dated_before_the_previous_version_is_refused(world: World) -> None:
    adopted(world)
    draft = started(world)
    set_task(world, draft, str(world.own_task.pk), as_draft(world.own_task, title="Uusi nimi"))
    earlier = Decision(decided_on=datetime.date(2026, 2, 1), decision_body="Kaupunginhallitus")
    with pytest.raises(ValidationError) as refused:
        services.adopt_revision(
            actor=admin(world),
            draft=draft,
            decision=earlier,
            expected_version=stored_version(draft),
        )
    assert "decided_on" in refused.value.message_dict
    assert PlanVersion.objects.count() == 1
    assert Task.objects.get(pk=world.own_task.pk).title == "Vesimittarien etäluenta"
    draft.refresh_from_db()
    assert draft.is_open
    # The same day as the previous decision is fine.
    same_day = Decision(decided_on=ADOPTION.decided_on, decision_body="Kaupunginhallitus")
    version = services.adopt_revision(
        actor=admin(world), draft=draft, decision=same_day, expected_version=draft.version
    )
    assert version.number == 2


# The live plan changed meanwhile --------------------------------------------------------------


def meanwhile_case(world: World) -> RevisionDraft:
    """The draft moves the own task's end to 2027Q2; meanwhile the live plan renames it and
    moves its end to 2027Q1."""
    adopted(world)
    draft = started(world)
    set_task(world, draft, str(world.own_task.pk), as_draft(world.own_task, due="2027Q2"))
    live_edit(world, world.own_task, title="Etäluenta, laajennettu", due="2027Q1")
    draft.refresh_from_db()
    return draft


def test_a_revision_onto_a_changed_live_plan_is_refused_until_the_changes_are_seen(
    world: World,
) -> None:
    draft = meanwhile_case(world)
    with pytest.raises(ConflictError) as refused:
        services.adopt_revision(
            actor=admin(world),
            draft=draft,
            decision=REVISION,
            expected_version=stored_version(draft),
        )
    meanwhile = refused.value.details["meanwhile"]
    [change] = meanwhile.tasks
    assert change.key == str(world.own_task.pk)
    assert {f.field for f in change.fields} == {"title", "due"}
    assert refused.value.details["live"] == build_snapshot(world.roadmap)
    # Nothing was applied or kept.
    assert PlanVersion.objects.count() == 1
    assert Task.objects.get(pk=world.own_task.pk).due == "2027Q1"
    assert RevisionDraft.objects.get(pk=draft.pk).is_open

    # The fingerprint of another plan than the live one (the draft's base) is not seeing it.
    with pytest.raises(ConflictError):
        services.adopt_revision(
            actor=admin(world),
            draft=draft,
            decision=REVISION,
            expected_version=stored_version(draft),
            seen_live=fingerprint(draft.base),
        )
    assert PlanVersion.objects.count() == 1


def test_seeing_the_changes_adopts_keeping_them_and_the_draft_wins_where_both_changed(
    world: World,
) -> None:
    draft = meanwhile_case(world)
    seen = fingerprint(build_snapshot(world.roadmap))
    version = services.adopt_revision(
        actor=admin(world),
        draft=draft,
        decision=REVISION,
        expected_version=stored_version(draft),
        seen_live=seen,
    )
    assert version.number == 2
    task = Task.objects.get(pk=world.own_task.pk)
    # The meanwhile title is kept (the draft did not touch it); the draft's end wins.
    assert task.title == "Etäluenta, laajennettu"
    assert task.due == "2027Q2"
    entry = version.snapshot["tasks"][str(world.own_task.pk)]
    assert (entry["title"], entry["due"]) == ("Etäluenta, laajennettu", "2027Q2")
    assert RevisionDraft.objects.get(pk=draft.pk).state == DraftState.ADOPTED


def test_a_plan_changed_again_after_it_was_seen_is_refused_again(world: World) -> None:
    draft = meanwhile_case(world)
    seen = fingerprint(build_snapshot(world.roadmap))
    live_edit(world, world.others_task, owner=world.owner_person)
    with pytest.raises(ConflictError):
        services.adopt_revision(
            actor=admin(world),
            draft=draft,
            decision=REVISION,
            expected_version=stored_version(draft),
            seen_live=seen,
        )
    assert PlanVersion.objects.count() == 1
    assert Task.objects.get(pk=world.own_task.pk).due == "2027Q1"


def test_progress_recorded_meanwhile_is_no_conflict(world: World) -> None:
    adopted(world)
    draft = started(world)
    set_task(world, draft, str(world.own_task.pk), as_draft(world.own_task, due="2027Q2"))
    Task.objects.filter(pk=world.own_task.pk).update(status=Status.IN_PROGRESS, completion=30)
    version = services.adopt_revision(
        actor=admin(world), draft=draft, decision=REVISION, expected_version=stored_version(draft)
    )
    task = Task.objects.get(pk=world.own_task.pk)
    assert (task.due, task.status, task.completion) == ("2027Q2", Status.IN_PROGRESS, 30)
    assert version.number == 2


def test_a_task_deleted_meanwhile_that_the_draft_changes_is_refused(world: World) -> None:
    adopted(world)
    draft = started(world)
    set_task(world, draft, str(world.others_task.pk), as_draft(world.others_task, title="Uusi"))
    roadmap_services.delete_task(actor=admin(world), task=world.others_task)
    with pytest.raises(ValidationError, match="deleted after the draft began"):
        services.adopt_revision(
            actor=admin(world),
            draft=draft,
            decision=REVISION,
            expected_version=stored_version(draft),
            seen_live=fingerprint(build_snapshot(world.roadmap)),
        )
    assert PlanVersion.objects.count() == 1
    assert RevisionDraft.objects.get(pk=draft.pk).is_open


# Who did it ------------------------------------------------------------------------------------


def test_history_rows_name_the_actor(world: World) -> None:
    admin_user, editor_user = world.users["admin"], world.users["editor"]
    baseline = adopted(world)
    draft = started(world)
    set_task(world, draft, str(world.own_task.pk), as_draft(world.own_task, due="2027Q2"))
    set_task(world, draft, None, as_draft(world.own_task, title="Chatbot"))
    version = services.adopt_revision(
        actor=admin(world), draft=draft, decision=REVISION, expected_version=draft.version
    )

    versions = PlanVersion.history.filter(roadmap_id=world.roadmap.pk).order_by("history_date")  # type: ignore[attr-defined]
    assert [(row.number, row.history_type, row.history_user) for row in versions] == [
        (baseline.number, "+", admin_user),
        (version.number, "+", admin_user),
    ]
    drafts = RevisionDraft.history.filter(id=draft.pk).order_by("history_date", "history_id")  # type: ignore[attr-defined]
    assert [(row.state, row.history_user) for row in drafts] == [
        (DraftState.OPEN, editor_user),
        (DraftState.OPEN, editor_user),
        (DraftState.OPEN, editor_user),
        (DraftState.ADOPTED, admin_user),
    ]
    changed = Task.history.filter(id=world.own_task.pk).latest("history_date")  # type: ignore[attr-defined]
    assert (changed.due, changed.history_type, changed.history_user) == ("2027Q2", "~", admin_user)
    new = Task.objects.get(title="Chatbot")
    [created] = Task.history.filter(id=new.pk)  # type: ignore[attr-defined]
    assert (created.history_type, created.history_user) == ("+", admin_user)


def test_a_system_actor_is_named_in_the_change_reason(world: World) -> None:
    version = services.adopt_roadmap(
        actor=Actor.system("Command line: adopt"), roadmap=world.roadmap, decision=ADOPTION
    )
    assert version.created_by is None
    [row] = PlanVersion.history.filter(id=version.pk)  # type: ignore[attr-defined]
    assert row.history_user is None
    assert row.history_change_reason == "Command line: adopt"
