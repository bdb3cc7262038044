"""The Django admin is never a side door: every domain model is read-only there, for superusers
too; staff who are not superusers read only the organisations they administer (lists, view
pages, history, raw-id pop-ups, autocomplete); organisations and users, which have no product
page, are written by superusers through the services, with an audit event."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.db.models import Model

from conftest import BrowserLikeClient, World
from tests.factories import MetricFactory, MetricValueFactory, ProgressEntryFactory
from tiekartta.accounts.models import AuditEvent, EventKind, Organisation, Role, User

# Models with product pages (or records of what happened): the admin only shows them.
DOMAIN_APPS = {"roadmap", "progress", "metrics", "maturity", "imports", "api", "reports"}


# The memberships shown read-only on an organisation's page post no rows.
NO_MEMBERSHIP_ROWS = {"memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0"}


def _admin_url(model: type[Model], view: str, *args: object) -> str:
    opts = model._meta
    base = f"/admin/{opts.app_label}/{opts.model_name}/"
    return base + "".join(f"{arg}/" for arg in args) + (f"{view}/" if view else "")


def _domain_models() -> list[type[Model]]:
    registered = [
        model
        for model in admin.site._registry
        if model._meta.app_label in DOMAIN_APPS
        or model._meta.model_name in {"membership", "auditevent"}
    ]
    assert len(registered) >= 12, registered
    return registered


@pytest.fixture
def filled(world: World) -> World:
    """One object of the models the world lacks, in each organisation."""
    for roadmap in (world.roadmap, world.outsider_roadmap):
        metric = MetricFactory(roadmap=roadmap, name=f"Mittari {roadmap.slug}")
        MetricValueFactory(metric=metric)
    ProgressEntryFactory(task=world.own_task)
    ProgressEntryFactory(task=world.outsider_task)
    return world


def _staff_client(world: World) -> BrowserLikeClient:
    """The organisation's administrator made staff with every permission Django knows: the
    admin still writes nothing and shows only their organisation."""
    staff = world.users[Role.ADMIN]
    staff.is_staff = True
    staff.save()
    staff.user_permissions.set(Permission.objects.all())
    return world.client_for(Role.ADMIN)


def _superuser_client(world: World) -> tuple[User, BrowserLikeClient]:
    boss = User.objects.create_superuser("root", "root@example.org", "x-long-password-1")
    client = BrowserLikeClient()
    client.csrf_token()
    client.force_login(boss)
    return boss, client


def _own_and_foreign(model: type[Model], world: World) -> tuple[Model | None, Model | None]:
    path = admin.site._registry[model].organisation_path  # type: ignore[attr-defined]
    own = model._default_manager.filter(**{path: world.organisation}).first()
    foreign = model._default_manager.filter(**{path: world.outsider_organisation}).first()
    return own, foreign


def test_staff_cannot_add_change_or_delete_any_domain_model(filled: World) -> None:
    client = _staff_client(filled)
    for model in _domain_models():
        own, _foreign = _own_and_foreign(model, filled)
        assert client.get(_admin_url(model, "add")).status_code == 403, model
        assert client.post(_admin_url(model, "add"), {}).status_code == 403, model
        if own is None:
            continue
        before = model._default_manager.count()
        assert client.post(_admin_url(model, "change", own.pk), {}).status_code == 403, model
        assert client.post(_admin_url(model, "delete", own.pk), {"post": "yes"}).status_code == 403
        bulk = client.post(
            _admin_url(model, ""),
            {"action": "delete_selected", "_selected_action": [own.pk], "post": "yes"},
        )
        assert model._default_manager.count() == before, (model, bulk.status_code)


def test_staff_read_only_their_organisation(filled: World) -> None:
    client = _staff_client(filled)
    for model in _domain_models():
        own, foreign = _own_and_foreign(model, filled)
        changelist = client.get(_admin_url(model, ""))
        assert changelist.status_code == 200, model
        popup = client.get(_admin_url(model, ""), {"_to_field": "id", "_popup": "1"})
        for page in (changelist, popup):
            shown = {obj.pk for obj in page.context["cl"].result_list}
            if own is not None:
                assert own.pk in shown, model
            if foreign is not None:
                assert foreign.pk not in shown, model
        if own is not None:
            view = client.get(_admin_url(model, "change", own.pk))
            assert view.status_code == 200, model
            # A view page: no form field to write, no save button.
            assert 'name="_save"' not in view.content.decode(), model
        if foreign is not None:
            assert client.get(_admin_url(model, "change", foreign.pk)).status_code == 302
            if hasattr(model, "history"):
                assert client.get(_admin_url(model, "history", foreign.pk)).status_code == 404


def test_staff_see_only_their_organisation_in_user_lists_and_autocomplete(world: World) -> None:
    client = _staff_client(world)
    users = client.get("/admin/accounts/user/")
    shown = {user.username for user in users.context["cl"].result_list}
    assert "editor-user" in shown and "outsider-user" not in shown
    # Any user field's autocomplete reads the user admin's list.
    found = client.get(
        "/admin/autocomplete/",
        {"app_label": "roadmap", "model_name": "person", "field_name": "user", "term": "user"},
    ).json()
    ids = {int(row["id"]) for row in found["results"]}
    assert world.users[Role.EDITOR].pk in ids and world.users["outsider"].pk not in ids
    tasks = client.get(
        "/admin/autocomplete/",
        {"app_label": "roadmap", "model_name": "task", "field_name": "predecessors", "term": ""},
    ).json()
    task_ids = {int(row["id"]) for row in tasks["results"]}
    assert world.own_task.pk in task_ids and world.outsider_task.pk not in task_ids
    other = client.get(f"/admin/accounts/user/{world.users['outsider'].pk}/change/")
    assert other.status_code == 302
    editor_page = f"/admin/accounts/user/{world.users['editor'].pk}/change/"
    assert client.post(editor_page).status_code == 403
    assert client.post("/admin/accounts/organisation/add/", {"name": "X"}).status_code == 403


def test_superuser_writes_no_domain_model_in_the_admin(world: World) -> None:
    _boss, client = _superuser_client(world)
    theme = world.other_theme
    response = client.post(
        f"/admin/roadmap/theme/{theme.pk}/change/",
        {"roadmap": world.roadmap.pk, "name": "Ohi palveluiden", "order": 3, "colour": "green"},
    )
    assert response.status_code == 403
    task_add = client.post(
        "/admin/roadmap/task/add/",
        {"roadmap": world.outsider_roadmap.pk, "title": "Sivuovesta", "start": "2026Q1"},
    )
    assert task_add.status_code == 403
    theme.refresh_from_db()
    assert theme.name == "Digituki"
    # Nor through reverting to an old version on the history page.
    version = theme.history.first()
    revert = f"/admin/roadmap/theme/{theme.pk}/history/{version.history_id}/"
    assert client.get(revert).status_code == 200
    assert client.post(revert, {"name": "Vanha"}).status_code == 403
    assert client.get(f"/admin/roadmap/task/{world.outsider_task.pk}/change/").status_code == 200


def test_the_content_languages_are_shown_not_edited_in_the_admin(world: World) -> None:
    """The settings page's service refuses a primary language the texts lack; the admin's
    form would skip that check, so there the languages are read-only."""
    _boss, client = _superuser_client(world)
    organisation = world.organisation
    address = f"/admin/accounts/organisation/{organisation.pk}/change/"
    page = client.get(address).content.decode()
    assert 'name="primary_language"' not in page and 'name="translation_languages"' not in page
    response = client.post(
        address,
        {
            "name": organisation.name,
            "slug": organisation.slug,
            "primary_language": "sv",
            "translation_languages": '["fi"]',
            **NO_MEMBERSHIP_ROWS,
        },
    )
    assert response.status_code == 302, _errors_of(response)
    organisation.refresh_from_db()
    assert (organisation.primary_language, organisation.translation_languages) == ("fi", [])


def _errors_of(response: Any) -> list[str]:
    return [line for line in response.content.decode().splitlines() if "error" in line.lower()]


def test_superuser_changes_an_organisation_through_the_service(world: World) -> None:
    boss, client = _superuser_client(world)
    organisation = world.organisation
    response = client.post(
        f"/admin/accounts/organisation/{organisation.pk}/change/",
        {"name": "Testikaupunki (uusi nimi)", "slug": "testikaupunki", **NO_MEMBERSHIP_ROWS},
    )
    assert response.status_code == 302, _errors_of(response)
    organisation.refresh_from_db()
    assert organisation.name == "Testikaupunki (uusi nimi)"
    event = AuditEvent.objects.get(kind=EventKind.ORGANISATION_CHANGED)
    assert event.actor == boss and event.organisation == organisation
    assert event.data == {"name": ["Testikaupunki", "Testikaupunki (uusi nimi)"]}
    assert organisation.history.first().history_user == boss

    added = client.post(
        "/admin/accounts/organisation/add/",
        {"name": "Uusikunta", "slug": "uusikunta", **NO_MEMBERSHIP_ROWS},
    )
    assert added.status_code == 302
    new = Organisation.objects.get(slug="uusikunta")
    assert AuditEvent.objects.get(kind=EventKind.ORGANISATION_CREATED).organisation == new
    # Removing an organisation takes everything with it: no service does that here.
    removal = client.post(f"/admin/accounts/organisation/{new.pk}/delete/", {"post": "yes"})
    assert removal.status_code == 403


def test_superuser_creates_a_user_and_sets_a_password_through_the_services(world: World) -> None:
    boss, client = _superuser_client(world)
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "username": "uusi-kayttaja",
            "usable_password": "true",
            "password1": "pitka-salasana-2026",
            "password2": "pitka-salasana-2026",
        },
    )
    assert response.status_code == 302, _errors_of(response)
    user = User.objects.get(username="uusi-kayttaja")
    assert user.check_password("pitka-salasana-2026")
    assert AuditEvent.objects.get(kind=EventKind.USER_CREATED).actor == boss

    editor = world.users[Role.EDITOR]
    changed = client.post(
        f"/admin/accounts/user/{editor.pk}/password/",
        {
            "usable_password": "true",
            "password1": "toinen-pitka-salasana",
            "password2": "toinen-pitka-salasana",
        },
    )
    assert changed.status_code == 302, changed.content.decode()[:2000]
    editor.refresh_from_db()
    assert editor.check_password("toinen-pitka-salasana")
    event = AuditEvent.objects.get(kind=EventKind.USER_CHANGED, subject=editor.username)
    assert event.actor == boss and event.organisation == world.organisation
    assert event.data == {"fields": ["password"]}
