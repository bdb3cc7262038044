"""Roadmap services take an Actor: a user goes into the history row's user, a token or the
system into its change reason (which the change log names)."""

from conftest import World
from tiekartta.accounts.models import Role
from tiekartta.core.actors import Actor
from tiekartta.roadmap import services


def _input(world: World) -> services.TaskInput:
    return services.TaskInput(title="Tietoallas", theme=world.theme, owner=world.other_person)


def test_a_system_actor_is_kept_as_the_change_reason(world: World) -> None:
    task = services.create_task(actor=Actor.system("X"), roadmap=world.roadmap, data=_input(world))
    row = task.history.get()
    assert row.history_user is None and row.history_change_reason == "X"
    theme = services.create_theme(actor=Actor.system("X"), roadmap=world.roadmap, name="Uusi")
    row = theme.history.get()
    assert row.history_user is None and row.history_change_reason == "X"


def test_a_user_actor_is_kept_as_the_history_user(world: World) -> None:
    editor = world.users[Role.EDITOR]
    task = services.create_task(
        actor=Actor.for_user(editor), roadmap=world.roadmap, data=_input(world)
    )
    row = task.history.get()
    assert row.history_user == editor and not row.history_change_reason
    # A plain user, as older callers pass, is still accepted.
    services.move_task(actor=editor, task=task, direction="up")
    assert task.history.latest().history_user == editor


def test_a_task_can_be_created_as_the_continuation_of_another(world: World) -> None:
    task = services.create_task(
        actor=Actor.system("Demo"),
        roadmap=world.roadmap,
        data=_input(world),
        carried_over_from=world.own_task,
    )
    task.refresh_from_db()
    assert task.carried_over_from == world.own_task
    assert task.history.get().carried_over_from_id == world.own_task.pk


def test_linking_a_person_to_a_user_is_in_the_history(world: World) -> None:
    person = world.other_person
    viewer = world.users[Role.VIEWER]
    services.link_person_to_user(actor=Actor.system("Demo"), person=person, user=viewer)
    person.refresh_from_db()
    assert person.user == viewer
    row = person.history.latest()
    assert row.user_id == viewer.pk and row.history_change_reason == "Demo"
