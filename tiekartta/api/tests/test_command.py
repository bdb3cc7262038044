"""`manage.py create_api_token`: the token alone on stdout, so that a script can capture it."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from conftest import World
from tiekartta.accounts.models import ApiToken
from tiekartta.accounts.services import authenticate_api_token, hash_api_token


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("create_api_token", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_prints_only_the_token_and_stores_only_its_hash(world: World) -> None:
    out, err = run("--organisation", "testikaupunki", "--name", "Tietovarasto")
    secret = out.strip()
    assert out == secret + "\n"
    assert secret.startswith("tk_") and len(secret) > 40
    assert "cannot be shown again" in err and secret not in err
    token = ApiToken.objects.get()
    assert token.organisation == world.organisation
    assert token.name == "Tietovarasto"
    assert token.created_by is None
    assert token.token_hash == hash_api_token(secret)
    assert secret not in {token.token_hash, token.prefix}
    assert authenticate_api_token(secret) == token


def test_unknown_organisation_creates_nothing(world: World) -> None:
    with pytest.raises(CommandError, match="No organisation 'tuntematon'"):
        run("--organisation", "tuntematon", "--name", "Tietovarasto")
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("name", ["Tietovarasto", "tietovarasto", " TIETOVARASTO "])
def test_a_duplicate_name_creates_nothing(world: World, name: str) -> None:
    run("--organisation", "testikaupunki", "--name", "Tietovarasto")
    with pytest.raises(CommandError, match="already has a token named"):
        run("--organisation", "testikaupunki", "--name", name)
    assert ApiToken.objects.count() == 1


def test_the_same_name_in_another_organisation_is_fine(world: World) -> None:
    run("--organisation", "testikaupunki", "--name", "Tietovarasto")
    run("--organisation", "naapurikunta", "--name", "Tietovarasto")
    assert ApiToken.objects.count() == 2


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_an_empty_or_too_long_name_creates_nothing(world: World, name: str) -> None:
    with pytest.raises(CommandError):
        run("--organisation", "testikaupunki", "--name", name)
    assert not ApiToken.objects.exists()


def test_records_progress_only_when_asked(world: World) -> None:
    run("--organisation", "testikaupunki", "--name", "Lukija")
    run("--organisation", "testikaupunki", "--name", "Kirjaaja", "--records-progress")
    grants = dict(ApiToken.objects.values_list("name", "records_progress"))
    assert grants == {"Lukija": False, "Kirjaaja": True}
