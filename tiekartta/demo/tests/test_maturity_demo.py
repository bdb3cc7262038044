"""The demo's maturity assessments: plausible, linked to fitting tasks, and loaded once."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command

from tiekartta.maturity.demo import KANKAANPAA, add_demo_maturity
from tiekartta.maturity.models import Assessment, Score, Stage, Viewpoint
from tiekartta.maturity.selectors import build_overview
from tiekartta.roadmap.models import Organisation


def counts() -> list[int]:
    return [
        Viewpoint.objects.count(),
        Viewpoint.tasks.through.objects.count(),
        Assessment.objects.count(),
        Score.objects.count(),
        Viewpoint.history.count(),
        Assessment.history.count(),
        Score.history.count(),
    ]


@pytest.mark.django_db
def test_demo_maturity_is_added_once(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("load_demo")
    capsys.readouterr()
    add_demo_maturity("kankaanpaa-demo")
    add_demo_maturity("esimerkkila-demo")
    loaded = counts()
    assert add_demo_maturity("kankaanpaa-demo") == []
    assert add_demo_maturity("esimerkkila-demo") == []
    assert add_demo_maturity("no-such-organisation") == []
    assert counts() == loaded

    kankaanpaa = Organisation.objects.get(slug="kankaanpaa-demo")
    viewpoints = list(Viewpoint.objects.of_organisation(kankaanpaa).in_order())
    assert [v.name for v in viewpoints] == [v.name for v in KANKAANPAA.viewpoints]
    for viewpoint in viewpoints:
        tasks = list(viewpoint.tasks.select_related("roadmap"))
        assert 2 <= len(tasks) <= 10, (viewpoint.name, [t.title for t in tasks])
        assert {t.roadmap.organisation_id for t in tasks} == {kankaanpaa.pk}
    by_slug = {
        v.name: {t.roadmap.slug for t in v.tasks.select_related("roadmap")} for v in viewpoints
    }
    assert by_slug["Tiedolla johtaminen"] == {"2023-2025", "2026-2028"}

    assessments = list(Assessment.objects.of_organisation(kankaanpaa).order_by("assessed_on"))
    assert [(a.stage, a.assessed_on, a.roadmap.slug) for a in assessments] == [  # type: ignore[union-attr]
        (Stage.BASELINE, datetime.date(2022, 11, 15), "2023-2025"),
        (Stage.MID_TERM, datetime.date(2024, 10, 15), "2023-2025"),
        (Stage.RENEWAL, datetime.date(2025, 11, 20), "2026-2028"),
    ]
    assert all(a.created_by and a.created_by.username == "demo-admin" for a in assessments)
    # Dated as it happened, not when the demo was loaded.
    for assessment in assessments:
        assert assessment.created_at.date() == assessment.assessed_on
        assert {r.history_date.date() for r in assessment.history.all()} == {assessment.assessed_on}
    baseline, _mid, renewal = assessments
    assert baseline.scores.count() == 8 and renewal.scores.count() == 9
    for score in Score.objects.filter(assessment__organisation=kankaanpaa):
        assert 1 <= score.current <= score.target <= 5  # type: ignore[operator]

    overview = build_overview(kankaanpaa, [])
    assert [a.title for a in overview.compared] == [a.title for a in assessments]
    assert overview.chart is not None and len(overview.chart.axes) == 9

    esimerkkila = Organisation.objects.get(slug="esimerkkila-demo")
    assert Viewpoint.objects.of_organisation(esimerkkila).count() == 4
    [only] = Assessment.objects.of_organisation(esimerkkila)
    assert only.scores.count() == 4 and only.roadmap.slug == "2024-2026"  # type: ignore[union-attr]


@pytest.mark.django_db
def test_without_the_roadmap_demo_nothing_is_made() -> None:
    assert add_demo_maturity("kankaanpaa-demo") == []
    assert counts() == [0] * 7
