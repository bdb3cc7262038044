"""Renewal: the next period's roadmap made from the old one, all or nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from conftest import World
from tests.factories import (
    IdeaFactory,
    MetricFactory,
    MetricValueFactory,
    OrganisationFactory,
    TaskFactory,
)
from tiekartta.core.actors import Actor
from tiekartta.ideas.models import IdeaStatus
from tiekartta.metrics.models import Metric
from tiekartta.plans import renewal
from tiekartta.plans.models import Renewal
from tiekartta.plans.renewal import RenewalPlan
from tiekartta.roadmap import services as roadmap_services
from tiekartta.roadmap.models import Roadmap, Status, Task, Theme


def admin(world: World) -> Actor:
    return Actor.for_user(world.users["admin"])


class Old:
    """The world's roadmap 2026–2028 at its end: tasks in every state, links, a metric."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.roadmap = world.roadmap
        # own_task 2026Q1–2026Q4, planned; others_task in progress and waits for it.
        self.first = world.own_task
        self.second = world.others_task
        Task.objects.filter(pk=self.second.pk).update(
            status=Status.IN_PROGRESS, completion=40, start="2026Q3", due="2027Q2"
        )
        self.second.refresh_from_db()
        self.second.predecessors.add(self.first)
        self.late = TaskFactory.create(
            theme=world.other_theme,
            owner=world.other_person,
            title="Digituen verkosto",
            start="2027Q2",
            due="2028Q4",
        )
        self.left = TaskFactory.create(
            theme=world.other_theme, owner=world.other_person, title="Jätetään pois"
        )
        self.late.predecessors.add(self.left)
        self.done = TaskFactory.create(
            theme=world.theme, owner=world.other_person, title="Valmis", status=Status.DONE
        )
        self.cancelled = TaskFactory.create(
            theme=world.theme,
            owner=world.other_person,
            title="Peruttu",
            status=Status.CANCELLED,
        )
        self.metric = MetricFactory.create(
            roadmap=self.roadmap, owner=world.owner_person, name="Etäluetut", theme=world.theme
        )
        MetricValueFactory.create(metric=self.metric, period="2026Q2", value=Decimal("30"))
        MetricValueFactory.create(metric=self.metric, period="2027Q3", value=Decimal("45.5"))
        self.metric.tasks.add(self.first)
        self.unmeasured = MetricFactory.create(
            roadmap=self.roadmap, owner=world.owner_person, name="Ei arvoja"
        )

    def plan(self, start_year: int = 2029, end_year: int = 2031) -> RenewalPlan:
        proposal = renewal.propose(self.roadmap, start_year, end_year)
        plan = proposal.plan
        # The task left behind is not carried over.
        plan.carry = [item for item in plan.carry if item.task.pk != self.left.pk]
        return plan


@pytest.fixture
def old(world: World) -> Old:
    return Old(world)


def stored() -> dict[str, Any]:
    return {
        "roadmaps": sorted(Roadmap.objects.values_list("pk", "is_archived")),
        "themes": Theme.objects.count(),
        "tasks": Task.objects.count(),
        "metrics": Metric.objects.count(),
        "renewals": Renewal.objects.count(),
    }


# The proposal ---------------------------------------------------------------------------------


def test_the_default_period_follows_the_old_one_with_its_length(world: World) -> None:
    assert renewal.default_period(world.roadmap) == (2029, 2031)
    world.roadmap.start_year = world.roadmap.end_year = 2026
    assert renewal.default_period(world.roadmap) == (2027, 2027)


def test_the_default_title_has_the_new_years(world: World) -> None:
    assert renewal.default_title(world.roadmap, 2029, 2031) == "Tiekartta 2029–2031"
    world.roadmap.title = "Digitiekartta 2026-2028"
    assert renewal.default_title(world.roadmap, 2029, 2031) == "Digitiekartta 2029-2031"
    world.roadmap.title = "Digiohjelma"
    assert renewal.default_title(world.roadmap, 2029, 2031) == "Digiohjelma 2029–2031"


@pytest.mark.parametrize(
    ("start", "due", "years", "expected"),
    [
        # Keeps its length (four quarters) and starts when the new period does.
        ("2026Q1", "2026Q4", (2029, 2031), ("2029Q1", "2029Q4")),
        ("2026Q3", "2027Q2", (2029, 2031), ("2029Q1", "2029Q4")),
        ("2027Q2", "2028Q4", (2029, 2031), ("2029Q1", "2030Q3")),
        ("2026Q2", "2026Q2", (2029, 2031), ("2029Q1", "2029Q1")),
        # Never past the new period's end.
        ("2026Q1", "2028Q4", (2029, 2029), ("2029Q1", "2029Q4")),
        # One side of the schedule stands for both; none stays none.
        ("", "2027Q3", (2029, 2031), ("2029Q1", "2029Q1")),
        ("2027Q3", "", (2029, 2031), ("2029Q1", "2029Q1")),
        ("", "", (2029, 2031), ("", "")),
    ],
)
def test_the_proposed_schedule(
    start: str, due: str, years: tuple[int, int], expected: tuple[str, str]
) -> None:
    assert renewal.proposed_schedule(Task(start=start, due=due), *years) == expected


def test_the_proposal_lists_what_is_carried_and_what_is_for_the_record(
    world: World, old: Old
) -> None:
    parked = IdeaFactory.create(
        organisation=world.organisation,
        title="Kirjaston lainausautomaatit",
        status=IdeaStatus.PARKED,
        status_reason="Seuraavalle kaudelle",
    )
    IdeaFactory.create(organisation=world.organisation, title="Uusi idea", status=IdeaStatus.NEW)
    IdeaFactory.create(
        organisation=world.organisation,
        title="Hylätty",
        status=IdeaStatus.REJECTED,
        status_reason="Ei",
    )
    IdeaFactory.create(
        organisation=OrganisationFactory.create(slug="muu-kunta"),
        title="Muun kunnan idea",
        status=IdeaStatus.PARKED,
        status_reason="Myöhemmin",
    )
    proposal = renewal.propose(old.roadmap, 2029, 2031)
    unfinished = {item.task.pk: (item.start, item.due, item.theme) for item in proposal.unfinished}
    assert unfinished == {
        old.first.pk: ("2029Q1", "2029Q4", "Tiedolla johtaminen"),
        old.second.pk: ("2029Q1", "2029Q4", "Tiedolla johtaminen"),
        old.late.pk: ("2029Q1", "2030Q3", "Digituki"),
        old.left.pk: ("2029Q1", "2029Q4", "Digituki"),
    }
    assert proposal.plan.carry == proposal.unfinished
    assert [t.pk for t in proposal.done] == [old.done.pk]
    assert [t.pk for t in proposal.cancelled] == [old.cancelled.pk]
    assert proposal.parked_ideas == [parked]
    # The spearhead first, as everywhere.
    assert [(t.name, t.is_spearhead) for t in proposal.plan.themes] == [
        ("Tiedolla johtaminen", True),
        ("Digituki", False),
    ]
    metrics = {m.metric.pk: m for m in proposal.metrics}
    measured = metrics[old.metric.pk]
    assert (measured.last_value, measured.last_period) == (Decimal("45.5"), "2027Q3")
    assert measured.theme == "Tiedolla johtaminen"
    assert measured.target_date == datetime.date(2031, 12, 31)
    assert measured.target_value == Decimal("60")
    assert (metrics[old.unmeasured.pk].last_value, metrics[old.unmeasured.pk].theme) == (None, "")
    plan = proposal.plan
    assert (plan.title, plan.slug, plan.start_year, plan.end_year) == (
        "Tiekartta 2029–2031",
        "2029-2031",
        2029,
        2031,
    )


def test_proposing_saves_nothing(old: Old) -> None:
    before = stored()
    renewal.propose(old.roadmap, 2029, 2031)
    assert stored() == before


# Renewing -------------------------------------------------------------------------------------


def test_renewal_makes_the_next_roadmap(world: World, old: Old) -> None:
    outcome = renewal.renew(actor=admin(world), roadmap=old.roadmap, plan=old.plan())

    new = outcome.renewal.target
    assert (new.organisation, new.title, new.slug) == (
        world.organisation,
        "Tiekartta 2029–2031",
        "2029-2031",
    )
    assert (new.start_year, new.end_year, new.is_archived) == (2029, 2031, False)
    themes = {t.name: t for t in Theme.objects.filter(roadmap=new)}
    assert set(themes) == {"Tiedolla johtaminen", "Digituki"}
    assert themes["Tiedolla johtaminen"].is_spearhead
    assert not themes["Digituki"].is_spearhead

    carried = {o.pk: n for o, n in outcome.carried}
    assert set(carried) == {old.first.pk, old.second.pk, old.late.pk}
    new_tasks = Task.objects.filter(roadmap=new)
    assert {t.pk for t in new_tasks} == {t.pk for t in carried.values()}
    for task in new_tasks:
        previous = task.carried_over_from
        assert previous is not None and previous.roadmap_id == old.roadmap.pk
        assert task.title == previous.title
        assert task.owner_id == previous.owner_id
        assert task.theme == themes[previous.theme.name]
    first, second, late = carried[old.first.pk], carried[old.second.pk], carried[old.late.pk]
    assert (first.start, first.due, first.status) == ("2029Q1", "2029Q4", Status.PLANNED)
    # Work in progress begins the new period as planned: its follow-up starts from 0 %.
    assert (second.start, second.due, second.status) == ("2029Q1", "2029Q4", Status.PLANNED)
    assert second.completion == 0
    assert (late.start, late.due) == ("2029Q1", "2030Q3")
    # The link between two carried tasks is kept; the link to the task left behind is not.
    assert list(second.predecessors.all()) == [first]
    assert list(late.predecessors.all()) == []

    metrics = {o.pk: n for o, n in outcome.metrics}
    measured = metrics[old.metric.pk]
    assert measured.roadmap == new
    assert measured.name == "Etäluetut"
    assert measured.baseline_value == Decimal("45.5")
    assert measured.baseline_date == datetime.date(2027, 9, 30)
    assert (measured.target_value, measured.target_date) == (
        Decimal("60"),
        datetime.date(2031, 12, 31),
    )
    assert measured.theme == themes["Tiedolla johtaminen"]
    assert list(measured.tasks.all()) == [first]
    assert not measured.milestones.exists()
    unmeasured = metrics[old.unmeasured.pk]
    # No value: the old baseline stays.
    assert (unmeasured.baseline_value, unmeasured.baseline_date) == (
        Decimal("20"),
        datetime.date(2025, 12, 31),
    )
    assert unmeasured.theme is None

    link = outcome.renewal
    assert (link.source, link.target, link.created_by) == (old.roadmap, new, world.users["admin"])
    old.roadmap.refresh_from_db()
    new.refresh_from_db()
    assert old.roadmap.renewed_as.target == new
    assert new.renewal_of.source == old.roadmap
    assert old.roadmap.is_archived
    record = link.record
    assert {(c["id"], c["to"]) for c in record["carried"]} == {
        (old.first.pk, first.pk),
        (old.second.pk, second.pk),
        (old.late.pk, late.pk),
    }
    assert next(c for c in record["carried"] if c["id"] == old.second.pk)["completion"] == 40
    assert [c["title"] for c in record["left"]] == ["Jätetään pois"]
    assert [c["title"] for c in record["done"]] == ["Valmis"]
    assert [c["title"] for c in record["cancelled"]] == ["Peruttu"]
    entry = next(m for m in record["metrics"] if m["id"] == old.metric.pk)
    assert (entry["to"], entry["baseline"], entry["target"]) == (measured.pk, "45.5", "60")


def test_renewal_takes_the_confirmed_changes(world: World, old: Old) -> None:
    plan = old.plan()
    plan.themes = [t for t in plan.themes if t.name != "Digituki"]
    plan.themes[0].name = "Tiedolla johtaminen ja analytiikka"
    plan.carry = [item for item in plan.carry if item.task.pk == old.second.pk]
    plan.carry[0].theme = "Tiedolla johtaminen ja analytiikka"
    plan.carry[0].start, plan.carry[0].due = "2030Q1", "2031Q4"
    plan.metrics[0].theme = "Tiedolla johtaminen ja analytiikka"
    plan.metrics[0].target_value = Decimal("80")
    plan.metrics = plan.metrics[:1]
    outcome = renewal.renew(actor=admin(world), roadmap=old.roadmap, plan=plan)
    new = outcome.renewal.target
    assert list(Theme.objects.filter(roadmap=new).values_list("name", flat=True)) == [
        "Tiedolla johtaminen ja analytiikka"
    ]
    [task] = Task.objects.filter(roadmap=new)
    assert (task.carried_over_from, task.start, task.due) == (old.second, "2030Q1", "2031Q4")
    # Its predecessor was left behind.
    assert not task.predecessors.exists()
    [metric] = Metric.objects.filter(roadmap=new)
    assert metric.target_value == Decimal("80")


def test_renewal_can_leave_the_old_roadmap_open(world: World, old: Old) -> None:
    renewal.renew(actor=admin(world), roadmap=old.roadmap, plan=old.plan(), close=False)
    old.roadmap.refresh_from_db()
    assert not old.roadmap.is_archived
    assert hasattr(old.roadmap, "renewed_as")


def test_an_archived_roadmap_can_still_be_renewed(world: World, old: Old) -> None:
    roadmap_services.set_roadmap_archived(actor=admin(world), roadmap=old.roadmap, archived=True)
    outcome = renewal.renew(actor=admin(world), roadmap=old.roadmap, plan=old.plan())
    assert outcome.renewal.target.tasks.count() == 3


# Refusals save nothing ------------------------------------------------------------------------


def test_a_period_overlapping_the_old_one_is_refused(world: World, old: Old) -> None:
    before = stored()
    plan = old.plan(2029, 2031)
    plan.start_year = 2028
    with pytest.raises(ValidationError) as refused:
        renewal.renew(actor=admin(world), roadmap=old.roadmap, plan=plan)
    assert "start_year" in refused.value.message_dict
    assert "2029" in refused.value.message_dict["start_year"][0]
    assert stored() == before


def test_a_period_ending_before_it_begins_is_refused(world: World, old: Old) -> None:
    before = stored()
    plan = old.plan()
    plan.end_year = 2028
    with pytest.raises(ValidationError) as refused:
        renewal.renew(actor=admin(world), roadmap=old.roadmap, plan=plan)
    assert "end_year" in refused.value.message_dict
    assert stored() == before


def test_a_roadmap_is_renewed_once(world: World, old: Old) -> None:
    renewal.renew(actor=admin(world), roadmap=old.roadmap, plan=old.plan())
    before = stored()
    again = old.plan(2032, 2034)
    with pytest.raises(ValidationError, match="already been renewed"):
        renewal.renew(actor=admin(world), roadmap=old.roadmap, plan=again)
    assert stored() == before


def test_a_carried_schedule_outside_the_new_period_is_refused_on_its_row(
    world: World, old: Old
) -> None:
    before = stored()
    plan = old.plan()
    item = next(i for i in plan.carry if i.task.pk == old.late.pk)
    item.start = "2028Q4"
    with pytest.raises(ValidationError) as refused:
        renewal.renew(actor=admin(world), roadmap=old.roadmap, plan=plan)
    errors = refused.value.message_dict
    assert set(errors) == {f"task_{old.late.pk}"}
    assert "does not fit the period 2029–2031" in errors[f"task_{old.late.pk}"][0]
    assert stored() == before


def test_a_carried_task_under_a_theme_not_copied_is_refused_on_its_row(
    world: World, old: Old
) -> None:
    before = stored()
    plan = old.plan()
    plan.themes = [t for t in plan.themes if t.name != "Digituki"]
    with pytest.raises(ValidationError) as refused:
        renewal.renew(actor=admin(world), roadmap=old.roadmap, plan=plan)
    assert set(refused.value.message_dict) == {f"task_{old.late.pk}"}
    assert stored() == before


def test_a_done_task_or_another_roadmaps_task_is_not_carried(world: World, old: Old) -> None:
    before = stored()
    plan = old.plan()
    plan.carry.append(
        renewal.CarryPlan(task=old.done, start="2029Q1", due="2029Q2", theme="Digituki")
    )
    plan.carry.append(
        renewal.CarryPlan(task=world.outsider_task, start="2029Q1", due="2029Q2", theme="Digituki")
    )
    with pytest.raises(ValidationError) as refused:
        renewal.renew(actor=admin(world), roadmap=old.roadmap, plan=plan)
    assert set(refused.value.message_dict) == {
        f"task_{old.done.pk}",
        f"task_{world.outsider_task.pk}",
    }
    assert stored() == before


def test_a_fault_halfway_leaves_no_rows(
    world: World, old: Old, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = stored()
    real = roadmap_services.create_task
    calls: list[str] = []

    def failing(**kwargs: Any) -> Task:
        calls.append(kwargs["data"].title)
        if len(calls) == 2:
            raise RuntimeError("the database went away")
        return real(**kwargs)

    monkeypatch.setattr("tiekartta.roadmap.services.create_task", failing)
    with pytest.raises(RuntimeError):
        renewal.renew(actor=admin(world), roadmap=old.roadmap, plan=old.plan())
    assert len(calls) == 2  # the first task was made before the fault
    assert stored() == before
    assert not Roadmap.objects.filter(slug="2029-2031").exists()
    assert not Task.objects.exclude(carried_over_from=None).exists()
    assert not Renewal.objects.exists()
    old.roadmap.refresh_from_db()
    assert not old.roadmap.is_archived
    assert not hasattr(old.roadmap, "renewed_as")
