"""The pipeline around the kinds: commands name themselves in the change log, and every kind
is found by its key and routed through the same pages."""

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import resolve, reverse

from conftest import World
from tiekartta.imports import views
from tiekartta.imports.kinds.metric_values import METRIC_VALUES
from tiekartta.imports.kinds.tasks import TASKS
from tiekartta.imports.models import ImportKind
from tiekartta.imports.registry import get_importer, register
from tiekartta.roadmap.models import Person, Task, Theme


def test_the_task_command_names_itself_in_the_history_rows(world: World, tmp_path: Any) -> None:
    path = tmp_path / "uudet.csv"
    path.write_text("Tehtävä;Vastuuhenkilö;Teema\r\nEtäluenta;Uusi Ihminen;Kartat\r\n")
    call_command("import_tasks", str(path), "--roadmap", "2026-2028", stdout=io.StringIO())
    task = Task.objects.get(title="Etäluenta")
    for model in (task, Theme.objects.get(name="Kartat"), Person.objects.get(name="Uusi Ihminen")):
        row = model.history.latest()  # type: ignore[attr-defined]
        assert row.history_change_reason == "Command line: import_tasks"
        assert row.history_user is None


def test_every_kind_is_registered_under_its_key() -> None:
    assert get_importer(ImportKind.TASKS) is TASKS
    assert get_importer(ImportKind.METRIC_VALUES) is METRIC_VALUES
    register(TASKS)  # registering the same kind again changes nothing
    with pytest.raises(ValueError, match="Two importers"):
        register(type("Other", (type(TASKS),), {})())


@pytest.mark.parametrize(
    ("name", "path", "kind"),
    [
        ("imports:tasks", "/o/x/r/y/import/", "tasks"),
        ("imports:metric_values", "/o/x/r/y/metrics/import/", "metric_values"),
    ],
)
def test_the_kinds_share_the_pages_at_their_old_addresses(name: str, path: str, kind: str) -> None:
    kwargs = {"org": "x", "roadmap": "y"}
    assert reverse(f"{name}_upload", kwargs=kwargs) == path
    assert reverse(f"{name}_preview", kwargs={**kwargs, "batch": 3}) == path + "3/"
    assert reverse(f"{name}_discard", kwargs={**kwargs, "batch": 3}) == path + "3/discard/"
    match = resolve(path + "3/")
    assert match.func is views.import_pages(kind).preview and match.kwargs["kind"] == kind
    assert match.func.capability == get_importer(kind).capability  # type: ignore[attr-defined]
