"""The organisation's change log: every tracked model's changes and the audit events, newest
first, each with who made it: a user, an API token, the system."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from django.urls import reverse

from conftest import World
from tiekartta.accounts.events import record_event
from tiekartta.accounts.models import EventKind, Role
from tiekartta.accounts.services import create_api_token
from tiekartta.core.actors import Actor
from tiekartta.core.audit import history_by
from tiekartta.metrics import services
from tiekartta.metrics.tests.view_helpers import url as metric_url
from tiekartta.roadmap.tests.test_views import ORG, task_form, url

LOG = reverse("activity:change_log", kwargs={"org": ORG})


def plain_text(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def test_change_log_shows_who_changed_what_before_and_after(world: World) -> None:
    editor = world.client_for(Role.EDITOR)
    editor.post(
        url("theme_edit", theme=world.other_theme.pk),
        {
            "name": "Digituki ja neuvonta",
            "colour": "green",
            "order": 4,
            "version": world.other_theme.version,
        },
    )
    task = world.own_task
    editor.post(
        url("task_edit", task=task.pk),
        task_form(
            world, title="Etäluenta laajenee", owner=world.owner_person.pk, version=task.version
        ),
    )
    page = (
        world.client_for(Role.VIEWER)
        .get(reverse("activity:change_log", kwargs={"org": ORG}))
        .content.decode()
    )
    assert "Digituki ja neuvonta" in page and "Digituki</td>" in page  # theme name after and before
    assert "Etäluenta laajenee" in page and "Vesimittarien etäluenta" in page
    assert "Testi Käyttäjä" in page
    assert page.index("Etäluenta laajenee") < page.index("Digituki ja neuvonta"), "newest first"
    # Nothing of the other organisation shows.
    assert world.outsider_task.title not in page


def test_the_change_log_of_another_organisation_shows_none_of_them(world: World) -> None:
    services.create_metric(
        actor=world.users["editor"],
        roadmap=world.roadmap,
        data=services.MetricInput(
            name="Salainen mittari",
            owner=world.owner_person,
            target_value=Decimal("1"),
            target_date=datetime.date(2028, 12, 31),
        ),
    )
    outsider = world.client_for("outsider")
    log = outsider.get(reverse("activity:change_log", kwargs={"org": "naapurikunta"}))
    assert log.status_code == 200
    assert "Salainen mittari" not in log.content.decode()


def test_an_outsider_gets_404_for_another_organisations_change_log(world: World) -> None:
    assert world.client_for("outsider").get(LOG).status_code == 404


def test_token_and_system_actors_are_named_and_rows_without_either_say_system(
    world: World,
) -> None:
    token, _secret = create_api_token(
        actor=world.users[Role.ADMIN], organisation=world.organisation, name="Tietovarasto"
    )
    metric = services.create_metric(
        actor=world.users[Role.EDITOR],
        roadmap=world.roadmap,
        data=services.MetricInput(
            name="Etäluettavat mittarit",
            owner=world.owner_person,
            target_value=Decimal("100"),
            target_date=datetime.date(2028, 12, 31),
        ),
    )
    services.record_value(
        actor=Actor.for_token(token),
        metric=metric,
        period="2026Q2",
        value=Decimal("41"),
        channel="api",
        api_token=token,
    )
    theme = world.other_theme
    theme.name = "Digituki tuonnista"
    with history_by(theme, Actor.system("Command line: import_tasks")):
        theme.save()
    person = world.other_person
    person.unit = "Ilman tekijää"
    person.save()

    page = plain_text(world.client_for(Role.VIEWER).get(LOG).content.decode())
    assert "API: Tietovarasto · Created · Metric value: Etäluettavat mittarit · Q2/2026" in page
    assert "Command line: import_tasks · Changed · Theme: Digituki tuonnista" in page
    assert "System · Changed · Person: " in page and "Ilman tekijää" in page
    # The metric's own page names the token too.
    detail = plain_text(
        world.client_for(Role.VIEWER).get(metric_url("detail", metric=metric.pk)).content.decode()
    )
    assert "API: Tietovarasto · Created" in detail


def test_events_are_interleaved_with_changes_newest_first(world: World) -> None:
    admin = world.users[Role.ADMIN]
    token, _secret = create_api_token(
        actor=admin, organisation=world.organisation, name="Tietovarasto"
    )
    editor = world.client_for(Role.EDITOR)
    editor.post(
        url("theme_edit", theme=world.other_theme.pk),
        {
            "name": "Digituki ja neuvonta",
            "colour": "green",
            "order": 4,
            "version": world.other_theme.version,
        },
    )
    record_event(
        actor=Actor.for_token(token),
        organisation=world.organisation,
        kind=EventKind.API_WRITE,
        subject="Mittari · 2026Q3",
    )
    record_event(
        actor=None,
        organisation=world.outsider_organisation,
        kind=EventKind.PERSONAL_DATA_EXPORT,
        subject="naapurin-vienti.xlsx",
    )
    page = plain_text(world.client_for(Role.VIEWER).get(LOG).content.decode())
    assert re.search(r"Testi Käyttäjä\d* · API token created: Tietovarasto", page)
    assert "API: Tietovarasto · Written through the API: Mittari · 2026Q3" in page
    assert page.index("Written through the API") < page.index("Digituki ja neuvonta")
    assert page.index("Digituki ja neuvonta") < page.index("API token created")
    assert "Signed in" in page, "the personas' sign-ins"
    assert "naapurin-vienti" not in page, "another organisation's events stay there"


def test_where_a_sign_in_came_from_is_shown_to_administrators_only(world: World) -> None:
    record_event(
        actor=world.users[Role.OWNER],
        organisation=world.organisation,
        kind=EventKind.SIGN_IN,
        subject="owner-user",
        data={"address": "198.51.100.23"},
    )
    assert "198.51.100.23" in world.client_for(Role.ADMIN).get(LOG).content.decode()
    assert "198.51.100.23" not in world.client_for(Role.VIEWER).get(LOG).content.decode()


def test_a_role_change_shows_the_roles_before_and_after(world: World) -> None:
    client = world.client_for(Role.ADMIN)
    membership = world.users[Role.VIEWER].memberships.get()
    response = client.post(
        reverse("accounts:member_edit", kwargs={"org": ORG, "member": membership.pk}),
        {"role": Role.EDITOR, "version": membership.version},
    )
    assert response.status_code == 302
    page = plain_text(client.get(LOG).content.decode())
    # The membership's history row says it (the event of the member page would say it twice).
    assert re.search(r"Testi Käyttäjä\d* · Changed · Membership: Testi Käyttäjä\d*", page)
    assert "Role Viewer Editor" in page
    assert "Role changed: viewer-user" not in page
