"""The demo organisations, roadmaps and users. Safe to run again: nothing is duplicated.
The whole demo, with the other apps' parts, is loaded by tiekartta.demo."""

from __future__ import annotations

from dataclasses import dataclass

from tiekartta.accounts import services as account_services
from tiekartta.accounts.content_languages import set_content_languages
from tiekartta.accounts.models import Organisation, Role
from tiekartta.core.actors import Actor
from tiekartta.roadmap import services
from tiekartta.roadmap.demo_data import ORGANISATIONS, OrganisationData, RoadmapData, TaskData
from tiekartta.roadmap.demo_sv import CONTENT_LANGUAGES, swedish_versions
from tiekartta.roadmap.models import Person, Status, Task, Theme

DEMO_PASSWORD = "tiekartta-demo"  # noqa: S105  # nosec B105  # documented, demo-only


@dataclass(frozen=True)
class DemoUser:
    username: str
    organisation: str
    role: str
    person_key: str


DEMO_USERS = (
    DemoUser("demo-admin", "kankaanpaa-demo", Role.ADMIN, "cio"),
    DemoUser("demo-editor", "kankaanpaa-demo", Role.EDITOR, "development_director"),
    DemoUser("demo-owner", "kankaanpaa-demo", Role.OWNER, "technical_director"),
    DemoUser("demo-viewer", "kankaanpaa-demo", Role.VIEWER, "mayor"),
    DemoUser("demo-outsider", "esimerkkila-demo", Role.ADMIN, "cio"),
)


def add_demo_roadmaps(
    actor: Actor | None = None,
    *,
    held_back: frozenset[str] = frozenset(),
    renewed: frozenset[str] = frozenset(),
) -> tuple[list[str], dict[str, dict[str, Person]]]:
    """The demo organisations with their people, roadmaps and users, whatever part is missing.
    Returns what was created, for the log, and each organisation's people by their key. Every
    write is attributed to `actor` (by default the system actor "Demo").

    `held_back`: keys of tasks left out, for a revision of the plan to add (tiekartta.plans);
    `renewed`: slugs of roadmaps not made here, since a renewal makes them."""
    actor = actor or Actor.system("Demo")
    created: list[str] = []
    people_by_org: dict[str, dict[str, Person]] = {}
    for data in ORGANISATIONS:
        organisation = Organisation.objects.filter(slug=data["slug"]).first()
        new = organisation is None
        if organisation is None:
            organisation = account_services.create_organisation(
                actor=actor, name=data["name"], slug=data["slug"], is_demo=True
            )
        _languages(actor, organisation)
        people_by_org[data["slug"]] = _people(actor, organisation, data)
        if new:
            for roadmap in data["roadmaps"]:
                if roadmap["slug"] not in renewed:
                    _roadmap(actor, organisation, roadmap, people_by_org[data["slug"]], held_back)
            created.append(organisation.name)
    for demo_user in DEMO_USERS:
        if _user(actor, demo_user, people_by_org[demo_user.organisation]):
            created.append(demo_user.username)
    return created, people_by_org


def _languages(actor: Actor, organisation: Organisation) -> None:
    """Kankaanpää writes in Finnish and Swedish; a demo loaded before it did gets Swedish too."""
    if organisation.slug not in CONTENT_LANGUAGES:
        return
    primary, others = CONTENT_LANGUAGES[organisation.slug]
    if (organisation.primary_language, list(organisation.translation_languages)) != (
        primary,
        list(others),
    ):
        set_content_languages(
            actor=actor, organisation=organisation, primary=primary, languages=[primary, *others]
        )


def versions_of(organisation: Organisation, **texts: str) -> dict[str, dict[str, str]]:
    """The Swedish versions of the texts, for an organisation that writes in Swedish."""
    return swedish_versions(**texts) if organisation.slug in CONTENT_LANGUAGES else {}


def _people(actor: Actor, organisation: Organisation, data: OrganisationData) -> dict[str, Person]:
    people = {}
    for person in data["people"]:
        existing = Person.objects.filter(organisation=organisation, email=person["email"]).first()
        people[person["key"]] = existing or services.create_person(
            actor=actor,
            organisation=organisation,
            name=person["name"],
            title=person["title"],
            unit=person["unit"],
            email=person["email"],
        )
    return people


def _roadmap(
    actor: Actor,
    organisation: Organisation,
    data: RoadmapData,
    people: dict[str, Person],
    held_back: frozenset[str],
) -> None:
    roadmap = services.create_roadmap(
        actor=actor,
        organisation=organisation,
        title=data["title"],
        slug=data["slug"],
        start_year=data["start_year"],
        end_year=data["end_year"],
        description=data["description"],
        translations=versions_of(
            organisation, title=data["title"], description=data["description"]
        ),
    )
    tasks: dict[str, Task] = dict(demo_tasks_by_key(organisation))
    pending_predecessors: list[tuple[Task, list[str]]] = []
    for theme_data in data["themes"]:
        theme = services.create_theme(
            actor=actor,
            roadmap=roadmap,
            name=theme_data["name"],
            description=theme_data["description"],
            is_spearhead=theme_data["is_spearhead"],
            colour=theme_data["colour"],
            translations=versions_of(
                organisation, name=theme_data["name"], description=theme_data["description"]
            ),
        )
        for item in theme_data["tasks"]:
            if item["key"] in held_back:
                continue
            task = services.create_task(
                actor=actor,
                roadmap=roadmap,
                data=task_input(item, theme, people, organisation),
                carried_over_from=tasks[source]
                if (source := item.get("carried_over_from"))
                else None,
            )
            tasks[item["key"]] = task
            if item.get("predecessors"):
                pending_predecessors.append((task, item["predecessors"]))
    link_predecessors(actor, tasks, pending_predecessors)


def task_input(
    item: TaskData, theme: Theme, people: dict[str, Person], organisation: Organisation
) -> services.TaskInput:
    """A demo task as the services take it."""
    return services.TaskInput(
        title=item["title"],
        description=item["description"],
        theme=theme,
        kind=item["kind"],
        owner=people[item["owner"]],
        collaborators=[people[key] for key in item["collaborators"]],
        collaborating_units=item.get("collaborating_units", ""),
        unit=item["unit"],
        start=item["start"],
        due=item["due"],
        priority=item["priority"],
        quick_win=item["quick_win"],
        # Drafted as a plan: the follow-up history (progress.demo) takes each task to the
        # status the data gives it, so no history row is "done at 0 %".
        status=Status.PLANNED,
        is_public=item["is_public"],
        translations=versions_of(
            organisation, title=item["title"], description=item["description"]
        ),
    )


def link_predecessors(
    actor: Actor, tasks: dict[str, Task], pending: list[tuple[Task, list[str]]]
) -> None:
    # Predecessors may point forward in the data, so they are linked once every task exists.
    for task, keys in pending:
        data_in = services.TaskInput.from_task(task)
        data_in.predecessors = [tasks[key] for key in keys]
        services.update_task(actor=actor, task=task, expected_version=task.version, data=data_in)


def demo_tasks_by_key(organisation: Organisation) -> dict[str, Task]:
    """Tasks of the organisation's earlier demo roadmaps, by their key in the demo data."""
    keys = {}
    for data in ORGANISATIONS:
        for roadmap in data["roadmaps"]:
            for theme in roadmap["themes"]:
                for item in theme["tasks"]:
                    keys[(roadmap["slug"], item["title"])] = item["key"]
    found = {}
    for task in Task.objects.filter(roadmap__organisation=organisation).select_related("roadmap"):
        key = keys.get((task.roadmap.slug, task.title))
        if key:
            found[key] = task
    return found


def _user(actor: Actor, demo_user: DemoUser, people: dict[str, Person]) -> bool:
    person = people[demo_user.person_key]
    user, created = account_services.create_demo_user(
        actor=actor,
        organisation=person.organisation,
        username=demo_user.username,
        password=DEMO_PASSWORD,
        role=demo_user.role,
        language="fi",
        email=person.email,
    )
    if person.user_id is None:
        services.link_person_to_user(actor=actor, person=person, user=user)
    return created
