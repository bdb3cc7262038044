"""Who may do what: a role × action table, and 404 for outsiders on every URL."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import World
from tiekartta.accounts.models import Membership, Role
from tiekartta.reports.models import ImportBatch

ORG = "testikaupunki"
RM = "2026-2028"
READ, WRITE = "GET", "POST"
ALL = {"admin", "editor", "owner", "viewer"}

# (url name, kwargs, method) → the roles allowed; everyone else in the organisation gets 403.
ACTIONS = [
    ("roadmap:roadmap_list", {}, READ, {"admin", "editor", "owner", "viewer"}),
    ("roadmap:overview", {"roadmap": RM}, READ, {"admin", "editor", "owner", "viewer"}),
    ("roadmap:timeline", {"roadmap": RM}, READ, {"admin", "editor", "owner", "viewer"}),
    ("roadmap:theme_list", {"roadmap": RM}, READ, {"admin", "editor", "owner", "viewer"}),
    ("roadmap:person_list", {}, READ, {"admin", "editor", "owner", "viewer"}),
    ("roadmap:change_log", {}, READ, {"admin", "editor", "owner", "viewer"}),
    (
        "roadmap:task_detail",
        {"roadmap": RM, "task": "own"},
        READ,
        {"admin", "editor", "owner", "viewer"},
    ),
    ("roadmap:roadmap_create", {}, READ, {"admin"}),
    ("roadmap:roadmap_edit", {"roadmap": RM}, READ, {"admin"}),
    ("roadmap:roadmap_archive", {"roadmap": RM}, WRITE, {"admin"}),
    ("roadmap:theme_create", {"roadmap": RM}, READ, {"admin", "editor"}),
    ("roadmap:theme_edit", {"roadmap": RM, "theme": "theme"}, READ, {"admin", "editor"}),
    ("roadmap:theme_delete", {"roadmap": RM, "theme": "theme"}, READ, {"admin", "editor"}),
    ("roadmap:person_create", {}, READ, {"admin", "editor"}),
    ("roadmap:person_edit", {"person": "person"}, READ, {"admin", "editor"}),
    ("roadmap:person_delete", {"person": "person"}, READ, {"admin", "editor"}),
    ("roadmap:task_create", {"roadmap": RM}, READ, {"admin", "editor"}),
    ("roadmap:task_edit", {"roadmap": RM, "task": "own"}, READ, {"admin", "editor", "owner"}),
    ("roadmap:task_edit", {"roadmap": RM, "task": "others"}, READ, {"admin", "editor"}),
    ("roadmap:task_delete", {"roadmap": RM, "task": "own"}, READ, {"admin", "editor"}),
    ("roadmap:task_move", {"roadmap": RM, "task": "own"}, WRITE, {"admin", "editor"}),
    ("progress:my_tasks", {}, READ, ALL),
    ("progress:dashboard", {"roadmap": RM}, READ, ALL),
    ("progress:review_list", {"roadmap": RM}, READ, ALL),
    ("progress:review_detail", {"roadmap": RM, "review": "review"}, READ, ALL),
    ("progress:review_minutes", {"roadmap": RM, "review": "review"}, READ, ALL),
    ("progress:review_minutes_pdf", {"roadmap": RM, "review": "review"}, READ, ALL),
    ("progress:record", {"roadmap": RM, "task": "own"}, READ, {"admin", "editor", "owner"}),
    ("progress:record", {"roadmap": RM, "task": "others"}, READ, {"admin", "editor"}),
    ("progress:record", {"roadmap": RM, "task": "others"}, WRITE, {"admin", "editor"}),
    ("progress:review_create", {"roadmap": RM}, READ, {"admin", "editor"}),
    ("progress:review_details", {"roadmap": RM, "review": "review"}, READ, {"admin", "editor"}),
    ("progress:review_close", {"roadmap": RM, "review": "review"}, READ, {"admin", "editor"}),
    ("progress:settings", {}, READ, {"admin"}),
    ("reports:interim", {"roadmap": RM}, READ, ALL),
    ("reports:interim_pdf", {"roadmap": RM}, READ, ALL),
    ("reports:interim_docx", {"roadmap": RM}, READ, ALL),
    ("reports:export_xlsx", {"roadmap": RM}, READ, ALL),
    ("reports:export_csv", {"roadmap": RM}, READ, ALL),
    ("reports:attachment_pdf", {"roadmap": RM}, READ, ALL),
    ("reports:attachment_xlsx", {"roadmap": RM}, READ, ALL),
    ("reports:foreword", {"roadmap": RM}, WRITE, {"admin"}),
    ("reports:import_upload", {"roadmap": RM}, READ, {"admin", "editor"}),
    ("reports:import_preview", {"roadmap": RM, "batch": "batch"}, READ, {"admin", "editor"}),
    ("reports:import_discard", {"roadmap": RM, "batch": "batch"}, WRITE, {"admin", "editor"}),
    ("accounts:member_list", {}, READ, {"admin"}),
    ("accounts:member_add", {}, READ, {"admin"}),
    ("accounts:member_edit", {"member": "member"}, READ, {"admin"}),
    ("accounts:member_remove", {"member": "member"}, READ, {"admin"}),
]


def pending_batch(world: World) -> ImportBatch:
    batch, _created = ImportBatch.objects.get_or_create(
        roadmap=world.roadmap,
        filename="tehtavat.csv",
        defaults={"content": b"Teht\xc3\xa4v\xc3\xa4;Vastuuhenkil\xc3\xb6\r\nA;B\r\n"},
    )
    return batch


def resolve_kwargs(world: World, spec: dict[str, str]) -> dict[str, object]:
    values: dict[str, object] = {"org": ORG}
    lookup = {
        "own": world.own_task.pk,
        "others": world.others_task.pk,
        "theme": world.other_theme.pk,
        "person": world.other_person.pk,
        "member": Membership.objects.get(user__username="viewer-user").pk,
        "review": world.review.pk,
        "batch": pending_batch(world).pk,
    }
    for key, value in spec.items():
        values[key] = lookup.get(value, value)
    return values


@pytest.mark.parametrize("role", ["admin", "editor", "owner", "viewer"])
@pytest.mark.parametrize(("name", "spec", "method", "allowed"), ACTIONS)
def test_role_action_table(
    world: World, role: str, name: str, spec: dict[str, str], method: str, allowed: set[str]
) -> None:
    client = world.client_for(role)
    path = reverse(name, kwargs=resolve_kwargs(world, spec))
    response = (
        client.get(path)
        if method == READ
        else client.post(path, {"direction": "up", "archived": "0"})
    )
    if role in allowed:
        # 400: allowed in, but the test posts no valid form.
        assert response.status_code in {200, 302, 400}, (name, role, response.status_code)
    else:
        assert response.status_code == 403, (name, role, response.status_code)


def all_patterns() -> list[tuple[str, URLPattern]]:
    found: list[tuple[str, URLPattern]] = []

    def walk(patterns: list[object], namespace: str) -> None:
        for item in patterns:
            if isinstance(item, URLResolver):
                ns = f"{namespace}{item.namespace}:" if item.namespace else namespace
                walk(item.url_patterns, ns)
            elif isinstance(item, URLPattern) and item.name:
                found.append((namespace + item.name, item))

    walk(get_resolver().url_patterns, "")
    return found


def test_outsider_gets_404_on_every_organisation_url(world: World) -> None:
    """Every URL that names an organisation, walked from the URLconf so new ones are covered."""
    client = world.client_for("outsider")
    values = resolve_kwargs(
        world,
        {
            "roadmap": RM,
            "task": "own",
            "theme": "theme",
            "person": "person",
            "member": "member",
            "review": "review",
            "batch": "batch",
        },
    )
    checked = []
    for name, pattern in all_patterns():
        params = set(pattern.pattern.converters)
        if "org" not in params:
            continue
        path = reverse(name, kwargs={key: values[key] for key in params})
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            assert response.status_code == 404, (name, method, response.status_code)
        checked.append(name)
    assert len(checked) >= 44, checked
    # The outsider's own organisation still works: the 404s are about scope, not a broken client.
    own = reverse("roadmap:overview", kwargs={"org": "naapurikunta", "roadmap": "2024-2026"})
    assert client.get(own).status_code == 200


def test_objects_of_another_organisation_are_404_even_inside_own_urls(world: World) -> None:
    client = world.client_for(Role.ADMIN)
    foreign_task = reverse(
        "roadmap:task_detail", kwargs={"org": ORG, "roadmap": RM, "task": world.outsider_task.pk}
    )
    assert client.get(foreign_task).status_code == 404
    foreign_member = Membership.objects.get(user__username="outsider-user")
    assert (
        client.get(
            reverse("accounts:member_edit", kwargs={"org": ORG, "member": foreign_member.pk})
        ).status_code
        == 404
    )
    foreign_roadmap = reverse("roadmap:overview", kwargs={"org": ORG, "roadmap": "2024-2026"})
    assert client.get(foreign_roadmap).status_code == 404
