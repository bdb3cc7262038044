"""Experiments (kokeilut) on pilot tasks: the table's rules, the service, the task page's form
with the personas, the dashboard's panel, the interim report's section in every format, the
change log and the demo."""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Iterator
from html import unescape
from typing import Any

import docx
import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from conftest import World
from tests.factories import TaskFactory
from tiekartta.core.actors import Actor
from tiekartta.core.locking import ConflictError
from tiekartta.progress.dashboard import build_dashboard
from tiekartta.progress.experiments import ExperimentInput, save_experiment, summarise
from tiekartta.progress.models import Decision, Experiment
from tiekartta.roadmap import services as roadmap_services
from tiekartta.roadmap.models import Kind, Roadmap, Task

pytestmark = pytest.mark.django_db

ORG, RM = "testikaupunki", "2026-2028"
TODAY = datetime.date(2026, 11, 27)
HYPOTHESIS = "Chatbotti vastaa yleisimpiin kysymyksiin."
RESULT = "Puolet keskusteluista päättyi ilman siirtoa asiakaspalveluun."
LESSON = "Vastausten laatu on tarkastettava kuukausittain."
ARCHIVED = "This roadmap is archived and read-only."


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    """Today is 27 November 2026 (2026Q4), also while the world is created."""
    with time_machine.travel("2026-11-27 12:00 +0200", tick=False):
        yield


def pilot(world: World, *, own: bool = True, title: str = "Chatbotin kokeilu") -> Task:
    return TaskFactory(
        theme=world.theme,
        owner=world.owner_person if own else world.other_person,
        title=title,
        kind=Kind.PILOT,
        start="2026Q2",
        due="2027Q1",
    )


def write(world: World, task: Task, **values: Any) -> Experiment:
    data = {"hypothesis": HYPOTHESIS, "starts": "2026Q2", "ends": "2027Q1", **values}
    return save_experiment(
        actor=Actor.for_user(world.users["editor"]), task=task, data=ExperimentInput(**data)
    )


def edit_url(task: Task) -> str:
    return reverse("progress:experiment_edit", kwargs={"org": ORG, "roadmap": RM, "task": task.pk})


def task_url(task: Task) -> str:
    return reverse("progress:task_detail", kwargs={"org": ORG, "roadmap": RM, "task": task.pk})


def form_data(version: int | str = "", **values: Any) -> dict[str, Any]:
    data = {
        "hypothesis": HYPOTHESIS,
        "success_criteria": "Puolet keskusteluista ilman siirtoa.",
        "starts": "2026Q2",
        "ends": "2027Q1",
        "result": "",
        "lesson": "",
        "decision": "",
        "decided_at": "",
        "version": version,
    }
    data.update(values)
    return data


def plain(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


# The table ------------------------------------------------------------------------------------


def refused_by_the_database(experiment: Experiment, **values: Any) -> bool:
    """Whether an update() that skips full_clean is refused by a check constraint."""
    try:
        with transaction.atomic():
            Experiment.objects.filter(pk=experiment.pk).update(**values)
    except IntegrityError:
        return True
    return False


def test_a_decision_without_a_result_is_refused_by_the_database(world: World) -> None:
    experiment = write(world, pilot(world))
    assert refused_by_the_database(experiment, decision=Decision.STOP, decided_at=TODAY)
    # Spaces are no result either, on SQLite as on PostgreSQL (trim() in the constraint).
    assert refused_by_the_database(
        experiment, decision=Decision.STOP, decided_at=TODAY, result="   "
    )
    assert not refused_by_the_database(
        experiment, decision=Decision.STOP, decided_at=TODAY, result=RESULT
    )


def test_an_end_before_the_start_and_unknown_values_are_refused_by_the_database(
    world: World,
) -> None:
    experiment = write(world, pilot(world))
    assert refused_by_the_database(experiment, starts="2026Q3", ends="2026Q1")
    assert refused_by_the_database(experiment, starts="2026Q5")
    assert refused_by_the_database(experiment, decision="maybe", result=RESULT, decided_at=TODAY)
    # A date without a decision, and a decision without a date.
    assert refused_by_the_database(experiment, decided_at=TODAY)
    assert refused_by_the_database(experiment, decision=Decision.CONTINUE, result=RESULT)
    assert not refused_by_the_database(experiment, starts="2026Q3", ends="2026Q3")
    experiment.refresh_from_db()
    assert (experiment.starts, experiment.ends, experiment.decision) == ("2026Q3", "2026Q3", "")


def test_full_clean_says_each_rule_next_to_its_field(world: World) -> None:
    experiment = write(world, pilot(world))
    experiment.starts, experiment.ends = "2026Q4", "2026Q2"
    experiment.decision = Decision.STOP
    experiment.decided_at = TODAY
    with pytest.raises(ValidationError) as raised:
        experiment.full_clean()
    errors = raised.value.message_dict
    assert errors["ends"] == ["The experiment cannot end before it starts."]
    assert errors["result"] == ["Write the result first: a decision is made on the result."]


def test_only_a_pilot_task_has_an_experiment(world: World) -> None:
    with pytest.raises(ValidationError) as raised:
        write(world, world.own_task)
    assert "Only a pilot task has an experiment" in str(raised.value)
    assert not Experiment.objects.exists()


def test_quarters_outside_the_roadmap_are_refused(world: World) -> None:
    with pytest.raises(ValidationError) as raised:
        write(world, pilot(world), starts="2025Q4")
    assert raised.value.message_dict["starts"] == [
        "Choose a quarter within the roadmap period 2026–2028."
    ]


# The service ----------------------------------------------------------------------------------


def test_the_first_save_creates_and_the_next_save_claims_the_version(world: World) -> None:
    task = pilot(world)
    first = write(world, task)
    assert (first.version, first.hypothesis) == (1, HYPOTHESIS)
    row = first.history.get()  # type: ignore[attr-defined]
    assert row.history_user == world.users["editor"] and row.history_type == "+"
    again = save_experiment(
        actor=Actor.for_user(world.users["owner"]),
        task=task,
        data=ExperimentInput(hypothesis=HYPOTHESIS, result=RESULT, decision=Decision.SCALE_UP),
        expected_version=1,
    )
    assert again.version == 2
    # A decision is dated the day it is saved unless a day is given.
    assert again.decided_at == TODAY
    assert [r.history_user for r in again.history.order_by("history_id")] == [  # type: ignore[attr-defined]
        world.users["editor"],
        world.users["owner"],
    ]


def test_a_stale_save_is_refused_and_changes_nothing(world: World) -> None:
    task = pilot(world)
    write(world, task)
    save_experiment(
        actor=world.users["owner"],
        task=task,
        data=ExperimentInput(hypothesis="Toisen kirjoittama."),
        expected_version=1,
    )
    with pytest.raises(ConflictError):
        save_experiment(
            actor=world.users["editor"],
            task=task,
            data=ExperimentInput(hypothesis="Vanhasta versiosta."),
            expected_version=1,
        )
    # A form opened when there was none yet, saved after someone wrote the first one.
    with pytest.raises(ConflictError):
        save_experiment(
            actor=world.users["editor"],
            task=task,
            data=ExperimentInput(hypothesis="Tyhjästä lomakkeesta."),
            expected_version=0,
        )
    saved = Experiment.objects.get(task=task)
    assert (saved.hypothesis, saved.version) == ("Toisen kirjoittama.", 2)
    assert saved.history.count() == 2  # type: ignore[attr-defined]


def test_a_bad_save_keeps_the_version_and_the_saved_texts(world: World) -> None:
    task = pilot(world)
    write(world, task)
    with pytest.raises(ValidationError) as raised:
        save_experiment(
            actor=world.users["editor"],
            task=task,
            data=ExperimentInput(hypothesis="Uusi", decision=Decision.STOP),
            expected_version=1,
        )
    assert "result" in raised.value.message_dict
    saved = Experiment.objects.get(task=task)
    assert (saved.hypothesis, saved.version, saved.decision) == (HYPOTHESIS, 1, "")


def test_an_archived_roadmap_refuses_the_save(world: World) -> None:
    task = pilot(world)
    write(world, task)
    roadmap_services.set_roadmap_archived(
        actor=world.users["admin"], roadmap=world.roadmap, archived=True
    )
    task = Task.objects.select_related("roadmap").get(pk=task.pk)
    with pytest.raises(ValidationError) as raised:
        save_experiment(
            actor=world.users["admin"], task=task, data=ExperimentInput(hypothesis="Uusi")
        )
    assert raised.value.messages == [ARCHIVED]
    assert Experiment.objects.get(task=task).hypothesis == HYPOTHESIS


def test_the_summary_counts_pilots_by_decision() -> None:
    summary = summarise(
        [
            (Kind.PILOT, Decision.SCALE_UP),
            (Kind.PILOT, None),
            (Kind.PILOT, ""),
            (Kind.PILOT, Decision.STOP),
            (Kind.STUDY, None),
        ]
    )
    assert summary.pilots == 4 and summary.decided == 2
    assert [(row.decision, row.count) for row in summary.counts] == [
        ("scale_up", 1),
        ("continue", 0),
        ("stop", 1),
        ("", 2),
    ]


# The pages ------------------------------------------------------------------------------------


def test_the_owner_describes_their_pilots_experiment_on_its_own_page(world: World) -> None:
    task = pilot(world)
    owner = world.client_for("owner")
    page = owner.get(task_url(task)).content.decode()
    assert 'id="experiment-heading"' in page
    assert edit_url(task) in page, "the owner may describe their pilot's experiment"
    form = owner.get(edit_url(task))
    assert form.status_code == 200
    # A new experiment starts from the task's schedule.
    assert '<option value="2026Q2" selected>' in form.content.decode()
    saved = owner.post(edit_url(task), form_data())
    assert saved.status_code == 302 and saved["Location"] == task_url(task) + "#experiment"
    experiment = Experiment.objects.get(task=task)
    assert experiment.hypothesis == HYPOTHESIS
    assert experiment.history.get().history_user == world.users["owner"]  # type: ignore[attr-defined]
    decided = owner.post(
        edit_url(task),
        form_data(version=1, result=RESULT, lesson=LESSON, decision="continue"),
    )
    assert decided.status_code == 302
    page = plain(owner.get(task_url(task)).content.decode())
    assert f"Result {RESULT}" in page and f"Lesson learned {LESSON}" in page
    assert "Decision Continue · 11/27/2026" in page


def test_who_may_write_an_experiment(world: World) -> None:
    own, others = pilot(world), pilot(world, own=False, title="Muiden kokeilu")
    assert world.client_for("owner").get(edit_url(others)).status_code == 403
    assert world.client_for("owner").post(edit_url(others), form_data()).status_code == 403
    assert world.client_for("viewer").get(edit_url(own)).status_code == 403
    assert world.client_for("viewer").post(edit_url(own), form_data()).status_code == 403
    assert world.client_for("outsider").get(edit_url(own)).status_code == 404
    assert world.client_for("outsider").post(edit_url(own), form_data()).status_code == 404
    assert world.client_for("editor").post(edit_url(others), form_data()).status_code == 302
    assert not Experiment.objects.filter(task=own).exists()
    # Only a pilot has an experiment: any other task's address is not found.
    assert world.client_for("admin").get(edit_url(world.own_task)).status_code == 404
    # The viewer reads the experiment, with no link to its form.
    page = world.client_for("viewer").get(task_url(others)).content.decode()
    assert HYPOTHESIS in page and edit_url(others) not in page
    # A task of another kind shows no experiment section.
    other_kind = world.client_for("editor").get(task_url(world.own_task)).content.decode()
    assert 'id="experiment-heading"' not in other_kind


def test_a_stale_save_answers_409_and_keeps_the_form(world: World) -> None:
    task = pilot(world)
    editor, owner = world.client_for("editor"), world.client_for("owner")
    assert owner.post(edit_url(task), form_data()).status_code == 302
    # Both open the form at version 1; the owner saves first.
    assert owner.post(edit_url(task), form_data(version=1, result=RESULT)).status_code == 302
    stale = editor.post(edit_url(task), form_data(version=1, lesson=LESSON))
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "Someone else saved this experiment while you were editing it." in page
    assert LESSON in page, "the form keeps what the editor wrote"
    assert 'name="version" value="2"' in page, "saving again starts from the saved version"
    saved = Experiment.objects.get(task=task)
    assert (saved.result, saved.lesson, saved.version) == (RESULT, "", 2)
    # Two first saves from an empty form: the later one is stale too.
    other = pilot(world, title="Toinen kokeilu")
    assert owner.post(edit_url(other), form_data(version="")).status_code == 302
    assert editor.post(edit_url(other), form_data(version="")).status_code == 409


def test_bad_input_is_shown_next_to_the_fields_and_nothing_is_saved(world: World) -> None:
    task = pilot(world)
    editor = world.client_for("editor")
    response = editor.post(
        edit_url(task),
        form_data(hypothesis="", starts="2026Q4", ends="2026Q2", decision="stop"),
    )
    assert response.status_code == 400
    page = response.content.decode()

    def error_of(name: str) -> str:
        found = re.search(rf'<p class="error" id="id_{name}_error">(.*?)</p>', page, re.S)
        assert found, f"no error next to {name}"
        return unescape(found[1])

    assert error_of("hypothesis") == "This field is required."
    assert not Experiment.objects.exists()
    response = editor.post(
        edit_url(task), form_data(starts="2026Q4", ends="2026Q2", decision="stop")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert error_of("ends") == "The experiment cannot end before it starts."
    assert error_of("result") == "Write the result first: a decision is made on the result."
    assert not Experiment.objects.exists()


def test_the_change_log_lists_the_experiments_changes(world: World) -> None:
    task = pilot(world)
    editor = world.client_for("editor")
    editor.post(edit_url(task), form_data())
    editor.post(edit_url(task), form_data(version=1, result=RESULT, decision="scale_up"))
    response = editor.get(reverse("activity:change_log", kwargs={"org": ORG}))
    entries = [
        plain(article)
        for article in re.findall(r"<article.*?</article>", response.content.decode(), re.S)
    ]
    decided = next(e for e in entries if "Changed · Experiment: Chatbotin kokeilu" in e)
    assert f"Result – {RESULT}" in decided, decided
    assert "Decision No decision yet Scale up" in decided, decided
    assert any("Created · Experiment: Chatbotin kokeilu" in e for e in entries)
    assert f'href="{task_url(task)}#experiment"' in response.content.decode()


# The dashboard --------------------------------------------------------------------------------


def add_decided_pilots(world: World) -> None:
    decisions = [Decision.SCALE_UP, Decision.CONTINUE, Decision.STOP, Decision.STOP, ""]
    for n, decision in enumerate(decisions):
        task = pilot(world, title=f"Kokeilu {n}")
        if decision:
            write(world, task, result=RESULT, decision=decision)
        elif n % 2 == 0:
            write(world, task)  # described, not decided
    pilot(world, title="Kuvaamaton kokeilu")  # no experiment at all


def test_the_dashboard_counts_the_pilots_by_decision(world: World) -> None:
    add_decided_pilots(world)
    summary = build_dashboard(world.roadmap, TODAY, 15).experiments
    assert summary.pilots == 6
    assert {row.decision: row.count for row in summary.counts} == {
        "scale_up": 1,
        "continue": 1,
        "stop": 2,
        "": 2,
    }
    page = world.client_for("viewer").get(
        reverse("progress:dashboard", kwargs={"org": ORG, "roadmap": RM})
    )
    section = re.search(
        r'<section aria-labelledby="experiments-heading".*?</section>', page.content.decode(), re.S
    )
    assert section
    text = plain(section[0])
    assert "6 pilot tasks by decision" in text
    assert "Scale up 1 Continue 1 Stop 2 No decision yet 2" in text
    overview = reverse("roadmap:overview", kwargs={"org": ORG, "roadmap": RM}) + "?kind=pilot"
    assert f'href="{overview}"' in section[0]
    # The overview's filter lists the pilots and nothing else.
    listed = plain(world.client_for("viewer").get(overview).content.decode())
    assert "Kuvaamaton kokeilu" in listed and world.own_task.title not in listed


def count_queries(client: Any, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_dashboard_reads_the_experiments_with_its_tasks(world: World) -> None:
    client = world.client_for("viewer")
    path = reverse("progress:dashboard", kwargs={"org": ORG, "roadmap": RM})
    before = count_queries(client, path)
    add_decided_pilots(world)
    assert count_queries(client, path) == before, "no query of their own, however many"


# The interim report ---------------------------------------------------------------------------


@pytest.fixture
def english(world: World) -> None:
    """The organisation writes in English too, so that the report read in English is."""
    world.organisation.translation_languages = ["en"]
    world.organisation.save(update_fields=["translation_languages"])


def report_url(name: str, query: str = "") -> str:
    return reverse(f"reports:{name}", kwargs={"org": ORG, "roadmap": RM}) + query


def test_the_interim_report_has_an_experiments_section_in_every_format(
    world: World, english: None
) -> None:
    add_decided_pilots(world)
    viewer = world.client_for("viewer")
    page = viewer.get(report_url("interim")).content.decode()
    section = re.search(r'<section id="experiments".*?</section>', page, re.S)
    assert section, "the section is on the web page"
    text = plain(section[0])
    assert "All pilot tasks 6 Scale up 1 Continue 1 Stop 2 No decision yet 2" in text
    assert f"Kokeilu 0 {HYPOTHESIS} {RESULT} – Scale up" in text
    assert "Kuvaamaton kokeilu – – – No decision yet" in text
    assert '<a href="#experiments">Experiments</a>' in page

    pdf = viewer.get(report_url("interim_pdf"))
    assert pdf.status_code == 200
    pdf_text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf.content)).pages
    )
    assert "Experiments" in pdf_text and "All pilot tasks 6" in pdf_text
    assert "Chatbotti vastaa" in pdf_text

    word = viewer.get(report_url("interim_docx"))
    assert word.status_code == 200
    document = docx.Document(io.BytesIO(word.content))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings.index("Experiments") == headings.index("Late tasks") + 1
    cells = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert ["All pilot tasks", "6"] in cells
    assert ["Kokeilu 0", HYPOTHESIS, RESULT, "–", "Scale up (11/27/2026)"] in cells


def test_a_report_without_pilots_has_no_experiments_section(world: World, english: None) -> None:
    page = world.client_for("viewer").get(report_url("interim")).content.decode()
    assert 'id="experiments"' not in page


def test_an_earlier_report_shows_the_experiment_as_it_then_was(world: World, english: None) -> None:
    task = pilot(world)
    with time_machine.travel("2026-05-20 12:00 +0300", tick=False):
        write(world, task)
    save_experiment(
        actor=world.users["editor"],
        task=task,
        data=ExperimentInput(hypothesis=HYPOTHESIS, result=RESULT, decision=Decision.STOP),
    )
    viewer = world.client_for("viewer")
    then = plain(viewer.get(report_url("interim", "?date=2026-06-30")).content.decode())
    now = plain(viewer.get(report_url("interim")).content.decode())
    assert f"Chatbotin kokeilu {HYPOTHESIS} – – No decision yet" in then
    assert f"Chatbotin kokeilu {HYPOTHESIS} {RESULT} – Stop" in now


# The demo -------------------------------------------------------------------------------------


def test_the_demo_has_decided_pilots_and_an_open_experiment() -> None:
    call_command("load_demo")
    experiments = Experiment.objects.select_related("task__roadmap").filter(
        task__roadmap__organisation__slug="kankaanpaa-demo"
    )
    decisions = {
        (e.task.roadmap.slug, e.decision) for e in experiments if e.task.kind == Kind.PILOT
    }
    assert decisions == {
        ("2023-2025", "scale_up"),
        ("2023-2025", "continue"),
        ("2023-2025", "stop"),
        ("2026-2028", ""),
    }
    finished = Roadmap.objects.get(organisation__slug="kankaanpaa-demo", slug="2023-2025")
    assert finished.is_archived, "archived after its experiments were written"
    for experiment in experiments:
        experiment.full_clean()
        rows = list(experiment.history.order_by("history_id"))  # type: ignore[attr-defined]
        # Dated as it happened: the plan when the pilot began, the decision at its meeting.
        assert rows[0].history_date.date() <= datetime.date(2026, 6, 30)
        if experiment.decision:
            assert len(rows) == 2 and rows[1].history_date.date() == experiment.decided_at
    # Loading again adds nothing.
    count = Experiment.objects.count()
    call_command("load_demo")
    assert Experiment.objects.count() == count
