"""Numbers people type or post past what a column holds: a message next to the field, the same
on SQLite and PostgreSQL, never a 500 and nothing stored."""

from __future__ import annotations

from conftest import World
from tiekartta.accounts.models import Role
from tiekartta.roadmap.models import Theme
from tiekartta.roadmap.tests.test_views import task_form, url

TWENTY_DIGITS = "9" * 20


def test_a_theme_order_past_the_column_is_refused_next_to_the_field(world: World) -> None:
    client = world.client_for(Role.EDITOR)
    edit = url("theme_edit", theme=world.theme.pk)
    version = world.theme.version
    response = client.post(
        edit, {"name": "Tietoturva", "colour": "red", "order": "2147483648", "version": version}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_order_error"' in page and "2147483647" in page
    assert Theme.objects.get(pk=world.theme.pk).name == "Tiedolla johtaminen"
    accepted = client.post(
        edit, {"name": "Tietoturva", "colour": "red", "order": "2147483647", "version": version}
    )
    assert accepted.status_code == 302
    assert Theme.objects.get(pk=world.theme.pk).order == 2147483647


def test_a_twenty_digit_predecessor_id_is_not_one_of_the_choices(world: World) -> None:
    client = world.client_for(Role.EDITOR)
    task = world.own_task
    data = task_form(world, title=task.title, predecessors=[TWENTY_DIGITS], version=task.version)
    response = client.post(url("task_edit", task=task.pk), data)
    assert response.status_code == 200
    assert 'id="id_predecessors_error"' in response.content.decode()
    assert not task.predecessors.exists()
    mixed = task_form(
        world,
        title=task.title,
        predecessors=[world.others_task.pk, TWENTY_DIGITS],
        version=task.version,
    )
    assert client.post(url("task_edit", task=task.pk), mixed).status_code == 200
    assert not task.predecessors.exists()


def test_huge_ids_in_query_parameters_and_addresses(world: World) -> None:
    client = world.client_for(Role.EDITOR)
    overview = client.get(url("overview"), {"theme": TWENTY_DIGITS, "owner": TWENTY_DIGITS})
    assert overview.status_code == 200
    assert client.get(url("task_edit", task=int(TWENTY_DIGITS))).status_code == 404
