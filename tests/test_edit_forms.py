"""Every edit form of the product, driven as two people would: a stale save is refused with
the second person's input kept and what changed shown, and a refused save (a form error, a
service's refusal or a conflict) never lets the page's links follow the unsaved values."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import World
from tests.factories import MetricFactory, MetricValueFactory, RoadmapFactory, TaskFactory
from tests.html_pages import broken_links, edit_form_values, page_links
from tiekartta.accounts.models import Membership, Role
from tiekartta.core.actors import Actor
from tiekartta.core.locking import ConflictError
from tiekartta.maturity import services as maturity_services
from tiekartta.maturity.models import Assessment, Viewpoint
from tiekartta.metrics.models import Metric
from tiekartta.privacy.models import RetentionSettings
from tiekartta.progress.models import Review
from tiekartta.roadmap import services as roadmap_services
from tiekartta.roadmap.models import FollowUpSettings, Person, Roadmap, Task, Theme

pytestmark = pytest.mark.django_db

ORG = "testikaupunki"
RM = "2026-2028"


@dataclass
class Target:
    """One edit form: where it is, a field two people both change, and how to read it back."""

    url: str
    field: str
    first: str
    second: str
    read: Callable[[], Any]
    # How the conflict's list shows `first` and `second`, when not as they are posted.
    shown: tuple[str, str] | None = None
    # Changes the product refuses, each with text that must not turn up in any link.
    refused: list[tuple[dict[str, Any], str]] = field(default_factory=list)


def _roadmap(world: World) -> Target:
    RoadmapFactory(organisation=world.organisation, slug="2023-2025", start_year=2023)
    Task.objects.filter(pk=world.own_task.pk).update(start="2027Q1", due="2028Q2")
    pk = world.roadmap.pk
    return Target(
        url=reverse("roadmap:roadmap_edit", kwargs={"org": ORG, "roadmap": RM}),
        field="title",
        first="Digitiekartta 2026–2028",
        second="Kaupungin tiekartta",
        read=lambda: Roadmap.objects.get(pk=pk).title,
        refused=[
            # Taken by another roadmap: refused by the form.
            ({"slug": "2023-2025"}, "/r/2023-2025/"),
            # A new short name with a period that would leave a task outside: refused by the
            # service, after the form has accepted the short name.
            ({"slug": "uusi-osoite", "end_year": "2026"}, "uusi-osoite"),
        ],
    )


def _theme(world: World) -> Target:
    pk = world.theme.pk
    return Target(
        url=reverse("roadmap:theme_edit", kwargs={"org": ORG, "roadmap": RM, "theme": pk}),
        field="description",
        first="Tieto päätösten tueksi.",
        second="Mittarit ja raportit.",
        read=lambda: Theme.objects.get(pk=pk).description,
        refused=[({"name": "DIGITUKI"}, "DIGITUKI")],  # the other theme's name
    )


def _person(world: World) -> Target:
    pk = world.other_person.pk
    return Target(
        url=reverse("roadmap:person_edit", kwargs={"org": ORG, "person": pk}),
        field="title",
        first="Museotoimenjohtaja",
        second="Kulttuurijohtaja",
        read=lambda: Person.objects.get(pk=pk).title,
        # The owner's user account belongs to another person already.
        refused=[({"user": world.users["owner"].pk, "name": "Uusi nimi"}, "Uusi nimi")],
    )


def _task(world: World) -> Target:
    pk = world.others_task.pk
    # The predecessor ends in the quarter its successor starts: no schedule conflict to confirm.
    Task.objects.filter(pk=pk).update(due="2026Q1")
    world.own_task.predecessors.add(world.others_task)
    return Target(
        url=reverse("roadmap:task_edit", kwargs={"org": ORG, "roadmap": RM, "task": pk}),
        field="title",
        first="Kokoelmajärjestelmän uusiminen",
        second="Kokoelmat verkkoon",
        read=lambda: Task.objects.get(pk=pk).title,
        # Waiting for a task that waits for this one.
        refused=[({"predecessors": world.own_task.pk, "title": "Kierre"}, "Kierre")],
    )


def _metric(world: World) -> Target:
    MetricFactory(roadmap=world.roadmap, owner=world.other_person, name="Digituen asiakkaat")
    metric = MetricFactory(roadmap=world.roadmap, owner=world.other_person, name="Avoin data")
    pk = metric.pk
    return Target(
        url=reverse("metrics:edit", kwargs={"org": ORG, "roadmap": RM, "metric": pk}),
        field="description",
        first="Avattujen aineistojen määrä.",
        second="Rajapintojen määrä.",
        read=lambda: Metric.objects.get(pk=pk).description,
        refused=[({"name": "digituen asiakkaat"}, "digituen")],
    )


def _viewpoint(world: World) -> Target:
    admin = Actor.for_user(world.users["admin"])
    maturity_services.create_viewpoint(
        actor=admin, organisation=world.organisation, name="Digituki"
    )
    viewpoint = maturity_services.create_viewpoint(
        actor=admin, organisation=world.organisation, name="Tiedolla johtaminen"
    )
    pk = viewpoint.pk
    return Target(
        url=reverse("maturity:viewpoint_edit", kwargs={"org": ORG, "viewpoint": pk}),
        field="description",
        first="Tiedon käyttö päätöksissä.",
        second="Raportointi ja analytiikka.",
        read=lambda: Viewpoint.objects.get(pk=pk).description,
        refused=[({"name": "DIGITUKI"}, "DIGITUKI")],
    )


def _assessment(world: World) -> Target:
    admin = Actor.for_user(world.users["admin"])
    viewpoint = maturity_services.create_viewpoint(
        actor=admin, organisation=world.organisation, name="Digituki"
    )
    for title in ("Lähtötaso 2025", "Väliarvio 2026"):
        assessment = maturity_services.create_assessment(
            actor=admin,
            organisation=world.organisation,
            data=maturity_services.AssessmentInput(
                title=title,
                assessed_on=datetime.date(2025, 11, 20),
                stage="baseline",
                scores=[maturity_services.ScoreInput(viewpoint, 2, 4)],
            ),
        )
    pk = assessment.pk
    return Target(
        url=reverse("maturity:assessment_edit", kwargs={"org": ORG, "assessment": pk}),
        field="notes",
        first="Digiryhmän työpaja.",
        second="Johtoryhmän arvio.",
        read=lambda: Assessment.objects.get(pk=pk).notes,
        refused=[({"title": "LÄHTÖTASO 2025"}, "LÄHTÖTASO")],
    )


def _settings(world: World) -> Target:
    organisation = world.organisation
    return Target(
        url=reverse("progress:settings", kwargs={"org": ORG}),
        field="risk_margin",
        first="20",
        second="30",
        read=lambda: str(FollowUpSettings.for_organisation(organisation).risk_margin),
        refused=[({"risk_margin": "0", "reminder_days_before": "61"}, "61")],
    )


def _retention(world: World) -> Target:
    organisation = world.organisation
    return Target(
        url=reverse("privacy:settings", kwargs={"org": ORG}),
        field="import_days",
        first="20",
        second="30",
        read=lambda: str(RetentionSettings.for_organisation(organisation).import_days),
        refused=[({"import_days": "0", "removed_person_days": "3651"}, "3651")],
    )


def _review_details(world: World) -> Target:
    pk = world.review.pk
    return Target(
        url=reverse("progress:review_details", kwargs={"org": ORG, "roadmap": RM, "review": pk}),
        field="minutes",
        first="Käytiin läpi kolmas neljännes.",
        second="Hyväksyttiin muutokset.",
        read=lambda: Review.objects.get(pk=pk).minutes,
        refused=[({"minutes": "Luonnos", "meeting_date": "31.2.2026"}, "Luonnos")],
    )


def _member_role(world: World) -> Target:
    member = Membership.objects.get(organisation=world.organisation, role=Role.EDITOR)
    return Target(
        url=reverse("accounts:member_edit", kwargs={"org": ORG, "member": member.pk}),
        field="role",
        first=Role.OWNER,
        second=Role.VIEWER,
        shown=("Task owner", "Viewer"),
        read=lambda: Membership.objects.get(pk=member.pk).role,
    )


FORMS: dict[str, tuple[str, Callable[[World], Target]]] = {
    "roadmap": (Role.ADMIN, _roadmap),
    "theme": (Role.EDITOR, _theme),
    "person": (Role.EDITOR, _person),
    "task": (Role.EDITOR, _task),
    "metric": (Role.EDITOR, _metric),
    "viewpoint": (Role.ADMIN, _viewpoint),
    "assessment": (Role.ADMIN, _assessment),
    "follow-up settings": (Role.ADMIN, _settings),
    "retention periods": (Role.ADMIN, _retention),
    "review meeting details": (Role.EDITOR, _review_details),
    "member role": (Role.ADMIN, _member_role),
}
# The role form shows nothing that a refused role could change.
REFUSABLE = [name for name in FORMS if name != "member role"]


def _conflict_rows(html: str) -> list[list[str]]:
    table = re.search(r'<table class="conflict-changes">(.*?)</table>', html, re.S)
    assert table, "the conflict shows what changed"
    rows = re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S)
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in rows[1:]
    ]


@pytest.mark.parametrize("form", FORMS)
def test_second_stale_save_is_refused_with_the_input_kept_and_what_changed(
    world: World, form: str
) -> None:
    persona, make = FORMS[form]
    target = make(world)
    first, second = world.client_for(persona), world.client_for(persona)
    mine = edit_form_values(first.get(target.url).content.decode())
    theirs = edit_form_values(second.get(target.url).content.decode())

    assert first.post(target.url, {**mine, target.field: target.first}).status_code == 302
    refused = second.post(target.url, {**theirs, target.field: target.second})

    assert refused.status_code == 409
    html = refused.content.decode()
    assert "while you were editing" in html
    kept = edit_form_values(html)
    assert kept[target.field] == target.second, "what the second person typed stays"
    assert target.read() == target.first, "the first save is not overwritten"
    # The one field that differs, with what is saved and what is in the form.
    shown = list(target.shown or (target.first, target.second))
    assert [row[1:] for row in _conflict_rows(html)] == [shown]
    assert broken_links(second, html) == []
    # Having seen what changed, saving again replaces the saved version on purpose.
    assert second.post(target.url, kept).status_code == 302
    assert target.read() == target.second


@pytest.mark.parametrize("form", REFUSABLE)
def test_a_refused_save_leaves_every_link_of_the_page_working(world: World, form: str) -> None:
    persona, make = FORMS[form]
    target = make(world)
    client = world.client_for(persona)
    values = edit_form_values(client.get(target.url).content.decode(), target.field)
    before = target.read()
    for changes, unsaved in target.refused:
        response = client.post(target.url, {**values, **changes})
        assert response.status_code in {200, 400}, changes
        html = response.content.decode()
        assert 'class="error"' in html or 'class="form-errors"' in html, "the refusal is shown"
        links = page_links(html)
        assert links and not [link for link in links if unsaved in link]
        assert broken_links(client, html) == []
        kept = edit_form_values(html, target.field)
        assert kept[next(iter(changes))] == str(next(iter(changes.values()))), "input kept"
        assert target.read() == before


def test_an_edit_without_the_version_is_refused(world: World) -> None:
    client = world.client_for(Role.EDITOR)
    url = reverse("roadmap:theme_edit", kwargs={"org": ORG, "roadmap": RM, "theme": world.theme.pk})
    values = edit_form_values(client.get(url).content.decode())
    del values["version"]
    assert client.post(url, {**values, "name": "Uusi nimi"}).status_code == 409
    assert Theme.objects.get(pk=world.theme.pk).name == "Tiedolla johtaminen"


def test_services_claim_the_version_and_leave_the_object_as_it_was_on_failure(
    world: World,
) -> None:
    actor = Actor.for_user(world.users["editor"])
    theme = Theme.objects.get(pk=world.theme.pk)
    stale = Theme.objects.get(pk=world.theme.pk)
    fields = {"description": "", "is_spearhead": True, "colour": "blue", "order": 0}
    roadmap_services.update_theme(actor=actor, theme=theme, name="Ensimmäinen", **fields)
    assert theme.version == stale.version + 1
    with pytest.raises(ConflictError):
        roadmap_services.update_theme(actor=actor, theme=stale, name="Toinen", **fields)
    assert Theme.objects.get(pk=theme.pk).name == "Ensimmäinen"
    assert Theme.history.filter(name="Toinen").count() == 0
    # Refused by validation: the claimed version is given back with the rollback.
    before = theme.version
    with pytest.raises(ValidationError):  # the other theme's name
        roadmap_services.update_theme(actor=actor, theme=theme, name="Digituki", **fields)
    assert theme.version == before == Theme.objects.get(pk=theme.pk).version
    # Linking a person to a user account is a save that a stale form must notice.
    person = Person.objects.get(pk=world.other_person.pk)
    roadmap_services.link_person_to_user(actor=actor, person=person, user=world.users["viewer"])
    assert Person.objects.get(pk=person.pk).version == world.other_person.version + 1


def test_the_service_compares_with_the_saved_metric_not_the_posted_one(world: World) -> None:
    """A metric with values keeps its frequency: the service compares the posted frequency
    with the saved one, which the form must not have overwritten on the way."""
    metric = MetricFactory(roadmap=world.roadmap, owner=world.other_person, name="Avoin data")
    MetricValueFactory(metric=metric, period="2026Q1", value=Decimal("25"))
    client = world.client_for(Role.EDITOR)
    url = reverse("metrics:edit", kwargs={"org": ORG, "roadmap": RM, "metric": metric.pk})
    values = edit_form_values(client.get(url).content.decode())
    response = client.post(url, {**values, "frequency": "yearly"})
    assert response.status_code == 400
    assert "already has values by its current frequency" in response.content.decode()
    assert Metric.objects.get(pk=metric.pk).frequency == "quarterly"


def test_a_task_moved_to_another_theme_goes_last_there(world: World) -> None:
    """The service compares the posted theme with the saved one to place the task."""
    TaskFactory(theme=world.other_theme, owner=world.other_person, order=7)
    client = world.client_for(Role.EDITOR)
    task = world.others_task
    url = reverse("roadmap:task_edit", kwargs={"org": ORG, "roadmap": RM, "task": task.pk})
    values = edit_form_values(client.get(url).content.decode())
    assert client.post(url, {**values, "theme": world.other_theme.pk}).status_code == 302
    moved = Task.objects.get(pk=task.pk)
    assert (moved.theme_id, moved.order) == (world.other_theme.pk, 8)
