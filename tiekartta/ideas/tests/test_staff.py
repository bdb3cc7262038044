"""The ideas pages through the test client with CSRF checks on: writing, deciding, merging,
accepting into a task, deleting, the backlog's filters, the change log and the permissions."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from conftest import World
from tests.factories import IdeaFactory, RoadmapFactory, TaskFactory, ThemeFactory
from tiekartta.ideas.models import Idea, IdeaSource, IdeaStatus, StatusChange

ORG = "testikaupunki"


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"ideas:{name}", kwargs={"org": ORG, **kwargs})


def form_data(world: World, **changes: Any) -> dict[str, Any]:
    return {
        "title": "Sähköinen ajanvaraus kirjastoon",
        "description": "Asukas varaa tilan verkossa.",
        "theme": str(world.other_theme.pk),
        "source": IdeaSource.RESIDENT_SURVEY,
        "event": "Asukaskysely 2022",
        "received_on": "2022-10-03",
        "submitter": "",
        **changes,
    }


def idea_of(world: World, **fields: Any) -> Idea:
    return IdeaFactory(organisation=world.organisation, **fields)


def test_an_editor_writes_an_idea_and_it_is_in_the_backlog_and_its_history(world: World) -> None:
    client = world.client_for("editor")
    response = client.post(url("create"), form_data(world))
    assert response.status_code == 302
    idea = Idea.objects.get()
    assert response["Location"] == url("detail", idea=idea.pk)
    assert (idea.organisation, idea.theme, idea.status) == (
        world.organisation,
        world.other_theme,
        IdeaStatus.NEW,
    )
    assert idea.history.get().history_user == world.users["editor"]
    listing = client.get(url("list")).content.decode()
    assert "Sähköinen ajanvaraus kirjastoon" in listing and "Asukaskysely 2022" in listing
    log = client.get(reverse("activity:change_log", kwargs={"org": ORG})).content.decode()
    assert "Sähköinen ajanvaraus kirjastoon" in log


def test_save_and_write_another_returns_to_an_empty_form(world: World) -> None:
    client = world.client_for("editor")
    response = client.post(url("create"), {**form_data(world), "another": "1"})
    assert response.status_code == 302 and response["Location"] == url("create")


def test_bad_input_is_answered_next_to_the_field_and_nothing_is_saved(world: World) -> None:
    client = world.client_for("editor")
    response = client.post(
        url("create"),
        form_data(world, title="", received_on="3.10.", description="x" * 10_001),
        HTTP_ACCEPT_LANGUAGE="fi",
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"title", "received_on", "description"}
    assert not Idea.objects.exists()


def test_a_theme_of_another_organisation_cannot_be_chosen(world: World) -> None:
    foreign_theme = world.outsider_task.theme
    response = world.client_for("editor").post(
        url("create"), form_data(world, theme=str(foreign_theme.pk))
    )
    assert response.status_code == 400 and "theme" in response.context["form"].errors
    assert not Idea.objects.exists()


def test_a_stale_edit_is_refused_and_the_input_kept(world: World) -> None:
    idea = idea_of(world, title="Vanha otsikko")
    first, second = world.client_for("editor"), world.client_for("admin")
    data = form_data(world, title="Ensimmäisen muutos", version=str(idea.version))
    assert first.post(url("edit", idea=idea.pk), data).status_code == 302
    response = second.post(
        url("edit", idea=idea.pk), form_data(world, title="Toisen muutos", version="1")
    )
    assert response.status_code == 409
    assert "Toisen muutos" in response.content.decode()
    idea.refresh_from_db()
    assert idea.title == "Ensimmäisen muutos"


def test_a_decision_needs_a_reason_and_is_recorded(world: World) -> None:
    idea = idea_of(world)
    client = world.client_for("editor")
    refused = client.post(
        url("status", idea=idea.pk), {"status": "parked", "reason": " ", "version": idea.version}
    )
    assert refused.status_code == 400
    assert "reason" in refused.context["status_form"].errors
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.NEW and not StatusChange.objects.exists()
    done = client.post(
        url("status", idea=idea.pk),
        {"status": "parked", "reason": "Seuraavalle kaudelle.", "version": idea.version},
    )
    assert done.status_code == 302
    idea.refresh_from_db()
    assert (idea.status, idea.status_reason) == (IdeaStatus.PARKED, "Seuraavalle kaudelle.")
    change = StatusChange.objects.get()
    assert (change.from_status, change.to_status, change.changed_by) == (
        IdeaStatus.NEW,
        IdeaStatus.PARKED,
        world.users["editor"],
    )
    page = client.get(url("detail", idea=idea.pk)).content.decode()
    assert "Seuraavalle kaudelle." in page


def test_under_review_needs_no_reason(world: World) -> None:
    idea = idea_of(world)
    response = world.client_for("editor").post(
        url("status", idea=idea.pk), {"status": "under_review", "version": idea.version}
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.UNDER_REVIEW


def test_a_status_change_on_a_stale_version_is_refused(world: World) -> None:
    idea = idea_of(world)
    response = world.client_for("editor").post(
        url("status", idea=idea.pk),
        {"status": "rejected", "reason": "Ei tarvetta.", "version": idea.version + 5},
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.NEW


def test_merging_names_the_target_and_brings_its_followers(world: World) -> None:
    target, middle, follower = (idea_of(world, title=t) for t in ("Kohde", "Keski", "Seuraaja"))
    client = world.client_for("editor")
    data = {"status": "merged", "reason": "Sama asia.", "merged_into": target.pk}
    assert (
        client.post(
            url("status", idea=follower.pk), {**data, "merged_into": middle.pk, "version": 1}
        ).status_code
        == 302
    )
    assert client.post(url("status", idea=middle.pk), {**data, "version": 1}).status_code == 302
    follower.refresh_from_db()
    middle.refresh_from_db()
    assert middle.merged_into == target and follower.merged_into == target
    page = client.get(url("detail", idea=target.pk)).content.decode()
    assert "Keski" in page and "Seuraaja" in page


@pytest.mark.parametrize("target", ["itself", "merged", "foreign", "none"])
def test_a_bad_merge_is_refused(world: World, target: str) -> None:
    idea = idea_of(world)
    merged = idea_of(world, title="Yhdistetty")
    Idea.objects.filter(pk=merged.pk).update(status=IdeaStatus.MERGED, merged_into=idea.pk)
    foreign = IdeaFactory(organisation=world.outsider_organisation)
    chosen = {"itself": idea.pk, "merged": merged.pk, "foreign": foreign.pk, "none": ""}[target]
    response = world.client_for("editor").post(
        url("status", idea=idea.pk),
        {"status": "merged", "reason": "Sama.", "merged_into": chosen, "version": idea.version},
    )
    assert response.status_code == 400
    assert "merged_into" in response.context["status_form"].errors
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.NEW


def test_accepting_links_the_idea_and_the_task_both_ways(world: World) -> None:
    idea = idea_of(world, title="Vesimittarit etäluettaviksi")
    client = world.client_for("editor")
    response = client.post(
        url("accept", idea=idea.pk),
        {
            "mode": "existing",
            "idea": idea.pk,
            f"version-{idea.pk}": idea.version,
            "existing-task": world.own_task.pk,
            "existing-reason": "Otetaan tiekarttaan.",
        },
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert (idea.status, idea.task) == (IdeaStatus.ACCEPTED, world.own_task)
    task_page = client.get(
        reverse(
            "progress:task_detail",
            kwargs={"org": ORG, "roadmap": world.roadmap.slug, "task": world.own_task.pk},
        )
    ).content.decode()
    assert "Vesimittarit etäluettaviksi" in task_page and "Asukaskysely 2022" in task_page
    assert world.own_task.title in client.get(url("detail", idea=idea.pk)).content.decode()


def test_an_idea_cannot_be_accepted_into_another_organisations_or_an_archived_task(
    world: World,
) -> None:
    idea = idea_of(world)
    archived = RoadmapFactory(organisation=world.organisation, slug="vanha", is_archived=True)
    archived_task = TaskFactory(theme=ThemeFactory(roadmap=archived))
    client = world.client_for("editor")
    for task in (world.outsider_task, archived_task):
        response = client.post(
            url("accept", idea=idea.pk),
            {
                "mode": "existing",
                "idea": idea.pk,
                f"version-{idea.pk}": 1,
                "existing-task": task.pk,
                "existing-reason": "Kyllä.",
            },
        )
        assert response.status_code == 400
        assert "task" in response.context["existing_form"].errors
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.NEW and idea.task is None


def test_deleting_is_refused_while_ideas_are_merged_into_it(world: World) -> None:
    target, merged = idea_of(world), idea_of(world)
    Idea.objects.filter(pk=merged.pk).update(status=IdeaStatus.MERGED, merged_into=target.pk)
    client = world.client_for("editor")
    refused = client.post(url("delete", idea=target.pk))
    assert refused.status_code == 400 and Idea.objects.filter(pk=target.pk).exists()
    assert client.post(url("delete", idea=merged.pk)).status_code == 302
    assert client.post(url("delete", idea=target.pk)).status_code == 302
    assert not Idea.objects.exists()


def test_the_backlog_filters(world: World) -> None:
    idea_of(world, title="Kirjaston ajanvaraus", theme=world.theme)
    idea_of(world, title="Työpajan idea", source=IdeaSource.WORKSHOP, event="Työpaja 2022")
    idea_of(world, title="Hylätty idea", status=IdeaStatus.REJECTED)
    IdeaFactory(organisation=world.outsider_organisation, title="Naapurin idea")
    client = world.client_for("viewer")

    def titles(**query: Any) -> set[str]:
        page = client.get(url("list"), query).context["page"]
        return {idea.title for idea in page}

    assert titles() == {"Kirjaston ajanvaraus", "Työpajan idea", "Hylätty idea"}
    assert titles(status="rejected") == {"Hylätty idea"}
    assert titles(source="workshop") == {"Työpajan idea"}
    assert titles(event="Työpaja 2022") == {"Työpajan idea"}
    assert titles(theme=world.theme.pk) == {"Kirjaston ajanvaraus"}
    assert titles(text="kirjaston") == {"Kirjaston ajanvaraus"}


def test_the_backlog_costs_the_same_queries_for_few_and_many(
    world: World, django_assert_max_num_queries: Any
) -> None:
    client = world.client_for("viewer")
    target = idea_of(world)
    for _n in range(5):
        idea_of(world, theme=world.theme, task=world.own_task, status=IdeaStatus.ACCEPTED)
        idea_of(world, status=IdeaStatus.MERGED, merged_into=target)
    with django_assert_max_num_queries(14) as few:
        client.get(url("list"))
    for _n in range(60):
        idea_of(world, theme=world.theme, task=world.own_task, status=IdeaStatus.ACCEPTED)
        idea_of(world, status=IdeaStatus.MERGED, merged_into=target)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url("list"))


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"status": IdeaStatus.MERGED}, "idea_merged_names_its_idea"),
        ({"status": IdeaStatus.PARKED, "task": "task"}, "idea_with_task_is_accepted"),
        ({"status": IdeaStatus.PARKED, "merged_into": "self"}, "idea_merged_names_its_idea"),
        ({"status": "maybe"}, "idea_status_valid"),
        ({"source": "rumour"}, "idea_source_valid"),
    ],
)
def test_the_database_keeps_the_rules(
    world: World, fields: dict[str, Any], constraint: str
) -> None:
    idea = idea_of(world)
    values = {
        key: idea.pk if value == "self" else world.own_task.pk if value == "task" else value
        for key, value in fields.items()
    }
    values = {f"{k}_id" if k in {"task", "merged_into"} else k: v for k, v in values.items()}
    with pytest.raises(IntegrityError) as raised, transaction.atomic():
        Idea.objects.filter(pk=idea.pk).update(**values)
    assert constraint in str(raised.value) or "CHECK" in str(raised.value)


def test_an_idea_cannot_be_merged_into_itself_in_the_database(world: World) -> None:
    idea = idea_of(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        Idea.objects.filter(pk=idea.pk).update(status=IdeaStatus.MERGED, merged_into_id=idea.pk)


def test_a_viewer_reads_but_writes_nothing(world: World) -> None:
    idea = idea_of(world)
    client = world.client_for("viewer")
    page = client.get(url("detail", idea=idea.pk)).content.decode()
    assert url("edit", idea=idea.pk) not in page and url("status", idea=idea.pk) not in page
    assert url("create") not in client.get(url("list")).content.decode()
    assert client.post(url("create"), form_data(world)).status_code == 403
    assert client.post(url("status", idea=idea.pk), {"status": "rejected"}).status_code == 403
    assert client.get(url("export")).status_code == 403
    assert Idea.objects.count() == 1


def test_another_organisations_idea_is_404_inside_own_urls(world: World) -> None:
    foreign = IdeaFactory(organisation=world.outsider_organisation)
    client = world.client_for("admin")
    for name in ("detail", "edit", "accept", "delete"):
        assert client.get(url(name, idea=foreign.pk)).status_code == 404, name
    assert client.post(url("status", idea=foreign.pk), {"status": "parked"}).status_code == 404


def test_a_new_idea_is_dated_today_unless_changed(world: World) -> None:
    from django.utils import timezone

    page = world.client_for("editor").get(url("create")).content.decode()
    assert f'value="{timezone.localdate().isoformat()}"' in page
