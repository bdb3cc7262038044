"""An archived roadmap is read-only everywhere: no page offers a form that cannot be saved, every
write view refuses (GET and POST), and every service refuses the write whichever way it comes.
Restoring the roadmap is the one write left, the administrator's."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import World
from tests.factories import MetricFactory
from tests.test_permissions import ORG, RM, resolve_kwargs
from tests.test_policy import URLS
from tiekartta.accounts.models import Membership, Role
from tiekartta.accounts.policy import ROADMAP_WRITES, Capability, allows
from tiekartta.core.actors import Actor
from tiekartta.imports.kinds.tasks import TASKS
from tiekartta.imports.models import ImportKind
from tiekartta.imports.services import import_without_batch, upload_import
from tiekartta.metrics import services as metric_services
from tiekartta.progress import services as progress_services
from tiekartta.reports.services import save_foreword
from tiekartta.roadmap import services
from tiekartta.roadmap.models import Roadmap
from tiekartta.roadmap.services import TaskInput

MESSAGE = "This roadmap is archived and read-only."
TODAY = datetime.date(2026, 11, 20)


def archive(world: World) -> None:
    services.set_roadmap_archived(
        actor=Actor.for_user(world.users["admin"]), roadmap=world.roadmap, archived=True
    )


def everything_stored() -> dict[str, Any]:
    """Row counts of every table the app writes to, with the statuses that a write could flip."""
    counts: dict[str, Any] = {}
    for label in ("accounts", "roadmap", "progress", "metrics", "reports", "imports"):
        for model in apps.get_app_config(label).get_models():
            counts[model._meta.label] = model._default_manager.count()
    counts["batches"] = sorted(
        apps.get_model("imports", "ImportBatch").objects.values_list("status", flat=True)
    )
    counts["reviews"] = sorted(
        apps.get_model("progress", "Review").objects.values_list("status", "version")
    )
    counts["tasks"] = sorted(
        apps.get_model("roadmap", "Task").objects.values_list("pk", "order", "version")
    )
    return counts


WRITE_URLS = [
    row for row in URLS if Capability(row[0]) in ROADMAP_WRITES and row[2].get("roadmap") == RM
]


def test_every_roadmap_write_capability_has_a_url_here() -> None:
    assert {Capability(row[0]) for row in WRITE_URLS} == set(ROADMAP_WRITES)


@pytest.mark.parametrize(
    ("capability", "name", "spec", "method", "about"),
    WRITE_URLS,
    ids=[f"{row[1]}-{'-'.join(row[2].values())}" for row in WRITE_URLS],
)
def test_write_views_of_an_archived_roadmap_offer_nothing_and_save_nothing(
    world: World, capability: str, name: str, spec: dict[str, str], method: str, about: Any
) -> None:
    path = reverse(name, kwargs=resolve_kwargs(world, spec))
    archive(world)
    client = world.client_for("admin")
    before = everything_stored()
    shown = client.get(path)
    posted = client.post(
        path,
        {"direction": "up", "title": "Rewritten", "text": "Rewritten", "completion": "100"},
    )
    for response in (shown, posted):
        # The admin may do everything, but not in a closed plan: the page says why.
        assert response.status_code == 403, (name, response.status_code)
        page = response.content.decode()
        assert MESSAGE in page
        assert "Rewritten" not in page
        assert 'name="title"' not in page and 'name="completion"' not in page
    assert everything_stored() == before


def test_the_policy_refuses_writes_within_an_archived_roadmap(world: World) -> None:
    admin = Membership.objects.get(user=world.users["admin"], organisation=world.organisation)
    archived = Roadmap(is_archived=True)
    for capability in Capability:
        refused = capability in ROADMAP_WRITES
        assert allows(admin, capability, within=archived) is not refused, capability
        assert allows(admin, capability, within=world.roadmap)
    world.own_task.roadmap.is_archived = True
    assert not allows(admin, Capability.TASK_EDIT, world.own_task)
    assert allows(admin, Capability.ROADMAP_ARCHIVE, within=archived)


def test_the_pages_of_an_archived_roadmap_show_no_edit_controls(world: World) -> None:
    MetricFactory(roadmap=world.roadmap, owner=world.owner_person, name="Etäluetut mittarit")
    archive(world)
    client = world.client_for("admin")
    roadmap_kwargs = {"org": ORG, "roadmap": RM}
    task_kwargs = {**roadmap_kwargs, "task": world.own_task.pk}
    pages = {
        "overview": reverse("roadmap:overview", kwargs=roadmap_kwargs),
        "task": reverse("progress:task_detail", kwargs=task_kwargs),
        "themes": reverse("roadmap:theme_list", kwargs=roadmap_kwargs),
        "metrics": reverse("metrics:overview", kwargs=roadmap_kwargs),
        "reviews": reverse("progress:review_list", kwargs=roadmap_kwargs),
        "report": reverse("reports:interim", kwargs=roadmap_kwargs),
    }
    forbidden_links = [
        reverse("roadmap:task_create", kwargs=roadmap_kwargs),
        reverse("roadmap:roadmap_edit", kwargs=roadmap_kwargs),
        reverse("roadmap:task_edit", kwargs=task_kwargs),
        reverse("roadmap:task_delete", kwargs=task_kwargs),
        reverse("roadmap:task_move", kwargs=task_kwargs),
        reverse("progress:record", kwargs=task_kwargs),
        reverse("roadmap:theme_create", kwargs=roadmap_kwargs),
        reverse("metrics:create", kwargs=roadmap_kwargs),
        reverse("progress:review_create", kwargs=roadmap_kwargs),
        reverse("imports:tasks_upload", kwargs=roadmap_kwargs),
        reverse("imports:metric_values_upload", kwargs=roadmap_kwargs),
        reverse("reports:foreword", kwargs=roadmap_kwargs),
    ]
    for label, path in pages.items():
        response = client.get(path)
        assert response.status_code == 200, label
        page = response.content.decode()
        assert MESSAGE in page, label
        for link in forbidden_links:
            assert f'"{link}' not in page, (label, link)
    # The one write left: restoring, offered on the overview to the administrator.
    archive_path = reverse("roadmap:roadmap_archive", kwargs=roadmap_kwargs)
    assert archive_path in client.get(pages["overview"]).content.decode()
    assert archive_path not in world.client_for("editor").get(pages["overview"]).content.decode()
    response = client.post(archive_path, {"archived": "0"})
    assert response.status_code == 302
    world.roadmap.refresh_from_db()
    assert not world.roadmap.is_archived
    assert reverse("roadmap:task_create", kwargs=roadmap_kwargs) in (
        client.get(pages["overview"]).content.decode()
    )


def _writes(world: World) -> dict[str, Callable[[Actor], Any]]:
    task, theme, roadmap, review = world.own_task, world.theme, world.roadmap, world.review
    metric = MetricFactory(roadmap=roadmap, owner=world.owner_person, name="Asiointi")
    data = TaskInput.from_task(task)
    return {
        "update roadmap": lambda a: services.update_roadmap(
            actor=a,
            roadmap=roadmap,
            title="Rewritten",
            slug=roadmap.slug,
            start_year=roadmap.start_year,
            end_year=roadmap.end_year,
            description="",
        ),
        "create theme": lambda a: services.create_theme(actor=a, roadmap=roadmap, name="Uusi"),
        "update theme": lambda a: services.update_theme(
            actor=a,
            theme=theme,
            name="Rewritten",
            description="",
            is_spearhead=False,
            colour=theme.colour,
            order=theme.order,
        ),
        "delete theme": lambda a: services.delete_theme(actor=a, theme=world.other_theme),
        "create task": lambda a: services.create_task(actor=a, roadmap=roadmap, data=data),
        "update task": lambda a: services.update_task(
            actor=a, task=task, expected_version=task.version, data=data
        ),
        "delete task": lambda a: services.delete_task(actor=a, task=world.others_task),
        "move task": lambda a: services.move_task(actor=a, task=task, direction="down"),
        "record progress": lambda a: progress_services.record_progress(
            actor=a, task=task, quarter="2026Q3", completion=50, status="in_progress", today=TODAY
        ),
        "open review": lambda a: progress_services.open_review(
            actor=a, roadmap=roadmap, quarter="2026Q4", meeting_date=TODAY, today=TODAY
        ),
        "review details": lambda a: progress_services.update_review_details(
            actor=a,
            review=review,
            expected_version=review.version,
            meeting_date=TODAY,
            attendees=[],
            minutes="Rewritten",
            decisions="",
        ),
        "close review": lambda a: progress_services.close_review(actor=a, review=review),
        "create metric": lambda a: metric_services.create_metric(
            actor=a, roadmap=roadmap, data=metric_services.MetricInput.from_metric(metric)
        ),
        "record value": lambda a: metric_services.record_value(
            actor=a, metric=metric, period="2026Q3", value=Decimal(1), today=TODAY
        ),
        "foreword": lambda a: save_foreword(
            actor=a, roadmap=roadmap, text="Rewritten", expected_version=None
        ),
        "upload import": lambda a: upload_import(
            actor=a, roadmap=roadmap, filename="t.csv", content=b"x", kind=ImportKind.TASKS
        ),
    }


def test_every_service_refuses_a_write_to_an_archived_roadmap(world: World) -> None:
    writes = _writes(world)
    archive(world)
    actor = Actor.system("Command line: test")
    before = everything_stored()
    for label, write in writes.items():
        with pytest.raises(ValidationError) as refused:
            write(actor)
        assert MESSAGE in refused.value.messages, label
    assert everything_stored() == before


def test_an_import_into_an_archived_roadmap_is_refused(world: World) -> None:
    content = (
        "Tehtävä;Vastuuhenkilö;Osa-alue;Aikataulu\n"
        f"Uusi tehtävä;{world.owner_person.name};{world.theme.name};2026 Q1–Q4\n"
    ).encode()
    plan = TASKS.plan(world.roadmap, content, "tasks.csv", TODAY)
    assert not plan.problems, plan.problems
    archive(world)
    world.roadmap.refresh_from_db()
    before = everything_stored()
    with pytest.raises(ValidationError) as refused:
        import_without_batch(
            actor=Actor.system("Command line: import_tasks"),
            importer=TASKS,
            roadmap=world.roadmap,
            plan=plan,
            filename="tasks.csv",
            today=TODAY,
        )
    assert MESSAGE in refused.value.messages
    assert everything_stored() == before


def test_an_owner_is_not_offered_the_progress_form_of_an_archived_task(world: World) -> None:
    archive(world)
    client = world.client_for(Role.OWNER)
    kwargs = {"org": ORG, "roadmap": RM, "task": world.own_task.pk}
    page = client.get(reverse("progress:task_detail", kwargs=kwargs)).content.decode()
    assert reverse("progress:record", kwargs=kwargs) not in page
    assert reverse("roadmap:task_edit", kwargs=kwargs) not in page
    response = client.post(
        reverse("progress:record", kwargs=kwargs),
        {"quarter": "2026Q3", "completion": "40", "status": "in_progress"},
    )
    assert response.status_code == 403
    assert MESSAGE in response.content.decode()


def test_my_tasks_offers_no_row_form_for_an_archived_roadmap(world: World) -> None:
    client = world.client_for(Role.OWNER)
    path = reverse("progress:my_tasks", kwargs={"org": ORG})
    record = reverse(
        "progress:record", kwargs={"org": ORG, "roadmap": RM, "task": world.own_task.pk}
    )
    assert record in client.get(path).content.decode()
    archive(world)
    page = client.get(path).content.decode()
    assert record not in page
    assert world.own_task.title not in page
