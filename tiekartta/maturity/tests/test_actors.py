"""Maturity's services take an Actor: a user is kept as the assessment's recorder and in the
history, a token or the system only in the history rows' change reason."""

import datetime

from conftest import World
from tiekartta.accounts.models import Role
from tiekartta.core.actors import Actor
from tiekartta.maturity import services
from tiekartta.maturity.models import Assessment


def assess(world: World, actor: Actor) -> Assessment:
    viewpoint = services.create_viewpoint(
        actor=actor, organisation=world.organisation, name="Tiedolla johtaminen"
    )
    return services.create_assessment(
        actor=actor,
        organisation=world.organisation,
        data=services.AssessmentInput(
            title="Lähtötaso 2025",
            assessed_on=datetime.date(2025, 11, 20),
            scores=[services.ScoreInput(viewpoint, 2, 4)],
        ),
    )


def test_the_system_is_named_in_the_history_and_records_no_user(world: World) -> None:
    assessment = assess(world, Actor.system("X"))
    assert assessment.created_by is None
    for row in (
        assessment.history.latest(),
        assessment.scores.get().history.latest(),
        assessment.scores.get().viewpoint.history.latest(),
    ):
        assert (row.history_user, row.history_change_reason) == (None, "X")


def test_a_user_records_the_assessment_and_is_in_the_history(world: World) -> None:
    user = world.users[Role.ADMIN]
    assessment = assess(world, Actor.for_user(user))
    assert assessment.created_by == user
    row = assessment.history.latest()
    assert row.history_user == user
    assert not row.history_change_reason
    pk = assessment.pk
    services.delete_assessment(actor=Actor.system("Y"), assessment=assessment)
    gone = Assessment.history.filter(id=pk).latest()  # type: ignore[attr-defined]
    assert (gone.history_type, gone.history_change_reason) == ("-", "Y")
