"""Reading the roadmap through the interface: roadmaps, themes, tasks and progress entries,
paged, filtered, scoped to the token's organisation, cacheable, in constant queries."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine

from conftest import World
from tests.factories import PersonFactory, ProgressEntryFactory, TaskFactory
from tiekartta.accounts.policy import Principal
from tiekartta.api.roadmap_schemas import TaskList, TaskOut
from tiekartta.api.shapes import progress_out, task_rows
from tiekartta.api.tests.conftest import ApiClient, assert_error
from tiekartta.progress.models import ProgressEntry
from tiekartta.roadmap.models import Task

BASE = "http://testserver/api/v1"


def tasks_url(world: World) -> str:
    return f"/api/v1/roadmaps/{world.roadmap.pk}/tasks"


def test_roadmaps_list_and_detail(api_client: ApiClient, world: World) -> None:
    body = api_client.get("/api/v1/roadmaps").json()
    assert body["count"] == 1 and body["next"] is None and body["previous"] is None
    (roadmap,) = body["results"]
    assert roadmap["id"] == world.roadmap.pk
    assert roadmap["slug"] == "2026-2028"
    assert roadmap["period_start"] == f"{world.roadmap.start_year}-01-01"
    assert roadmap["period_end"] == f"{world.roadmap.end_year}-12-31"
    assert roadmap["status"] == "active" and roadmap["archived"] is False

    detail = api_client.get(f"/api/v1/roadmaps/{world.roadmap.pk}").json()
    # Spearheads first, as everywhere in the app.
    assert [t["name"] for t in detail["themes"]] == ["Tiedolla johtaminen", "Digituki"]
    assert detail["themes"][0]["is_spearhead"] is True
    themes = api_client.get(f"/api/v1/roadmaps/{world.roadmap.pk}/themes").json()
    assert themes["themes"] == detail["themes"]


def test_a_task_in_full(api_client: ApiClient, world: World) -> None:
    task = world.own_task
    helper = PersonFactory(organisation=world.organisation, name="Hankekoordinaattori")
    task.collaborators.add(helper)
    task.predecessors.add(world.others_task)
    task.start, task.due, task.is_public = "2026Q3", "2027Q2", True
    task.save()
    body = api_client.get(f"{tasks_url(world)}/{task.pk}").json()
    assert body["id"] == task.pk and body["theme"] == world.theme.pk
    assert body["owner"] == {
        "id": world.owner_person.pk,
        "name": "Tekninen johtaja",
        "email": world.owner_person.email,
    }
    assert [c["name"] for c in body["collaborators"]] == ["Hankekoordinaattori"]
    assert body["predecessors"] == [world.others_task.pk]
    assert body["schedule"] == {
        "start": "2026Q3",
        "end": "2027Q2",
        "start_date": "2026-07-01",
        "end_date": "2027-06-30",
    }
    assert body["is_public"] is True
    assert body["version"] == Task.objects.get(pk=task.pk).version
    # What the endpoint writes is what the OpenAPI document says it writes.
    assert TaskOut.model_validate(body).model_dump(mode="json") == body
    listing = api_client.get(tasks_url(world)).json()
    TaskList.model_validate(listing)
    assert body in listing["results"]


def test_the_policy_hides_emails_and_notes_from_whom_it_does_not_grant(world: World) -> None:
    """A token reads what a member reads; a principal without those grants (the public) gets
    no e-mail and no note, decided by the same policy."""
    world.own_task.collaborators.add(world.other_person)
    (shown,) = task_rows(
        Task.objects.filter(pk=world.own_task.pk),
        Principal.anonymous(),
        world.organisation.content_languages,
    )
    assert shown["owner"] == {
        "id": world.owner_person.pk,
        "name": "Tekninen johtaja",
        "email": None,
    }
    assert shown["collaborators"][0]["email"] is None
    entry = ProgressEntryFactory(task=world.own_task, note="Sisäinen huomio")
    assert progress_out(entry, Principal.anonymous()).note is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("theme={other_theme}", {"other"}),
        ("owner={owner_person}", {"own"}),
        ("status=done", {"done"}),
        ("public=true", {"public"}),
        ("public=false", {"own", "others", "other", "done"}),
    ],
)
def test_task_filters(api_client: ApiClient, world: World, query: str, expected: set[str]) -> None:
    TaskFactory(theme=world.other_theme, title="other", owner=world.other_person)
    TaskFactory(theme=world.theme, title="done", status="done", owner=world.other_person)
    TaskFactory(theme=world.theme, title="public", is_public=True, owner=world.other_person)
    Task.objects.filter(pk=world.own_task.pk).update(title="own")
    Task.objects.filter(pk=world.others_task.pk).update(title="others")
    url = (
        tasks_url(world)
        + "?"
        + query.format(other_theme=world.other_theme.pk, owner_person=world.owner_person.pk)
    )
    body = api_client.get(url).json()
    assert {t["title"] for t in body["results"]} == expected
    assert body["count"] == len(expected)


def test_updated_since(api_client: ApiClient, world: World) -> None:
    Task.objects.filter(pk=world.own_task.pk).update(updated_at="2026-01-01T00:00:00Z")
    Task.objects.filter(pk=world.others_task.pk).update(updated_at="2026-11-01T00:00:00Z")
    body = api_client.get(tasks_url(world) + "?updated_since=2026-10-01T00:00:00%2B03:00").json()
    assert [t["id"] for t in body["results"]] == [world.others_task.pk]


def test_paging_follows_next_to_the_end_without_overlap(
    api_client: ApiClient, world: World
) -> None:
    for n in range(5):
        TaskFactory(theme=world.theme, owner=world.other_person, title=f"T{n}")
    url: str | None = tasks_url(world) + "?limit=3"
    seen: list[int] = []
    pages = 0
    while url:
        body = api_client.get(url).json()
        assert body["count"] == 7
        seen += [t["id"] for t in body["results"]]
        url, pages = body["next"], pages + 1
    assert pages == 3
    assert seen == sorted(Task.objects.filter(roadmap=world.roadmap).values_list("pk", flat=True))
    last = api_client.get(tasks_url(world) + "?limit=3&offset=6").json()
    assert last["previous"] == f"{BASE}/roadmaps/{world.roadmap.pk}/tasks?limit=3&offset=3"
    assert last["next"] is None


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("limit=501", "limit"),
        ("limit=0", "limit"),
        ("offset=-1", "offset"),
        ("limit=99999999999999999999999999", "limit"),
        ("limit=ten", "limit"),
        ("theme=99999999999999999999999999", "theme"),
        ("theme=x", "theme"),
        ("status=finished", "status"),
        ("public=perhaps", "public"),
        ("updated_since=yesterday", "updated_since"),
        ("status=" + "x" * 5000, "status"),
    ],
)
def test_bad_parameters_are_named(
    api_client: ApiClient, world: World, query: str, field: str
) -> None:
    error = assert_error(api_client.get(f"{tasks_url(world)}?{query}"), 400, "invalid")
    assert list(error["fields"]) == [field], error


def test_the_limit_cap_says_so(api_client: ApiClient, world: World) -> None:
    error = assert_error(api_client.get(f"{tasks_url(world)}?limit=1000"), 400, "invalid")
    assert error["fields"]["limit"] == ["Give a limit from 1 to 500."]
    assert api_client.get(f"{tasks_url(world)}?limit=500").status_code == 200


def test_progress_entries_per_task_and_roadmap(api_client: ApiClient, world: World) -> None:
    first = ProgressEntryFactory(task=world.own_task, quarter="2026Q2", completion=20)
    second = ProgressEntryFactory(
        task=world.others_task, review=world.review, note="Kokouksessa", completion=50
    )
    ProgressEntry.objects.filter(pk=first.pk).update(recorded_at="2026-06-01T00:00:00Z")
    per_task = api_client.get(f"{tasks_url(world)}/{world.own_task.pk}/progress").json()
    assert [e["id"] for e in per_task["results"]] == [first.pk]
    entry = per_task["results"][0]
    assert entry["quarter"] == "2026Q2"
    assert (entry["quarter_start"], entry["quarter_end"]) == ("2026-04-01", "2026-06-30")
    assert entry["completion"] == 20
    url = f"/api/v1/roadmaps/{world.roadmap.pk}/progress"
    whole = api_client.get(url).json()
    assert [e["id"] for e in whole["results"]] == [first.pk, second.pk]
    assert whole["results"][1]["note"] == "Kokouksessa"
    in_review = api_client.get(f"{url}?review={world.review.pk}").json()
    assert [e["id"] for e in in_review["results"]] == [second.pk]
    since = api_client.get(f"{url}?since=2026-07-01T00:00:00Z").json()
    assert [e["id"] for e in since["results"]] == [second.pk]


@pytest.mark.parametrize(
    "path",
    [
        "/roadmaps/{roadmap}",
        "/roadmaps/{roadmap}/themes",
        "/roadmaps/{roadmap}/tasks",
        "/roadmaps/{roadmap}/progress",
        "/roadmaps/{roadmap}/tasks/{task}",
        "/roadmaps/{roadmap}/tasks/{task}/progress",
        "/roadmaps/{own_roadmap}/tasks/{task}",
        "/roadmaps/99999999999999999999999/tasks",
    ],
)
def test_another_organisations_roadmap_is_not_found(
    api_client: ApiClient, world: World, path: str
) -> None:
    url = "/api/v1" + path.format(
        roadmap=world.outsider_roadmap.pk,
        task=world.outsider_task.pk,
        own_roadmap=world.roadmap.pk,
    )
    assert_error(api_client.get(url), 404, "not_found")


def test_the_outsiders_list_holds_only_their_own(world: World) -> None:
    from tiekartta.accounts.services import create_api_token

    _token, secret = create_api_token(
        actor=None, organisation=world.outsider_organisation, name="Naapuri"
    )
    body = ApiClient(secret).get("/api/v1/roadmaps").json()
    assert [r["id"] for r in body["results"]] == [world.outsider_roadmap.pk]
    assert_error(ApiClient(secret).get(tasks_url(world)), 404, "not_found")


@pytest.mark.parametrize(
    "path",
    [
        "/roadmaps",
        "/roadmaps/{roadmap}",
        "/roadmaps/{roadmap}/tasks",
        "/roadmaps/{roadmap}/progress",
    ],
)
def test_no_token_no_data(world: World, path: str) -> None:
    url = "/api/v1" + path.format(roadmap=world.roadmap.pk)
    assert_error(ApiClient().get(url), 401, "not_authenticated")
    assert_error(ApiClient("tk_wrong").get(url), 401, "invalid_token")


# Caching ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/roadmaps",
        "/people",
        "/roadmaps/{roadmap}",
        "/roadmaps/{roadmap}/themes",
        "/roadmaps/{roadmap}/tasks",
        "/roadmaps/{roadmap}/tasks/{task}",
        "/roadmaps/{roadmap}/progress",
        "/roadmaps/{roadmap}/tasks/{task}/progress",
    ],
)
def test_a_repeat_request_is_not_modified(
    api_client: ApiClient, world: World, path: str, django_assert_max_num_queries: Any
) -> None:
    ProgressEntryFactory(task=world.own_task)
    url = "/api/v1" + path.format(roadmap=world.roadmap.pk, task=world.own_task.pk)
    first = api_client.get(url)
    assert first.status_code == 200
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"') and modified.endswith("GMT")
    assert "private" in first["Cache-Control"]
    # The body is not built: the token, the lookup and the validators' aggregates only.
    with django_assert_max_num_queries(5):
        again = api_client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag
    by_date = api_client.get(url, headers={"If-Modified-Since": modified})
    assert by_date.status_code == 304
    assert api_client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200


def test_a_change_changes_the_etag(api_client: ApiClient, world: World) -> None:
    url = tasks_url(world)
    etag = api_client.get(url)["ETag"]
    task = Task.objects.get(pk=world.own_task.pk)
    task.title = "Uusi nimi"
    with time_machine.travel("2026-11-27 12:05 +0200", tick=False):
        task.save()
    changed = api_client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    # A new person's name on a task counts too, though the task's row did not change.
    etag = changed["ETag"]
    person = world.owner_person
    person.name = "Tekninen johtaja (uusi)"
    person.save()
    renamed = api_client.get(url, headers={"If-None-Match": etag})
    assert renamed.status_code == 200
    assert renamed.json()["results"][0]["owner"]["name"].endswith("(uusi)")
    # Another page of the same rows is another body.
    assert api_client.get(url + "?limit=1")["ETag"] != renamed["ETag"]


# Queries ------------------------------------------------------------------------------------


def _tasks_with_everything(world: World, count: int) -> None:
    helpers = [PersonFactory(organisation=world.organisation) for _ in range(3)]
    for n in range(count):
        task = TaskFactory(theme=world.theme, owner=helpers[n % 3])
        task.collaborators.add(helpers[(n + 1) % 3])
        task.predecessors.add(world.own_task)
        ProgressEntryFactory(task=task)


@pytest.mark.parametrize("count", [10, 200])
def test_constant_queries_per_page(
    api_client: ApiClient, world: World, count: int, django_assert_max_num_queries: Any
) -> None:
    _tasks_with_everything(world, count)
    for path in ("tasks?limit=500", "progress?limit=500"):
        url = f"/api/v1/roadmaps/{world.roadmap.pk}/{path}"
        with django_assert_max_num_queries(9):
            body = api_client.get(url).json()
        assert len(body["results"]) >= count


def test_people_of_the_organisation_only(api_client: ApiClient, world: World) -> None:
    PersonFactory(organisation=world.outsider_organisation, name="Naapurin johtaja")
    body = api_client.get("/api/v1/people?limit=1").json()
    assert body["count"] == 2 and body["next"] is not None
    everyone = api_client.get("/api/v1/people").json()["results"]
    assert [p["name"] for p in everyone] == ["Tekninen johtaja", "Museonjohtaja"]
    assert everyone[0]["email"] == world.owner_person.email


def test_a_deleted_task_moves_last_modified(api_client: ApiClient, world: World) -> None:
    url = tasks_url(world)
    modified = api_client.get(url)["Last-Modified"]
    with time_machine.travel("2026-11-28 12:00 +0200", tick=False):
        Task.objects.get(pk=world.others_task.pk).delete()
    again = api_client.get(url, headers={"If-Modified-Since": modified})
    assert again.status_code == 200
    assert [t["id"] for t in again.json()["results"]] == [world.own_task.pk]
