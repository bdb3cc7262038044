"""Task, theme, roadmap and person services: validation, history and concurrency."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from conftest import World
from tests.factories import OrganisationFactory, PersonFactory, TaskFactory
from tiekartta.accounts.models import Role
from tiekartta.core.locking import ConflictError
from tiekartta.roadmap import services
from tiekartta.roadmap.models import Status, Task


def task_input(world: World, **changes: object) -> services.TaskInput:
    data = services.TaskInput(
        title="Kaupunkisovellus",
        theme=world.theme,
        owner=world.other_person,
        start="2026Q2",
        due="2027Q1",
    )
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def test_create_task_records_history_with_actor(world: World) -> None:
    actor = world.users[Role.EDITOR]
    task = services.create_task(
        actor=actor,
        roadmap=world.roadmap,
        data=task_input(world, collaborators=[world.owner_person], predecessors=[world.own_task]),
    )
    assert list(task.collaborators.all()) == [world.owner_person]
    assert list(task.predecessors.all()) == [world.own_task]
    rows = list(task.history.all())
    assert len(rows) == 1, "one history row per save, not one per many-to-many field"
    assert rows[0].history_type == "+" and rows[0].history_user == actor


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": ""}, "title", "cannot be blank"),
        ({"start": "2027Q2", "due": "2026Q1"}, "__all__", "cannot be before the target start"),
        ({"start": "2025Q4"}, "start", "within the roadmap period 2026–2028"),
        ({"due": "2029Q1"}, "due", "within the roadmap period"),
        ({"start": "kevät"}, "start", "for example 2024Q3"),
    ],
)
def test_invalid_task_is_refused_and_nothing_saved(
    world: World, changes: dict[str, object], field: str, message: str
) -> None:
    before = Task.objects.count()
    with pytest.raises(ValidationError) as error:
        services.create_task(actor=None, roadmap=world.roadmap, data=task_input(world, **changes))
    assert any(message in m for m in error.value.message_dict[field])
    assert Task.objects.count() == before


def test_owner_and_collaborators_must_belong_to_the_organisation(world: World) -> None:
    stranger = PersonFactory(organisation=world.outsider_organisation)
    with pytest.raises(ValidationError) as error:
        services.create_task(
            actor=None, roadmap=world.roadmap, data=task_input(world, owner=stranger)
        )
    assert "owner" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.create_task(
            actor=None, roadmap=world.roadmap, data=task_input(world, collaborators=[stranger])
        )
    assert "collaborators" in error.value.message_dict


def test_theme_must_be_of_the_same_roadmap(world: World) -> None:
    foreign_theme = world.outsider_task.theme
    with pytest.raises(ValidationError) as error:
        services.create_task(
            actor=None, roadmap=world.roadmap, data=task_input(world, theme=foreign_theme)
        )
    assert "theme" in error.value.message_dict


def test_predecessor_rules(world: World) -> None:
    a, b = world.own_task, world.others_task
    data = services.TaskInput.from_task(a)
    data.predecessors = [a]
    with pytest.raises(ValidationError, match="own predecessor"):
        services.update_task(actor=None, task=a, expected_version=a.version, data=data)
    data_b = services.TaskInput.from_task(b)
    data_b.predecessors = [a]
    services.update_task(actor=None, task=b, expected_version=b.version, data=data_b)
    c = TaskFactory(theme=world.theme, owner=world.other_person)
    data_c = services.TaskInput.from_task(c)
    data_c.predecessors = [b]
    services.update_task(actor=None, task=c, expected_version=c.version, data=data_c)
    a.refresh_from_db()
    data = services.TaskInput.from_task(a)
    data.predecessors = [c]  # a → c → b → a
    with pytest.raises(ValidationError, match="cycle"):
        services.update_task(actor=None, task=a, expected_version=a.version, data=data)
    assert not a.predecessors.exists()
    data.predecessors = [world.outsider_task]
    with pytest.raises(ValidationError, match="from this roadmap"):
        services.update_task(actor=None, task=a, expected_version=a.version, data=data)


def test_update_with_stale_version_is_refused_and_first_edit_stays(world: World) -> None:
    task = world.own_task
    loaded_version = task.version
    first = services.TaskInput.from_task(task)
    first.title = "Ensimmäisen muokkaus"
    services.update_task(
        actor=world.users[Role.EDITOR], task=task, expected_version=loaded_version, data=first
    )
    stale = Task.objects.get(pk=task.pk)
    second = services.TaskInput.from_task(stale)
    second.title = "Toisen muokkaus"
    with pytest.raises(ConflictError):
        services.update_task(
            actor=world.users[Role.ADMIN], task=stale, expected_version=loaded_version, data=second
        )
    task.refresh_from_db()
    assert task.title == "Ensimmäisen muokkaus"
    assert task.version == loaded_version + 1


def test_failed_validation_does_not_bump_the_version(world: World) -> None:
    task = world.own_task
    data = services.TaskInput.from_task(task)
    data.due = "2031Q1"
    with pytest.raises(ValidationError):
        services.update_task(actor=None, task=task, expected_version=task.version, data=data)
    assert Task.objects.get(pk=task.pk).version == task.version


def test_history_records_before_and_after(world: World) -> None:
    task = world.own_task
    data = services.TaskInput.from_task(task)
    data.status = Status.IN_PROGRESS
    data.collaborators = [world.other_person]
    services.update_task(
        actor=world.users[Role.EDITOR], task=task, expected_version=task.version, data=data
    )
    latest, previous = task.history.order_by("-history_date")[:2]
    diff = latest.diff_against(previous)
    changed = {change.field for change in diff.changes}
    assert {"status", "collaborators"} <= changed
    assert latest.history_user == world.users[Role.EDITOR]


def test_move_task_swaps_with_neighbour(world: World) -> None:
    first, second = world.own_task, world.others_task
    assert list(Task.objects.filter(theme=world.theme).order_by("order")) == [first, second]
    assert services.move_task(actor=None, task=second, direction="up")
    assert list(Task.objects.filter(theme=world.theme).order_by("order")) == [second, first]
    assert not services.move_task(actor=None, task=second, direction="up")


def test_theme_names_are_unique_per_roadmap_ignoring_case(world: World) -> None:
    with pytest.raises(ValidationError, match="already has a theme with this name"):
        services.create_theme(actor=None, roadmap=world.roadmap, name="tiedolla JOHTAMINEN")
    services.create_theme(actor=None, roadmap=world.outsider_roadmap, name="Tiedolla johtaminen")


def test_theme_with_tasks_cannot_be_deleted(world: World) -> None:
    with pytest.raises(ValidationError, match="still has tasks"):
        services.delete_theme(actor=None, theme=world.theme)
    services.delete_theme(actor=None, theme=world.other_theme)


def test_person_responsible_for_tasks_cannot_be_deleted(world: World) -> None:
    with pytest.raises(ValidationError, match="responsible for tasks"):
        services.delete_person(actor=None, person=world.owner_person)


def test_person_responsible_for_metrics_cannot_be_deleted(world: World) -> None:
    from tests.factories import MetricFactory, PersonFactory

    person = PersonFactory(organisation=world.organisation, name="Ruokapalvelupäällikkö")
    metric = MetricFactory(roadmap=world.roadmap, owner=person)
    with pytest.raises(ValidationError, match="responsible for metrics"):
        services.delete_person(actor=None, person=person)
    metric.delete()
    services.delete_person(actor=None, person=person)


def test_person_user_account_must_be_a_member(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        services.create_person(
            actor=None, organisation=world.organisation, name="X", user=world.users["outsider"]
        )
    assert "user" in error.value.message_dict


def test_roadmap_period_rules(world: World) -> None:
    with pytest.raises(ValidationError, match="cannot be before the first year"):
        services.create_roadmap(
            actor=None,
            organisation=world.organisation,
            title="X",
            slug="x",
            start_year=2027,
            end_year=2026,
        )
    with pytest.raises(ValidationError, match="already has a roadmap with this short name"):
        services.create_roadmap(
            actor=None,
            organisation=world.organisation,
            title="X",
            slug="2026-2028",
            start_year=2026,
            end_year=2026,
        )
    with pytest.raises(ValidationError, match="outside it"):
        services.update_roadmap(
            actor=None,
            roadmap=world.roadmap,
            title="X",
            slug="2026-2028",
            start_year=2027,
            end_year=2028,
            description="",
        )


def test_database_constraints_hold_without_the_services(world: World) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Task.objects.filter(pk=world.own_task.pk).update(start="2027Q1", due="2026Q1")
    with pytest.raises(IntegrityError), transaction.atomic():
        Task.objects.filter(pk=world.own_task.pk).update(status="unknown")
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory.create(slug="testikaupunki-2").__class__.objects.create(
            name="Dup", slug="testikaupunki"
        )


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_saves_from_one_version_let_exactly_one_through() -> None:
    """Real concurrency: two threads, two connections, one version. Needs a server database."""
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("SQLite's in-memory test database cannot host two writing connections")
    task = TaskFactory()
    version = task.version
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def save(title: str) -> None:
        try:
            copy = Task.objects.get(pk=task.pk)
            data = services.TaskInput.from_task(copy)
            data.title = title
            barrier.wait()
            services.update_task(actor=None, task=copy, expected_version=version, data=data)
            outcomes.append("saved")
        except ConflictError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(f"Versio {n}",)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "saved"]
    task.refresh_from_db()
    assert task.version == version + 1
    assert task.history.count() == 2  # the factory's creation and the one save that won
