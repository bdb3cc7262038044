"""The apps' layers: an app imports only from its own layer or lower ones, and apps of the same
layer import each other without cycles. Tests under tiekartta/<app>/tests/ follow the same rule;
the top-level tests/, config/ and bench/ are outside it. Migrations are not checked.

    5  api, activity, demo, accessibility and any other app
    4  imports, ideas, plans, reports   (reports may import ideas and plans, plans may import
                                         ideas; not the other way round)
    3  progress, metrics, maturity      (progress may import metrics, not the other way round)
    2  roadmap
    1  accounts, jobs                   (jobs may import accounts)
    0  core                             (generic helpers: imports no other app)

A page that shows several apps' data is composed in the app above them.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

# The one place the layers are defined. An app not named here is in the top layer.
LAYERS = {
    "core": 0,
    "accounts": 1,
    "roadmap": 2,
    "progress": 3,
    "metrics": 3,
    "maturity": 3,
    "imports": 4,
    "reports": 4,
    "ideas": 4,
    "plans": 4,
    "jobs": 1,
}
TOP_LAYER = 5
PACKAGE = "tiekartta"
ROOT = Path(__file__).resolve().parents[2]  # the tiekartta package


def layer_of(app: str) -> int:
    return LAYERS.get(app, TOP_LAYER)


@dataclass(frozen=True)
class Import:
    path: str
    line: int
    app: str  # the importing app
    target: str  # the imported app
    module: str  # as written, for the message

    def describe(self, why: str) -> str:
        return (
            f"{self.path}:{self.line}: {self.app} (layer {layer_of(self.app)}) imports "
            f"{self.module} ({self.target}, layer {layer_of(self.target)}): {why}"
        )


def _absolute(module: str | None, level: int, path: str) -> str:
    """The absolute name of `from <level dots><module> import ...` written in `path`."""
    if level == 0:
        return module or ""
    package = list(Path(path).parts[:-1])  # of a module and of a package's __init__.py
    base = package[: len(package) - (level - 1)]
    return ".".join([*base, module] if module else base)


def imports_in(source: str, path: str) -> list[Import]:
    """Every import of another tiekartta app in one module, also those inside functions.
    `path` is relative to the repository, e.g. "tiekartta/roadmap/views.py"."""
    parts = Path(path).parts
    if len(parts) < 3 or parts[0] != PACKAGE:
        return []
    app = parts[1]
    found = []
    for node in ast.walk(ast.parse(source, filename=path)):
        modules: list[str] = []
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = _absolute(node.module, node.level, path)
            if module == PACKAGE:  # from tiekartta import roadmap
                modules = [f"{PACKAGE}.{alias.name}" for alias in node.names]
            else:
                modules = [module]
        for module in modules:
            names = module.split(".")
            if len(names) >= 2 and names[0] == PACKAGE and names[1] != app:
                found.append(Import(path, node.lineno, app, names[1], module))
    return found


def violations(found: Iterable[Import]) -> list[str]:
    """Imports from a lower layer to a higher one, and imports in a cycle of the same layer."""
    found = sorted(found, key=lambda i: (i.path, i.line, i.module))
    problems = [
        i.describe("a lower layer must not import a higher one")
        for i in found
        if layer_of(i.target) > layer_of(i.app)
    ]
    same_layer: dict[str, set[str]] = defaultdict(set)
    for i in found:
        if layer_of(i.target) == layer_of(i.app):
            same_layer[i.app].add(i.target)
    problems += [
        i.describe("apps of the same layer import each other in a cycle")
        for i in found
        if layer_of(i.target) == layer_of(i.app) and _reaches(same_layer, i.target, i.app)
    ]
    return problems


def _reaches(graph: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, todo = set(), [start]
    while todo:
        app = todo.pop()
        if app == goal:
            return True
        if app not in seen:
            seen.add(app)
            todo.extend(graph.get(app, ()))
    return False


def project_imports() -> list[Import]:
    found = []
    for file in sorted(ROOT.rglob("*.py")):
        relative = file.relative_to(ROOT.parent)
        if "migrations" in relative.parts:
            continue
        found.extend(imports_in(file.read_text(encoding="utf-8"), relative.as_posix()))
    return found


def test_apps_import_only_their_own_layer_or_lower() -> None:
    problems = violations(project_imports())
    assert not problems, "Imports against the layers:\n" + "\n".join(problems)


# The checker itself, on made-up modules.


def test_an_upward_import_is_caught_also_inside_a_function() -> None:
    source = (
        "from tiekartta.core.quarters import Quarter\n"
        "from tiekartta.accounts.models import User\n"
        "def risk():\n"
        "    from tiekartta.progress.risk import assess\n"
        "    import tiekartta.reports.interim\n"
    )
    [first, second] = violations(imports_in(source, "tiekartta/roadmap/selectors.py"))
    assert first.startswith("tiekartta/roadmap/selectors.py:4: roadmap (layer 2) imports ")
    assert "tiekartta.progress.risk (progress, layer 3)" in first
    assert second.startswith("tiekartta/roadmap/selectors.py:5: ")
    assert "tiekartta.reports.interim" in second


@pytest.mark.parametrize(
    ("source", "path"),
    [
        ("from tiekartta.roadmap.models import Task\n", "tiekartta/core/tests/test_x.py"),
        ("from tiekartta import accounts\n", "tiekartta/core/pages.py"),
        ("from ...demo.loader import load_demo\n", "tiekartta/roadmap/tests/test_x.py"),
    ],
)
def test_every_way_of_writing_an_import_is_seen(source: str, path: str) -> None:
    assert violations(imports_in(source, path))


def test_downward_imports_and_own_app_pass() -> None:
    source = (
        "from tiekartta.roadmap.models import Task\n"
        "from tiekartta.metrics.models import Metric\n"
        "from tiekartta.progress import services\n"
        "from . import views\n"
    )
    assert imports_in(source, "tiekartta/progress/x.py")[-1].target == "metrics"
    assert violations(imports_in(source, "tiekartta/progress/x.py")) == []
    assert violations(imports_in("import tiekartta.reports\n", "tiekartta/demo/x.py")) == []


def test_a_same_layer_cycle_is_caught_but_one_direction_is_allowed() -> None:
    progress = imports_in("from tiekartta.metrics import rules\n", "tiekartta/progress/a.py")
    metrics = imports_in("from tiekartta.progress import charts\n", "tiekartta/metrics/b.py")
    assert violations(progress) == []
    problems = violations(progress + metrics)
    assert len(problems) == 2
    assert all("cycle" in problem for problem in problems)
