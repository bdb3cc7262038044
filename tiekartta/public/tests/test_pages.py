"""The public site as a resident reads it, and as the staff publish it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World
from tests.factories import MetricFactory, MetricValueFactory, TaskFactory
from tiekartta.roadmap.models import FollowUpSettings, Roadmap, Task

pytestmark = pytest.mark.django_db


def _publish(world: World) -> None:
    Roadmap.objects.filter(pk=world.roadmap.pk).update(is_public=True)
    world.roadmap.refresh_from_db()


def _url(world: World, name: str = "public:roadmap", **kwargs: Any) -> str:
    args = {"org": world.organisation.slug}
    if name != "public:organisation":
        args["roadmap"] = world.roadmap.slug
    return reverse(name, kwargs={**args, **kwargs})


@pytest.fixture
def published(world: World) -> World:
    _publish(world)
    Task.objects.filter(pk=world.own_task.pk).update(
        is_public=True, public_summary="Mittarit vaihdetaan syksyllä.", unit="Vesihuolto"
    )
    Task.objects.filter(pk=world.others_task.pk).update(description="Sisäinen kuvaus")
    return world


def test_front_page_lists_public_sites_for_a_visitor(published: World) -> None:
    response = Client().get("/?lang=sv")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'lang="sv"' in body
    assert published.organisation.name in body
    assert published.outsider_organisation.name not in body  # nothing published there
    assert reverse("public:organisation", kwargs={"org": published.organisation.slug}) in body
    assert reverse("accounts:login") in body
    assert not response.cookies


def test_front_page_of_a_signed_in_user_is_their_home(published: World) -> None:
    response = published.client_for("editor").get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/o/")


def test_roadmap_page_shows_only_public_tasks_and_fields(published: World) -> None:
    response = Client().get(_url(published) + "?lang=fi")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Vesimittarien etäluenta" in body
    assert "Mittarit vaihdetaan syksyllä." in body
    assert "Vesihuolto" in body
    assert "Kokoelmajärjestelmä" not in body  # not public
    assert "Tekninen johtaja" not in body  # the owner's name: names are hidden by default
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["ETag"]
    assert not response.cookies
    assert response["Content-Language"] == "fi"


def test_names_when_the_organisation_allows(published: World) -> None:
    FollowUpSettings.objects.create(organisation=published.organisation, public_shows_names=True)
    body = Client().get(_url(published)).content.decode()
    assert "Tekninen johtaja, Vesihuolto" in body


def test_filters_and_search_in_the_address(published: World) -> None:
    TaskFactory(
        theme=published.other_theme,
        owner=published.other_person,
        title="Digituen kurssit",
        is_public=True,
        status="done",
    )
    url = _url(published)
    assert "Digituen kurssit" not in Client().get(url, {"q": "vesimittari"}).content.decode()
    found = Client().get(url, {"q": "VESIMITTARI"}).content.decode()
    assert "Vesimittarien etäluenta" in found
    by_theme = Client().get(url, {"theme": published.other_theme.pk}).content.decode()
    assert "Digituen kurssit" in by_theme and "Vesimittarien etäluenta" not in by_theme
    by_status = Client().get(url, {"status": "done"}).content.decode()
    assert "Digituen kurssit" in by_status and "Vesimittarien etäluenta" not in by_status
    # Nonsense in the address is ignored, not an error.
    assert Client().get(url, {"theme": "x" * 30, "status": "??", "page": "-1"}).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/julkinen/ei-ole/",
        "/julkinen/testikaupunki/ei-ole/",
        "/julkinen/naapurikunta/",  # an organisation without a published roadmap
        "/julkinen/naapurikunta/2024-2026/",
    ],
)
def test_unknown_organisation_or_roadmap_is_404_without_a_cookie(
    published: World, path: str
) -> None:
    response = Client().get(path)
    assert response.status_code == 404
    assert not response.cookies


def test_unpublished_roadmap_and_non_public_task_are_404(world: World) -> None:
    assert Client().get(_url(world)).status_code == 404
    _publish(world)
    task_url = _url(world, "public:task", task=world.others_task.pk)
    assert Client().get(task_url).status_code == 404
    Task.objects.filter(pk=world.others_task.pk).update(is_public=True)
    assert Client().get(task_url).status_code == 200
    assert Client().get(_url(world, "public:task", task=world.outsider_task.pk)).status_code == 404


def test_repeat_with_the_etag_is_304_and_a_change_renews_it(
    published: World, django_assert_max_num_queries: Any
) -> None:
    url = _url(published)
    first = Client().get(url)
    with django_assert_max_num_queries(2):  # the organisation and the one aggregate
        again = Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == "public, max-age=300"
    assert Client().get(url + "?lang=sv", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
    task = published.others_task
    task.is_public = True
    task.save()  # a task put on the site: every validator changes
    assert Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_constant_queries_per_page(published: World, django_assert_max_num_queries: Any) -> None:
    for _n in range(30):
        TaskFactory(theme=published.theme, owner=published.other_person, is_public=True)
    metric = MetricFactory(roadmap=published.roadmap, owner=published.other_person, is_public=True)
    MetricValueFactory(metric=metric)
    for name in ("public:roadmap", "public:timeline", "public:metrics"):
        with django_assert_max_num_queries(9):
            assert Client().get(_url(published, name)).status_code == 200
    with django_assert_max_num_queries(9):
        assert Client().get(_url(published, "public:organisation")).status_code == 200


def test_metrics_page_shows_public_metrics_with_chart_and_table(published: World) -> None:
    shown = MetricFactory(roadmap=published.roadmap, owner=published.other_person, is_public=True)
    MetricValueFactory(metric=shown, period="2026Q1", value=25)
    MetricFactory(roadmap=published.roadmap, owner=published.other_person, name="Sisäinen mittari")
    body = Client().get(_url(published, "public:metrics")).content.decode()
    assert shown.name in body and "<svg" in body and "<table" in body
    assert "Sisäinen mittari" not in body


def test_timeline_lists_public_tasks_by_quarter(published: World) -> None:
    body = Client().get(_url(published, "public:timeline") + "?lang=sv").content.decode()
    assert "Vesimittarien etäluenta" in body and "Kokoelmajärjestelmä" not in body


# Staff side ----------------------------------------------------------------------------------


def test_admin_publishes_the_roadmap_from_its_form(world: World) -> None:
    roadmap = world.roadmap
    client = world.client_for("admin")
    response = client.post(
        reverse(
            "roadmap:roadmap_edit", kwargs={"org": world.organisation.slug, "roadmap": roadmap.slug}
        ),
        {
            "title": roadmap.title,
            "slug": roadmap.slug,
            "start_year": roadmap.start_year,
            "end_year": roadmap.end_year,
            "description": "",
            "is_public": "on",
            "version": roadmap.version,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    roadmap.refresh_from_db()
    assert roadmap.is_public


def test_owner_writes_the_public_summary_with_a_progress_entry(world: World) -> None:
    import time_machine

    task = world.own_task
    url = reverse(
        "progress:record",
        kwargs={"org": world.organisation.slug, "roadmap": world.roadmap.slug, "task": task.pk},
    )
    with time_machine.travel("2026-09-10 12:00", tick=False):
        client = world.client_for("owner")
        form = client.get(url)
        assert 'name="public_summary"' in form.content.decode()
        response = client.post(
            url,
            {
                "quarter": "2026Q3",
                "completion": "30",
                "status": "in_progress",
                "note": "Sisäinen",
                "public_summary": "Asennukset alkavat.",
            },
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    task.refresh_from_db()
    assert task.public_summary == "Asennukset alkavat."
    assert task.public_summary_updated_at is not None


def test_admin_sets_whether_names_are_shown(world: World) -> None:
    client = world.client_for("admin")
    url = reverse("progress:settings", kwargs={"org": world.organisation.slug})
    page = client.get(url).content.decode()
    assert 'name="public_shows_names"' in page
    response = client.post(
        url,
        {
            "risk_margin": 15,
            "reminder_days_before": 7,
            "sign_in_link_hours": 72,
            "metric_grace_days": 45,
            "public_shows_names": "on",
            "version": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert FollowUpSettings.objects.get(organisation=world.organisation).public_shows_names


def test_metric_and_task_forms_offer_the_public_fields(world: World) -> None:
    metric = MetricFactory(roadmap=world.roadmap, owner=world.other_person)
    client = world.client_for("admin")
    args = {"org": world.organisation.slug, "roadmap": world.roadmap.slug}
    metric_form = client.get(reverse("metrics:edit", kwargs={**args, "metric": metric.pk}))
    assert 'name="is_public"' in metric_form.content.decode()
    task_form = client.get(reverse("roadmap:task_edit", kwargs={**args, "task": world.own_task.pk}))
    assert 'name="public_summary"' in task_form.content.decode()
    roadmap_form = client.get(reverse("roadmap:roadmap_edit", kwargs=args))
    assert 'name="is_public"' in roadmap_form.content.decode()


def test_admin_publishes_an_archived_roadmap(world: World) -> None:
    Roadmap.objects.filter(pk=world.roadmap.pk).update(is_archived=True)
    args = {"org": world.organisation.slug, "roadmap": world.roadmap.slug}
    overview = world.client_for("admin").get(reverse("roadmap:overview", kwargs=args))
    assert 'name="public" value="1"' in overview.content.decode()
    url = reverse("roadmap:roadmap_archive", kwargs=args)
    assert world.client_for("editor").post(url, {"public": "1"}).status_code == 403
    response = world.client_for("admin").post(url, {"public": "1"})
    assert response.status_code == 302
    world.roadmap.refresh_from_db()
    assert world.roadmap.is_public and world.roadmap.is_archived
    assert Client().get(reverse("public:roadmap", kwargs=args)).status_code == 200
