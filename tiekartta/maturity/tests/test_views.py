"""The maturity pages through the CSRF-checking personas' clients: who may do what, bad input,
two people editing at once, and what the overview shows."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import World
from tests.factories import TaskFactory
from tiekartta.maturity.models import Assessment, Score, Viewpoint
from tiekartta.roadmap.models import Status, Task

ORG = "testikaupunki"


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"maturity:{name}", kwargs={"org": ORG, **kwargs})


def form_data(
    viewpoints: Sequence[Viewpoint],
    levels: Sequence[tuple[Any, Any]],
    **overrides: Any,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Väliarvio 2025",
        "assessed_on": "2025-10-15",
        "stage": "mid_term",
        "roadmap": "",
        "notes": "Digiryhmän työpaja.",
    }
    for viewpoint, (current, target) in zip(viewpoints, levels, strict=True):
        data[f"vp{viewpoint.pk}_current"] = "" if current is None else str(current)
        data[f"vp{viewpoint.pk}_target"] = "" if target is None else str(target)
        data[f"vp{viewpoint.pk}_note"] = ""
    data.update(overrides)
    return data


def test_admin_records_an_assessment_through_the_form(
    world: World, viewpoints: list[Viewpoint]
) -> None:
    client = world.client_for("admin")
    page = client.get(url("assessment_create"))
    assert page.status_code == 200
    html = page.content.decode()
    for viewpoint in viewpoints:
        assert f'<legend lang="fi">{viewpoint.name}</legend>' in html  # English page, Finnish name
    assert "Not assessed" in html
    data = form_data(
        viewpoints,
        [(2, 4), (None, None), (1, 3)],
        roadmap=str(world.roadmap.pk),
        **{f"vp{viewpoints[0].pk}_note": "Strategia päivitetty."},
    )
    response = client.post(url("assessment_create"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assessment = Assessment.objects.get()
    assert response["Location"] == url("assessment_detail", assessment=assessment.pk)
    assert assessment.roadmap == world.roadmap and assessment.created_by == world.users["admin"]
    scores = {s.viewpoint.name: (s.current, s.target, s.note) for s in assessment.scores.all()}
    assert scores == {
        "Strategia ja johtaminen": (2, 4, "Strategia päivitetty."),
        "Asukkaiden digituki": (1, 3, ""),
    }
    assert assessment.history.get().history_user == world.users["admin"]
    assert {row.history_user for row in Score.history.all()} == {world.users["admin"]}

    detail = client.get(response["Location"]).content.decode()
    assert "Strategia päivitetty." in detail and 'role="img"' in detail
    assert "Created" in detail  # the history, attributed
    assert "Testi" in detail


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"title": ""}, "title", "This field is required."),
        ({"assessed_on": "2025-13-40"}, "assessed_on", "Enter a valid date."),
        ({"assessed_on": "1999-12-31"}, "assessed_on", "Enter a date from the year 2000 on."),
        ({"stage": "final"}, "stage", "Select a valid choice."),
        ({"current": "7"}, "current", "Select a valid choice."),
        ({"target": "0"}, "target", "Select a valid choice."),
        ({"note": "x" * 1001}, "note", "at most 1000 characters"),
    ],
)
def test_bad_input_is_shown_next_to_the_field_and_nothing_is_saved(
    world: World, viewpoints: list[Viewpoint], change: dict[str, str], field: str, message: str
) -> None:
    client = world.client_for("admin")
    data = form_data(viewpoints, [(2, 4), (3, 3), (1, 2)])
    name = field
    if field in {"current", "target", "note"}:
        name = f"vp{viewpoints[1].pk}_{field}"
        data[name] = change[field]
    else:
        data.update(change)
    response = client.post(url("assessment_create"), data)
    assert response.status_code == 400
    html = response.content.decode()
    error = re.search(rf'<div class="error" id="id_{name}_error">(.*?)</div>', html, re.S)
    assert error and message in error.group(1), html[:5000]
    # The field points screen readers at its error.
    assert re.search(rf'id="id_{name}"[^>]*aria-invalid="true"', html) or re.search(
        rf'aria-invalid="true"[^>]*id="id_{name}"', html
    )
    assert f"id_{name}_error" in re.search(rf'<[^>]*id="id_{name}"[^>]*>', html).group(0)  # type: ignore[union-attr]
    assert not Assessment.objects.exists() and not Score.objects.exists()


def test_a_future_date_and_a_taken_title_are_refused(
    world: World,
    viewpoints: list[Viewpoint],
    make_assessment: Callable[..., Assessment],
) -> None:
    make_assessment("Lähtötaso 2022", viewpoints, [(1, 3)] * 3, datetime.date(2022, 11, 15))
    client = world.client_for("admin")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        url("assessment_create"),
        form_data(viewpoints, [(2, 4)] * 3, assessed_on=tomorrow.isoformat()),
    )
    assert response.status_code == 400
    assert "cannot be in the future" in response.content.decode()
    response = client.post(
        url("assessment_create"), form_data(viewpoints, [(2, 4)] * 3, title="LÄHTÖTASO 2022")
    )
    assert response.status_code == 400
    assert "already has an assessment with this title" in response.content.decode()
    assert Assessment.objects.count() == 1


def test_two_people_editing_the_same_assessment(
    world: World, viewpoints: list[Viewpoint], make_assessment: Callable[..., Assessment]
) -> None:
    assessment = make_assessment("Väliarvio 2024", viewpoints, [(2, 4), (2, 3), (1, 3)])
    first, second = world.client_for("admin"), world.client_for("admin")
    edit = url("assessment_edit", assessment=assessment.pk)
    for client in (first, second):
        page = client.get(edit).content.decode()
        assert 'name="version" value="1"' in page
    saved = first.post(
        edit, form_data(viewpoints, [(3, 4), (2, 3), (1, 3)], title="Väliarvio 2024", version="1")
    )
    assert saved.status_code == 302
    refused = second.post(
        edit,
        form_data(viewpoints, [(2, 5), (2, 3), (2, 3)], title="Väliarvio 2024 (B)", version="1"),
    )
    assert refused.status_code == 409
    html = refused.content.decode()
    assert "Someone else saved this assessment while you were editing it." in html
    # What the second person typed is still in the form.
    assert 'value="Väliarvio 2024 (B)"' in html
    assert re.search(
        rf'name="vp{viewpoints[0].pk}_target"[^>]*>.*?<option value="5" selected', html, re.S
    )
    assessment.refresh_from_db()
    assert assessment.title == "Väliarvio 2024" and assessment.version == 2
    assert assessment.scores.get(viewpoint=viewpoints[0]).current == 3
    # Reloading shows the saved version, and saving from it works.
    assert 'name="version" value="2"' in second.get(edit).content.decode()


@pytest.mark.parametrize("persona", ["editor", "owner", "viewer"])
def test_members_read_and_only_the_admin_writes(
    world: World,
    persona: str,
    viewpoints: list[Viewpoint],
    make_assessment: Callable[..., Assessment],
) -> None:
    assessment = make_assessment("Lähtötaso", viewpoints, [(2, 4)] * 3)
    client = world.client_for(persona)
    assert client.get(url("overview")).status_code == 200
    assert client.get(url("assessment_detail", assessment=assessment.pk)).status_code == 200
    writes = [
        url("assessment_create"),
        url("assessment_edit", assessment=assessment.pk),
        url("assessment_delete", assessment=assessment.pk),
        url("viewpoint_create"),
        url("viewpoint_edit", viewpoint=viewpoints[0].pk),
        url("viewpoint_delete", viewpoint=viewpoints[2].pk),
    ]
    for path in [*writes, url("viewpoint_list")]:
        assert client.get(path).status_code == 403, path
    for path in writes:
        assert client.post(path, form_data(viewpoints, [(5, 5)] * 3)).status_code == 403, path
    assert Assessment.objects.get().title == "Lähtötaso" and Viewpoint.objects.count() == 3
    overview = client.get(url("overview")).content.decode()
    assert "New assessment" not in overview and url("viewpoint_list") not in overview


def test_outsider_sees_nothing(
    world: World, viewpoints: list[Viewpoint], make_assessment: Callable[..., Assessment]
) -> None:
    assessment = make_assessment("Lähtötaso", viewpoints, [(2, 4)] * 3)
    client = world.client_for("outsider")
    assert client.get(url("overview")).status_code == 404
    assert client.get(url("assessment_detail", assessment=assessment.pk)).status_code == 404
    # Not even inside the outsider's own organisation's addresses.
    own = reverse(
        "maturity:assessment_detail", kwargs={"org": "naapurikunta", "assessment": assessment.pk}
    )
    assert client.get(own).status_code == 404
    own_viewpoint = reverse(
        "maturity:viewpoint_edit", kwargs={"org": "naapurikunta", "viewpoint": viewpoints[0].pk}
    )
    assert client.get(own_viewpoint).status_code == 404
    assert client.post(own_viewpoint, {"name": "Kaapattu"}).status_code == 404
    assert Viewpoint.objects.filter(name="Kaapattu").count() == 0


def test_overview_compares_the_latest_three_by_default(
    world: World, viewpoints: list[Viewpoint], make_assessment: Callable[..., Assessment]
) -> None:
    dates = [datetime.date(2022, 11, 15), datetime.date(2023, 11, 1), datetime.date(2024, 10, 15)]
    titles = ["Lähtötaso 2022", "Arvio 2023", "Väliarvio 2024", "Uudistaminen 2025"]
    made = [
        make_assessment(title, viewpoints, [(n + 1, 4), (1, 3), (None, 2)], assessed_on=day)
        for n, (title, day) in enumerate(
            zip(titles, [*dates, datetime.date(2025, 11, 20)], strict=True)
        )
    ]
    client = world.client_for("viewer")
    html = client.get(url("overview")).content.decode()
    table = html[html.index("<table") : html.index("</table>")]
    assert "Lähtötaso 2022" not in table
    assert (
        table.index("Arvio 2023") < table.index("Väliarvio 2024") < table.index("Uudistaminen 2025")
    )
    # Strategy went from 2 to 4 between the first and the last compared: +2.
    strategy = re.search(r"Strategia ja johtaminen</th>(.*?)</tr>", table, re.S).group(1)  # type: ignore[union-attr]
    assert ">+2</td>" in strategy
    assert "not assessed" in re.search(r"Asukkaiden digituki</th>(.*?)</tr>", table, re.S).group(1)  # type: ignore[union-attr]
    # The radar: a shape per compared assessment and the latest one's target dashed.
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg and "<title" in svg
    # Five level rings; the target covers all three axes; each current shape misses one.
    assert svg.count("<polygon") == 5 + 1 and svg.count("<polyline") == 3
    assert 'stroke-dasharray="9 5"' in svg
    assert "Uudistaminen 2025" in svg and "target level" in svg

    chosen = client.get(url("overview"), {"compare": [made[0].pk, made[3].pk, "x", "99999"]})
    table = chosen.content.decode()
    table = table[table.index("<table") : table.index("</table>")]
    assert "Lähtötaso 2022" in table and "Uudistaminen 2025" in table
    assert "Väliarvio 2024" not in table


def test_overview_shows_the_tasks_of_each_viewpoint(
    world: World, make_viewpoint: Callable[..., Viewpoint]
) -> None:
    done = TaskFactory(theme=world.theme, owner=world.other_person, status=Status.DONE)
    make_viewpoint("Tiedolla johtaminen", tasks=[world.own_task, done])
    make_viewpoint("Digituki")
    Task.objects.filter(pk=world.own_task.pk).update(completion=40, status=Status.IN_PROGRESS)
    html = world.client_for("viewer").get(url("overview")).content.decode()
    section = html[html.index("Tasks by viewpoint") :]
    assert world.own_task.title in section and done.title in section
    assert "In progress" in section and "40 %" in section and "100 %" in section
    assert world.roadmap.title in section
    assert "No tasks linked." in section
    assert "No assessments have been recorded yet." in html


def test_admin_keeps_the_viewpoints(
    world: World,
    viewpoints: list[Viewpoint],
    make_assessment: Callable[..., Assessment],
) -> None:
    client = world.client_for("admin")
    assert client.get(url("viewpoint_list")).status_code == 200
    response = client.post(
        url("viewpoint_create"),
        {"name": "Prosessit ja automaatio", "description": "", "tasks": [world.own_task.pk]},
    )
    assert response.status_code == 302
    created = Viewpoint.objects.get(name="Prosessit ja automaatio")
    assert list(created.tasks.all()) == [world.own_task] and created.order == 3
    assert created.history.get().history_user == world.users["admin"]

    taken = client.post(url("viewpoint_create"), {"name": "TIEDOLLA johtaminen"})
    assert taken.status_code == 400
    assert "already has a viewpoint with this name" in taken.content.decode()
    foreign = client.post(
        url("viewpoint_create"), {"name": "Vieras", "tasks": [world.outsider_task.pk]}
    )
    assert foreign.status_code == 400 and "Select a valid choice" in foreign.content.decode()
    assert not Viewpoint.objects.filter(name="Vieras").exists()

    edit = client.post(
        url("viewpoint_edit", viewpoint=created.pk),
        {
            "name": "Prosessit",
            "description": "Automaatio",
            "order": "0",
            "tasks": [],
            "version": created.version,
        },
    )
    assert edit.status_code == 302
    created.refresh_from_db()
    assert created.name == "Prosessit" and not created.tasks.exists()

    make_assessment("Lähtötaso", viewpoints, [(2, 3), (None, None), (1, 2)])
    refused = client.post(url("viewpoint_delete", viewpoint=viewpoints[0].pk))
    assert refused.status_code == 400
    assert "cannot be deleted" in refused.content.decode()
    assert Viewpoint.objects.filter(pk=viewpoints[0].pk).exists()
    # Left unassessed, the second viewpoint has no score and can go.
    assert client.post(url("viewpoint_delete", viewpoint=viewpoints[1].pk)).status_code == 302
    assert not Viewpoint.objects.filter(pk=viewpoints[1].pk).exists()


def test_admin_deletes_an_assessment(
    world: World, viewpoints: list[Viewpoint], make_assessment: Callable[..., Assessment]
) -> None:
    assessment = make_assessment("Lähtötaso", viewpoints, [(2, 3)] * 3)
    client = world.client_for("admin")
    path = url("assessment_delete", assessment=assessment.pk)
    assert 'Delete “<span lang="fi">Lähtötaso</span>”?' in client.get(path).content.decode()
    assert client.post(path).status_code == 302
    assert not Assessment.objects.exists() and not Score.objects.exists()
    deleted = Score.history.filter(history_type="-")
    assert deleted.count() == 3 and {r.history_user for r in deleted} == {world.users["admin"]}


def test_the_viewpoint_form_groups_tasks_by_roadmap_and_shows_the_links(
    world: World, make_viewpoint: Callable[..., Viewpoint]
) -> None:
    viewpoint = make_viewpoint("Tiedolla johtaminen", tasks=[world.own_task])
    html = world.client_for("admin").get(url("viewpoint_edit", viewpoint=viewpoint.pk))
    page = html.content.decode()
    assert f'<legend lang="fi">{world.roadmap.title}</legend>' in page
    checked = re.search(
        rf'<label for="(id_tasks_\d+)"><input[^>]*value="{world.own_task.pk}"[^>]*>', page
    )
    assert checked and "checked" in checked.group(0)
    other = re.search(rf'<input[^>]*value="{world.others_task.pk}"[^>]*>', page)
    assert other and "checked" not in other.group(0)
    assert world.outsider_task.title not in page
