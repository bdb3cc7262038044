"""The diff of two plan snapshots: every kind of change, the counts, the grouping by theme, and
the fingerprint that notices a changed plan but not a changed progress."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from conftest import World
from tiekartta.plans.diff import ADDED, CHANGED, REMOVED, Change, PlanDiff, compare
from tiekartta.plans.snapshot import Snapshot, build_snapshot, fingerprint
from tiekartta.roadmap.models import Kind, Priority, Status, Task

SPEARHEAD, SUPPORT, SPARE = "1", "2", "3"


def theme(name: str, *, spearhead: bool = False, order: int = 0) -> dict[str, Any]:
    return {"name": name, "is_spearhead": spearhead, "order": order}


def task(title: str, **fields: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "title": title,
        "theme": SUPPORT,
        "owner": "10",
        "owner_name": "Tekninen johtaja",
        "start": "2026Q1",
        "due": "2026Q4",
        "kind": Kind.IMPLEMENTATION,
        "priority": Priority.MEDIUM,
        "quick_win": False,
        "status": Status.PLANNED,
        "collaborators": [],
        "order": 0,
    }
    entry.update(fields)
    return entry


def metric(name: str, **fields: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "name": name,
        "theme": "",
        "owner": "10",
        "owner_name": "Tekninen johtaja",
        "unit": "percent",
        "baseline_value": "20",
        "target_value": "60",
        "target_date": "2028-12-31",
        "milestones": {},
    }
    entry.update(fields)
    return entry


def snapshot(
    tasks: dict[str, dict[str, Any]] | None = None,
    metrics: dict[str, dict[str, Any]] | None = None,
    themes: dict[str, dict[str, Any]] | None = None,
) -> Snapshot:
    return {
        "format": 1,
        "roadmap": {"title": "Tiekartta 2026–2028", "start_year": 2026, "end_year": 2028},
        "themes": themes
        if themes is not None
        else {
            SPEARHEAD: theme("Tiedolla johtaminen", spearhead=True, order=1),
            SUPPORT: theme("Digituki", order=0),
        },
        "tasks": tasks or {},
        "metrics": metrics or {},
    }


def with_task(base: Snapshot, key: str, **fields: Any) -> Snapshot:
    """A copy of `base` with the task `key` changed."""
    changed = copy.deepcopy(base)
    changed["tasks"][key].update(fields)
    return changed


def only_task(diff: PlanDiff) -> Change:
    [change] = diff.tasks
    return change


BASE = snapshot({"100": task("Vesimittarien etäluenta"), "101": task("Kokoelmajärjestelmä")})


# Nothing changed ----------------------------------------------------------------------------


def test_a_plan_compared_with_itself_has_no_differences() -> None:
    diff = compare(BASE, copy.deepcopy(BASE))
    assert diff.is_empty
    assert diff.tasks == [] and diff.themes == [] and diff.metrics == []
    assert not diff.counts.any


@pytest.mark.parametrize("status", [Status.IN_PROGRESS, Status.POSTPONED, Status.DONE])
def test_a_status_change_is_progress_not_a_difference(status: str) -> None:
    diff = compare(BASE, with_task(BASE, "100", status=status))
    assert diff.is_empty
    assert diff.counts.changed == 0


def test_a_tasks_place_in_the_list_and_its_owners_new_name_are_not_differences() -> None:
    after = with_task(BASE, "100", order=7, owner_name="Kaupungininsinööri")
    assert compare(BASE, after).is_empty


# Tasks added and removed ----------------------------------------------------------------------


def test_a_task_added() -> None:
    after = copy.deepcopy(BASE)
    after["tasks"]["new-1"] = task("Chatbot", quick_win=True, kind=Kind.PILOT)
    diff = compare(BASE, after)
    change = only_task(diff)
    assert (change.key, change.kind, change.name) == ("new-1", ADDED, "Chatbot")
    shown = {f.field: f.after for f in change.fields}
    # The added task's own fields, readable; not its title or theme (its row and group say them).
    assert shown["kind"] == "Pilot"
    assert shown["quick_win"] == "yes"
    assert shown["owner"] == "Tekninen johtaja"
    assert shown["start"] == "Q1/2026" and shown["due"] == "Q4/2026"
    assert "title" not in shown and "theme" not in shown
    assert (diff.counts.added, diff.counts.removed, diff.counts.changed) == (1, 0, 0)
    assert diff.counts.any


def test_a_task_missing_from_the_later_plan_is_removed() -> None:
    after = copy.deepcopy(BASE)
    del after["tasks"]["101"]
    diff = compare(BASE, after)
    change = only_task(diff)
    assert (change.key, change.kind, change.name) == ("101", REMOVED, "Kokoelmajärjestelmä")
    assert (diff.counts.added, diff.counts.removed, diff.counts.changed) == (0, 1, 0)


def test_a_cancelled_task_is_removed_from_the_plan() -> None:
    diff = compare(BASE, with_task(BASE, "101", status=Status.CANCELLED))
    change = only_task(diff)
    assert (change.key, change.kind) == ("101", REMOVED)
    assert diff.counts.removed == 1 and diff.counts.changed == 0


def test_a_cancelled_task_put_back_counts_as_added() -> None:
    cancelled = with_task(BASE, "101", status=Status.CANCELLED)
    diff = compare(cancelled, with_task(cancelled, "101", status=Status.PLANNED))
    change = only_task(diff)
    assert (change.key, change.kind) == ("101", ADDED)
    assert (diff.counts.added, diff.counts.removed) == (1, 0)


def test_a_task_cancelled_on_both_sides_is_no_difference() -> None:
    cancelled = with_task(BASE, "101", status=Status.CANCELLED)
    assert compare(cancelled, with_task(cancelled, "101", title="Vanha nimi")).is_empty


# Tasks changed, field by field ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "before", "after"),
    [
        (
            "title",
            "Vesimittarit etäluettaviksi",
            "Vesimittarien etäluenta",
            "Vesimittarit etäluettaviksi",
        ),
        ("theme", SPEARHEAD, "Digituki", "Tiedolla johtaminen"),
        ("owner", "11", "Tekninen johtaja", "Museonjohtaja"),
        ("start", "2026Q2", "Q1/2026", "Q2/2026"),
        ("due", "2027Q2", "Q4/2026", "Q2/2027"),
        ("kind", Kind.PROCUREMENT, "Implementation", "Procurement"),
        ("priority", Priority.HIGH, "Medium", "High"),
        ("quick_win", True, "no", "yes"),
        (
            "collaborators",
            ["Arkistonhoitaja", "Museonjohtaja"],
            "",
            "Arkistonhoitaja, Museonjohtaja",
        ),
    ],
)
def test_each_planned_field_of_a_task_is_compared(
    field: str, value: Any, before: str, after: str
) -> None:
    fields: dict[str, Any] = {field: value}
    if field == "owner":
        fields["owner_name"] = "Museonjohtaja"
    diff = compare(BASE, with_task(BASE, "100", **fields))
    change = only_task(diff)
    assert (change.key, change.kind) == ("100", CHANGED)
    assert [(f.field, f.before, f.after) for f in change.fields] == [(field, before, after)]
    assert change.fields[0].label  # every field has a readable label
    assert diff.counts.changed == 1
    assert diff.counts.added == diff.counts.removed == 0
    assert change.rescheduled is (field in ("start", "due"))
    assert change.reassigned is (field == "owner")
    assert diff.counts.rescheduled == (1 if field in ("start", "due") else 0)
    assert diff.counts.reassigned == (1 if field == "owner" else 0)


def test_a_changed_task_lists_every_changed_field_in_order() -> None:
    after = with_task(BASE, "100", title="Uusi nimi", due="2027Q4", priority=Priority.LOW)
    change = only_task(compare(BASE, after))
    assert change.name == "Uusi nimi"
    assert [f.field for f in change.fields] == ["title", "due", "priority"]


def test_the_theme_is_compared_by_name_so_a_copied_theme_is_the_same() -> None:
    """Another roadmap's snapshot (after a renewal) has other keys for the same themes."""
    other_keys = snapshot(
        {"100": task("Vesimittarien etäluenta", theme="9")},
        themes={"9": theme("Digituki", order=0)},
    )
    assert compare(snapshot({"100": task("Vesimittarien etäluenta")}), other_keys).tasks == []


def test_rescheduled_later_counts_the_quarters() -> None:
    after = with_task(BASE, "100", due="2027Q2")
    after["tasks"]["101"]["due"] = "2027Q1"
    diff = compare(BASE, after)
    shifts = {change.key: change.shift for change in diff.tasks}
    assert shifts == {"100": 2, "101": 1}
    counts = diff.counts
    assert (counts.changed, counts.rescheduled) == (2, 2)
    assert (counts.quarters_later, counts.quarters_earlier) == (3, 0)


def test_rescheduled_earlier_counts_the_quarters() -> None:
    after = with_task(BASE, "100", due="2026Q2")
    diff = compare(BASE, after)
    assert only_task(diff).shift == -2
    assert (diff.counts.rescheduled, diff.counts.quarters_later, diff.counts.quarters_earlier) == (
        1,
        0,
        2,
    )


def test_later_and_earlier_are_counted_apart() -> None:
    after = with_task(BASE, "100", due="2027Q4")
    after["tasks"]["101"]["due"] = "2026Q3"
    counts = compare(BASE, after).counts
    assert (counts.rescheduled, counts.quarters_later, counts.quarters_earlier) == (2, 4, 1)


def test_a_new_start_with_the_same_end_is_rescheduled_without_a_shift() -> None:
    diff = compare(BASE, with_task(BASE, "100", start="2026Q3"))
    change = only_task(diff)
    assert change.rescheduled and change.shift is None
    assert (diff.counts.rescheduled, diff.counts.quarters_later) == (1, 0)


def test_the_shift_of_a_task_without_an_end_follows_its_start() -> None:
    before = with_task(BASE, "100", due="")
    change = only_task(compare(before, with_task(before, "100", start="2026Q4")))
    assert change.shift == 3


def test_a_schedule_added_to_an_unscheduled_task_has_no_shift() -> None:
    before = with_task(BASE, "100", start="", due="")
    diff = compare(before, with_task(before, "100", start="2026Q1", due="2026Q4"))
    change = only_task(diff)
    assert change.rescheduled and change.shift is None
    assert diff.counts.quarters_later == diff.counts.quarters_earlier == 0


def test_reassigned_tasks_are_counted() -> None:
    after = with_task(BASE, "100", owner="11", owner_name="Museonjohtaja")
    after["tasks"]["101"].update(owner="12", owner_name="Arkistonhoitaja", due="2027Q4")
    counts = compare(BASE, after).counts
    assert (counts.changed, counts.reassigned, counts.rescheduled) == (2, 2, 1)


def test_added_removed_and_changed_are_counted_together() -> None:
    after = with_task(BASE, "100", title="Uusi nimi")
    after["tasks"]["101"]["status"] = Status.CANCELLED
    after["tasks"]["new-1"] = task("Chatbot")
    after["tasks"]["new-2"] = task("Verkkokauppa")
    counts = compare(BASE, after).counts
    assert (counts.added, counts.removed, counts.changed) == (2, 1, 1)


# Themes ---------------------------------------------------------------------------------------


def test_a_theme_added() -> None:
    after = copy.deepcopy(BASE)
    after["themes"][SPARE] = theme("Osallisuus", order=3)
    [change] = compare(BASE, after).themes
    assert (change.kind, change.name) == (ADDED, "Osallisuus")


def test_a_theme_removed() -> None:
    after = copy.deepcopy(BASE)
    del after["themes"][SUPPORT]
    diff = compare(BASE, after)
    assert [(c.kind, c.name) for c in diff.themes] == [(REMOVED, "Digituki")]


def test_a_theme_made_a_spearhead_is_changed() -> None:
    after = copy.deepcopy(BASE)
    after["themes"][SUPPORT]["is_spearhead"] = True
    [change] = compare(BASE, after).themes
    assert (change.kind, change.name) == (CHANGED, "Digituki")
    assert [(f.field, f.before, f.after) for f in change.fields] == [("is_spearhead", "no", "yes")]


def test_a_theme_renamed_is_one_removed_and_one_added() -> None:
    after = copy.deepcopy(BASE)
    after["themes"][SUPPORT]["name"] = "Digituki ja osaaminen"
    changes = compare(BASE, after).themes
    assert [(c.kind, c.name) for c in changes] == [
        (REMOVED, "Digituki"),
        (ADDED, "Digituki ja osaaminen"),
    ]


def test_a_themes_order_is_not_a_difference() -> None:
    after = copy.deepcopy(BASE)
    after["themes"][SUPPORT]["order"] = 9
    assert compare(BASE, after).themes == []


# Metrics --------------------------------------------------------------------------------------

METRICS = snapshot(metrics={"5": metric("Sähköinen asiointi"), "6": metric("Avoin data")})


def test_a_metric_added() -> None:
    after = copy.deepcopy(METRICS)
    after["metrics"]["7"] = metric("Digituen tavoittavuus", target_value="80")
    [change] = compare(METRICS, after).metrics
    assert (change.key, change.kind, change.name) == ("7", ADDED, "Digituen tavoittavuus")
    assert {f.field: f.after for f in change.fields}["target_value"] == "80"


def test_a_metric_removed() -> None:
    after = copy.deepcopy(METRICS)
    del after["metrics"]["6"]
    [change] = compare(METRICS, after).metrics
    assert (change.key, change.kind, change.name) == ("6", REMOVED, "Avoin data")


def test_a_metric_target_changed() -> None:
    after = copy.deepcopy(METRICS)
    after["metrics"]["5"].update(target_value="75.5", target_date="2029-06-30")
    diff = compare(METRICS, after)
    [change] = diff.metrics
    assert (change.key, change.kind) == ("5", CHANGED)
    assert [(f.field, f.before, f.after) for f in change.fields] == [
        ("target_value", "60", "75.5"),
        ("target_date", "12/31/2028", "06/30/2029"),
    ]
    # Metrics are not tasks: the task counts say nothing of them.
    assert not diff.counts.any
    assert not diff.is_empty


def test_a_metrics_intermediate_targets_are_compared() -> None:
    after = copy.deepcopy(METRICS)
    after["metrics"]["6"]["milestones"] = {"2027": "40"}
    [change] = compare(METRICS, after).metrics
    assert [(f.field, f.before, f.after) for f in change.fields] == [("milestones", "", "2027: 40")]


# Grouping by theme ----------------------------------------------------------------------------


def test_tasks_are_grouped_by_theme_with_the_spearheads_first() -> None:
    before = snapshot(
        {
            "100": task("Digituen tehtävä", theme=SUPPORT),
            "101": task("Johtamisen tehtävä", theme=SPEARHEAD),
        }
    )
    after = with_task(before, "100", title="Digituen tehtävä, muutettu")
    after["tasks"]["101"]["title"] = "Johtamisen tehtävä, muutettu"
    groups = compare(before, after).groups
    # Digituki comes first by its order (0 < 1), but the spearhead goes before it.
    assert [g.name for g in groups] == ["Tiedolla johtaminen", "Digituki"]
    assert [[c.key for c in g.tasks] for g in groups] == [["101"], ["100"]]


def test_themes_that_are_not_spearheads_follow_their_order() -> None:
    themes = {
        "1": theme("Aakkosissa ensin", order=5),
        "2": theme("Järjestyksessä ensin", order=1),
    }
    before = snapshot({"100": task("A", theme="1"), "101": task("B", theme="2")}, themes=themes)
    after = with_task(before, "100", due="2027Q4")
    after["tasks"]["101"]["due"] = "2027Q4"
    assert [g.name for g in compare(before, after).groups] == [
        "Järjestyksessä ensin",
        "Aakkosissa ensin",
    ]


def test_a_removed_task_is_listed_under_the_theme_it_had() -> None:
    before = snapshot(
        {"100": task("Vanha tehtävä", theme=SPARE), "101": task("Pysyvä")},
        themes={SPARE: theme("Lakkautettu"), SUPPORT: theme("Digituki", order=1)},
    )
    after = copy.deepcopy(before)
    del after["tasks"]["100"]
    del after["themes"][SPARE]
    after["tasks"]["new-1"] = task("Uusi")
    diff = compare(before, after)
    grouped = {g.name: [(c.key, c.kind) for c in g.tasks] for g in diff.groups}
    assert grouped == {"Lakkautettu": [("100", REMOVED)], "Digituki": [("new-1", ADDED)]}


def test_a_task_moved_to_another_theme_is_listed_under_its_new_theme() -> None:
    diff = compare(BASE, with_task(BASE, "100", theme=SPEARHEAD))
    assert [(g.name, [c.key for c in g.tasks]) for g in diff.groups] == [
        ("Tiedolla johtaminen", ["100"])
    ]


# The fingerprint ------------------------------------------------------------------------------


def test_the_fingerprint_ignores_progress_and_order() -> None:
    progressed = with_task(BASE, "100", status=Status.IN_PROGRESS, order=5)
    progressed["tasks"]["101"]["status"] = Status.DONE
    progressed["themes"][SUPPORT]["order"] = 4
    assert fingerprint(progressed) == fingerprint(BASE)


@pytest.mark.parametrize(
    "fields",
    [
        {"title": "Uusi nimi"},
        {"due": "2027Q1"},
        {"owner": "11"},
        {"quick_win": True},
        {"status": Status.CANCELLED},
    ],
)
def test_the_fingerprint_changes_with_the_plan(fields: dict[str, Any]) -> None:
    assert fingerprint(with_task(BASE, "100", **fields)) != fingerprint(BASE)


def test_the_fingerprint_changes_with_a_metric_target() -> None:
    after = copy.deepcopy(METRICS)
    after["metrics"]["5"]["target_value"] = "61"
    assert fingerprint(after) != fingerprint(METRICS)


def test_the_live_plans_fingerprint_ignores_recorded_progress(world: World) -> None:
    before = build_snapshot(world.roadmap)
    Task.objects.filter(pk=world.own_task.pk).update(
        status=Status.IN_PROGRESS, completion=60, order=9
    )
    progressed = build_snapshot(world.roadmap)
    assert progressed["tasks"][str(world.own_task.pk)]["status"] == Status.IN_PROGRESS
    assert fingerprint(progressed) == fingerprint(before)
    assert compare(before, progressed).is_empty
    Task.objects.filter(pk=world.own_task.pk).update(due="2027Q2")
    rescheduled = build_snapshot(world.roadmap)
    assert fingerprint(rescheduled) != fingerprint(before)
    assert compare(before, rescheduled).counts.quarters_later == 2
