"""The staff side of content languages, through the pages: the edit forms' language versions
beside their texts, their change in the history, and the admin's choice of the organisation's
languages on the settings page."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse

from conftest import BrowserLikeClient, World
from tests.factories import MetricFactory
from tests.html_pages import edit_form_values
from tiekartta.accounts.content_languages import set_content_languages
from tiekartta.accounts.models import AuditEvent, EventKind, Organisation, Role
from tiekartta.core.actors import Actor
from tiekartta.metrics.models import Metric
from tiekartta.roadmap.models import Roadmap, Task, Theme

pytestmark = pytest.mark.django_db

ORG, RM = "testikaupunki", "2026-2028"


def bilingual(world: World) -> None:
    """The organisation writes in Finnish and translates into Swedish."""
    Organisation.objects.filter(pk=world.organisation.pk).update(translation_languages=["sv"])


def tag_of(html: str, name: str) -> str:
    """The opening tag of the form control called `name`."""
    match = re.search(rf'<(?:input|textarea|select)\b[^>]*\bname="{re.escape(name)}"[^>]*>', html)
    assert match, f"no control named {name}"
    return match.group(0)


def field_error(html: str, name: str) -> str:
    """The error written next to a field (form_fields.html gives it the field's id)."""
    match = re.search(rf'<p class="error" id="id_{re.escape(name)}_error">(.*?)</p>', html, re.S)
    assert match, f"no error next to {name}"
    return match.group(1)


# --- The edit and create forms ----------------------------------------------------------------


@dataclass
class Form:
    """One form with translatable texts: where it is, who may use it, what it must be given
    besides the texts, and the object it saves (None before a create)."""

    url: str
    persona: str
    fields: tuple[str, ...]  # the translatable fields, the first the name or title
    limit: int  # the first field's limit
    required: dict[str, Any]
    saved: Callable[[], Any]


def _task_edit(world: World) -> Form:
    pk = world.own_task.pk
    return Form(
        reverse("roadmap:task_edit", kwargs={"org": ORG, "roadmap": RM, "task": pk}),
        Role.EDITOR,
        ("title", "description", "public_summary"),
        200,
        {},
        lambda: Task.objects.get(pk=pk),
    )


def _task_create(world: World) -> Form:
    return Form(
        reverse("roadmap:task_create", kwargs={"org": ORG, "roadmap": RM}),
        Role.EDITOR,
        ("title", "description", "public_summary"),
        200,
        {
            "title": "Sähköinen ilmoittautuminen",
            "theme": world.theme.pk,
            "owner": world.other_person.pk,
        },
        lambda: Task.objects.filter(title="Sähköinen ilmoittautuminen").first(),
    )


def _theme_edit(world: World) -> Form:
    pk = world.other_theme.pk
    return Form(
        reverse("roadmap:theme_edit", kwargs={"org": ORG, "roadmap": RM, "theme": pk}),
        Role.EDITOR,
        ("name", "description"),
        120,
        {},
        lambda: Theme.objects.get(pk=pk),
    )


def _theme_create(world: World) -> Form:
    return Form(
        reverse("roadmap:theme_create", kwargs={"org": ORG, "roadmap": RM}),
        Role.EDITOR,
        ("name", "description"),
        120,
        {"name": "Osallisuus"},
        lambda: Theme.objects.filter(name="Osallisuus").first(),
    )


def _roadmap_edit(world: World) -> Form:
    pk = world.roadmap.pk
    return Form(
        reverse("roadmap:roadmap_edit", kwargs={"org": ORG, "roadmap": RM}),
        Role.ADMIN,
        ("title", "description"),
        200,
        {},
        lambda: Roadmap.objects.get(pk=pk),
    )


def _roadmap_create(world: World) -> Form:
    return Form(
        reverse("roadmap:roadmap_create", kwargs={"org": ORG}),
        Role.ADMIN,
        ("title", "description"),
        200,
        {"title": "Tiekartta 2029–2031", "slug": "2029-2031", "start_year": 2029, "end_year": 2031},
        lambda: Roadmap.objects.filter(slug="2029-2031").first(),
    )


def _metric_edit(world: World) -> Form:
    metric = MetricFactory(roadmap=world.roadmap, owner=world.other_person, name="Avoin data")
    pk = metric.pk
    return Form(
        reverse("metrics:edit", kwargs={"org": ORG, "roadmap": RM, "metric": pk}),
        Role.EDITOR,
        ("name", "description"),
        200,
        {},
        lambda: Metric.objects.get(pk=pk),
    )


def _metric_create(world: World) -> Form:
    return Form(
        reverse("metrics:create", kwargs={"org": ORG, "roadmap": RM}),
        Role.EDITOR,
        ("name", "description"),
        200,
        {
            "name": "Sähköiset asioinnit",
            "owner": world.other_person.pk,
            "unit": "count",
            "direction": "higher",
            "frequency": "quarterly",
            "baseline_value": "100",
            "baseline_date": "2025-12-31",
            "target_value": "500",
            "target_date": "2028-12-31",
        },
        lambda: Metric.objects.filter(name="Sähköiset asioinnit").first(),
    )


FORMS: dict[str, Callable[[World], Form]] = {
    "task edit": _task_edit,
    "task create": _task_create,
    "theme edit": _theme_edit,
    "theme create": _theme_create,
    "roadmap edit": _roadmap_edit,
    "roadmap create": _roadmap_create,
    "metric edit": _metric_edit,
    "metric create": _metric_create,
}
EDIT_FORMS = [name for name in FORMS if name.endswith("edit")]

SWEDISH = {
    "title": "Fjärravläsning av vattenmätare",
    "name": "Öppna data",
    "description": "Mätarna läses på distans.",
    "public_summary": "Invånarna ser sin förbrukning.",
}


def opened(world: World, form: Form) -> tuple[BrowserLikeClient, str, dict[str, Any]]:
    """The persona's client, the form page and what it submits as it stands, with what the
    form must be given filled in."""
    client = world.client_for(form.persona)
    response = client.get(form.url)
    assert response.status_code == 200
    html = response.content.decode()
    return client, html, {**edit_form_values(html), **form.required}


@pytest.mark.parametrize("name", FORMS)
def test_a_bilingual_organisations_form_shows_each_swedish_version_beside_its_finnish_text(
    world: World, name: str
) -> None:
    bilingual(world)
    form = FORMS[name](world)
    _client, html, _values = opened(world, form)
    for field in form.fields:
        primary, version = tag_of(html, field), tag_of(html, f"{field}__sv")
        assert 'lang="fi"' in primary
        assert 'lang="sv"' in version
        # The version follows its text inside one group, before any other field.
        group = re.search(
            rf'<div class="language-versions">(?:(?!<div class="language-versions">).)*?'
            rf'name="{field}".*?name="{field}__sv"',
            html,
            re.S,
        )
        assert group, f"{field} and its Swedish version are not side by side"
        assert f'<label for="id_{field}__sv">' in html
    assert "(svenska)" in html and "(suomi)" in html


@pytest.mark.parametrize("name", FORMS)
def test_saving_the_form_stores_the_swedish_versions(world: World, name: str) -> None:
    bilingual(world)
    form = FORMS[name](world)
    client, _html, values = opened(world, form)
    versions = {f"{field}__sv": SWEDISH[field] for field in form.fields}

    response = client.post(form.url, {**values, **versions})

    assert response.status_code == 302, re.findall(
        r'class="error"[^>]*>[^<]*', response.content.decode()
    )
    saved = form.saved()
    assert saved is not None
    assert saved.translations == {"sv": {field: SWEDISH[field] for field in form.fields}}
    # The form shows them again when opened.
    again = client.get(form.url).content.decode() if name in EDIT_FORMS else ""
    if again:
        assert edit_form_values(again)[f"{form.fields[0]}__sv"] == SWEDISH[form.fields[0]]


@pytest.mark.parametrize("name", FORMS)
def test_a_swedish_version_over_the_fields_limit_is_refused_next_to_it_and_nothing_saved(
    world: World, name: str
) -> None:
    bilingual(world)
    form = FORMS[name](world)
    before = form.saved()
    snapshot = (
        (getattr(before, form.fields[0]), before.translations, before.version)
        if before is not None
        else None
    )
    client, _html, values = opened(world, form)
    field = form.fields[0]
    too_long = "å" * (form.limit + 1)

    response = client.post(
        form.url,
        {**values, field: f"{values[field]} muutettu"[: form.limit], f"{field}__sv": too_long},
    )

    assert response.status_code in {200, 400}
    html = response.content.decode()
    assert str(form.limit) in field_error(html, f"{field}__sv")
    # What the user typed stays in the form, for them to shorten.
    assert edit_form_values(html)[f"{field}__sv"] == too_long
    after = form.saved()
    if snapshot is None:
        assert after is None, "nothing is created"
    else:
        assert (getattr(after, field), after.translations, after.version) == snapshot


@pytest.mark.parametrize("name", FORMS)
def test_a_finnish_only_organisations_form_has_no_version_fields(world: World, name: str) -> None:
    form = FORMS[name](world)
    client, html, values = opened(world, form)
    assert not [key for key in values if "__" in key]
    assert "language-versions" not in html
    assert not re.search(r"<(?:input|textarea)\b[^>]*\blang=", html), "no text marked"
    assert "(suomi)" not in html  # a single language needs no name beside each label
    # A Swedish version posted anyway (an old tab) is not stored.
    response = client.post(form.url, {**values, f"{form.fields[0]}__sv": "Något"})
    assert response.status_code == 302
    assert form.saved().translations == {}


def _change_rows(html: str, label: str) -> list[tuple[str, str, str, str]]:
    """The history tables' rows for `label`: (before's attributes, before, after's, after)."""
    return re.findall(
        rf'<tr><th scope="row">{re.escape(label)}</th><td([^>]*)>(.*?)</td><td([^>]*)>(.*?)</td>',
        html,
    )


@pytest.mark.parametrize("name", EDIT_FORMS)
def test_the_change_log_shows_a_versions_change_as_old_and_new(world: World, name: str) -> None:
    bilingual(world)
    form = FORMS[name](world)
    client, _html, values = opened(world, form)
    field = form.fields[0]
    assert client.post(form.url, {**values, f"{field}__sv": "Gammal text"}).status_code == 302
    values = edit_form_values(client.get(form.url).content.decode())
    assert client.post(form.url, {**values, f"{field}__sv": "Ny text"}).status_code == 302

    log = client.get(reverse("activity:change_log", kwargs={"org": ORG})).content.decode()

    label = f"{field.replace('_', ' ').capitalize()} (svenska)"
    rows = _change_rows(log, label)
    # Newest first: the change, then the version's creation from nothing.
    assert rows[0] == (' lang="sv"', "Gammal text", ' lang="sv"', "Ny text"), rows
    assert rows[1][1:] == ("–", ' lang="sv"', "Gammal text"), rows
    assert "translations" not in log.lower().split("<main", 1)[-1].split("</main>")[0], (
        "the JSON column is not shown by its name"
    )


def test_the_task_pages_history_shows_the_swedish_titles_change(world: World) -> None:
    bilingual(world)
    form = _task_edit(world)
    client, _html, values = opened(world, form)
    assert client.post(form.url, {**values, "title__sv": "Gammal titel"}).status_code == 302
    values = edit_form_values(client.get(form.url).content.decode())
    assert client.post(form.url, {**values, "title__sv": "Ny titel"}).status_code == 302

    page = client.get(
        reverse(
            "progress:task_detail", kwargs={"org": ORG, "roadmap": RM, "task": world.own_task.pk}
        )
    ).content.decode()

    assert _change_rows(page, "Title (svenska)")[0] == (
        ' lang="sv"',
        "Gammal titel",
        ' lang="sv"',
        "Ny titel",
    )


# --- The organisation's languages on the settings page --------------------------------------

SETTINGS = reverse("progress:settings", kwargs={"org": ORG})


def languages_form(html: str) -> dict[str, Any]:
    """What the languages form of the settings page submits as it stands."""
    return edit_form_values(html, "languages-started_from")


def saved_languages(world: World) -> tuple[str, list[str]]:
    organisation = Organisation.objects.get(pk=world.organisation.pk)
    return organisation.primary_language, organisation.translation_languages


def test_the_admin_adds_swedish_and_the_change_is_recorded(world: World) -> None:
    client = world.client_for(Role.ADMIN)
    values = languages_form(client.get(SETTINGS).content.decode())
    assert values["form"] == "languages"
    assert values["languages-started_from"] == "fi"

    response = client.post(SETTINGS, {**values, "languages-languages": ["fi", "sv"]})

    assert response.status_code == 302
    assert saved_languages(world) == ("fi", ["sv"])
    event = AuditEvent.objects.get(
        organisation=world.organisation, kind=EventKind.ORGANISATION_CHANGED
    )
    assert event.actor == world.users["admin"]
    assert event.data == {"translation_languages": [[], ["sv"]]}
    page = client.get(response.url).content.decode()
    assert "The languages of the content were saved." in page
    # The edit forms follow at once.
    task_form = client.get(
        reverse("roadmap:task_edit", kwargs={"org": ORG, "roadmap": RM, "task": world.own_task.pk})
    ).content.decode()
    assert 'name="title__sv"' in task_form


@pytest.mark.parametrize(
    ("persona", "status"),
    [(Role.EDITOR, 403), (Role.OWNER, 403), (Role.VIEWER, 403), ("outsider", 404)],
)
def test_only_the_admin_may_change_the_languages(world: World, persona: str, status: int) -> None:
    client = world.client_for(persona)
    assert client.get(SETTINGS).status_code == status
    response = client.post(
        SETTINGS,
        {
            "form": "languages",
            "languages-languages": ["fi", "sv"],
            "languages-primary_language": "fi",
            "languages-started_from": "fi",
        },
    )
    assert response.status_code == status
    assert saved_languages(world) == ("fi", [])
    assert not AuditEvent.objects.filter(kind=EventKind.ORGANISATION_CHANGED).exists()


def test_a_new_primary_language_is_refused_while_texts_lack_it(world: World) -> None:
    bilingual(world)
    # One task has its Swedish title: the rest of the roadmap's texts have none.
    Task.objects.filter(pk=world.own_task.pk).update(
        translations={"sv": {"title": "Fjärravläsning av vattenmätare"}}
    )
    client = world.client_for(Role.ADMIN)
    values = languages_form(client.get(SETTINGS).content.decode())
    assert values["languages-started_from"] == "fi,sv"

    response = client.post(SETTINGS, {**values, "languages-primary_language": "sv"})

    assert response.status_code == 200
    html = response.content.decode()
    error = field_error(html, "languages-primary_language")
    assert "no Swedish version yet" in error
    assert "translate them before making Swedish the primary language" in error
    assert re.search(r"\d+ texts have", error)
    assert saved_languages(world) == ("fi", ["sv"])
    task = Task.objects.get(pk=world.own_task.pk)
    assert task.title == "Vesimittarien etäluenta"
    assert task.translations == {"sv": {"title": "Fjärravläsning av vattenmätare"}}
    assert not AuditEvent.objects.filter(kind=EventKind.ORGANISATION_CHANGED).exists()


def test_a_stale_languages_form_is_refused_with_409_and_says_what_is_saved(world: World) -> None:
    client = world.client_for(Role.ADMIN)
    values = languages_form(client.get(SETTINGS).content.decode())
    # Meanwhile another admin adds English.
    set_content_languages(
        actor=Actor.for_user(world.users["admin"]),
        organisation=Organisation.objects.get(pk=world.organisation.pk),
        primary="fi",
        languages=["fi", "en"],
    )

    response = client.post(SETTINGS, {**values, "languages-languages": ["fi", "sv"]})

    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed the languages while you were editing them" in html
    assert "Finnish, English" in html
    assert saved_languages(world) == ("fi", ["en"])
    kept = languages_form(html)
    assert sorted(kept["languages-languages"]) == ["fi", "sv"], "the user's choice stays"
    assert kept["languages-started_from"] == "fi,en"
    # Having seen it, the admin saves again.
    assert client.post(SETTINGS, kept).status_code == 302
    assert saved_languages(world) == ("fi", ["sv"])
