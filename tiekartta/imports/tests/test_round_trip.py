"""The roadmap's export, metrics included, reads back through the task import unchanged.
(imports may read what reports writes; reports never imports imports.)"""

from __future__ import annotations

from conftest import World
from tiekartta.imports.kinds.tasks import plan_import
from tiekartta.reports.exports import roadmap_xlsx
from tiekartta.reports.tests.test_report_metrics import TODAY, frozen, populate_metrics

__all__ = ["frozen"]  # the frozen clock is an autouse fixture of the module it comes from


def test_the_export_with_metrics_still_imports_back_unchanged(world: World) -> None:
    populate_metrics(world)
    plan = plan_import(world.roadmap, roadmap_xlsx(world.roadmap), "roadmap.xlsx", TODAY)
    assert plan.ok, [p.message for p in plan.all_problems]
    assert [row.action for row in plan.rows] == ["unchanged"] * 2
