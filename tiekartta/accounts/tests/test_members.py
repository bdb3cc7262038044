"""The administrator manages users and roles; nobody else can."""

from django.urls import reverse

from conftest import World
from tiekartta.accounts.models import Membership, Role, User


def url(name: str, **kwargs: object) -> str:
    return reverse(f"accounts:{name}", kwargs={"org": "testikaupunki", **kwargs})


def test_admin_adds_a_new_user_with_a_role(world: World) -> None:
    client = world.client_for(Role.ADMIN)
    response = client.post(
        url("member_add"),
        {
            "username": "uusi",
            "first_name": "Uusi",
            "last_name": "Jäsen",
            "email": "uusi@example.org",
            "role": Role.EDITOR,
            "password": "Vahva-salasana-2026",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__username="uusi")
    assert membership.role == Role.EDITOR and membership.organisation == world.organisation
    assert User.objects.get(username="uusi").check_password("Vahva-salasana-2026")
    assert membership.history.first().history_user == world.users[Role.ADMIN]
    assert "uusi" in client.get(url("member_list")).content.decode()


def test_new_user_needs_a_good_password_and_nothing_is_saved(world: World) -> None:
    client = world.client_for(Role.ADMIN)
    response = client.post(
        url("member_add"), {"username": "heikko", "role": Role.VIEWER, "password": "123"}
    )
    assert response.status_code == 200
    assert "too short" in response.content.decode()
    assert not User.objects.filter(username="heikko").exists()


def test_existing_member_cannot_be_added_twice(world: World) -> None:
    client = world.client_for(Role.ADMIN)
    response = client.post(url("member_add"), {"username": "viewer-user", "role": Role.EDITOR})
    assert "already a member" in response.content.decode()
    assert Membership.objects.get(user__username="viewer-user").role == Role.VIEWER


def test_user_of_another_organisation_can_be_given_a_role(world: World) -> None:
    client = world.client_for(Role.ADMIN)
    client.post(url("member_add"), {"username": "outsider-user", "role": Role.VIEWER})
    assert Membership.objects.filter(user__username="outsider-user").count() == 2


def test_admin_changes_a_role_and_removes_a_member(world: World) -> None:
    client = world.client_for(Role.ADMIN)
    viewer = Membership.objects.get(user__username="viewer-user")
    assert (
        client.post(
            url("member_edit", member=viewer.pk), {"role": Role.EDITOR, "version": viewer.version}
        ).status_code
        == 302
    )
    viewer.refresh_from_db()
    assert viewer.role == Role.EDITOR
    assert client.post(url("member_remove", member=viewer.pk)).status_code == 302
    assert not Membership.objects.filter(pk=viewer.pk).exists()


def test_last_administrator_cannot_be_demoted_or_removed(world: World) -> None:
    client = world.client_for(Role.ADMIN)
    admin = Membership.objects.get(user__username="admin-user")
    response = client.post(
        url("member_edit", member=admin.pk), {"role": Role.VIEWER, "version": admin.version}
    )
    assert "at least one administrator" in response.content.decode()
    response = client.post(url("member_remove", member=admin.pk))
    assert "at least one administrator" in response.content.decode()
    admin.refresh_from_db()
    assert admin.role == Role.ADMIN


def test_other_roles_cannot_manage_members(world: World) -> None:
    for role in (Role.EDITOR, Role.OWNER, Role.VIEWER):
        client = world.client_for(role)
        assert client.get(url("member_list")).status_code == 403
        assert (
            client.post(url("member_add"), {"username": "x", "role": Role.ADMIN}).status_code == 403
        )
    assert not User.objects.filter(username="x").exists()
