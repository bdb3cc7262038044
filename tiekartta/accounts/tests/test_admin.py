"""Django admin: superusers see everything; other staff only what they administer."""

from django.test import Client

from conftest import World
from tiekartta.accounts.models import Role, User


def test_superuser_sees_every_organisation(world: World) -> None:
    boss = User.objects.create_superuser("root", "root@example.org", "x-long-password-1")
    client = Client()
    client.force_login(boss)
    page = client.get("/admin/roadmap/task/").content.decode()
    assert world.own_task.title in page and world.outsider_task.title in page


def test_staff_admin_sees_only_their_organisation(world: World) -> None:
    staff = world.users[Role.ADMIN]
    staff.is_staff = True
    staff.save()
    from django.contrib.auth.models import Permission

    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="roadmap"))
    client = Client()
    client.force_login(staff)
    page = client.get("/admin/roadmap/task/").content.decode()
    assert world.own_task.title in page
    assert world.outsider_task.title not in page
    assert client.get(f"/admin/roadmap/task/{world.outsider_task.pk}/change/").status_code == 302


def test_admin_edit_is_recorded_in_history(world: World) -> None:
    boss = User.objects.create_superuser("root", "root@example.org", "x-long-password-1")
    client = Client()
    client.force_login(boss)
    theme = world.other_theme
    response = client.post(
        f"/admin/roadmap/theme/{theme.pk}/change/",
        {
            "roadmap": world.roadmap.pk,
            "name": "Digituki ja neuvonta",
            "description": "",
            "order": 3,
            "colour": "green",
        },
    )
    assert response.status_code == 302
    latest = theme.history.first()
    assert latest.name == "Digituki ja neuvonta" and latest.history_user == boss
