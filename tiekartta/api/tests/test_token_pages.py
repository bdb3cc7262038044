"""The administrator's token pages: the secret is shown once and never kept anywhere else."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from conftest import World
from tiekartta.accounts.models import ApiToken
from tiekartta.accounts.services import create_api_token, hash_api_token
from tiekartta.api.tests.conftest import ApiClient

ORG = "testikaupunki"
LIST = reverse("api_tokens:token_list", kwargs={"org": ORG})
CREATE = reverse("api_tokens:token_create", kwargs={"org": ORG})


def revoke_url(token: ApiToken, org: str = ORG) -> str:
    return reverse("api_tokens:token_revoke", kwargs={"org": org, "token": token.pk})


def test_admin_creates_a_token_and_sees_it_once(world: World) -> None:
    client = world.client_for("admin")
    assert client.get(CREATE).status_code == 200
    response = client.post(CREATE, {"name": "  Tietovarasto  "})
    assert response.status_code == 200
    page = response.content.decode()
    found = re.search(r'id="token-secret" value="(tk_[^"]+)"', page)
    assert found, page
    secret = found.group(1)
    token = ApiToken.objects.get()
    assert token.name == "Tietovarasto"
    assert token.created_by == world.users["admin"]
    assert token.token_hash == hash_api_token(secret)
    assert "no-store" in response["Cache-Control"]
    assert secret not in response.get("Location", "")
    # Not in a message for the next page, and not on the list.
    listing = client.get(LIST).content.decode()
    assert secret not in listing
    assert token.prefix in listing
    assert "Tietovarasto" in listing
    # The token works.
    assert ApiClient(secret).get("/api/v1/metrics").status_code == 200


@pytest.mark.parametrize("name", ["Tietovarasto", "TIETOVARASTO"])
def test_a_duplicate_name_is_shown_next_to_the_field(world: World, name: str) -> None:
    create_api_token(actor=None, organisation=world.organisation, name="Tietovarasto")
    client = world.client_for("admin")
    response = client.post(CREATE, {"name": name})
    assert response.status_code == 400
    assert response.context["form"].errors["name"] == [
        "The organisation already has a token with this name (revoked ones count too)."
    ]
    assert 'id="id_name_error"' in response.content.decode()
    assert ApiToken.objects.count() == 1


def test_the_same_name_may_be_used_in_another_organisation(world: World) -> None:
    create_api_token(actor=None, organisation=world.outsider_organisation, name="Tietovarasto")
    response = world.client_for("admin").post(CREATE, {"name": "Tietovarasto"})
    assert response.status_code == 200
    assert ApiToken.objects.filter(organisation=world.organisation).count() == 1


def test_an_empty_name_is_refused(world: World) -> None:
    response = world.client_for("admin").post(CREATE, {"name": "   "})
    assert response.status_code == 400
    assert "name" in response.context["form"].errors
    assert not ApiToken.objects.exists()


def test_the_list_shows_state_and_use(world: World) -> None:
    active, _ = create_api_token(
        actor=world.users["admin"], organisation=world.organisation, name="A"
    )
    revoked, _ = create_api_token(actor=None, organisation=world.organisation, name="B")
    world.client_for("admin").post(revoke_url(revoked))
    foreign, _ = create_api_token(actor=None, organisation=world.outsider_organisation, name="C")
    response = world.client_for("admin").get(LIST)
    assert response.status_code == 200
    assert [t.name for t in response.context["tokens"]] == ["A", "B"]
    page = response.content.decode()
    assert "Active" in page and "Revoked" in page and "Never" in page
    assert revoke_url(active) in page
    assert revoke_url(revoked) not in page
    assert foreign.prefix not in page


def test_revoking_asks_first_then_stops_the_token(world: World) -> None:
    token, secret = create_api_token(actor=None, organisation=world.organisation, name="DW")
    client = world.client_for("admin")
    confirm = client.get(revoke_url(token))
    assert confirm.status_code == 200
    assert "Revoke the token DW?" in confirm.content.decode()
    token.refresh_from_db()
    assert token.is_active, "opening the confirmation page revokes nothing"
    response = client.post(revoke_url(token))
    assert response.status_code == 302
    assert response["Location"] == LIST
    token.refresh_from_db()
    assert not token.is_active
    assert token.revoked_by == world.users["admin"]
    assert ApiClient(secret).get("/api/v1/metrics").status_code == 401
    # Again: nothing changes, the first revocation stays.
    revoked_at = token.revoked_at
    assert client.post(revoke_url(token)).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at == revoked_at
    assert "already been revoked" in client.get(revoke_url(token)).content.decode()


def test_revoking_needs_the_csrf_token(world: World) -> None:
    token, _secret = create_api_token(actor=None, organisation=world.organisation, name="DW")
    client = world.client_for("admin")
    response = super(type(client), client).post(revoke_url(token), {})
    assert response.status_code == 403
    token.refresh_from_db()
    assert token.is_active


@pytest.mark.parametrize("role", ["editor", "owner", "viewer"])
def test_other_roles_get_403(world: World, role: str) -> None:
    token, _secret = create_api_token(actor=None, organisation=world.organisation, name="DW")
    client = world.client_for(role)
    for url in (LIST, CREATE, revoke_url(token)):
        assert client.get(url).status_code == 403
        assert client.post(url, {"name": "X"}).status_code == 403
    token.refresh_from_db()
    assert token.is_active
    assert ApiToken.objects.count() == 1


def test_outsiders_and_other_organisations_tokens_are_404(world: World) -> None:
    token, _secret = create_api_token(actor=None, organisation=world.organisation, name="DW")
    outsider = world.client_for("outsider")
    for url in (LIST, CREATE, revoke_url(token)):
        assert outsider.get(url).status_code == 404
        assert outsider.post(url, {"name": "X"}).status_code == 404
    # The outsider is an admin of their own organisation, but cannot reach this token there.
    assert outsider.post(revoke_url(token, org="naapurikunta")).status_code == 404
    token.refresh_from_db()
    assert token.is_active


def test_the_menu_links_the_page_for_admins_only(world: World) -> None:
    path = reverse("roadmap:roadmap_list", kwargs={"org": ORG})
    assert LIST in world.client_for("admin").get(path).content.decode()
    assert LIST not in world.client_for("editor").get(path).content.decode()
    current = world.client_for("admin").get(LIST).content.decode()
    assert f'href="{LIST}" aria-current="page"' in current


def test_anonymous_users_are_sent_to_log_in(world: World) -> None:
    response = ApiClient().get(LIST)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
