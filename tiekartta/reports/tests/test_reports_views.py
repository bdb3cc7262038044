"""The report pages' edge cases: the foreword's first save, dates, plan changes and Word's
language."""

import datetime
import io
from typing import Any

import docx
import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from conftest import World
from tiekartta.accounts.models import Role
from tiekartta.reports.documents import interim_docx
from tiekartta.reports.interim import build_interim_report
from tiekartta.reports.models import Foreword
from tiekartta.roadmap.models import Task

TODAY = datetime.date(2026, 11, 27)


@pytest.fixture(autouse=True)
def late_2026() -> Any:
    with time_machine.travel("2026-11-27 12:00 +0200", tick=False):
        yield


def url(name: str, **kwargs: Any) -> str:
    return reverse(name, kwargs={"org": "testikaupunki", "roadmap": "2026-2028", **kwargs})


def test_two_admins_writing_the_first_foreword_do_not_overwrite_each_other(world: World) -> None:
    client = world.client_for(Role.ADMIN)
    first = client.post(url("reports:foreword"), {"text": "Ensimmäinen", "version": ""})
    assert first.status_code == 302
    second = client.post(url("reports:foreword"), {"text": "Toinen", "version": ""})
    assert second.status_code == 409
    assert "Someone else saved the foreword" in second.content.decode()
    assert "Toinen" in second.content.decode(), "the second text is kept in the form"
    assert Foreword.objects.get().text == "Ensimmäinen"
    saved = Foreword.objects.get()
    third = client.post(url("reports:foreword"), {"text": "Kolmas", "version": saved.version})
    assert third.status_code == 302 and Foreword.objects.get().text == "Kolmas"


def test_only_the_admin_writes_the_foreword(world: World) -> None:
    response = world.client_for(Role.EDITOR).post(url("reports:foreword"), {"text": "x"})
    assert response.status_code == 403
    assert not Foreword.objects.exists()


def test_a_report_date_in_the_future_is_refused(world: World) -> None:
    response = world.client_for(Role.VIEWER).get(url("reports:interim") + "?date=2027-01-01")
    assert response.status_code == 400
    assert "Choose today or an earlier date." in response.content.decode()


def test_plan_changes_count_from_the_period_start(world: World) -> None:
    # Tasks entered in the autumn before the period are the plan, not changes to it.
    for task in Task.history.filter(roadmap_id=world.roadmap.pk):  # type: ignore[attr-defined]
        task.history_date = timezone.make_aware(datetime.datetime(2025, 11, 15, 12))
        task.save()
    world.roadmap.__class__.objects.filter(pk=world.roadmap.pk).update(
        created_at=timezone.make_aware(datetime.datetime(2025, 10, 1, 12))
    )
    world.roadmap.refresh_from_db()
    from tiekartta.roadmap import services as roadmap_services

    data = roadmap_services.TaskInput.from_task(world.own_task)
    data.due = "2027Q2"
    roadmap_services.update_task(
        actor=world.users[Role.EDITOR], task=world.own_task, expected_version=1, data=data
    )
    changes = build_interim_report(world.roadmap, TODAY, TODAY).plan_changes
    assert len(changes) == 1
    assert changes[0].task == world.own_task.title and "Q2/2027" in changes[0].description


@pytest.mark.parametrize(("language", "code"), [("fi", "fi-FI"), ("sv", "sv-FI"), ("en", "en-GB")])
def test_the_word_document_declares_its_language(world: World, language: str, code: str) -> None:
    from django.utils import translation

    with translation.override(language):
        content = interim_docx(build_interim_report(world.roadmap, TODAY, TODAY))
    document = docx.Document(io.BytesIO(content))
    xml = document.styles.element.xml
    assert f'w:lang w:val="{code}"' in xml


def test_the_foreword_history_names_its_writer(world: World) -> None:
    from tiekartta.core.actors import Actor
    from tiekartta.core.history import who_of
    from tiekartta.reports import services

    admin = world.users[Role.ADMIN]
    assert (
        world.client_for(Role.ADMIN).post(url("reports:foreword"), {"text": "Alku"}).status_code
        == 302
    )
    saved = Foreword.objects.get()
    assert saved.history.latest().history_user == admin  # type: ignore[attr-defined]
    services.save_foreword(
        actor=Actor.system("Command line: test"),
        roadmap=world.roadmap,
        text="Toinen",
        expected_version=saved.version,
    )
    row = Foreword.objects.get().history.latest()  # type: ignore[attr-defined]
    assert row.history_user is None and who_of(row) == "Command line: test"
