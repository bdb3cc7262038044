"""The maturity pages run a fixed number of SQL queries however many viewpoints, assessments,
scores and linked tasks there are."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import World
from tests.factories import TaskFactory
from tiekartta.maturity import services
from tiekartta.maturity.models import Assessment, Viewpoint


def grow(world: World, viewpoints: int, assessments: int, tasks: int) -> Assessment:
    """Add viewpoints (each linked to tasks), assessments of every viewpoint, and an edit of
    the last assessment so that it has history to show."""
    start = Viewpoint.objects.count()
    new_tasks = [
        TaskFactory(theme=world.theme, owner=world.other_person, title=f"Tehtävä {start}-{n}")
        for n in range(tasks)
    ]
    for n in range(viewpoints):
        services.create_viewpoint(
            actor=None,
            organisation=world.organisation,
            name=f"Näkökulma {start + n}",
            tasks=[*new_tasks[n::viewpoints], world.own_task],
        )
    every = list(Viewpoint.objects.filter(organisation=world.organisation))
    first = Assessment.objects.count()
    latest = None
    for n in range(assessments):
        latest = services.create_assessment(
            actor=world.users["admin"],
            organisation=world.organisation,
            data=services.AssessmentInput(
                title=f"Arvio {first + n}",
                assessed_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=first + n),
                roadmap=world.roadmap,
                scores=[
                    services.ScoreInput(v, 1 + (i + n) % 5, 5, f"Huomio {i}")
                    for i, v in enumerate(every)
                ],
            ),
        )
    assert latest is not None
    data = services.AssessmentInput(
        title=latest.title,
        assessed_on=latest.assessed_on,
        scores=[services.ScoreInput(v, 3, 4) for v in every],
    )
    services.update_assessment(
        actor=world.users["admin"], assessment=latest, expected_version=1, data=data
    )
    return latest


def count_queries(client: Any, path: str, **params: Any) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
        assert response.status_code == 200, path
    return len(queries)


# (persona, page, compare every assessment, queries at most)
PAGES = [
    ("viewer", "/o/testikaupunki/maturity/", False, 7),
    ("viewer", "/o/testikaupunki/maturity/", True, 7),
    ("viewer", "/o/testikaupunki/maturity/assessments/{latest}/", False, 10),
    ("admin", "/o/testikaupunki/maturity/assessments/{latest}/edit/", False, 7),
    ("admin", "/o/testikaupunki/maturity/assessments/new/", False, 5),
    ("admin", "/o/testikaupunki/maturity/viewpoints/", False, 4),
    ("admin", "/o/testikaupunki/maturity/viewpoints/{viewpoint}/edit/", False, 6),
]


@pytest.mark.parametrize(("persona", "template", "compare_all", "most"), PAGES)
def test_query_count_does_not_grow(
    world: World,
    persona: str,
    template: str,
    compare_all: bool,
    most: int,
    django_assert_max_num_queries: Callable[..., Any],
) -> None:
    client = world.client_for(persona)

    def page(latest: Assessment) -> tuple[str, dict[str, Any]]:
        viewpoint = Viewpoint.objects.filter(organisation=world.organisation).first()
        path = template.format(latest=latest.pk, viewpoint=viewpoint.pk)  # type: ignore[union-attr]
        params = {}
        if compare_all:
            params["compare"] = list(Assessment.objects.values_list("pk", flat=True))
        return path, params

    def measure(latest: Assessment) -> int:
        path, params = page(latest)
        return count_queries(client, path, **params)

    small = measure(grow(world, viewpoints=3, assessments=2, tasks=3))
    latest = grow(world, viewpoints=9, assessments=4, tasks=30)
    large = measure(latest)
    assert small == large, f"{template}: {small} queries when small, {large} when large"
    path, params = page(latest)
    with django_assert_max_num_queries(most):
        client.get(path, params)
