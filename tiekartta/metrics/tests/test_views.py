"""The metric pages as users drive them: the overview, a metric's page and defining metrics.
The test client posts real forms with CSRF checks on."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from conftest import World
from tests.factories import PersonFactory, RoadmapFactory, TaskFactory, ThemeFactory
from tiekartta.accounts.models import Role
from tiekartta.metrics import services
from tiekartta.metrics.models import Metric, MetricValue, Milestone
from tiekartta.metrics.tests.view_helpers import (
    NOW,
    ORG,
    RM,
    add_values,
    element,
    field_error,
    make_metric,
    status_of,
    text_of,
    url,
)
from tiekartta.roadmap.models import Roadmap, Task


@pytest.fixture(autouse=True)
def late_2026() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


# Overview --------------------------------------------------------------------------------------


@pytest.fixture
def five(world: World) -> dict[str, Metric]:
    """One metric of each kind: behind, on track, stale, no data and achieved (lower is better)."""
    behind = make_metric(world, name="Sähköinen asiointi", theme=world.theme)
    add_values(behind, **{"2026Q2": "22", "2026Q3": "25"})
    on_track = make_metric(world, name="Digituen tavoittavuus", theme=world.other_theme)
    add_values(on_track, **{"2026Q3": "40"})
    stale = make_metric(world, name="Avoin data", theme=None)
    add_values(stale, **{"2026Q2": "30"})
    no_data = make_metric(world, name="Asiakastyytyväisyys", theme=world.theme, since=None)
    achieved = make_metric(
        world,
        name="Käsittelyaika",
        theme=world.theme,
        unit="days",
        direction="lower",
        baseline_value=Decimal(30),
        target_value=Decimal(10),
    )
    add_values(achieved, **{"2026Q3": "8"})
    return {
        "behind": behind,
        "on_track": on_track,
        "stale": stale,
        "no_data": no_data,
        "achieved": achieved,
    }


def figure(page: str, label: str) -> str:
    match = re.search(rf"<dt>{label}</dt><dd class=\"figure\">(.*?)</dd>", page, re.S)
    assert match, label
    return text_of(match.group(1))


def test_overview_groups_metrics_by_theme_with_where_each_stands(
    world: World, five: dict[str, Metric]
) -> None:
    response = world.client_for(Role.VIEWER).get(url("overview"))
    assert response.status_code == 200
    page = response.content.decode()
    # The spearhead theme first, then the other theme, then the metrics of the whole roadmap.
    spearhead = page.index(f'id="metric-group-{world.theme.pk}"')
    other = page.index(f'id="metric-group-{world.other_theme.pk}"')
    whole = page.index('id="metric-group-roadmap"')
    assert spearhead < other < whole
    assert spearhead < page.index(f'id="metric-{five["behind"].pk}"') < other
    assert other < page.index(f'id="metric-{five["on_track"].pk}"') < whole
    assert whole < page.index(f'id="metric-{five["stale"].pk}"')

    behind = text_of(element(page, f"metric-{five['behind'].pk}"))
    # Latest value with its quarter, change since the baseline, the line today, the target.
    assert "Sähköinen asiointi" in behind and "Tekninen johtaja" in behind
    assert "25\u00a0% Q3/2026" in behind
    assert "+5\u00a0percentage points" in behind, "57 → 62 % is a change in points"
    assert "+5\u00a0%" not in behind
    assert "32.1\u00a0%" in behind, "20 → 60 over 2026–2028: 32.1 on 27 Nov 2026"
    assert "60\u00a0% 12/31/2028" in behind
    assert behind.endswith("Behind")
    assert text_of(element(page, f"metric-{five['on_track'].pk}")).endswith("On track")
    assert text_of(element(page, f"metric-{five['stale'].pk}")).endswith("On track Stale")
    no_data = text_of(element(page, f"metric-{five['no_data'].pk}"))
    assert no_data.endswith("No data") and "– –" in no_data
    achieved = text_of(element(page, f"metric-{five['achieved'].pk}"))
    assert "8\u00a0days" in achieved and "\u221222\u00a0days" in achieved
    assert achieved.endswith("Achieved")

    nav = re.search(r'<nav class="roadmap-nav".*?</nav>', page, re.S)  # the roadmap's pages
    assert nav and re.findall(r'<a [^>]*aria-current="page"[^>]*>(.*?)</a>', nav.group(0)) == [
        "Metrics"
    ], "only the Metrics link is marked current, not the roadmap's Overview"
    assert figure(page, "Metrics") == "5"
    assert figure(page, "On track") == "2"
    assert figure(page, "Behind") == "1"
    assert figure(page, "Achieved") == "1"
    assert figure(page, "No data") == "1"
    assert figure(page, "Stale") == "1"
    assert "5 metrics shown." in page


def test_overview_rounds_a_count_metric_line_to_whole_numbers(world: World) -> None:
    """No "4 197,1 users": a count's planned line is as fine as its figures."""
    users = make_metric(
        world,
        name="Kirjautuneet käyttäjät",
        unit="count",
        unit_label="käyttäjää",
        baseline_value=Decimal(3000),
        target_value=Decimal(6100),
    )
    add_values(users, **{"2026Q3": "4100"})
    page = world.client_for(Role.VIEWER).get(url("overview")).content.decode()
    row = text_of(element(page, f"metric-{users.pk}"))
    assert "+1,100\u00a0käyttäjää" in row
    assert "3,936\u00a0käyttäjää" in row, "3000 → 6100 over 2026–2028: 3936.2 on 27 Nov 2026"
    detail = world.client_for(Role.VIEWER).get(url("detail", metric=users.pk)).content.decode()
    assert figure(detail, "Expected today") == "3,936\u00a0käyttäjää"


def test_overview_filters_by_theme_status_and_freshness(
    world: World, five: dict[str, Metric]
) -> None:
    client = world.client_for(Role.VIEWER)

    def shown(query: str) -> set[str]:
        page = client.get(url("overview") + query).content.decode()
        return {m.name for m in five.values() if f'id="metric-{m.pk}"' in page}

    assert shown(f"?theme={world.theme.pk}") == {
        "Sähköinen asiointi",
        "Asiakastyytyväisyys",
        "Käsittelyaika",
    }
    page = client.get(url("overview") + f"?theme={world.other_theme.pk}").content.decode()
    assert 'Metrics: <span lang="fi">Digituki</span>' in page and "1 metric shown." in page
    assert figure(page, "Metrics") == "1", "the counts follow the chosen theme"
    assert shown("?status=on_track") == {"Digituen tavoittavuus", "Avoin data"}
    assert shown("?status=behind") == {"Sähköinen asiointi"}
    assert shown("?freshness=stale") == {"Avoin data"}
    assert shown(f"?status=behind&theme={world.other_theme.pk}") == set()
    assert shown("?status=nonsense") == {m.name for m in five.values()}, "unknown filter ignored"
    empty = client.get(url("overview") + "?status=behind&freshness=stale").content.decode()
    assert "No metric matches the filters." in empty and "0 metrics shown." in empty


def test_overview_without_metrics_and_of_an_archived_roadmap(world: World) -> None:
    editor = world.client_for(Role.EDITOR)
    page = editor.get(url("overview")).content.decode()
    assert "The roadmap has no metrics yet." in page
    assert "New metric" in page and url("create") in page
    assert "New metric" not in world.client_for(Role.VIEWER).get(url("overview")).content.decode()
    make_metric(world, name="Avoin data")
    Roadmap.objects.filter(pk=world.roadmap.pk).update(is_archived=True)
    page = editor.get(url("overview")).content.decode()
    assert "Avoin data" in page
    assert "New metric" not in page and url("create") not in page
    detail = editor.get(url("detail", metric=Metric.objects.get().pk)).content.decode()
    assert "Record a value" not in detail and "Edit metric" not in detail


# Detail ----------------------------------------------------------------------------------------


def test_detail_draws_the_chart_and_its_table(world: World) -> None:
    metric = make_metric(world, name="Sähköinen asiointi", theme=world.theme)
    add_values(metric, **{"2026Q1": "21", "2026Q2": "24", "2026Q3": "31"})
    Milestone.objects.create(metric=metric, year=2026, value=Decimal(30))
    Milestone.objects.create(metric=metric, year=2027, value=Decimal(45))
    page = world.client_for(Role.VIEWER).get(url("detail", metric=metric.pk)).content.decode()
    svg = re.search(r'<svg class="chart".*?</svg>', page, re.S)
    assert svg and 'role="img"' in svg.group(0)
    chart = svg.group(0)
    assert "<title" in chart and "Sähköinen asiointi: measured values" in chart
    value_line = re.search(r'<path class="chart-line chart-value" d="([^"]*)"', chart)
    assert value_line and value_line.group(1).count("L") == 2, "three points joined"
    target_line = re.search(r'<path class="chart-line chart-target" d="([^"]*)"', chart)
    assert target_line and target_line.group(1).startswith("M"), "baseline to target"
    assert chart.count('class="chart-dot chart-value"') == 3
    assert chart.count('class="chart-dot chart-milestone"') == 2

    table = re.search(r'<table class="data-table compact chart-table">(.*?)</table>', page, re.S)
    assert table
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", table.group(1), re.S)
    labels = [text_of(row) for row in rows]
    assert len(rows) == 5, "one row per value and per intermediate target"
    assert labels[0].startswith("Q1/2026 21\u00a0%")
    assert labels[3].startswith("2026 –") and labels[3].endswith("30\u00a0%")
    assert labels[4].startswith("2027 –") and labels[4].endswith("45\u00a0%")
    assert "2026: 30\u00a0%; 2027: 45\u00a0%" in page, "the definition lists them too"
    assert status_of(page) == "On track"


def test_detail_shows_corrections_and_linked_tasks(world: World) -> None:
    metric = make_metric(world, name="Avoin data")
    metric.tasks.set([world.own_task, world.others_task])
    Task.objects.filter(pk=world.own_task.pk).update(completion=40, status="in_progress")
    editor, admin = world.users[Role.EDITOR], world.users[Role.ADMIN]
    first, _new = services.record_value(
        actor=editor, metric=metric, period="2026Q2", value=Decimal(30), expected_version=0
    )
    services.record_value(
        actor=admin, metric=metric, period="2026Q2", value=Decimal(33), expected_version=1
    )
    page = world.client_for(Role.VIEWER).get(url("detail", metric=metric.pk)).content.decode()
    row = text_of(element(page, f"value-{first.pk}"))
    assert row.startswith("Q2/2026 33\u00a0% Corrected once 30\u00a0%")
    assert str(editor) in row, "who recorded the earlier value"
    assert str(admin) in row, "who recorded the value now in place"
    assert MetricValue.history.filter(id=first.pk).count() == 2

    tasks = re.search(r'<section aria-labelledby="tasks-heading">(.*?)</section>', page, re.S)
    assert tasks
    listed = text_of(tasks.group(1))
    assert "Vesimittarien etäluenta · In progress · 40 %" in listed
    assert "Kokoelmajärjestelmä" in listed


@pytest.mark.parametrize(
    ("persona", "owned_by", "shown"),
    [
        (Role.ADMIN, "other", True),
        (Role.EDITOR, "other", True),
        (Role.OWNER, "own", True),
        (Role.OWNER, "other", False),
        (Role.VIEWER, "own", False),
    ],
)
def test_record_form_is_shown_to_those_who_may_record(
    world: World, persona: str, owned_by: str, shown: bool
) -> None:
    owner = world.owner_person if owned_by == "own" else world.other_person
    metric = make_metric(world, owner=owner)
    page = world.client_for(persona).get(url("detail", metric=metric.pk)).content.decode()
    assert ("Record a value" in page) is shown
    assert (url("record", metric=metric.pk) in page) is shown


def test_owner_of_an_unlinked_person_cannot_record(world: World) -> None:
    """The owner role alone is not enough: the metric's person must be linked to the user."""
    unlinked = PersonFactory(organisation=world.organisation, name="Tekninen johtaja")
    metric = make_metric(world, owner=unlinked)
    client = world.client_for(Role.OWNER)
    response = client.post(url("record", metric=metric.pk), {"period": "2026Q3", "value": "30"})
    assert response.status_code == 403
    assert not MetricValue.objects.exists()


# Defining metrics ------------------------------------------------------------------------------


def metric_form(world: World, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Sähköisen asioinnin osuus",
        "theme": world.theme.pk,
        "owner": world.owner_person.pk,
        "description": "Asiointien osuus, jotka alkavat verkossa.",
        "measurement": "Verkossa alkaneet / kaikki asioinnit.",
        "source": "Asiointijärjestelmä",
        "unit": "percent",
        "unit_label": "",
        "direction": "higher",
        "frequency": "quarterly",
        "baseline_value": "20",
        "baseline_date": "2025-12-31",
        "target_value": "60",
        "target_date": "2028-12-31",
        "milestone_2026": "30",
        "milestone_2027": "45",
        "milestone_2028": "",
        "tasks": [world.own_task.pk, world.others_task.pk],
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_editor_defines_a_metric_with_intermediate_targets_and_tasks(world: World) -> None:
    client = world.client_for(Role.EDITOR)
    form = client.get(url("create")).content.decode()
    for year in (2026, 2027, 2028):
        assert f'name="milestone_{year}"' in form
    response = client.post(url("create"), metric_form(world))
    metric = Metric.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("detail", metric=metric.pk)
    assert (metric.roadmap, metric.theme, metric.owner) == (
        world.roadmap,
        world.theme,
        world.owner_person,
    )
    assert (metric.baseline_value, metric.target_value) == (20, 60)
    assert {m.year: m.value for m in metric.milestones.all()} == {2026: 30, 2027: 45}
    assert set(metric.tasks.all()) == {world.own_task, world.others_task}
    page = client.get(response["Location"]).content.decode()
    assert "The metric was created." in page and status_of(page) == "No data"
    history = Metric.history.get()
    assert history.history_user == world.users[Role.EDITOR]


@pytest.fixture
def other_roadmap(world: World) -> Roadmap:
    roadmap: Roadmap = RoadmapFactory.create(organisation=world.organisation, slug="2029-2031")
    theme = ThemeFactory(roadmap=roadmap, name="Toisen tiekartan aihe")
    TaskFactory(theme=theme, title="Toisen tiekartan tehtävä")
    return roadmap


def test_define_rejects_links_to_another_roadmap(world: World, other_roadmap: Roadmap) -> None:
    client = world.client_for(Role.EDITOR)
    foreign_task = Task.objects.get(roadmap=other_roadmap)
    response = client.post(url("create"), metric_form(world, tasks=[foreign_task.pk]))
    assert response.status_code == 400
    assert "Select a valid choice" in field_error(response.content.decode(), "tasks")
    foreign_theme = foreign_task.theme
    response = client.post(url("create"), metric_form(world, theme=foreign_theme.pk))
    assert response.status_code == 400
    assert "Select a valid choice" in field_error(response.content.decode(), "theme")
    assert not Metric.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"target_date": "2025-06-30"}, "target_date", "must be after the baseline date"),
        ({"target_date": "2025-12-31"}, "target_date", "must be after the baseline date"),
        ({"baseline_date": ""}, "baseline_date", "Give the baseline value and its date together"),
        ({"target_value": "15"}, "target_value", "the target cannot be below the baseline"),
        ({"target_value": "abc"}, "target_value", "Enter a number."),
        ({"target_value": "1,234"}, "target_value", "without a thousands separator"),
        ({"milestone_2027": "four"}, "milestone_2027", "Enter a number."),
        ({"milestone_2027": "4x"}, "milestone_2027", "without a unit"),
        ({"name": ""}, "name", "This field is required."),
        ({"owner": ""}, "owner", "This field is required."),
    ],
)
def test_bad_definition_is_answered_next_to_the_field(
    world: World, changes: dict[str, str], field: str, message: str
) -> None:
    client = world.client_for(Role.EDITOR)
    response = client.post(url("create"), metric_form(world, **changes))
    assert response.status_code == 400
    page = response.content.decode()
    assert message in field_error(page, field)
    assert "The metric was not saved." in page
    for value in changes.values():
        if value:
            assert f'value="{value}"' in page, "the input is kept"
    assert not Metric.objects.exists() and not Milestone.objects.exists()


def test_duplicate_name_is_refused_whatever_the_case(world: World) -> None:
    make_metric(world, name="Sähköisen asioinnin osuus")
    client = world.client_for(Role.EDITOR)
    response = client.post(url("create"), metric_form(world, name="SÄHKÖISEN ASIOINNIN OSUUS"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "already has a metric with this name" in field_error(page, "name")
    assert Metric.objects.count() == 1
    # The metric itself may change the case of its own name.
    metric = Metric.objects.get()
    data = metric_form(world, name="SÄHKÖISEN ASIOINNIN OSUUS", version=str(metric.version))
    assert client.post(url("edit", metric=metric.pk), data).status_code == 302


def test_finnish_user_writes_decimal_commas(world: World) -> None:
    """The middleware takes the signed-in user's saved language, whatever the browser says."""
    editor = world.users[Role.EDITOR]
    editor.language = "fi"
    editor.save()
    client = world.client_for(Role.EDITOR)
    data = metric_form(
        world, unit="count", baseline_value="1 000", target_value="1 234,5", milestone_2026="41,5"
    )
    response = client.post(url("create"), data)
    assert response.status_code == 302, response.content.decode()
    metric = Metric.objects.get()
    assert metric.baseline_value == Decimal("1000")
    assert metric.target_value == Decimal("1234.5")
    assert metric.milestones.get(year=2026).value == Decimal("41.5")
    response = client.post(url("record", metric=metric.pk), {"period": "2026Q3", "value": "2,5"})
    assert response.status_code == 302
    assert MetricValue.objects.get().value == Decimal("2.5")
    # A comma before three digits could be either in a file or a form of any language: asked.
    response = client.post(url("record", metric=metric.pk), {"period": "2026Q2", "value": "1,234"})
    assert response.status_code == 400
    assert "1234" in field_error(response.content.decode(), "value")
    assert MetricValue.objects.count() == 1


def test_english_user_reads_a_lone_comma_before_digits_as_decimal(world: World) -> None:
    metric = make_metric(world)
    client = world.client_for(Role.EDITOR)
    response = client.post(url("record", metric=metric.pk), {"period": "2026Q3", "value": "41,5"})
    assert response.status_code == 302
    assert MetricValue.objects.get().value == Decimal("41.5")


def test_two_editors_save_the_same_metric_and_the_second_is_told(world: World) -> None:
    metric = make_metric(world, name="Avoin data")
    path = url("edit", metric=metric.pk)
    first, second = world.client_for(Role.EDITOR), world.client_for(Role.ADMIN)
    for client in (first, second):
        form = client.get(path).content.decode()
        assert 'name="version" value="1"' in form
    data = metric_form(world, name="Avoimen datan rajapinnat", milestone_2026="")
    assert first.post(path, {**data, "version": "1"}).status_code == 302
    late = {**data, "name": "Avoin data 2.0", "target_value": "80", "version": "1"}
    response = second.post(path, late)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved this metric while you were editing it." in page
    assert 'value="Avoin data 2.0"' in page and 'value="80"' in page, "the input is kept"
    saved = Metric.objects.get()
    assert (saved.name, saved.target_value, saved.version) == ("Avoimen datan rajapinnat", 60, 2)
    assert Metric.history.filter(name="Avoin data 2.0").count() == 0


def test_edit_replaces_intermediate_targets_and_tasks(world: World) -> None:
    metric = make_metric(world, name="Avoin data")
    Milestone.objects.create(metric=metric, year=2026, value=Decimal(25))
    metric.tasks.set([world.own_task])
    client = world.client_for(Role.EDITOR)
    form = client.get(url("edit", metric=metric.pk)).content.decode()
    assert 'name="milestone_2026" value="25"' in form
    data = metric_form(
        world, name="Avoin data", milestone_2026="", tasks=[world.others_task.pk], version="1"
    )
    assert client.post(url("edit", metric=metric.pk), data).status_code == 302
    assert {m.year: m.value for m in metric.milestones.all()} == {2027: 45}
    assert list(metric.tasks.all()) == [world.others_task]


@pytest.mark.parametrize(("language", "shown"), [("en", "1234.5"), ("fi", "1234,5")])
def test_edit_form_shows_numbers_as_typed_and_saves_them_back(
    world: World, language: str, shown: str
) -> None:
    """No 1234.5000, and no thousands separator that would read as ambiguous when saved."""
    metric = make_metric(
        world, unit="count", baseline_value=Decimal(1000), target_value=Decimal("1234.5")
    )
    user = world.users[Role.EDITOR]
    user.language = language
    user.save()
    client = world.client_for(Role.EDITOR)
    page = client.get(url("edit", metric=metric.pk)).content.decode()
    assert f'name="target_value" value="{shown}"' in page
    assert 'name="baseline_value" value="1000"' in page
    data = metric_form(
        world,
        name=metric.name,
        unit="count",
        baseline_value="1000",
        target_value=shown,
        version="1",
    )
    assert client.post(url("edit", metric=metric.pk), data).status_code == 302
    assert Metric.objects.get().target_value == Decimal("1234.5")


def test_delete_metric_takes_its_values(world: World) -> None:
    metric = make_metric(world, name="Avoin data")
    add_values(metric, **{"2026Q2": "30"})
    client = world.client_for(Role.EDITOR)
    assert (
        "Its 1 recorded value is deleted"
        in client.get(url("delete", metric=metric.pk)).content.decode()
    )
    response = client.post(url("delete", metric=metric.pk))
    assert response["Location"] == url("overview")
    assert not Metric.objects.exists() and not MetricValue.objects.exists()
    assert MetricValue.history.filter(history_type="-").get().history_user == world.users["editor"]


def test_dashboard_panel_counts_metrics_and_lists_what_needs_attention(
    world: World, five: dict[str, Metric]
) -> None:
    path = reverse("progress:dashboard", kwargs={"org": ORG, "roadmap": RM})
    page = world.client_for(Role.VIEWER).get(path).content.decode()
    panel = re.search(r'<section aria-labelledby="metrics-heading".*?</section>', page, re.S)
    assert panel
    text = text_of(panel.group(0))
    assert "5 metrics by status" in text
    assert "On track 2 Behind 1 Achieved 1 No data 1 Stale 1 Value due 0" in text
    attention = text.split("Needs attention", 1)[1]
    assert attention.index("Avoin data") < attention.index("Sähköinen asiointi"), "stale first"
    assert "Digituen tavoittavuus" not in attention and "Käsittelyaika" not in attention
