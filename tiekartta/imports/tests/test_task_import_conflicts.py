"""The task import's preview warns on a row whose new schedule overlaps a linked task's, as the
task form does; the row is not refused."""

from __future__ import annotations

import datetime

from conftest import World
from tests.factories import TaskFactory
from tiekartta.accounts.models import Role
from tiekartta.imports.kinds.tasks import plan_import
from tiekartta.imports.tests.test_task_import import upload


def test_a_rescheduled_successor_gets_a_row_warning(world: World) -> None:
    predecessor = TaskFactory(
        theme=world.theme,
        owner=world.other_person,
        title="Tietoallas",
        start="2026Q1",
        due="2026Q3",
    )
    world.own_task.start, world.own_task.due = "2026Q3", "2026Q4"
    world.own_task.save()
    world.own_task.predecessors.add(predecessor)
    content = (
        "Tehtävä;Vastuuhenkilö;Osa-alue;Aikataulu\n"
        f"{world.own_task.title};{world.owner_person.name};{world.theme.name};2026 Q2–Q4\n"
        f"Tietoallas;{world.other_person.name};{world.theme.name};2026 Q1–Q3\n"
    ).encode()
    plan = plan_import(world.roadmap, content, "tehtavat.csv", datetime.date(2026, 11, 20))
    assert not plan.all_problems
    moved, unchanged = plan.rows
    assert moved.action == "update"
    assert moved.warnings == [
        "Schedule conflict with the predecessor “Tietoallas”: it ends Q3/2026, this task "
        "starts Q2/2026."
    ]
    assert unchanged.warnings == []
    # The preview page shows it on the row, and the row can still be imported.
    client = world.client_for(Role.EDITOR)
    preview = client.get(upload(client, content, "tehtavat.csv")["Location"]).content.decode()
    assert moved.warnings[0] in preview
    assert "Schedule conflict</span>" in preview
