"""The change log shows every changed field, related objects by their names at the time of the
change, and every model with history; it pages and filters, and downloads as CSV."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.urls import reverse
from django.utils import timezone

from conftest import World
from tests.factories import RoadmapFactory, TaskFactory, ThemeFactory
from tiekartta.accounts.models import Role
from tiekartta.activity.selectors import LogFilter, whole_log
from tiekartta.roadmap.models import Task, Theme
from tiekartta.roadmap.services import TaskInput
from tiekartta.roadmap.tests.test_views import ORG, url

LOG = reverse("activity:change_log", kwargs={"org": ORG})
CSV = reverse("activity:change_log_csv", kwargs={"org": ORG})


def plain(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def entries(page: str) -> list[str]:
    """Each entry of a change log page as plain text."""
    return [plain(article) for article in re.findall(r"<article.*?</article>", page, re.S)]


def edit_form(task: Task, **changes: Any) -> dict[str, Any]:
    """The task's edit form as it stands, with `changes`: what a user posts."""
    data = TaskInput.from_task(task)
    form: dict[str, Any] = {
        "title": data.title,
        "description": data.description,
        "theme": data.theme.pk,
        "kind": data.kind,
        "owner": data.owner.pk,
        "collaborators": [p.pk for p in data.collaborators],
        "collaborating_units": data.collaborating_units,
        "unit": data.unit,
        "start": data.start,
        "due": data.due,
        "priority": data.priority,
        "status": data.status,
        "predecessors": [t.pk for t in data.predecessors],
        "version": task.version,
    }
    if data.quick_win:
        form["quick_win"] = "on"
    if data.is_public:
        form["is_public"] = "on"
    form.update(changes)
    return form


def log_entries(client: Any, query: str = "") -> list[str]:
    response = client.get(LOG + query)
    assert response.status_code == 200
    return entries(response.content.decode())


def test_a_hand_over_alone_appears_with_the_old_and_the_new_owner(world: World) -> None:
    editor = world.client_for(Role.EDITOR)
    task = world.own_task
    response = editor.post(
        url("task_edit", task=task.pk), edit_form(task, owner=world.other_person.pk)
    )
    assert response.status_code == 302
    [hand_over] = [e for e in log_entries(editor) if "Changed · Task: Vesimittarien etäluenta" in e]
    assert f"Responsible person {world.owner_person} {world.other_person}" in hand_over, hand_over
    assert "Title" not in hand_over, "only what changed"


def test_related_tasks_and_people_are_named_as_they_were_at_the_time(world: World) -> None:
    editor = world.client_for(Role.EDITOR)
    task, predecessor = world.own_task, world.others_task
    # Ending in the quarter its successor starts: no schedule conflict to confirm.
    Task.objects.filter(pk=predecessor.pk).update(due="2026Q1")
    editor.post(
        url("task_edit", task=task.pk),
        edit_form(task, predecessors=[predecessor.pk], collaborators=[world.other_person.pk]),
    )
    predecessor.refresh_from_db()
    editor.post(
        url("task_edit", task=predecessor.pk),
        edit_form(predecessor, title="Kokoelmat verkkoon"),
    )
    log = log_entries(editor)
    [linked] = [e for e in log if "Changed · Task: Vesimittarien etäluenta" in e]
    assert "Predecessors – Kokoelmajärjestelmä" in linked, linked
    assert f"Collaborators – {world.other_person}" in linked
    assert "Kokoelmat verkkoon" not in linked, "the predecessor's later name"
    [renamed] = [e for e in log if "Changed · Task: Kokoelmat verkkoon" in e]
    assert "Title Kokoelmajärjestelmä Kokoelmat verkkoon" in renamed
    # The task page's history names it as it was then too.
    page = plain(
        editor.get(
            reverse(
                "progress:task_detail",
                kwargs={"org": ORG, "roadmap": world.roadmap.slug, "task": task.pk},
            )
        ).content.decode()
    )
    assert "Predecessors – Kokoelmajärjestelmä" in page


def test_settings_reviews_and_forewords_appear(world: World) -> None:
    admin = world.client_for(Role.ADMIN)
    response = admin.post(
        reverse("progress:settings", kwargs={"org": ORG}),
        {
            "risk_margin": 20,
            "next_review_date": "2026-12-10",
            "reminder_days_before": 7,
            "sign_in_link_hours": 72,
            "metric_grace_days": 45,
        },
    )
    assert response.status_code == 302
    response = admin.post(
        reverse("reports:foreword", kwargs={"org": ORG, "roadmap": world.roadmap.slug}),
        {"text": "Hyvin etenee."},
    )
    assert response.status_code == 302
    log = log_entries(admin)
    assert any(
        "Follow-up settings: Testikaupunki" in e and "Risk margin (percentage points) – 20" in e
        for e in log
    ), log[:3]
    assert any("Foreword: Tiekartta 2026–2028" in e and "Hyvin etenee." in e for e in log)
    assert any("Review meeting: Tiekartta 2026–2028 · Q3/2026" in e for e in log)


def test_the_log_pages_through_every_entry_once_in_order(world: World) -> None:
    theme_count = 130
    for n in range(theme_count):
        ThemeFactory(roadmap=world.roadmap, name=f"Teema {n:03}")
    # Rows of one moment (as the demo writes them) must not fall between pages.
    same_moment = timezone.now() - datetime.timedelta(days=1)
    Theme.history.filter(name__startswith="Teema 0").update(history_date=same_moment)
    client = world.client_for(Role.VIEWER)
    seen: list[str] = []
    pages = []
    query = ""
    while True:
        page = client.get(LOG + query).content.decode()
        pages.append(len(entries(page)))
        seen.extend(entries(page))
        found = re.search(r'href="[^"?]*\?([^"]*)" rel="next"', page)
        if not found:
            break
        query = "?" + found.group(1).replace("&amp;", "&")
    themes = [e for e in seen if "Created · Theme: Teema" in e]
    assert len(themes) == theme_count
    assert len(set(themes)) == theme_count, "no entry twice"
    assert pages[0] == 50 and len(pages) >= 3
    assert len(seen) == len(list(whole_log(world.organisation, LogFilter())))


def test_the_filters_select_by_kind_person_dates_roadmap_and_name(world: World) -> None:
    editor = world.client_for(Role.EDITOR)
    task = world.own_task
    editor.post(url("task_edit", task=task.pk), edit_form(task, unit="Vesihuolto"))
    other_roadmap = RoadmapFactory(organisation=world.organisation, slug="2029-2031")
    TaskFactory(theme=ThemeFactory(roadmap=other_roadmap), title="Toisen kartan tehtävä")
    viewer = world.client_for(Role.VIEWER)

    tasks_only = log_entries(viewer, "?kind=roadmap.task")
    assert tasks_only and all(" · Task: " in e for e in tasks_only)

    editor_user = world.users[Role.EDITOR]
    by_editor = log_entries(viewer, f"?who={editor_user.pk}")
    assert any("Changed · Task: Vesimittarien etäluenta" in e for e in by_editor)
    assert all(f" · {editor_user.get_full_name()} · " in e for e in by_editor), by_editor

    first_roadmap = log_entries(viewer, f"?roadmap={world.roadmap.pk}&kind=roadmap.task")
    assert not any("Toisen kartan tehtävä" in e for e in first_roadmap)
    assert any("Vesimittarien etäluenta" in e for e in first_roadmap)

    # Case folded beyond ASCII: Ä finds ä.
    found = log_entries(viewer, "?q=ETÄLUENTA")
    assert found and all("Vesimittarien etäluenta" in e for e in found)

    today = timezone.localdate()
    assert log_entries(viewer, f"?since={today}&until={today}")
    assert not log_entries(viewer, f"?until={today - datetime.timedelta(days=1)}")
    assert not log_entries(viewer, f"?since={today + datetime.timedelta(days=1)}")
    refused = viewer.get(LOG + f"?since={today}&until={today - datetime.timedelta(days=1)}")
    assert "The end date cannot be before the start date." in refused.content.decode()


def test_the_filtered_log_downloads_as_csv(world: World) -> None:
    editor = world.client_for(Role.EDITOR)
    task = world.own_task
    editor.post(url("task_edit", task=task.pk), edit_form(task, owner=world.other_person.pk))
    response = world.client_for(Role.VIEWER).get(CSV + "?kind=roadmap.task")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffTime;Made by;Action;Kind;Object;Field;Before;After")
    assert (
        f";Changed;Task;Vesimittarien etäluenta;Responsible person;{world.owner_person};"
        f"{world.other_person}" in text
    )
    assert "Signed in" not in text, "the filter applies"
