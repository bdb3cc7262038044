"""A closed meeting's printed minutes are built once per language and served from storage
after that; an open meeting's draft is printed afresh, since entries still change it."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import World
from tiekartta.accounts.models import Role
from tiekartta.progress import review_views, services
from tiekartta.progress.models import MinutesDocument


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The languages WeasyPrint was asked to print in, in order."""
    calls: list[str] = []
    real = review_views.render_pdf

    def counting(html: str, **kwargs: Any) -> bytes:
        calls.append(html.split('lang="', 1)[1].split('"', 1)[0])
        return real(html, **kwargs)

    monkeypatch.setattr(review_views, "render_pdf", counting)
    return calls


def _pdf_address(world: World) -> str:
    return reverse(
        "progress:review_minutes_pdf",
        kwargs={"org": "testikaupunki", "roadmap": "2026-2028", "review": world.review.pk},
    )


def test_a_closed_meetings_minutes_are_printed_once_per_language(
    world: World, printed: list[str]
) -> None:
    world.review.minutes = "Päätettiin jatkaa."
    world.review.save()
    services.close_review(actor=world.users[Role.EDITOR], review=world.review)
    for persona, language in ((Role.VIEWER, "fi"), (Role.EDITOR, "sv")):
        world.users[persona].language = language
        world.users[persona].save()
    viewer = world.client_for(Role.VIEWER)
    first = viewer.get(_pdf_address(world))
    second = viewer.get(_pdf_address(world))
    assert first.status_code == second.status_code == 200
    assert first["Content-Type"] == "application/pdf" and first.content.startswith(b"%PDF")
    assert second.content == first.content
    assert printed == ["fi"]
    # Another member, another language: printed once in that language too.
    editor = world.client_for(Role.EDITOR)
    assert editor.get(_pdf_address(world)).content != first.content
    editor.get(_pdf_address(world))
    assert printed == ["fi", "sv"]
    assert MinutesDocument.objects.filter(review=world.review).count() == 2


def test_an_open_meetings_draft_is_printed_on_every_request(
    world: World, printed: list[str]
) -> None:
    viewer = world.client_for(Role.VIEWER)
    viewer.get(_pdf_address(world))
    viewer.get(_pdf_address(world))
    assert len(printed) == 2
    assert not MinutesDocument.objects.exists()
    with pytest.raises(ValidationError):
        services.store_minutes_document(review=world.review, language="fi", pdf=b"%PDF")
