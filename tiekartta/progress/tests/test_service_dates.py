"""Services whose rules depend on the date take it, defaulting to the current one."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import World
from tests.factories import verify_email
from tiekartta.accounts.models import Role
from tiekartta.accounts.services import (
    SignInLinkError,
    create_sign_in_link,
    redeem_sign_in_link,
)
from tiekartta.progress import services as progress_services

pytestmark = pytest.mark.django_db


def test_close_review_freezes_the_minutes_as_of_the_given_day(world: World) -> None:
    day = datetime.date(2026, 9, 30)
    real = progress_services.build_minutes
    with mock.patch.object(progress_services, "build_minutes", side_effect=real) as built:
        progress_services.close_review(actor=None, review=world.review, today=day)
    assert built.call_args.args[1] == day


def test_close_review_defaults_to_the_current_day(world: World) -> None:
    real = progress_services.build_minutes
    with mock.patch.object(progress_services, "build_minutes", side_effect=real) as built:
        progress_services.close_review(actor=None, review=world.review)
    assert built.call_args.args[1] == timezone.localdate()


def test_sign_in_link_expiry_is_judged_at_the_given_moment(world: World) -> None:
    link, token = create_sign_in_link(
        user=verify_email(world.users[Role.OWNER], "omistaja@example.fi"),
        organisation=world.organisation,
        next_path=reverse("progress:my_tasks", kwargs={"org": "testikaupunki"}),
        valid_for=datetime.timedelta(hours=2),
    )
    with pytest.raises(SignInLinkError) as error:
        redeem_sign_in_link(token=token, at=link.expires_at)
    assert error.value.reason == "expired"
    moment = link.expires_at - datetime.timedelta(minutes=1)
    used = redeem_sign_in_link(token=token, at=moment)
    assert used.used_at == moment
