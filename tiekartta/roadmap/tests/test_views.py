"""The roadmap pages as users drive them: forms, field errors, filters, reorder, history."""

from django.urls import reverse

from conftest import World
from tests.factories import TaskFactory
from tiekartta.accounts.models import Role
from tiekartta.roadmap.models import Person, Roadmap, Status, Task, Theme

ORG = "testikaupunki"
RM = "2026-2028"


def url(name: str, **kwargs: object) -> str:
    if name in {
        "roadmap_list",
        "roadmap_create",
        "person_list",
        "person_create",
        "person_edit",
        "person_delete",
    }:
        return reverse(f"roadmap:{name}", kwargs={"org": ORG, **kwargs})
    return reverse(f"roadmap:{name}", kwargs={"org": ORG, "roadmap": RM, **kwargs})


def task_form(world: World, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Sähköinen ilmoittautuminen",
        "description": "Harrastuksiin ja tapahtumiin.",
        "theme": world.theme.pk,
        "kind": "implementation",
        "owner": world.other_person.pk,
        "collaborators": [world.owner_person.pk],
        "collaborating_units": "Kirjasto",
        "unit": "Vapaa-aikapalvelut",
        "start": "2026Q2",
        "due": "2026Q4",
        "priority": "high",
        "status": "planned",
        "quick_win": "on",
        "is_public": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_editor_creates_a_task_and_sees_it_with_history(world: World) -> None:
    client = world.client_for(Role.EDITOR)
    # Starting in the quarter the predecessor ends in: no schedule conflict to confirm.
    response = client.post(
        url("task_create"), task_form(world, start="2026Q4", predecessors=[world.own_task.pk])
    )
    assert response.status_code == 302
    task = Task.objects.get(title="Sähköinen ilmoittautuminen")
    assert task.quick_win and task.is_public and task.roadmap == world.roadmap
    page = client.get(response.url).content.decode()
    assert "Sähköinen ilmoittautuminen" in page
    assert "Vesimittarien etäluenta" in page  # predecessor listed
    assert ("Created" in page and "editor-user" not in page) or "Testi" in page
    successor_page = client.get(
        reverse(
            "progress:task_detail", kwargs={"org": ORG, "roadmap": RM, "task": world.own_task.pk}
        )
    ).content.decode()
    assert "Sähköinen ilmoittautuminen" in successor_page


def test_task_form_errors_show_next_to_fields_and_nothing_is_saved(world: World) -> None:
    client = world.client_for(Role.EDITOR)
    before = Task.objects.count()
    response = client.post(
        url("task_create"), task_form(world, title="", start="2027Q1", due="2026Q1")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_title_error"' in page
    assert "cannot be before the target start" in page
    response = client.post(url("task_create"), task_form(world, start="2030Q1"))
    assert "within the roadmap period" in response.content.decode()
    assert 'id="id_start_error"' in response.content.decode()
    outsider_person = Person.objects.create(organisation=world.outsider_organisation, name="Vieras")
    response = client.post(url("task_create"), task_form(world, owner=outsider_person.pk))
    assert 'id="id_owner_error"' in response.content.decode()
    assert Task.objects.count() == before


def test_predecessor_cycle_is_refused_in_the_form(world: World) -> None:
    client = world.client_for(Role.EDITOR)
    world.others_task.predecessors.add(world.own_task)
    data = task_form(
        world,
        title=world.own_task.title,
        predecessors=[world.others_task.pk],
        version=world.own_task.version,
    )
    response = client.post(url("task_edit", task=world.own_task.pk), data)
    assert "cycle" in response.content.decode()
    assert not world.own_task.predecessors.exists()


def test_second_concurrent_edit_is_refused_and_keeps_the_first(world: World) -> None:
    first, second = world.client_for(Role.EDITOR), world.client_for(Role.ADMIN)
    version = Task.objects.get(pk=world.own_task.pk).version
    edit_url = url("task_edit", task=world.own_task.pk)
    assert first.get(edit_url).status_code == 200 and second.get(edit_url).status_code == 200
    ok = first.post(edit_url, task_form(world, title="Ensimmäinen", version=version))
    assert ok.status_code == 302
    clash = second.post(edit_url, task_form(world, title="Toinen", version=version))
    assert clash.status_code == 409
    page = clash.content.decode()
    assert "Someone else saved this task" in page
    assert 'value="Toinen"' in page, "the second user's input stays in the form"
    assert (
        reverse("roadmap:task_edit", kwargs={"org": ORG, "roadmap": RM, "task": world.own_task.pk})
        in page
    )
    assert Task.objects.get(pk=world.own_task.pk).title == "Ensimmäinen"


def test_owner_edits_own_task_but_cannot_hand_it_over(world: World) -> None:
    client = world.client_for(Role.OWNER)
    task = world.own_task
    data = task_form(world, title="Päivitetty", owner=world.other_person.pk, version=task.version)
    assert client.post(url("task_edit", task=task.pk), data).status_code == 302
    task.refresh_from_db()
    assert task.title == "Päivitetty" and task.owner == world.owner_person


def test_delete_asks_for_confirmation(world: World) -> None:
    client = world.client_for(Role.EDITOR)
    page = client.get(url("task_delete", task=world.others_task.pk))
    assert page.status_code == 200 and "Kokoelmajärjestelmä" in page.content.decode()
    assert Task.objects.filter(pk=world.others_task.pk).exists()
    assert client.post(url("task_delete", task=world.others_task.pk)).status_code == 302
    assert not Task.objects.filter(pk=world.others_task.pk).exists()
    assert Task.history.filter(id=world.others_task.pk, history_type="-").exists()


def test_reorder_within_theme(world: World) -> None:
    client = world.client_for(Role.EDITOR)
    response = client.post(
        url("task_move", task=world.others_task.pk), {"direction": "up", "next": url("overview")}
    )
    assert response.status_code == 302 and response.url.endswith(f"#task-{world.others_task.pk}")
    order = list(
        Task.objects.filter(theme=world.theme).order_by("order").values_list("pk", flat=True)
    )
    assert order == [world.others_task.pk, world.own_task.pk]
    page = client.get(url("overview")).content.decode()
    assert page.index("Kokoelmajärjestelmä") < page.index("Vesimittarien etäluenta")


def test_overview_groups_spearheads_first_with_totals(world: World) -> None:
    Task.objects.filter(pk=world.own_task.pk).update(status=Status.DONE)
    client = world.client_for(Role.VIEWER)
    page = client.get(url("overview")).content.decode()
    assert page.index("Tiedolla johtaminen") < page.index("Digituki")
    assert "2 tasks" in page
    assert "50 %" in page  # one done (100 %) and one at 0 %
    assert "No tasks in this theme yet." in page


def test_overview_filters_are_in_the_url(world: World) -> None:
    TaskFactory(
        theme=world.other_theme,
        owner=world.other_person,
        title="Digitukipiste",
        quick_win=True,
        kind="pilot",
        start="2027Q1",
        due="2027Q2",
    )
    client = world.client_for(Role.VIEWER)
    cases = {
        "?q=digituki": ["Digitukipiste"],
        f"?theme={world.other_theme.pk}": ["Digitukipiste"],
        f"?owner={world.owner_person.pk}": ["Vesimittarien etäluenta"],
        "?kind=pilot": ["Digitukipiste"],
        "?quick_win=on": ["Digitukipiste"],
        "?quarter=2027Q2": ["Digitukipiste"],
        "?quarter=2026Q3": ["Vesimittarien etäluenta", "Kokoelmajärjestelmä"],
        "?status=done": [],
    }
    all_titles = {"Digitukipiste", "Vesimittarien etäluenta", "Kokoelmajärjestelmä"}
    for query, expected in cases.items():
        page = client.get(url("overview") + query).content.decode()
        for title in all_titles:
            assert (title in page) == (title in expected), (query, title)


def test_overview_answers_htmx_with_the_results_fragment(world: World) -> None:
    client = world.client_for(Role.VIEWER)
    response = client.get(url("overview") + "?q=vesi", headers={"HX-Request": "true"})
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="results"')
    assert "<html" not in page and "Vesimittarien etäluenta" in page


def test_timeline_marks_overdue_and_today(world: World, settings: object) -> None:
    import time_machine

    Task.objects.filter(pk=world.own_task.pk).update(
        start="2026Q1", due="2026Q2", status=Status.IN_PROGRESS
    )
    client = world.client_for(Role.VIEWER)
    with time_machine.travel("2026-11-27 12:00 +0200", tick=False):
        page = client.get(url("timeline")).content.decode()
    assert "today-line" in page
    assert "is-overdue" in page and "risk-bar-late" in page and "Late" in page
    # 2026Q1–2026Q2 spans the first two quarter columns (timeline.css places the classes).
    assert "tl-from-1 tl-to-3" in page
    assert 'class="timeline quarters-12"' in page
    with time_machine.travel("2030-01-01 12:00 +0200", tick=False):
        assert "today-line" not in client.get(url("timeline")).content.decode()


def test_admin_creates_edits_and_archives_a_roadmap(world: World) -> None:
    client = world.client_for(Role.ADMIN)
    response = client.post(
        url("roadmap_create"),
        {
            "title": "Digitiekartta 2029–2031",
            "slug": "2029-2031",
            "start_year": 2029,
            "end_year": 2031,
            "description": "Seuraava",
        },
    )
    assert response.status_code == 302
    roadmap = Roadmap.objects.get(slug="2029-2031")
    edit = reverse("roadmap:roadmap_edit", kwargs={"org": ORG, "roadmap": "2029-2031"})
    response = client.post(
        edit, {"title": "Uusi nimi", "slug": "2029-2031", "start_year": 2031, "end_year": 2029}
    )
    assert "cannot be before the first year" in response.content.decode()
    client.post(
        reverse("roadmap:roadmap_archive", kwargs={"org": ORG, "roadmap": "2029-2031"}),
        {"archived": "1"},
    )
    roadmap.refresh_from_db()
    assert roadmap.is_archived
    listing = client.get(url("roadmap_list")).content.decode()
    assert "Archived" in listing


def test_editor_manages_themes_with_duplicate_name_refused(world: World) -> None:
    client = world.client_for(Role.EDITOR)
    response = client.post(
        url("theme_create"), {"name": "Tietoturva", "colour": "red", "is_spearhead": ""}
    )
    assert response.status_code == 302
    response = client.post(url("theme_create"), {"name": "TIETOTURVA", "colour": "red"})
    assert "already has a theme with this name" in response.content.decode()
    assert Theme.objects.filter(roadmap=world.roadmap, name__iexact="tietoturva").count() == 1
    theme = Theme.objects.get(name="Tietoturva")
    response = client.post(
        url("theme_edit", theme=theme.pk),
        {"name": "Tietoturva ja -suoja", "colour": "purple", "order": 5, "version": theme.version},
    )
    assert response.status_code == 302
    response = client.post(url("theme_delete", theme=world.theme.pk))
    assert "still has tasks" in response.content.decode()
    assert client.post(url("theme_delete", theme=theme.pk)).status_code == 302


def test_editor_manages_people(world: World) -> None:
    client = world.client_for(Role.EDITOR)
    response = client.post(
        url("person_create"),
        {
            "name": "Kirjastotoimenjohtaja",
            "title": "Johtaja",
            "unit": "Kirjasto",
            "email": "kirjasto@example.org",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(name="Kirjastotoimenjohtaja")
    response = client.post(
        url("person_edit", person=person.pk),
        {"name": "Kirjastotoimenjohtaja", "email": "ei-osoite"},
    )
    assert 'id="id_email_error"' in response.content.decode()
    response = client.post(url("person_delete", person=world.owner_person.pk))
    assert "responsible for tasks" in response.content.decode()
    assert client.post(url("person_delete", person=person.pk)).status_code == 302


def test_task_page_shows_readable_change_history(world: World) -> None:
    client = world.client_for(Role.EDITOR)
    task = world.own_task
    client.post(
        url("task_edit", task=task.pk),
        task_form(
            world,
            title=task.title,
            status="in_progress",
            version=task.version,
            owner=world.owner_person.pk,
        ),
    )
    page = client.get(
        reverse("progress:task_detail", kwargs={"org": ORG, "roadmap": RM, "task": task.pk})
    ).content.decode()
    assert "Change history" in page
    assert "Planned" in page and "In progress" in page  # status before → after
    assert "Testi Käyttäjä" in page  # who made the change
