"""The plan's life as users drive it: the versions page, adoption, a revision drafted and
adopted (also onto a live plan changed meanwhile), comparisons, the renewal wizard and the
final report. The test client posts the forms the pages show, with CSRF checks on."""

from __future__ import annotations

import datetime
import html as html_lib
import io
import re
import zipfile
from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import reverse

from conftest import BrowserLikeClient, World
from tests.factories import (
    MetricFactory,
    MetricValueFactory,
    PersonFactory,
    RoadmapFactory,
    TaskFactory,
    ThemeFactory,
)
from tiekartta.core.actors import Actor
from tiekartta.plans import services
from tiekartta.plans.models import DraftState, PlanVersion, Renewal, RevisionDraft, VersionKind
from tiekartta.plans.services import Decision, DraftTask
from tiekartta.roadmap import services as roadmap_services
from tiekartta.roadmap.models import Roadmap, Status, Task

ORG, RM = "testikaupunki", "2026-2028"
ADOPTION = Decision(
    decided_on=datetime.date(2026, 2, 2),
    decision_body="Kaupunginhallitus",
    decision_reference="§ 12",
)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def url(name: str, roadmap: str = RM, **kwargs: Any) -> str:
    return reverse(f"plans:{name}", kwargs={"org": ORG, "roadmap": roadmap, **kwargs})


def text_of(fragment: str) -> str:
    plain = html_lib.unescape(re.sub(r"<[^>]+>", " ", fragment))
    return re.sub(r"\s+", " ", plain).strip()


def field_error(page: str, field_id: str) -> str:
    """The error written next to a field (form_fields.html gives it the field's id)."""
    match = re.search(
        rf'<p class="error" id="id_{re.escape(field_id)}_error">(.*?)</p>', page, re.S
    )
    assert match, f"no error next to {field_id}"
    return text_of(match.group(1))


class _Forms(HTMLParser):
    """The forms of a page with the values a browser would submit."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, list[tuple[str, str]]]] = []
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        if tag == "form":
            self.forms.append((found.get("action", ""), []))
        elif not self.forms:
            return
        elif tag == "input":
            kind = found.get("type", "text")
            if kind in ("submit", "button") or "name" not in found:
                return
            if kind in ("checkbox", "radio") and "checked" not in found:
                return
            self.forms[-1][1].append(
                (found["name"], found.get("value", "on" if kind == "checkbox" else ""))
            )
        elif tag == "select":
            self._select, self._options = found.get("name"), []
        elif tag == "option" and self._select is not None:
            self._options.append((found.get("value", ""), "selected" in found))
        elif tag == "textarea":
            self._textarea, self._text = found.get("name"), ""

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select is not None:
            chosen = [value for value, selected in self._options if selected]
            value = chosen[0] if chosen else (self._options[0][0] if self._options else "")
            self.forms[-1][1].append((self._select, value))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.forms[-1][1].append((self._textarea, self._text.strip("\n")))
            self._textarea = None


def form_data(page: str, action: str | None = None, having: str | None = None) -> dict[str, str]:
    """What the page's form posts: the one with `action`, or the one with a field `having`."""
    parser = _Forms()
    parser.feed(page)
    for form_action, fields in parser.forms:
        names = {name for name, _value in fields}
        if (action is None or html_lib.unescape(form_action) == action) and (
            having is None or having in names
        ):
            return {name: value for name, value in fields if name != "csrfmiddlewaretoken"}
    raise AssertionError(f"no form {action or having} on the page")


def decision(prefix: str = "adopt", **values: str) -> dict[str, str]:
    data = {
        "decided_on": "2026-12-14",
        "decision_body": "Kaupunginhallitus",
        "decision_reference": "§ 301",
        "summary": "",
    }
    data.update(values)
    return {f"{prefix}-{key}": value for key, value in data.items()}


def admin(world: World) -> Actor:
    return Actor.for_user(world.users["admin"])


def adopt(world: World, roadmap: Roadmap | None = None) -> PlanVersion:
    return services.adopt_roadmap(
        actor=admin(world), roadmap=roadmap or world.roadmap, decision=ADOPTION
    )


def start(world: World, roadmap: Roadmap | None = None) -> RevisionDraft:
    return services.start_revision(
        actor=admin(world), roadmap=roadmap or world.roadmap, title="Vuoden 2027 päivitys"
    )


def task_post(world: World, draft: RevisionDraft, **values: str) -> dict[str, str]:
    data = {
        "title": "Vesimittarien etäluenta",
        "theme": str(world.theme.pk),
        "owner": str(world.owner_person.pk),
        "start": "2026Q1",
        "due": "2026Q4",
        "kind": "implementation",
        "priority": "medium",
        "version": str(draft.version),
    }
    data.update(values)
    return data


def reloaded(draft: RevisionDraft) -> RevisionDraft:
    return RevisionDraft.objects.get(pk=draft.pk)


# The versions page and adoption ---------------------------------------------------------------


@pytest.mark.parametrize("role", ["admin", "editor", "owner", "viewer"])
def test_every_member_reads_the_versions_page(world: World, role: str) -> None:
    client = world.client_for(role)
    response = client.get(url("versions"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "The roadmap has not been adopted yet." in page
    # Only the administrator records the decision.
    assert (f'action="{url("adopt")}"' in page) is (role == "admin")
    adopt(world)
    page = client.get(url("versions")).content.decode()
    assert "1 · Adoption" in page
    assert "Kaupunginhallitus § 12" in page
    assert "The roadmap has not been adopted yet." not in page
    assert (f'action="{url("revision_start")}"' in page) is (role in ("admin", "editor"))


def test_the_outsider_finds_no_versions(world: World) -> None:
    client = world.client_for("outsider")
    assert client.get(url("versions")).status_code == 404
    assert client.post(url("adopt"), decision()).status_code == 404
    assert not PlanVersion.objects.exists()


def test_the_admin_adopts_the_roadmap_with_the_form_on_the_page(world: World) -> None:
    client = world.client_for("admin")
    data = form_data(client.get(url("versions")).content.decode(), url("adopt"))
    assert data["adopt-decided_on"]  # today by default
    data.update(decision(decided_on="2026-02-02", decision_reference="§ 12"))
    response = client.post(url("adopt"), data)
    assert response.status_code == 302
    assert response["Location"] == url("versions")
    [version] = PlanVersion.objects.filter(roadmap=world.roadmap)
    assert (version.number, version.kind, version.decided_on) == (
        1,
        VersionKind.ADOPTION,
        datetime.date(2026, 2, 2),
    )
    assert version.created_by == world.users["admin"]
    assert str(world.own_task.pk) in version.snapshot["tasks"]
    page = client.get(url("versions")).content.decode()
    assert "The adoption was recorded and the plan kept as version 1." in page


@pytest.mark.parametrize(("role", "status"), [("editor", 403), ("owner", 403), ("viewer", 403)])
def test_only_the_admin_adopts(world: World, role: str, status: int) -> None:
    response = world.client_for(role).post(url("adopt"), decision(decided_on="2026-02-02"))
    assert response.status_code == status
    assert not PlanVersion.objects.exists()


def test_a_bad_adoption_is_answered_with_the_errors_next_to_the_fields(world: World) -> None:
    client = world.client_for("admin")
    response = client.post(url("adopt"), decision(decided_on="2026-13-45", decision_body=""))
    assert response.status_code == 400
    page = response.content.decode()
    assert field_error(page, "adopt-decided_on") == "Enter a valid date."
    assert field_error(page, "adopt-decision_body") == "This field is required."
    assert not PlanVersion.objects.exists()


def test_adopting_an_adopted_roadmap_again_is_answered_400(world: World) -> None:
    adopt(world)
    response = world.client_for("admin").post(url("adopt"), decision())
    assert response.status_code == 400
    assert "The roadmap has already been adopted." in response.content.decode()
    assert PlanVersion.objects.count() == 1


# Drafting a revision --------------------------------------------------------------------------


def test_an_editor_starts_a_revision(world: World) -> None:
    adopt(world)
    client = world.client_for("editor")
    data = form_data(client.get(url("versions")).content.decode(), url("revision_start"))
    data.update({"revision-title": "Vuoden 2027 päivitys", "revision-notes": "Talousarvio"})
    response = client.post(url("revision_start"), data)
    assert response.status_code == 302
    draft = RevisionDraft.objects.get(roadmap=world.roadmap)
    assert response["Location"] == url("draft", draft=draft.pk)
    assert (draft.title, draft.notes, draft.created_by) == (
        "Vuoden 2027 päivitys",
        "Talousarvio",
        world.users["editor"],
    )
    page = client.get(response["Location"]).content.decode()
    assert "Vuoden 2027 päivitys" in page
    assert "No differences in the plan." in page
    # The versions page now leads to the draft instead of offering another.
    page = client.get(url("versions")).content.decode()
    assert url("draft", draft=draft.pk) in page
    assert f'action="{url("revision_start")}"' not in page


def test_a_revision_before_the_adoption_is_answered_400(world: World) -> None:
    response = world.client_for("editor").post(
        url("revision_start"), {"revision-title": "Liian aikaisin"}
    )
    assert response.status_code == 400
    assert "The roadmap has not been adopted yet." in response.content.decode()
    assert not RevisionDraft.objects.exists()


@pytest.mark.parametrize("role", ["owner", "viewer"])
def test_owners_and_viewers_do_not_draft(world: World, role: str) -> None:
    adopt(world)
    response = world.client_for(role).post(url("revision_start"), {"revision-title": "Ei"})
    assert response.status_code == 403
    assert not RevisionDraft.objects.exists()


def test_tasks_are_edited_added_and_dropped_in_the_draft(world: World) -> None:
    adopt(world)
    draft = start(world)
    client = world.client_for("editor")
    own, others = str(world.own_task.pk), str(world.others_task.pk)

    # Change a task: the form shows it as the draft has it.
    edit_url = url("draft_task", draft=draft.pk, key=own)
    data = form_data(client.get(edit_url).content.decode(), having="title")
    assert (data["title"], data["due"], data["version"]) == (
        "Vesimittarien etäluenta",
        "2026Q4",
        "1",
    )
    data.update(title="Etäluenta koko kaupunkiin", due="2027Q2")
    response = client.post(edit_url, data)
    assert response.status_code == 302
    assert response["Location"] == url("draft", draft=draft.pk)
    assert reloaded(draft).proposed["tasks"][own]["due"] == "2027Q2"

    # Propose a new task with a schedule that ends before it begins.
    new_url = url("draft_task_new", draft=draft.pk)
    data = form_data(client.get(new_url).content.decode(), having="title")
    data.update(
        title="Chatbot",
        theme=str(world.other_theme.pk),
        owner=str(world.other_person.pk),
        start="2027Q3",
        due="2027Q1",
    )
    response = client.post(new_url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert field_error(page, "due") == "The target end cannot be before the target start."
    assert set(reloaded(draft).proposed["tasks"]) == {own, others}

    # Drop a task with the button on the draft page.
    page = client.get(url("draft", draft=draft.pk)).content.decode()
    drop_url = url("draft_drop", draft=draft.pk, key=others)
    response = client.post(drop_url, form_data(page, drop_url))
    assert response.status_code == 302
    proposed = reloaded(draft).proposed["tasks"]
    assert proposed[others]["status"] == Status.CANCELLED

    # The live plan is as it was; the draft page shows the changes.
    assert Task.objects.get(pk=world.own_task.pk).due == "2026Q4"
    assert Task.objects.get(pk=world.others_task.pk).status == Status.PLANNED
    page = text_of(client.get(url("draft", draft=draft.pk)).content.decode())
    assert "0 added, 1 dropped, 1 changed" in page
    assert "Etäluenta koko kaupunkiin" in page


def test_the_corrected_task_is_saved_from_the_page_shown_after_a_refusal(world: World) -> None:
    """The page that says what was wrong carries the draft's version for the corrected post."""
    adopt(world)
    draft = start(world)
    client = world.client_for("editor")
    new_url = url("draft_task_new", draft=draft.pk)
    refused = client.post(
        new_url, task_post(world, draft, title="Chatbot", start="2027Q3", due="2027Q1")
    )
    assert refused.status_code == 400
    data = form_data(refused.content.decode(), having="title")
    assert data["title"] == "Chatbot"
    data["due"] = "2027Q4"
    response = client.post(new_url, data)
    assert response.status_code == 302
    proposed = reloaded(draft).proposed["tasks"]
    assert proposed.get("new-1", {}).get("title") == "Chatbot", "the corrected task was not saved"


def test_a_stale_draft_form_is_not_saved(world: World) -> None:
    adopt(world)
    draft = start(world)
    client = world.client_for("editor")
    own = str(world.own_task.pk)
    edit_url = url("draft_task", draft=draft.pk, key=own)
    assert client.post(edit_url, task_post(world, draft, title="Ensin")).status_code == 302
    response = client.post(edit_url, task_post(world, draft, title="Myöhemmin"))
    assert response.status_code == 302
    assert reloaded(draft).proposed["tasks"][own]["title"] == "Ensin"
    page = client.get(response["Location"]).content.decode()
    assert "Someone else changed this draft meanwhile." in page


def test_a_metric_target_is_changed_in_the_draft(world: World) -> None:
    metric = MetricFactory.create(roadmap=world.roadmap, owner=world.owner_person, name="Etäluenta")
    adopt(world)
    draft = start(world)
    client = world.client_for("editor")
    metric_url = url("draft_metric", draft=draft.pk, key=str(metric.pk))
    data = form_data(client.get(metric_url).content.decode(), having="target_value")
    data.update(target_value="75", target_date="2029-06-30")
    assert client.post(metric_url, data).status_code == 302
    proposed = reloaded(draft).proposed["metrics"][str(metric.pk)]
    assert (proposed["target_value"], proposed["target_date"]) == ("75", "2029-06-30")
    metric.refresh_from_db()
    assert metric.target_value == 60


def test_a_draft_is_discarded(world: World) -> None:
    adopt(world)
    draft = start(world)
    client = world.client_for("editor")
    response = client.post(url("draft_discard", draft=draft.pk))
    assert response.status_code == 302
    assert reloaded(draft).state == DraftState.DISCARDED
    assert client.get(url("draft_task_new", draft=draft.pk)).status_code == 404


# Comparing ------------------------------------------------------------------------------------


def drafted(world: World) -> RevisionDraft:
    """A draft that reschedules the own task and drops the other one."""
    adopt(world)
    draft = start(world)
    services.set_draft_task(
        actor=admin(world),
        draft=draft,
        expected_version=draft.version,
        key=str(world.own_task.pk),
        data=DraftTask(
            title="Etäluenta koko kaupunkiin",
            theme=world.theme,
            owner=world.owner_person,
            start="2026Q1",
            due="2027Q2",
        ),
    )
    services.drop_draft_task(
        actor=admin(world),
        draft=draft,
        expected_version=draft.version,
        key=str(world.others_task.pk),
    )
    return reloaded(draft)


@pytest.mark.parametrize("role", ["admin", "viewer"])
def test_the_compare_page_shows_the_changes(world: World, role: str) -> None:
    drafted(world)
    client = world.client_for(role)
    response = client.get(url("compare") + "?a=live&b=draft")
    assert response.status_code == 200
    page = response.content.decode()
    text = text_of(page)
    assert "The live plan now → The revision being drafted" in text
    assert "0 added, 1 dropped, 1 changed" in text
    assert "Etäluenta koko kaupunkiin" in text and "Kokoelmajärjestelmä" in text
    assert "2 quarters later" in text
    assert url("compare_docx") + "?a=live&amp;b=draft" in page


def test_the_compare_page_falls_back_to_the_baseline_against_the_live_plan(world: World) -> None:
    adopt(world)
    roadmap_services.delete_task(actor=admin(world), task=world.others_task)
    response = world.client_for("viewer").get(url("compare") + "?a=nonsense")
    assert response.status_code == 200
    text = text_of(response.content.decode())
    assert "Version 1 (02/02/2026) → The live plan now" in text
    assert "0 added, 1 dropped, 0 changed" in text


def test_the_changes_as_a_word_document(world: World) -> None:
    drafted(world)
    response = world.client_for("viewer").get(url("compare_docx") + "?a=live&b=draft")
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"].startswith('attachment; filename="2026-2028-')
    assert zipfile.is_zipfile(io.BytesIO(response.content))
    with zipfile.ZipFile(io.BytesIO(response.content)) as document:
        body = document.read("word/document.xml").decode()
    assert "Changes in the plan" in body
    assert "Etäluenta koko kaupunkiin" in body
    assert "Kokoelmajärjestelmä" in body


# Adopting the revision ------------------------------------------------------------------------


def test_the_admin_adopts_the_draft(world: World) -> None:
    draft = drafted(world)
    client = world.client_for("admin")
    adopt_url = url("draft_adopt", draft=draft.pk)
    data = form_data(client.get(url("draft", draft=draft.pk)).content.decode(), adopt_url)
    assert "seen_live" not in data  # nothing changed meanwhile
    data.update(decision())
    response = client.post(adopt_url, data)
    assert response.status_code == 302
    assert response["Location"] == url("versions")
    version = PlanVersion.objects.get(roadmap=world.roadmap, number=2)
    assert version.kind == VersionKind.REVISION
    assert reloaded(draft).adopted_version == version
    task = Task.objects.get(pk=world.own_task.pk)
    assert (task.title, task.due) == ("Etäluenta koko kaupunkiin", "2027Q2")
    assert Task.objects.get(pk=world.others_task.pk).status == Status.CANCELLED
    page = text_of(client.get(url("versions")).content.decode())
    assert "The revision was adopted and the plan kept as version 2." in page
    assert "2 · Revision" in page
    # The adopted draft still reads as what the revision changed.
    page = text_of(client.get(url("draft", draft=draft.pk)).content.decode())
    assert "What the revision changed" in page and "Etäluenta koko kaupunkiin" in page


def test_an_editor_does_not_adopt_the_draft(world: World) -> None:
    draft = drafted(world)
    response = world.client_for("editor").post(
        url("draft_adopt", draft=draft.pk), {**decision(), "version": str(draft.version)}
    )
    assert response.status_code == 403
    assert reloaded(draft).is_open
    assert PlanVersion.objects.count() == 1


def test_the_meanwhile_changes_are_shown_before_the_revision_is_adopted(world: World) -> None:
    draft = drafted(world)
    # Meanwhile someone renames the task in the live plan.
    task = Task.objects.get(pk=world.own_task.pk)
    data = roadmap_services.TaskInput.from_task(task)
    data.title = "Vesimittarit, laajennettu"
    roadmap_services.update_task(
        actor=admin(world), task=task, expected_version=task.version, data=data
    )

    client = world.client_for("admin")
    adopt_url = url("draft_adopt", draft=draft.pk)
    # The form as it was loaded before the change: no seen_live.
    first = {**decision(), "version": str(draft.version)}
    response = client.post(adopt_url, first)
    assert response.status_code == 400
    page = response.content.decode()
    assert "The live plan was changed after the draft began." in page
    assert "Changed in the live plan after the draft began" in page
    assert "Vesimittarit, laajennettu" in page
    assert PlanVersion.objects.count() == 1
    assert reloaded(draft).is_open

    # Adopting again from the page that showed the changes.
    second = form_data(page, adopt_url)
    assert second["seen_live"]
    assert second["adopt-decision_body"] == "Kaupunginhallitus"
    response = client.post(adopt_url, second)
    assert response.status_code == 302
    task.refresh_from_db()
    # The draft changed the title too, so its title wins; its end date is applied.
    assert (task.title, task.due) == ("Etäluenta koko kaupunkiin", "2027Q2")
    assert PlanVersion.objects.filter(roadmap=world.roadmap).count() == 2


def test_a_meanwhile_change_in_a_field_the_draft_left_is_kept(world: World) -> None:
    draft = drafted(world)
    task = Task.objects.get(pk=world.own_task.pk)
    data = roadmap_services.TaskInput.from_task(task)
    data.priority = "high"
    roadmap_services.update_task(
        actor=admin(world), task=task, expected_version=task.version, data=data
    )
    client = world.client_for("admin")
    adopt_url = url("draft_adopt", draft=draft.pk)
    page = client.get(url("draft", draft=draft.pk)).content.decode()
    assert "Changed in the live plan after the draft began" in page
    data_posted = form_data(page, adopt_url)
    data_posted.update(decision())
    assert client.post(adopt_url, data_posted).status_code == 302
    task.refresh_from_db()
    assert (task.priority, task.due) == ("high", "2027Q2")


def test_a_decision_before_the_previous_one_is_answered_next_to_its_date(world: World) -> None:
    draft = drafted(world)
    response = world.client_for("admin").post(
        url("draft_adopt", draft=draft.pk),
        {**decision(decided_on="2026-01-01"), "version": str(draft.version)},
    )
    assert response.status_code == 400
    assert field_error(response.content.decode(), "adopt-decided_on") == (
        "The decision cannot be dated before the previous version's."
    )
    assert PlanVersion.objects.count() == 1


# An archived roadmap --------------------------------------------------------------------------


def test_an_archived_roadmap_takes_no_draft_or_adoption_but_can_be_renewed(world: World) -> None:
    draft = drafted(world)
    roadmap_services.set_roadmap_archived(actor=admin(world), roadmap=world.roadmap, archived=True)
    client = world.client_for("admin")
    assert (
        client.post(
            url("draft_adopt", draft=draft.pk), {**decision(), "version": str(draft.version)}
        ).status_code
        == 403
    )
    assert client.get(url("draft_task_new", draft=draft.pk)).status_code == 403
    assert (
        client.post(
            url("draft_drop", draft=draft.pk, key=str(world.own_task.pk)),
            {"version": str(draft.version)},
        ).status_code
        == 403
    )
    assert client.get(url("draft", draft=draft.pk)).status_code == 200
    assert client.get(url("renew")).status_code == 200
    assert PlanVersion.objects.count() == 1
    assert reloaded(draft).version == draft.version


# Renewal --------------------------------------------------------------------------------------


def period(**values: str) -> dict[str, str]:
    data = {
        "step": "period",
        "title": "Tiekartta 2029–2031",
        "slug": "2029-2031",
        "start_year": "2029",
        "end_year": "2031",
    }
    data.update(values)
    return data


def test_the_renewal_wizard_refuses_an_overlapping_period(world: World) -> None:
    client = world.client_for("admin")
    response = client.get(url("renew"))
    assert response.status_code == 200
    initial = form_data(response.content.decode(), having="step")
    assert (initial["start_year"], initial["end_year"], initial["slug"]) == (
        "2029",
        "2031",
        "2029-2031",
    )
    response = client.post(url("renew"), period(start_year="2028"))
    assert response.status_code == 400
    assert field_error(response.content.decode(), "start_year") == (
        "The new period must begin after the old one ends: in 2029 or later."
    )
    assert Roadmap.objects.filter(organisation=world.organisation).count() == 1


@pytest.mark.parametrize("role", ["editor", "owner", "viewer"])
def test_only_the_admin_renews(world: World, role: str) -> None:
    client = world.client_for(role)
    assert client.get(url("renew")).status_code == 403
    assert client.post(url("renew"), period()).status_code == 403


def renewable(world: World) -> dict[str, Task]:
    done = TaskFactory.create(
        theme=world.other_theme,
        owner=world.other_person,
        title="Valmis tehtävä",
        status=Status.DONE,
    )
    Task.objects.filter(pk=world.others_task.pk).update(completion=40, status=Status.IN_PROGRESS)
    metric = MetricFactory.create(
        roadmap=world.roadmap, owner=world.owner_person, name="Etäluetut", theme=world.theme
    )
    MetricValueFactory.create(metric=metric, period="2027Q3", value=45)
    return {"done": done}


def test_the_renewal_wizard_makes_the_new_roadmap(world: World) -> None:
    tasks = renewable(world)
    client = world.client_for("admin")
    response = client.post(url("renew"), period())
    assert response.status_code == 200
    page = response.content.decode()
    text = text_of(page)
    assert "Step 2 of 2" in text
    assert "Vesimittarien etäluenta" in text and "Kokoelmajärjestelmä" in text
    assert "1 task done" in text and "Valmis tehtävä" in text
    data = form_data(page, having="step")
    assert data["step"] == "confirm"
    assert data[f"task_{world.own_task.pk}_start"] == "2029Q1"
    assert data[f"task_{world.own_task.pk}_due"] == "2029Q4"
    assert data[f"task_{world.own_task.pk}_carry"] == "on"
    assert f"task_{tasks['done'].pk}_carry" not in data
    assert Roadmap.objects.filter(organisation=world.organisation).count() == 1  # nothing yet

    response = client.post(url("renew"), data)
    assert response.status_code == 302
    new = Roadmap.objects.get(organisation=world.organisation, slug="2029-2031")
    assert response["Location"] == url("versions", roadmap=new.slug)
    assert new.title == "Tiekartta 2029–2031"
    carried = Task.objects.filter(roadmap=new)
    assert {t.carried_over_from_id for t in carried} == {world.own_task.pk, world.others_task.pk}
    assert Renewal.objects.get(source=world.roadmap).target == new
    world.roadmap.refresh_from_db()
    assert world.roadmap.is_archived
    page = text_of(client.get(response["Location"]).content.decode())
    assert "was made with 2 tasks carried over" in page
    # Renewing again is not offered: the wizard leads back to the versions.
    assert client.get(url("renew")).status_code == 302

    # The old roadmap's final report says what was carried over.
    response = client.get(reverse("reports:final", kwargs={"org": ORG, "roadmap": RM}))
    assert response.status_code == 200
    report = text_of(response.content.decode())
    assert "Carried over to the next period" in report
    assert "with 2 unfinished tasks carried over" in report
    assert "Vesimittarien etäluenta" in report and "Kokoelmajärjestelmä" in report
    assert "Etäluetut" in report


def test_a_row_refused_in_step_two_is_shown_on_its_row(world: World) -> None:
    renewable(world)
    client = world.client_for("admin")
    data = form_data(client.post(url("renew"), period()).content.decode(), having="step")
    # Leave out the theme the other task goes under.
    data.pop(f"theme_{world.theme.pk}_keep")
    response = client.post(url("renew"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        field_error(page, f"task_{world.own_task.pk}_carry")
        == "Choose a theme that the new roadmap has."
    )
    assert not Roadmap.objects.filter(slug="2029-2031").exists()


# Fragments ------------------------------------------------------------------------------------


def test_a_tasks_place_in_the_versions(world: World) -> None:
    draft = drafted(world)
    services.adopt_revision(
        actor=admin(world),
        draft=draft,
        decision=Decision(
            decided_on=datetime.date(2026, 12, 14), decision_body="Kaupunginhallitus"
        ),
        expected_version=draft.version,
    )
    client = world.client_for("viewer")
    own_url = url("task_versions", task=world.own_task.pk)
    page = client.get(own_url)
    assert page.status_code == 200
    assert "<html" in page.content.decode()
    fragment = client.get(own_url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment
    text = text_of(fragment)
    assert "Version 1 (02/02/2026) : entered the plan" in text
    assert (
        "Version 2 (12/14/2026) : changed: title Vesimittarien etäluenta → Etäluenta koko "
        "kaupunkiin; target end Q4/2026 → Q2/2027" in text
    )
    others = text_of(
        client.get(
            url("task_versions", task=world.others_task.pk), headers={"HX-Request": "true"}
        ).content.decode()
    )
    assert "Version 2 (12/14/2026) : left the plan" in others
    assert client.get(url("task_versions", task=world.outsider_task.pk)).status_code == 404


def test_the_since_baseline_section(world: World) -> None:
    client = world.client_for("viewer")
    text = text_of(client.get(url("since_baseline")).content.decode())
    assert "The roadmap has not been adopted yet." in text
    adopt(world)
    task = Task.objects.get(pk=world.own_task.pk)
    data = roadmap_services.TaskInput.from_task(task)
    data.due, data.owner = "2027Q3", world.other_person
    roadmap_services.update_task(
        actor=admin(world), task=task, expected_version=task.version, data=data
    )
    TaskFactory.create(theme=world.theme, owner=world.other_person, title="Uusi tehtävä")
    text = text_of(
        client.get(url("since_baseline"), headers={"HX-Request": "true"}).content.decode()
    )
    assert "Since the adopted plan (02/02/2026, Kaupunginhallitus § 12):" in text
    assert "added 1 dropped 0 rescheduled 1 (ends 3 quarters later in all) reassigned 1" in text


# Queries --------------------------------------------------------------------------------------


def planned_roadmap(world: World, slug: str, size: int) -> tuple[Roadmap, RevisionDraft]:
    """A roadmap of `size` tasks, adopted, revised once and with a new revision being drafted
    that changes, adds and drops tasks."""
    roadmap = RoadmapFactory.create(
        organisation=world.organisation, slug=slug, title=f"Tiekartta {slug}"
    )
    themes = [ThemeFactory.create(roadmap=roadmap, is_spearhead=n == 0) for n in range(3)]
    people = [PersonFactory.create(organisation=world.organisation) for _ in range(4)]
    tasks: list[Task] = []
    for n in range(size):
        task = TaskFactory.create(
            theme=themes[n % 3], owner=people[n % 4], start=f"202{6 + n % 3}Q1", due="2028Q4"
        )
        task.collaborators.add(people[(n + 1) % 4])
        if tasks:
            task.predecessors.add(tasks[-1])
        tasks.append(task)
    for n in range(2):
        metric = MetricFactory.create(roadmap=roadmap, owner=people[n], name=f"Mittari {slug} {n}")
        MetricValueFactory.create(metric=metric, period="2026Q2")
    adopt(world, roadmap)

    def edit(draft: RevisionDraft) -> RevisionDraft:
        for task in tasks[:3]:
            services.set_draft_task(
                actor=admin(world),
                draft=draft,
                expected_version=reloaded(draft).version,
                key=str(task.pk),
                data=DraftTask(
                    title=task.title + " (muutettu)",
                    theme=themes[1],
                    owner=people[2],
                    start="2027Q1",
                    due="2027Q4",
                ),
            )
        services.set_draft_task(
            actor=admin(world),
            draft=draft,
            expected_version=reloaded(draft).version,
            key=None,
            data=DraftTask(title="Uusi", theme=themes[0], owner=people[0]),
        )
        services.drop_draft_task(
            actor=admin(world),
            draft=draft,
            expected_version=reloaded(draft).version,
            key=str(tasks[-1].pk),
        )
        return reloaded(draft)

    first = edit(start(world, roadmap))
    services.adopt_revision(
        actor=admin(world),
        draft=first,
        decision=Decision(
            decided_on=datetime.date(2026, 12, 14), decision_body="Kaupunginhallitus"
        ),
        expected_version=first.version,
    )
    return roadmap, edit(start(world, roadmap))


def count_queries(client: BrowserLikeClient, path: str, bound: int, assert_max: Any) -> int:
    with assert_max(bound) as captured:
        response = client.get(path)
        assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("page", "bound"),
    [("versions", 14), ("compare", 11), ("draft", 10)],
)
def test_the_pages_run_the_same_queries_however_large_the_plan(
    world: World, page: str, bound: int, django_assert_max_num_queries: Any
) -> None:
    small, small_draft = planned_roadmap(world, "pieni", 5)
    large, large_draft = planned_roadmap(world, "suuri", 40)
    client = world.client_for("editor")

    def path(roadmap: Roadmap, draft: RevisionDraft) -> str:
        if page == "draft":
            return url("draft", roadmap=roadmap.slug, draft=draft.pk)
        if page == "compare":
            return url("compare", roadmap=roadmap.slug) + "?a=1&b=live"
        return url("versions", roadmap=roadmap.slug)

    client.get(path(small, small_draft))  # the session and the caches warmed up
    queries = [
        count_queries(client, path(r, d), bound, django_assert_max_num_queries)
        for r, d in ((small, small_draft), (large, large_draft))
    ]
    assert queries[0] == queries[1], (
        f"{page}: {queries[0]} queries for 5 tasks, {queries[1]} for 40"
    )
