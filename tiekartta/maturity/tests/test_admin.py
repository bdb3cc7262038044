"""The Django admin: staff see only the organisations they administer, and an edit there is a
save like any other: recorded, attributed, and noticed by a form open in the app."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import Permission
from django.test import Client

from conftest import World
from tiekartta.accounts.models import Role, User
from tiekartta.maturity import services
from tiekartta.maturity.models import Assessment, Viewpoint


def test_staff_see_only_their_organisation(
    world: World, viewpoints: list[Viewpoint], make_assessment: Callable[..., Assessment]
) -> None:
    foreign = services.create_viewpoint(
        actor=None, organisation=world.outsider_organisation, name="Naapurin näkökulma"
    )
    staff = world.users[Role.ADMIN]
    staff.is_staff = True
    staff.save()
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="maturity"))
    client = Client()
    client.force_login(staff)
    page = client.get("/admin/maturity/viewpoint/").content.decode()
    assert viewpoints[0].name in page and foreign.name not in page
    assert client.get(f"/admin/maturity/viewpoint/{foreign.pk}/change/").status_code == 302
    form = client.get(f"/admin/maturity/viewpoint/{viewpoints[0].pk}/change/").content.decode()
    assert world.own_task.title in form and world.outsider_task.title not in form


def test_an_admin_edit_is_recorded_and_bumps_the_version(
    world: World, viewpoints: list[Viewpoint], make_assessment: Callable[..., Assessment]
) -> None:
    assessment = make_assessment("Lähtötaso", viewpoints, [(2, 3), (2, 3), (2, 3)])
    boss = User.objects.create_superuser("root", "root@example.org", "x-long-password-1")
    client = Client()
    client.force_login(boss)
    scores = list(assessment.scores.order_by("pk"))
    data = {
        "organisation": world.organisation.pk,
        "title": "Lähtötaso (korjattu)",
        "assessed_on": "2025-11-20",
        "stage": "baseline",
        "roadmap": "",
        "notes": "",
        "created_by": "",
        "scores-TOTAL_FORMS": "3",
        "scores-INITIAL_FORMS": "3",
        "scores-MIN_NUM_FORMS": "0",
        "scores-MAX_NUM_FORMS": "1000",
    }
    for n, score in enumerate(scores):
        data |= {
            f"scores-{n}-id": score.pk,
            f"scores-{n}-assessment": assessment.pk,
            f"scores-{n}-viewpoint": score.viewpoint_id,
            f"scores-{n}-current": 4 if n == 0 else score.current,
            f"scores-{n}-target": score.target,
            f"scores-{n}-note": "",
        }
    response = client.post(f"/admin/maturity/assessment/{assessment.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assessment.refresh_from_db()
    assert assessment.title == "Lähtötaso (korjattu)" and assessment.version == 2
    assert assessment.history.first().history_user == boss
    assert assessment.scores.get(pk=scores[0].pk).current == 4
    assert scores[0].history.first().history_user == boss
