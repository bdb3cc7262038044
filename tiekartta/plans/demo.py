"""The demo's plan history, made through the plans services as a user would make it: the
2023–2025 roadmap adopted in January 2023 (its baseline), revised in February 2024 (three
tasks added, two postponed, one cancelled), and renewed at the end of 2025 as the 2026–2028
roadmap, which carries the unfinished tasks over and was adopted in January 2026.

The roadmap demo (`tiekartta.roadmap.demo`) leaves out what these steps make: the tasks the
revision adds (`HELD_BACK`) and the renewed roadmap (`RENEWED`). The services stamp their
history rows with the loading time; the rows of each step are then dated when it happened,
as the rest of the demo's history is.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db.models import Max
from django.utils import timezone

from tiekartta.core.actors import Actor
from tiekartta.plans import renewal, services
from tiekartta.plans.models import PlanVersion, Renewal, RevisionDraft
from tiekartta.roadmap import services as roadmap_services
from tiekartta.roadmap.demo import demo_tasks_by_key, link_predecessors, task_input, versions_of
from tiekartta.roadmap.demo_data import ORGANISATIONS, RoadmapData, TaskData
from tiekartta.roadmap.models import Person, Roadmap, Task

ORGANISATION = "kankaanpaa-demo"
FIRST, RENEWED_SLUG = "2023-2025", "2026-2028"


@dataclass(frozen=True)
class DemoDecision:
    on: datetime.date
    body: str
    reference: str
    summary: str = ""

    def decision(self) -> services.Decision:
        return services.Decision(
            decided_on=self.on,
            decision_body=self.body,
            decision_reference=self.reference,
            summary=self.summary,
        )


ADOPTED_2023 = DemoDecision(datetime.date(2023, 1, 16), "Kaupunginhallitus", "16.1.2023 § 12")
REVISED_2024 = DemoDecision(
    datetime.date(2024, 2, 12),
    "Kaupunginhallitus",
    "12.2.2024 § 31",
    "Vuoden 2023 väliraportin perusteella lisättiin kolme nopeaa kehitystyötä, kaksi "
    "tehtävää siirrettiin myöhemmäksi resurssien vuoksi ja kutsuliikenteen selvitys "
    "peruttiin, koska seutu selvittää asian yhdessä.",
)
ADOPTED_2026 = DemoDecision(datetime.date(2026, 1, 19), "Kaupunginhallitus", "19.1.2026 § 9")
RENEWED_ON = datetime.date(2025, 11, 24)

REVISION_TITLE = "Digitiekartan päivitys 2024"
# The tasks the 2024 revision added; the plan adopted in 2023 did not have them.
HELD_BACK = frozenset(
    {"r23_print_scan_study", "r23_map_feedback_channel", "r23_meeting_room_booking"}
)
# The tasks it postponed, with their target end in the adopted plan.
POSTPONED = {"r23_payment_options": "2024Q2", "r23_equipment_condition": "2024Q4"}
CANCELLED = "r23_demand_transport_study"
RENEWED = frozenset({RENEWED_SLUG})


def add_demo_plan_history(actor: Actor, people: dict[str, dict[str, Person]]) -> list[str]:
    """The 2023–2025 roadmap's adoption and 2024 revision, unless it has versions already."""
    roadmap = _roadmap(FIRST)
    if roadmap is None or PlanVersion.objects.filter(roadmap=roadmap).exists():
        return []
    data = _data(FIRST)
    items = {
        item["key"]: (item, theme["name"]) for theme in data["themes"] for item in theme["tasks"]
    }
    tasks = demo_tasks_by_key(roadmap.organisation)
    if any(key in tasks for key in HELD_BACK):
        # Loaded before the revision was part of the demo: adopted as it stands.
        with _dated(_at(ADOPTED_2023.on)):
            services.adopt_roadmap(actor=actor, roadmap=roadmap, decision=ADOPTED_2023.decision())
        return [f"{roadmap.title}: adopted"]
    # As drafted for the 2023 decision: the postponed tasks were to end earlier.
    for key, due in POSTPONED.items():
        task = tasks[key]
        edit = roadmap_services.TaskInput.from_task(task)
        edit.due = due
        roadmap_services.update_task(
            actor=actor, task=task, expected_version=task.version, data=edit
        )
    with _dated(_at(ADOPTED_2023.on)):
        services.adopt_roadmap(actor=actor, roadmap=roadmap, decision=ADOPTED_2023.decision())
    revised_at = _at(REVISED_2024.on)
    with _dated(revised_at - datetime.timedelta(days=20)):
        draft = services.start_revision(
            actor=actor,
            roadmap=roadmap,
            title=REVISION_TITLE,
            notes="Väliraportin 2023 havainnot ja digiryhmän ehdotukset.",
        )
        themes = {theme.name: theme for theme in roadmap.themes.all()}
        org_people = people[ORGANISATION]
        for key in sorted(HELD_BACK):
            item, theme = items[key]
            services.set_draft_task(
                actor=actor,
                draft=draft,
                expected_version=draft.version,
                key=None,
                data=_draft_task(item, themes[theme], org_people),
            )
        for key in POSTPONED:
            item, theme = items[key]
            services.set_draft_task(
                actor=actor,
                draft=draft,
                expected_version=draft.version,
                key=str(tasks[key].pk),
                data=_draft_task(item, themes[theme], org_people),
            )
        services.drop_draft_task(
            actor=actor, draft=draft, expected_version=draft.version, key=str(tasks[CANCELLED].pk)
        )
    with _dated(revised_at):
        services.adopt_revision(
            actor=actor,
            draft=draft,
            decision=REVISED_2024.decision(),
            expected_version=draft.version,
        )
        # The added tasks get the rest of their data (description, collaborators, languages).
        added = {task.title: task for task in Task.objects.filter(roadmap=roadmap)}
        for key in sorted(HELD_BACK):
            item, theme = items[key]
            task = added[item["title"]]
            roadmap_services.update_task(
                actor=actor,
                task=task,
                expected_version=task.version,
                data=task_input(item, themes[theme], org_people, roadmap.organisation),
            )
    return [f"{roadmap.title}: adopted and revised"]


def add_demo_renewals(actor: Actor, people: dict[str, dict[str, Person]]) -> list[str]:
    """The 2026–2028 roadmap made by renewing the 2023–2025 one, then adopted; unless it
    exists already."""
    old = _roadmap(FIRST)
    if old is None or _roadmap(RENEWED_SLUG) is not None or hasattr(old, "renewed_as"):
        return []
    data = _data(RENEWED_SLUG)
    organisation = old.organisation
    old_tasks = demo_tasks_by_key(organisation)
    old_themes = {theme.name: theme for theme in old.themes.all()}
    plan = renewal.RenewalPlan(
        title=data["title"],
        slug=data["slug"],
        start_year=data["start_year"],
        end_year=data["end_year"],
        description=data["description"],
        themes=[
            renewal.ThemePlan(
                name=theme["name"],
                source=old_themes.get(theme["name"]),
                description=theme["description"],
                is_spearhead=theme["is_spearhead"],
                colour=theme["colour"],
                translations=versions_of(
                    organisation, name=theme["name"], description=theme["description"]
                ),
            )
            for theme in data["themes"]
        ],
        carry=[
            renewal.CarryPlan(
                task=old_tasks[item["carried_over_from"]],
                start=item["start"],
                due=item["due"],
                theme=theme["name"],
            )
            for theme in data["themes"]
            for item in theme["tasks"]
            if item.get("carried_over_from")
        ],
    )
    with _dated(_at(RENEWED_ON)):
        outcome = renewal.renew(actor=actor, roadmap=old, plan=plan, close=False)
    new = outcome.renewal.target
    # Backdating only, as the history rows: the renewal was made at the end of 2025.
    Renewal.objects.filter(pk=outcome.renewal.pk).update(created_at=_at(RENEWED_ON))
    org_people = people[ORGANISATION]
    _made_as_data(actor, new, data, org_people, {old.pk: task for old, task in outcome.carried})
    with _dated(_at(ADOPTED_2026.on)):
        services.adopt_roadmap(actor=actor, roadmap=new, decision=ADOPTED_2026.decision())
    return [f"{new.title}: renewed from {old.title} and adopted"]


def _made_as_data(
    actor: Actor,
    roadmap: Roadmap,
    data: RoadmapData,
    people: dict[str, Person],
    carried: dict[int, Task],
) -> None:
    """The renewed roadmap as its demo data has it: its own texts, the carried tasks as the
    group rewrote them, the new tasks and the links between them."""
    organisation = roadmap.organisation
    roadmap_services.update_roadmap(
        actor=actor,
        roadmap=roadmap,
        title=data["title"],
        slug=data["slug"],
        start_year=data["start_year"],
        end_year=data["end_year"],
        description=data["description"],
        translations=versions_of(
            organisation, title=data["title"], description=data["description"]
        ),
    )
    old_tasks = demo_tasks_by_key(organisation)
    themes = {theme.name: theme for theme in roadmap.themes.all()}
    tasks: dict[str, Task] = {}
    pending: list[tuple[Task, list[str]]] = []
    for theme_data in data["themes"]:
        theme = themes[theme_data["name"]]
        for item in theme_data["tasks"]:
            wanted = task_input(item, theme, people, organisation)
            source = item.get("carried_over_from")
            if source:
                task = carried[old_tasks[source].pk]
                task = roadmap_services.update_task(
                    actor=actor, task=task, expected_version=task.version, data=wanted
                )
            else:
                task = roadmap_services.create_task(actor=actor, roadmap=roadmap, data=wanted)
            tasks[item["key"]] = task
            if item.get("predecessors"):
                pending.append((task, item["predecessors"]))
    link_predecessors(actor, tasks, pending)


def _draft_task(item: TaskData, theme: Any, people: dict[str, Person]) -> services.DraftTask:
    return services.DraftTask(
        title=item["title"],
        theme=theme,
        owner=people[item["owner"]],
        start=item["start"],
        due=item["due"],
        kind=item["kind"],
        priority=item["priority"],
        quick_win=item["quick_win"],
    )


def _roadmap(slug: str) -> Roadmap | None:
    return Roadmap.objects.filter(organisation__slug=ORGANISATION, slug=slug).first()


def _data(slug: str) -> RoadmapData:
    organisation = next(data for data in ORGANISATIONS if data["slug"] == ORGANISATION)
    return next(roadmap for roadmap in organisation["roadmaps"] if roadmap["slug"] == slug)


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(14)))


# Every model whose history rows a step writes.
def _histories() -> list[Any]:
    return [
        Task.history.model,  # type: ignore[attr-defined]
        Roadmap.history.model,  # type: ignore[attr-defined]
        PlanVersion.history.model,  # type: ignore[attr-defined]
        RevisionDraft.history.model,  # type: ignore[attr-defined]
        Renewal.history.model,  # type: ignore[attr-defined]
        Roadmap.themes.rel.related_model.history.model,  # type: ignore[attr-defined]
    ]


@contextmanager
def _dated(when: datetime.datetime) -> Iterator[None]:
    """The history rows written inside are dated `when` (backdating only, so outside the
    services, as progress.demo dates the follow-up history)."""
    models = _histories()
    first_new = {
        model: (model.objects.aggregate(last=Max("history_id"))["last"] or 0) + 1
        for model in models
    }
    yield
    for model in models:
        model.objects.filter(history_id__gte=first_new[model]).update(history_date=when)
