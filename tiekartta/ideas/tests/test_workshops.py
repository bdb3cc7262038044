"""Workshop mode, scoring and prioritisation through the test client with CSRF checks on:
opening a workshop, writing ideas one after another, two people scoring the same idea, dot
votes, closing and the record; the priorities and the matrix; the scoring settings; accepting
several ideas into a new task."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from conftest import World
from tests.factories import IdeaFactory, RoadmapFactory, ThemeFactory
from tiekartta.core.actors import Actor
from tiekartta.ideas import services, workshops
from tiekartta.ideas.exports import export
from tiekartta.ideas.models import (
    Idea,
    IdeaSource,
    IdeaStatus,
    Score,
    ScoringSettings,
    Voting,
    Workshop,
    WorkshopStatus,
)
from tiekartta.ideas.priorities import priorities
from tiekartta.ideas.scoring import Quadrant, Scored, ScoreRow, combine
from tiekartta.roadmap.models import Task

ORG = "testikaupunki"
HTMX = {"HTTP_HX_REQUEST": "true"}


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"ideas:{name}", kwargs={"org": ORG, **kwargs})


def actor(world: World, persona: str) -> Actor:
    return Actor.for_user(world.users[persona])


def open_workshop(world: World, voting: str = Voting.SCORES, **kwargs: Any) -> Workshop:
    return workshops.open_workshop(
        actor=actor(world, "editor"),
        organisation=world.organisation,
        title="Työpaja: digituki, syksy 2026",
        held_on=datetime.date(2026, 10, 14),
        voting=voting,
        theme=world.other_theme,
        **kwargs,
    )


def idea_of(world: World, **fields: Any) -> Idea:
    return IdeaFactory(organisation=world.organisation, **fields)


# The arithmetic ---------------------------------------------------------------------------


def test_scores_on_different_scales_average_on_a_common_one() -> None:
    # A 4 of five and a 7 of ten are both ¾ and two thirds of the way up.
    scored = combine(
        [
            ScoreRow(1, 5, 5, 1, None, 0),
            ScoreRow(1, 10, 10, 10, 4, 2),
            ScoreRow(2, 5, None, None, None, 3),
        ]
    )
    assert scored[1].impact == 1.0 and scored[1].effort == 0.5 and scored[1].scorers == 2
    assert scored[1].fit == pytest.approx(1 / 3) and scored[1].dots == 2
    # Dots alone are a vote, not a score.
    assert scored[2].scorers == 0 and scored[2].dots == 3 and scored[2].quadrant is None


def test_priority_weighs_impact_little_effort_and_fit() -> None:
    settings = ScoringSettings(scale=5, impact_weight=2, effort_weight=1, fit_weight=1)
    assert Scored(impact=1.0, effort=0.0, fit=1.0, scorers=1).priority(settings) == 100
    assert Scored(impact=0.5, effort=1.0, fit=None, scorers=1).priority(settings) == 33
    assert Scored().priority(settings) is None
    no_fit = ScoringSettings(scale=5, impact_weight=0, effort_weight=0, fit_weight=1)
    assert Scored(impact=1.0, effort=0.0, scorers=1).priority(no_fit) is None


@pytest.mark.parametrize(
    ("impact", "effort", "quadrant"),
    [
        (0.75, 0.25, Quadrant.QUICK_WIN),
        (0.75, 0.75, Quadrant.MAJOR),
        (0.25, 0.25, Quadrant.FILL_IN),
        (0.25, 0.75, Quadrant.THANKLESS),
        (0.5, 0.25, Quadrant.FILL_IN),  # the middle of the scale is not high
    ],
)
def test_the_quadrants_split_at_the_middle(impact: float, effort: float, quadrant: str) -> None:
    assert Scored(impact=impact, effort=effort, scorers=1).quadrant == quadrant


# Services -------------------------------------------------------------------------------------


def test_a_workshop_for_a_theme_takes_up_its_open_ideas(world: World) -> None:
    open_idea = idea_of(world, theme=world.other_theme)
    idea_of(world, theme=world.other_theme, status=IdeaStatus.REJECTED, status_reason="Ei.")
    idea_of(world, theme=world.theme)
    workshop = open_workshop(world)
    assert list(workshop.ideas.all()) == [open_idea]
    assert (workshop.scale, workshop.dots) == (5, 5)


def test_two_people_scoring_the_same_idea_both_count(world: World) -> None:
    workshop = open_workshop(world)
    idea = workshops.write_workshop_idea(
        actor=actor(world, "editor"), workshop=workshop, title="Digitukipiste kirjastoon"
    )
    assert (idea.source, idea.event, idea.theme, idea.workshop) == (
        IdeaSource.WORKSHOP,
        workshop.title,
        world.other_theme,
        workshop,
    )
    # Written in the workshop from its first history row: no write outside the history.
    assert [row.workshop_id for row in idea.history.all()] == [workshop.pk]
    for persona, impact in (("editor", 5), ("admin", 3)):
        workshops.score_idea(
            actor=actor(world, persona),
            workshop=workshop,
            idea=idea,
            impact=impact,
            effort=2,
            fit=4,
        )
    # Scoring again replaces one's own score.
    workshops.score_idea(
        actor=actor(world, "admin"), workshop=workshop, idea=idea, impact=4, effort=2, fit=4
    )
    assert Score.objects.filter(idea=idea).count() == 2
    row = priorities(world.organisation).rows[0]
    assert (row.impact, row.effort, row.scored.scorers) == (4.5, 2.0, 2)
    assert row.quadrant == Quadrant.QUICK_WIN


@pytest.mark.parametrize("value", [0, 6, 11])
def test_a_score_out_of_the_workshops_scale_is_refused(world: World, value: int) -> None:
    workshop = open_workshop(world)
    idea = workshops.write_workshop_idea(actor=actor(world, "editor"), workshop=workshop, title="A")
    with pytest.raises(ValidationError) as refused:
        workshops.score_idea(
            actor=actor(world, "editor"),
            workshop=workshop,
            idea=idea,
            impact=value,
            effort=1,
            fit=1,
        )
    assert "impact" in refused.value.message_dict
    assert not Score.objects.exists()


def test_the_database_keeps_scores_within_the_outer_scale(world: World) -> None:
    workshop = open_workshop(world)
    idea = idea_of(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.create(workshop=workshop, idea=idea, scorer=world.users["editor"], impact=11)
    Score.objects.create(workshop=workshop, idea=idea, scorer=world.users["editor"], impact=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.create(workshop=workshop, idea=idea, scorer=world.users["editor"], impact=3)


def test_dots_add_up_to_at_most_the_workshops_dots(world: World) -> None:
    workshop = open_workshop(world, voting=Voting.DOTS)
    first, second = (
        workshops.write_workshop_idea(actor=actor(world, "editor"), workshop=workshop, title=t)
        for t in ("Chatbotti", "Sähköinen lomake")
    )
    workshops.vote_dots(actor=actor(world, "editor"), workshop=workshop, idea=first, dots=3)
    with pytest.raises(ValidationError) as refused:
        workshops.vote_dots(actor=actor(world, "editor"), workshop=workshop, idea=second, dots=3)
    assert "2" in refused.value.message_dict["dots"][0]
    workshops.vote_dots(actor=actor(world, "editor"), workshop=workshop, idea=second, dots=2)
    # Another person has dots of their own.
    workshops.vote_dots(actor=actor(world, "admin"), workshop=workshop, idea=first, dots=5)
    assert priorities(world.organisation).rows[0].scored.dots == 8
    with pytest.raises(ValidationError):
        workshops.score_idea(
            actor=actor(world, "editor"), workshop=workshop, idea=first, impact=1, effort=1, fit=1
        )


def test_a_closed_workshop_keeps_its_record_and_takes_no_more_scores(world: World) -> None:
    workshop = open_workshop(world, attendees=[world.other_person])
    idea = workshops.write_workshop_idea(actor=actor(world, "editor"), workshop=workshop, title="A")
    workshops.score_idea(
        actor=actor(world, "editor"), workshop=workshop, idea=idea, impact=5, effort=1, fit=5
    )
    closed = workshops.close_workshop(actor=actor(world, "admin"), workshop=workshop)
    assert closed.status == WorkshopStatus.CLOSED and closed.closed_by == world.users["admin"]
    record = closed.record
    assert record["attendees"] == [{"name": "Museonjohtaja", "title": "Suunnittelija"}]
    assert record["ideas"][0] | {"id": 0} == {
        "id": 0,
        "title": "A",
        "description": "",
        "written_here": True,
        "impact": 5.0,
        "effort": 1.0,
        "fit": 5.0,
        "scorers": 1,
        "dots": 0,
        "priority": 100,
    }
    # The record stays as it was, whatever happens to the idea later.
    Idea.objects.filter(pk=idea.pk).update(title="Muutettu")
    closed.refresh_from_db()
    assert closed.record["ideas"][0]["title"] == "A"
    for write in (
        lambda: workshops.score_idea(
            actor=actor(world, "admin"), workshop=closed, idea=idea, impact=1, effort=1, fit=1
        ),
        lambda: workshops.write_workshop_idea(
            actor=actor(world, "admin"), workshop=closed, title="B"
        ),
        lambda: workshops.close_workshop(actor=actor(world, "admin"), workshop=closed),
    ):
        with pytest.raises(ValidationError):
            write()


def test_an_idea_of_another_organisation_cannot_be_taken_up(world: World) -> None:
    workshop = open_workshop(world)
    foreign = IdeaFactory(organisation=world.outsider_organisation)
    with pytest.raises(ValidationError):
        workshops.take_up_ideas(actor=actor(world, "editor"), workshop=workshop, ideas=[foreign])
    assert not workshop.ideas.filter(pk=foreign.pk).exists()


# Pages ----------------------------------------------------------------------------------------


def test_the_group_runs_a_workshop_on_the_shared_screen(world: World) -> None:
    client = world.client_for("editor")
    response = client.post(
        url("workshop_open"),
        {
            "title": "Toiveiden tynnyri 2026",
            "theme": world.other_theme.pk,
            "held_on": "2026-11-05",
            "voting": Voting.SCORES,
            "attendees": [world.owner_person.pk, world.other_person.pk],
            "take_up_open_ideas": "on",
        },
    )
    workshop = Workshop.objects.get()
    assert response.status_code == 302 and response["Location"] == url(
        "workshop", workshop=workshop.pk
    )
    # Writing with htmx answers with the new card and a fresh form.
    written = client.post(
        url("workshop_write", workshop=workshop.pk),
        {"title": "Etäyhteys vanhuspalveluihin"},
        **HTMX,
    )
    page = written.content.decode()
    assert written.status_code == 200 and "Etäyhteys vanhuspalveluihin" in page
    assert 'hx-swap-oob="beforeend:#workshop-ideas"' in page and "autofocus" in page
    idea = Idea.objects.get()
    assert idea.event == "Toiveiden tynnyri 2026"
    # An empty title is answered next to the field, and nothing is written.
    empty = client.post(url("workshop_write", workshop=workshop.pk), {"title": " "}, **HTMX)
    assert "id_title_error" in empty.content.decode() and Idea.objects.count() == 1
    # Two people score; the card shows the average.
    client.post(
        url("workshop_score", workshop=workshop.pk, idea=idea.pk),
        {f"idea-{idea.pk}-impact": "5", f"idea-{idea.pk}-effort": "1", f"idea-{idea.pk}-fit": "3"},
        **HTMX,
    )
    other = world.client_for("admin")
    card = other.post(
        url("workshop_score", workshop=workshop.pk, idea=idea.pk),
        {f"idea-{idea.pk}-impact": "4", f"idea-{idea.pk}-effort": "2", f"idea-{idea.pk}-fit": "3"},
        **HTMX,
    ).content.decode()
    assert "impact 4.5, effort 1.5, strategic fit 3.0 (2 people)" in card
    out_of_scale = other.post(
        url("workshop_score", workshop=workshop.pk, idea=idea.pk),
        {f"idea-{idea.pk}-impact": "9"},
        **HTMX,
    )
    assert "error" in out_of_scale.content.decode()
    assert Score.objects.get(scorer=world.users["admin"]).impact == 4
    # Closing keeps the record, which the workshop's address then shows.
    assert client.post(url("workshop_close", workshop=workshop.pk)).status_code == 302
    record = client.get(url("workshop", workshop=workshop.pk)).content.decode()
    assert "Etäyhteys vanhuspalveluihin" in record and "Museonjohtaja" in record


def test_without_javascript_each_form_posts_and_returns_to_the_workshop(world: World) -> None:
    workshop = open_workshop(world)
    client = world.client_for("editor")
    response = client.post(url("workshop_write", workshop=workshop.pk), {"title": "Idea"})
    assert response.status_code == 302 and response["Location"].endswith("#write")
    idea = Idea.objects.get()
    response = client.post(
        url("workshop_score", workshop=workshop.pk, idea=idea.pk), {f"idea-{idea.pk}-impact": "3"}
    )
    assert response.status_code == 302 and response["Location"].endswith(f"#idea-{idea.pk}")
    assert Score.objects.get().impact == 3


def test_an_idea_not_on_the_list_or_another_organisations_workshop_is_404(world: World) -> None:
    workshop = open_workshop(world)
    elsewhere = idea_of(world, theme=world.theme)
    client = world.client_for("editor")
    assert (
        client.post(
            url("workshop_score", workshop=workshop.pk, idea=elsewhere.pk),
            {f"idea-{elsewhere.pk}-impact": "3"},
        ).status_code
        == 404
    )
    outsider = world.client_for("outsider")
    assert outsider.get(url("workshop", workshop=workshop.pk)).status_code == 404


def test_the_priorities_rank_and_place_the_ideas(
    world: World, django_assert_max_num_queries: Any
) -> None:
    workshop = open_workshop(world)
    editor = actor(world, "editor")
    scores = {"Pikavoitto": (5, 1, 4), "Iso hanke": (5, 5, 5), "Turha": (1, 5, 1)}
    for title, (impact, effort, fit) in scores.items():
        idea = workshops.write_workshop_idea(actor=editor, workshop=workshop, title=title)
        workshops.score_idea(
            actor=editor, workshop=workshop, idea=idea, impact=impact, effort=effort, fit=fit
        )
    for n in range(20):
        idea_of(world, title=f"Pisteyttämätön {n}")
    client = world.client_for("viewer")
    with django_assert_max_num_queries(7):
        response = client.get(url("priorities"))
    page = response.content.decode()
    assert page.index("Pikavoitto") < page.index("Iso hanke") < page.index("Turha")
    assert page.index("Turha") < page.index("Pisteyttämätön 0")
    assert page.count('class="matrix-point') == 3
    data = response.context["data"]
    assert [group.quadrant for group in data.quadrants if group.rows] == [
        Quadrant.QUICK_WIN,
        Quadrant.MAJOR,
        Quadrant.THANKLESS,
    ]
    # The export carries the scores.
    content, _type = export(world.organisation, "csv")
    line = next(row for row in content.decode("utf-8-sig").splitlines() if "Pikavoitto" in row)
    assert line.endswith(";5.0;1.0;4.0;1;0;94")


def test_the_admin_sets_the_scale_and_weights(world: World) -> None:
    assert world.client_for("editor").get(url("scoring")).status_code == 403
    client = world.client_for("admin")
    data = {
        "scale": "10",
        "impact_weight": "3",
        "effort_weight": "1",
        "fit_weight": "0",
        "dots": "8",
    }
    assert client.post(url("scoring"), data).status_code == 302
    settings = ScoringSettings.objects.get()
    assert (settings.scale, settings.impact_weight, settings.dots) == (10, 3, 8)
    # A workshop opened now has the new scale; out of range is answered next to the field.
    assert open_workshop(world).scale == 10
    refused = client.post(url("scoring"), {**data, "scale": "11", "version": settings.version})
    assert refused.status_code == 400 and "scale" in refused.context["form"].errors
    no_weight = client.post(
        url("scoring"),
        {**data, "impact_weight": "0", "effort_weight": "0", "version": settings.version},
    )
    assert no_weight.status_code == 400
    stale = client.post(url("scoring"), {**data, "scale": "7", "version": settings.version - 1})
    assert stale.status_code == 409
    assert ScoringSettings.objects.get().scale == 10


def test_two_ideas_are_accepted_into_a_new_task(world: World) -> None:
    first = idea_of(world, title="Ajanvaraus verkossa", description="Kirjaston tilat.")
    second = idea_of(world, title="Tilavaraus kouluihin")
    client = world.client_for("editor")
    page = client.get(url("accept_many") + f"?idea={first.pk}&idea={second.pk}")
    assert page.status_code == 200 and "Tilavaraus kouluihin" in page.content.decode()
    data = {
        "mode": "new",
        "idea": [first.pk, second.pk],
        f"version-{first.pk}": first.version,
        f"version-{second.pk}": second.version,
        "new-theme": world.other_theme.pk,
        "new-title": "Sähköinen tilavaraus",
        "new-owner": world.other_person.pk,
        "new-start": "2027Q1",
        "new-due": "2026Q4",
        "new-quick_win": "on",
        "new-reason": "Yhdistetään yhdeksi tehtäväksi.",
    }
    refused = client.post(url("accept_many"), data)
    assert refused.status_code == 400 and "due" in refused.context["new_form"].errors
    assert not Task.objects.filter(title="Sähköinen tilavaraus").exists()
    assert Idea.objects.filter(status=IdeaStatus.ACCEPTED).count() == 0
    response = client.post(url("accept_many"), {**data, "new-due": "2027Q4"})
    task = Task.objects.get(title="Sähköinen tilavaraus")
    assert response.status_code == 302
    assert (task.owner, task.start, task.due, task.quick_win, task.roadmap) == (
        world.other_person,
        "2027Q1",
        "2027Q4",
        True,
        world.roadmap,
    )
    assert set(task.source_ideas.values_list("status", flat=True)) == {IdeaStatus.ACCEPTED}
    assert task.source_ideas.count() == 2
    task_page = client.get(response["Location"]).content.decode()
    assert "Ajanvaraus verkossa" in task_page and "Tilavaraus kouluihin" in task_page


def test_the_task_page_shows_its_ideas_votes(world: World) -> None:
    workshop = open_workshop(world)
    idea = workshops.write_workshop_idea(actor=actor(world, "editor"), workshop=workshop, title="A")
    for persona in ("editor", "admin"):
        workshops.score_idea(
            actor=actor(world, persona), workshop=workshop, idea=idea, impact=4, effort=2, fit=3
        )
    dots = open_workshop(world, voting=Voting.DOTS)
    dots.ideas.add(idea)
    workshops.vote_dots(actor=actor(world, "admin"), workshop=dots, idea=idea, dots=3)
    services.accept_ideas(
        actor=actor(world, "editor"), ideas=[idea], task=world.own_task, reason="Kyllä."
    )
    page = (
        world.client_for("viewer")
        .get(
            reverse(
                "progress:task_detail",
                kwargs={"org": ORG, "roadmap": world.roadmap.slug, "task": world.own_task.pk},
            )
        )
        .content.decode()
    )
    assert "scored by 2 people" in page and "3 dots" in page


def test_accepting_refuses_another_organisations_idea_or_an_archived_theme(world: World) -> None:
    mine = idea_of(world)
    foreign = IdeaFactory(organisation=world.outsider_organisation)
    client = world.client_for("editor")
    assert client.get(url("accept_many") + f"?idea={mine.pk}&idea={foreign.pk}").status_code == 404
    archived_theme = ThemeFactory(
        roadmap=RoadmapFactory(organisation=world.organisation, slug="vanha", is_archived=True)
    )
    response = client.post(
        url("accept_many"),
        {
            "mode": "new",
            "idea": mine.pk,
            f"version-{mine.pk}": mine.version,
            "new-theme": archived_theme.pk,
            "new-title": "X",
            "new-owner": world.other_person.pk,
            "new-reason": "Kyllä.",
        },
    )
    assert response.status_code == 400 and "theme" in response.context["new_form"].errors
    mine.refresh_from_db()
    assert mine.status == IdeaStatus.NEW


def test_a_quick_win_idea_marks_the_existing_task_a_quick_win(world: World) -> None:
    workshop = open_workshop(world)
    editor = actor(world, "editor")
    idea = workshops.write_workshop_idea(actor=editor, workshop=workshop, title="Pikavoitto")
    workshops.score_idea(actor=editor, workshop=workshop, idea=idea, impact=5, effort=1, fit=3)
    client = world.client_for("editor")
    page = client.get(url("accept", idea=idea.pk))
    assert page.context["existing_form"].initial["quick_win"] is True
    client.post(
        url("accept", idea=idea.pk),
        {
            "mode": "existing",
            f"version-{idea.pk}": Idea.objects.get().version,
            "existing-task": world.others_task.pk,
            "existing-reason": "Nopea toteuttaa.",
            "existing-quick_win": "on",
        },
    )
    world.others_task.refresh_from_db()
    assert world.others_task.quick_win is True


def test_workshops_scores_and_settings_are_in_the_change_log(world: World) -> None:
    workshop = open_workshop(world)
    idea = workshops.write_workshop_idea(actor=actor(world, "editor"), workshop=workshop, title="A")
    workshops.score_idea(
        actor=actor(world, "admin"), workshop=workshop, idea=idea, impact=2, effort=3, fit=4
    )
    workshops.score_idea(
        actor=actor(world, "admin"), workshop=workshop, idea=idea, impact=5, effort=3, fit=4
    )
    workshops.save_scoring_settings(
        actor=actor(world, "admin"),
        organisation=world.organisation,
        scale=7,
        impact_weight=1,
        effort_weight=1,
        fit_weight=1,
        dots=3,
    )
    log = (
        world.client_for("viewer")
        .get(reverse("activity:change_log", kwargs={"org": ORG}))
        .content.decode()
    )
    assert workshop.title in log
    assert "Score" in log and "Scoring settings" in log


def test_numbers_in_addresses_and_the_chart_are_never_localised(world: World) -> None:
    """Finnish writes 1 234 and 148,0; a check box's value and an SVG coordinate must not."""
    workshop = open_workshop(world)
    idea = idea_of(world, pk=1234, theme=world.other_theme)
    workshop.ideas.add(idea)
    workshops.score_idea(
        actor=actor(world, "editor"), workshop=workshop, idea=idea, impact=4, effort=3, fit=2
    )
    client = world.client_for("editor")
    client.post("/language/", {"language": "fi", "next": url("list")})
    for page in (url("priorities"), url("list"), url("accept_many") + "?idea=1234"):
        body = client.get(page).content.decode()
        assert 'value="1234"' in body, page
    chart = client.get(url("priorities")).content.decode()
    svg = chart[chart.index("<svg") : chart.index("</svg>")]
    # Effort 3 is the middle of the scale: drawn beside the divider, on the high side.
    assert 'cx="262.0"' in svg and "," not in svg.split("<circle", 1)[1].split(">", 1)[0]


def test_the_ranking_is_paged_and_the_matrix_shows_the_highest_ranked(world: World) -> None:
    from tiekartta.ideas.priorities import MATRIX_LIMIT
    from tiekartta.ideas.priority_views import RANKING_PER_PAGE

    workshop = open_workshop(world)
    IdeaFactory.create_batch(RANKING_PER_PAGE + 5, organisation=world.organisation)
    workshop.ideas.add(*Idea.objects.all())
    Score.objects.bulk_create(
        Score(idea=idea, workshop=workshop, scorer=world.users["editor"], impact=4, effort=2)
        for idea in Idea.objects.all()
    )
    client = world.client_for("viewer")
    first = client.get(url("priorities"))
    assert len(first.context["page"].object_list) == RANKING_PER_PAGE
    assert first.content.decode().count('class="matrix-point') == MATRIX_LIMIT
    second = client.get(url("priorities") + "?page=2")
    assert [row.rank for row in second.context["page"]] == list(
        range(RANKING_PER_PAGE + 1, RANKING_PER_PAGE + 6)
    )


def test_the_workshop_page_reads_as_many_queries_for_many_ideas(
    world: World, django_assert_max_num_queries: Any
) -> None:
    workshop = open_workshop(world, attendees=[world.other_person, world.owner_person])
    client = world.client_for("editor")

    def fill(count: int) -> None:
        ideas = IdeaFactory.create_batch(count, organisation=world.organisation)
        workshop.ideas.add(*ideas)
        Score.objects.bulk_create(
            Score(idea=idea, workshop=workshop, scorer=world.users["admin"], impact=3, effort=2)
            for idea in ideas
        )

    fill(3)
    with django_assert_max_num_queries(20) as few:
        client.get(url("workshop", workshop=workshop.pk))
    fill(60)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("workshop", workshop=workshop.pk))
    assert response.content.decode().count('class="workshop-card"') == 63
