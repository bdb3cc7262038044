"""The public statement and feedback form, as an anonymous resident uses them."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from conftest import BrowserLikeClient, World
from tiekartta.accessibility import services
from tiekartta.accessibility.models import (
    AUTHORITY_NAME_FI,
    AssessmentMethod,
    Compliance,
    FeedbackKind,
    FeedbackMessage,
    FeedbackThrottle,
)
from tiekartta.accounts.models import AuditEvent, EventKind

ORG = "testikaupunki"


def statement_url(**query: str) -> str:
    path = reverse("accessibility:statement", kwargs={"org_slug": ORG})
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def feedback_url(query: str = "") -> str:
    return reverse("accessibility:feedback", kwargs={"org_slug": ORG}) + query


def publish(world: World, **changes: Any) -> None:
    data = services.StatementInput(
        compliance=Compliance.PARTIAL,
        assessed_on=datetime.date(2026, 11, 16),
        assessment_method=AssessmentMethod.THIRD_PARTY,
        assessed_by="Saavutettavuus Oy",
        description_fi="Suomenkielinen kuvaus.",
        description_sv="Svensk beskrivning.",
        feedback_contact="digi@testikaupunki.example",
        issues=[
            services.IssueInput(
                what_fi="Aikajana vaatii vaakavieritystä.",
                what_sv="Tidslinjen kräver vågrät rullning.",
                criterion="1.4.10",
                workaround_fi="Käytä yleisnäkymää.",
                fix_expected=datetime.date(2027, 3, 31),
            )
        ],
    )
    for key, value in changes.items():
        setattr(data, key, value)
    services.save_statement(
        actor=world.users["admin"],
        organisation=world.organisation,
        expected_version=None,
        data=data,
    )


def valid_feedback(**changes: str) -> dict[str, str]:
    return {
        "kind": FeedbackKind.ACCESSIBILITY,
        "message": "Kontrasti on liian heikko.",
        "name": "",
        "email": "",
        "page": "/julkinen/testikaupunki/saavutettavuus/",
        "website": "",
        **changes,
    }


def test_the_statement_is_public_in_finnish_and_swedish(world: World) -> None:
    publish(world)
    client = BrowserLikeClient()
    finnish = client.get(statement_url(lang="fi"))
    assert finnish.status_code == 200
    text = finnish.content.decode()
    assert '<html lang="fi">' in text
    assert "Saavutettavuusseloste" in text or "Accessibility statement" in text
    assert "Suomenkielinen kuvaus." in text
    assert "Aikajana vaatii vaakavieritystä." in text
    assert "1.4.10" in text
    assert "16.11.2026" in text
    assert AUTHORITY_NAME_FI in text
    assert finnish["Content-Language"] == "fi"

    swedish = client.get(statement_url(lang="sv")).content.decode()
    assert '<html lang="sv">' in swedish
    assert "Svensk beskrivning." in swedish
    assert "Tidslinjen kräver vågrät rullning." in swedish
    # A field without its Swedish text shows the Finnish one, marked as Finnish.
    assert '<span lang="fi">Käytä yleisnäkymää.</span>' in swedish
    # The footer's links keep the language.
    assert "saavutettavuus/?lang=sv" in swedish
    assert "palaute/?lang=sv" in swedish

    english = client.get(statement_url(lang="en")).content.decode()
    assert '<html lang="en">' in english
    assert "The service partially meets the accessibility requirements." in english
    assert '<p lang="fi" class="feedback-text">Suomenkielinen kuvaus.' in english


def test_the_statement_sets_no_cookie_and_may_be_cached(world: World) -> None:
    publish(world)
    client = BrowserLikeClient()
    response = client.get(statement_url(lang="sv"))
    assert response.status_code == 200
    assert not response.cookies, response.cookies
    assert "Set-Cookie" not in response.headers
    cache = response["Cache-Control"]
    assert "public" in cache and "max-age=300" in cache
    # Without ?lang= the language comes from the browser, so caches must tell them apart.
    plain = client.get(statement_url(), HTTP_ACCEPT_LANGUAGE="sv")
    assert plain["Content-Language"] == "sv"
    assert "Cookie" in plain["Vary"] and "Accept-Language" in plain["Vary"]


def test_unknown_organisation_is_404_on_every_public_page(db: Any) -> None:
    client = BrowserLikeClient()
    for name in (
        "accessibility:statement",
        "accessibility:feedback",
        "accessibility:feedback_sent",
    ):
        path = reverse(name, kwargs={"org_slug": "ei-ole"})
        assert client.get(path).status_code == 404, name


def test_an_organisation_without_a_statement_says_so(world: World) -> None:
    response = BrowserLikeClient().get(statement_url(lang="en"))
    assert response.status_code == 200
    assert "has not published the accessibility statement" in response.content.decode()


def test_the_statement_page_takes_constant_queries(
    world: World, django_assert_max_num_queries: Any
) -> None:
    publish(world)
    client = BrowserLikeClient()
    with django_assert_max_num_queries(3):
        client.get(statement_url(lang="fi"))


def test_a_resident_sends_accessibility_feedback_without_a_session(world: World) -> None:
    client = BrowserLikeClient()
    form = client.get(feedback_url("?lang=sv&page=/julkinen/testikaupunki/saavutettavuus/"))
    assert form.status_code == 200
    assert set(form.cookies) == {"csrftoken"}
    assert "no-store" in form["Cache-Control"] and "private" in form["Cache-Control"]
    sent = client.post(
        feedback_url("?lang=sv"), valid_feedback(message="Kontrasten är för svag.", email="a@b.fi")
    )
    assert sent.status_code == 302
    assert sent["Location"].endswith("/palaute/kiitos/?lang=sv")
    assert "sessionid" not in sent.cookies
    thanks = client.get(sent["Location"])
    assert thanks.status_code == 200 and "sessionid" not in thanks.cookies
    assert not thanks.cookies
    message = FeedbackMessage.objects.get()
    assert message.organisation == world.organisation
    assert message.kind == FeedbackKind.ACCESSIBILITY
    assert message.message == "Kontrasten är för svag."
    assert message.email == "a@b.fi"
    assert message.language == "sv"
    assert message.page == "/julkinen/testikaupunki/saavutettavuus/"
    assert message.answer_due == timezone.localdate(message.received_at) + datetime.timedelta(
        days=14
    )
    event = AuditEvent.objects.get(kind=EventKind.FEEDBACK_RECEIVED)
    assert event.organisation == world.organisation
    # The event tells what happened, not who wrote what.
    assert "a@b.fi" not in str(event.data) and "svag" not in event.subject
    assert event.actor_label == "Public feedback form"


def test_the_form_refuses_without_the_csrf_token(world: World) -> None:
    client = BrowserLikeClient()
    response = super(BrowserLikeClient, client).post(feedback_url(), valid_feedback())
    assert response.status_code == 403
    assert not FeedbackMessage.objects.exists()


def test_a_robot_filling_the_honeypot_is_thanked_and_nothing_is_stored(world: World) -> None:
    client = BrowserLikeClient()
    client.get(feedback_url())
    response = client.post(feedback_url(), valid_feedback(website="http://spam.example"))
    assert response.status_code == 302
    assert not FeedbackMessage.objects.exists()
    assert not AuditEvent.objects.filter(kind=EventKind.FEEDBACK_RECEIVED).exists()
    # It still counts against the address's limit.
    assert FeedbackThrottle.objects.count() == 1


@override_settings(TIEKARTTA_FEEDBACK_LIMIT_PER_HOUR=2)
def test_one_address_is_limited_per_hour_and_told_so(world: World) -> None:
    client = BrowserLikeClient()
    client.get(feedback_url())
    for _ in range(2):
        assert client.post(feedback_url(), valid_feedback()).status_code == 302
    refused = client.post(feedback_url("?lang=en"), valid_feedback(message="Kolmas viesti"))
    assert refused.status_code == 429
    text = refused.content.decode()
    assert "Many messages have been sent from your address" in text
    # What the resident typed is kept in the form.
    assert "Kolmas viesti" in text
    assert FeedbackMessage.objects.count() == 2
    # Another address is not affected.
    other = BrowserLikeClient(REMOTE_ADDR="192.0.2.7")
    other.get(feedback_url())
    assert other.post(feedback_url(), valid_feedback()).status_code == 302
    # An hour later the first address may send again.
    FeedbackThrottle.objects.update(at=timezone.now() - datetime.timedelta(minutes=61))
    assert client.post(feedback_url(), valid_feedback()).status_code == 302


@override_settings(TIEKARTTA_FEEDBACK_LIMIT_PER_HOUR=1, TIEKARTTA_TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_the_limit_is_per_client_address(world: World) -> None:
    first = BrowserLikeClient(HTTP_X_FORWARDED_FOR="198.51.100.1")
    first.get(feedback_url())
    assert first.post(feedback_url(), valid_feedback()).status_code == 302
    assert first.post(feedback_url(), valid_feedback()).status_code == 429
    second = BrowserLikeClient(HTTP_X_FORWARDED_FOR="198.51.100.2")
    second.get(feedback_url())
    assert second.post(feedback_url(), valid_feedback()).status_code == 302


def test_oversized_input_is_refused_with_a_message(world: World) -> None:
    client = BrowserLikeClient()
    client.get(feedback_url())
    long = client.post(feedback_url("?lang=en"), valid_feedback(message="x" * 5001))
    assert long.status_code == 400
    assert "The message can be at most 5000 characters long; it now has 5001." in (
        long.content.decode()
    )
    huge = client.post(feedback_url("?lang=en"), valid_feedback(message="x" * 70_000))
    assert huge.status_code == 413
    assert "too large to receive" in huge.content.decode()
    bad = client.post(feedback_url("?lang=en"), valid_feedback(email="ei osoite", kind=""))
    assert bad.status_code == 400
    assert "Enter an e-mail address such as" in bad.content.decode()
    assert "Choose what your feedback is about." in bad.content.decode()
    assert not FeedbackMessage.objects.exists()


def test_what_the_resident_typed_is_escaped_when_shown_again(world: World) -> None:
    client = BrowserLikeClient()
    client.get(feedback_url())
    script = "<script>alert(1)</script>"
    response = client.post(
        feedback_url("?lang=en&page=%22%3E%3Cscript%3E"),
        valid_feedback(message=script, email="<b>@x", page='"><script>'),
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "<script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_form_is_in_the_chosen_language(world: World, language: str) -> None:
    response = BrowserLikeClient().get(feedback_url(f"?lang={language}"))
    assert f'<html lang="{language}">' in response.content.decode()
    assert response["Content-Language"] == language
