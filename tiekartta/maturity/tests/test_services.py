"""Every write of the maturity assessment: validated, audited, and safe with two editors."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError

from conftest import World
from tiekartta.core.locking import ConflictError
from tiekartta.maturity import services
from tiekartta.maturity.models import Assessment, Score, Stage, Viewpoint
from tiekartta.maturity.selectors import assessment_history


def test_viewpoint_with_tasks_is_created_last_and_audited(world: World) -> None:
    admin = world.users["admin"]
    first = services.create_viewpoint(
        actor=admin, organisation=world.organisation, name="  Tiedolla johtaminen "
    )
    second = services.create_viewpoint(
        actor=admin,
        organisation=world.organisation,
        name="Digituki",
        tasks=[world.own_task, world.others_task, world.own_task],
    )
    assert first.name == "Tiedolla johtaminen" and (first.order, second.order) == (0, 1)
    assert set(second.tasks.all()) == {world.own_task, world.others_task}
    [row] = second.history.all()
    assert row.history_user == admin and row.history_type == "+"
    # One history row for the save, with the task links in it.
    assert {t.task_id for t in row.tasks.all()} == {world.own_task.pk, world.others_task.pk}

    services.update_viewpoint(
        actor=admin,
        viewpoint=second,
        name="Asukkaiden digituki",
        description="Apua asiointiin.",
        order=5,
        tasks=[world.own_task],
    )
    latest = second.history.first()
    assert latest.history_type == "~" and latest.name == "Asukkaiden digituki"
    assert [t.task_id for t in latest.tasks.all()] == [world.own_task.pk]
    assert second.history.count() == 2


def test_viewpoint_names_are_unique_ignoring_case_even_beyond_ascii(world: World) -> None:
    services.create_viewpoint(actor=None, organisation=world.organisation, name="Äänestys")
    for name in ("äänestys", "ÄÄNESTYS "):
        with pytest.raises(ValidationError) as error:
            services.create_viewpoint(actor=None, organisation=world.organisation, name=name)
        assert "already has a viewpoint with this name" in error.value.message_dict["name"][0]
    # Another organisation may use the same name.
    services.create_viewpoint(actor=None, organisation=world.outsider_organisation, name="Äänestys")
    assert Viewpoint.objects.count() == 2


def test_tasks_of_another_organisation_are_refused(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        services.create_viewpoint(
            actor=None,
            organisation=world.organisation,
            name="Tietoturva",
            tasks=[world.own_task, world.outsider_task],
        )
    assert "tasks" in error.value.message_dict
    assert not Viewpoint.objects.exists()


def test_a_viewpoint_with_levels_is_not_deleted(
    world: World, viewpoints: list[Viewpoint], make_assessment: Callable[..., Assessment]
) -> None:
    make_assessment("Lähtötaso", viewpoints, [(2, 4), (None, None), (None, 3)])
    make_assessment("Väliarvio", viewpoints, [(3, 4), (None, None), (None, None)])
    with pytest.raises(ValidationError) as error:
        services.delete_viewpoint(actor=world.users["admin"], viewpoint=viewpoints[0])
    assert error.value.messages == [
        "The viewpoint has levels in 2 assessments, so it cannot be deleted. Remove its levels "
        "from those assessments first, or keep the viewpoint."
    ]
    with pytest.raises(ValidationError, match="in 1 assessment, so"):
        services.delete_viewpoint(actor=None, viewpoint=viewpoints[2])
    services.delete_viewpoint(actor=world.users["admin"], viewpoint=viewpoints[1])
    assert Viewpoint.objects.count() == 2
    deleted = Viewpoint.history.get(history_type="-")
    assert deleted.name == "Tiedolla johtaminen" and deleted.history_user == world.users["admin"]


def test_an_assessment_is_saved_with_its_scores_in_one_go(
    world: World, viewpoints: list[Viewpoint]
) -> None:
    admin = world.users["admin"]
    data = services.AssessmentInput(
        title="Lähtötaso 2022",
        assessed_on=datetime.date(2022, 11, 15),
        stage=Stage.BASELINE,
        roadmap=world.roadmap,
        notes="Työpajassa.",
        scores=[
            services.ScoreInput(viewpoints[0], 2, 4, "Alku"),
            services.ScoreInput(viewpoints[1], None, None, ""),  # not assessed: no row
            services.ScoreInput(viewpoints[2], None, 3, ""),
        ],
    )
    assessment = services.create_assessment(actor=admin, organisation=world.organisation, data=data)
    assert assessment.created_by == admin and assessment.version == 1
    assert {(s.viewpoint_id, s.current, s.target) for s in assessment.scores.all()} == {
        (viewpoints[0].pk, 2, 4),
        (viewpoints[2].pk, None, 3),
    }
    # The assessment and its scores share one attributed moment in the history.
    rows = [assessment.history.get(), *Score.history.all()]
    assert {r.history_user for r in rows} == {admin}
    assert len({r.history_date for r in rows}) == 1

    data.title = "Lähtötaso 2022 (korjattu)"
    data.scores = [
        services.ScoreInput(viewpoints[0], 2, 4, "Alku"),  # unchanged: no new history row
        services.ScoreInput(viewpoints[1], 1, 2, ""),  # added
        services.ScoreInput(viewpoints[2], None, None, ""),  # cleared: removed
    ]
    services.update_assessment(actor=admin, assessment=assessment, expected_version=1, data=data)
    assessment.refresh_from_db()
    assert assessment.version == 2 and assessment.title.endswith("(korjattu)")
    assert {(s.viewpoint_id, s.current, s.target) for s in assessment.scores.all()} == {
        (viewpoints[0].pk, 2, 4),
        (viewpoints[1].pk, 1, 2),
    }
    assert Score.history.filter(viewpoint_id=viewpoints[0].pk).count() == 1
    assert Score.history.filter(viewpoint_id=viewpoints[2].pk, history_type="-").count() == 1

    entries = assessment_history(assessment)
    assert [e.action for e in entries] == ["Changed", "Created"]
    changed = {c.label: (c.old, c.new) for c in entries[0].changes}
    assert changed == {
        "Title": ("Lähtötaso 2022", "Lähtötaso 2022 (korjattu)"),
        "Tiedolla johtaminen: current level": ("", "1"),
        "Tiedolla johtaminen: target level": ("", "2"),
        "Asukkaiden digituki: target level": ("3", ""),
    }
    assert entries[0].who == admin.get_full_name()


def test_a_stale_version_is_refused_and_nothing_changes(
    world: World, viewpoints: list[Viewpoint], make_assessment: Callable[..., Assessment]
) -> None:
    assessment = make_assessment("Väliarvio", viewpoints, [(2, 3), (2, 3), (2, 3)])
    stale = Assessment.objects.get(pk=assessment.pk)
    first = services.AssessmentInput(
        title="Väliarvio",
        assessed_on=assessment.assessed_on,
        scores=[services.ScoreInput(viewpoints[0], 3, 4)],
    )
    services.update_assessment(
        actor=world.users["admin"], assessment=assessment, expected_version=1, data=first
    )
    second = services.AssessmentInput(
        title="Toinen",
        assessed_on=assessment.assessed_on,
        scores=[services.ScoreInput(viewpoints[0], 5, 5)],
    )
    with pytest.raises(ConflictError):
        services.update_assessment(
            actor=world.users["editor"], assessment=stale, expected_version=1, data=second
        )
    assert stale.version == 1
    assessment.refresh_from_db()
    assert assessment.title == "Väliarvio" and assessment.version == 2
    assert assessment.scores.get(viewpoint=viewpoints[0]).current == 3
    assert not Assessment.history.filter(history_user=world.users["editor"]).exists()


def test_an_invalid_update_keeps_the_version(
    world: World, viewpoints: list[Viewpoint], make_assessment: Callable[..., Assessment]
) -> None:
    assessment = make_assessment("Väliarvio", viewpoints, [(2, 3), (2, 3), (2, 3)])
    bad = services.AssessmentInput(
        title="Väliarvio",
        assessed_on=assessment.assessed_on,
        scores=[services.ScoreInput(viewpoints[0], 6, 3)],
    )
    with pytest.raises(ValidationError) as error:
        services.update_assessment(actor=None, assessment=assessment, expected_version=1, data=bad)
    assert error.value.message_dict == {
        f"vp{viewpoints[0].pk}_current": ["Choose a level from 1 to 5, or leave it not assessed."]
    }
    assert assessment.version == 1
    assert Assessment.objects.get().version == 1
    assert Score.objects.get(viewpoint=viewpoints[0]).current == 2


def test_scores_must_use_the_organisations_own_viewpoints(world: World) -> None:
    foreign = services.create_viewpoint(
        actor=None, organisation=world.outsider_organisation, name="Vieras"
    )
    with pytest.raises(ValidationError, match="viewpoints of this organisation"):
        services.create_assessment(
            actor=None,
            organisation=world.organisation,
            data=services.AssessmentInput(
                title="Arvio",
                assessed_on=datetime.date(2025, 1, 1),
                scores=[services.ScoreInput(foreign, 2, 3)],
            ),
        )
    assert not Assessment.objects.exists()


def test_a_roadmap_of_another_organisation_is_refused(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        services.create_assessment(
            actor=None,
            organisation=world.organisation,
            data=services.AssessmentInput(
                title="Arvio",
                assessed_on=datetime.date(2025, 1, 1),
                roadmap=world.outsider_roadmap,
            ),
        )
    assert "roadmap" in error.value.message_dict


def test_deleting_an_assessment_records_who_deleted_each_row(
    world: World, viewpoints: list[Viewpoint], make_assessment: Callable[..., Assessment]
) -> None:
    assessment = make_assessment("Arvio", viewpoints, [(2, 3), (None, 4), (1, None)])
    services.delete_assessment(actor=world.users["admin"], assessment=assessment)
    assert not Assessment.objects.exists() and not Score.objects.exists()
    rows = [Assessment.history.get(history_type="-"), *Score.history.filter(history_type="-")]
    assert len(rows) == 4 and {r.history_user for r in rows} == {world.users["admin"]}
    # The viewpoints are free to go now.
    services.delete_viewpoint(actor=None, viewpoint=viewpoints[0])
