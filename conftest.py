"""Personas shared by every test: one organisation with a user per role, and an outsider."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    ReviewFactory,
    RoadmapFactory,
    TaskFactory,
    ThemeFactory,
    UserFactory,
)
from tiekartta.accounts.models import Organisation, Role, User
from tiekartta.progress.models import Review
from tiekartta.roadmap.models import Person, Roadmap, Task, Theme

PASSWORD = "salasana-123"  # noqa: S105 - test personas only


class BrowserLikeClient(Client):
    """The test client with CSRF checks on; posts carry the token the way a form would."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(enforce_csrf_checks=True, **kwargs)

    def csrf_token(self) -> str:
        if "csrftoken" not in self.cookies:
            self.get(reverse("accounts:login"))
        return self.cookies["csrftoken"].value

    def post(self, path: str, data: Any = None, **kwargs: Any) -> Any:  # type: ignore[override]
        token = self.csrf_token()
        if isinstance(data, dict) or data is None:
            data = {**(data or {}), "csrfmiddlewaretoken": token}
        return super().post(path, data, **kwargs)


@pytest.fixture(autouse=True)
def english_outside_requests() -> Any:
    """Messages raised outside a request read in English in assertions; requests pick their own."""
    with translation.override("en"):
        yield


@dataclass
class World:
    organisation: Organisation
    roadmap: Roadmap
    theme: Theme
    other_theme: Theme
    owner_person: Person
    other_person: Person
    own_task: Task
    others_task: Task
    users: dict[str, User]
    outsider_organisation: Organisation
    outsider_roadmap: Roadmap
    outsider_task: Task
    review: Review

    def client_for(self, persona: str) -> BrowserLikeClient:
        client = BrowserLikeClient()
        client.csrf_token()
        client.force_login(self.users[persona])
        return client


@pytest.fixture
def world(db: Any) -> World:
    organisation = OrganisationFactory(name="Testikaupunki", slug="testikaupunki")
    roadmap = RoadmapFactory(
        organisation=organisation, slug="2026-2028", title="Tiekartta 2026–2028"
    )
    theme = ThemeFactory(roadmap=roadmap, name="Tiedolla johtaminen", is_spearhead=True)
    other_theme = ThemeFactory(roadmap=roadmap, name="Digituki")
    users = {}
    for role in Role.values:
        user = UserFactory(username=f"{role}-user")
        MembershipFactory(user=user, organisation=organisation, role=role)
        users[role] = user
    owner_person = PersonFactory(
        organisation=organisation, name="Tekninen johtaja", user=users["owner"]
    )
    other_person = PersonFactory(organisation=organisation, name="Museonjohtaja")
    own_task = TaskFactory(theme=theme, owner=owner_person, title="Vesimittarien etäluenta")
    others_task = TaskFactory(theme=theme, owner=other_person, title="Kokoelmajärjestelmä")

    outsider_organisation = OrganisationFactory(name="Naapurikunta", slug="naapurikunta")
    outsider = UserFactory(username="outsider-user")
    MembershipFactory(user=outsider, organisation=outsider_organisation, role=Role.ADMIN)
    users["outsider"] = outsider
    outsider_roadmap = RoadmapFactory(organisation=outsider_organisation, slug="2024-2026")
    outsider_theme = ThemeFactory(roadmap=outsider_roadmap)
    outsider_task = TaskFactory(theme=outsider_theme, start="2024Q1", due="2024Q4")
    review = ReviewFactory(roadmap=roadmap, quarter="2026Q3")
    return World(
        organisation=organisation,
        roadmap=roadmap,
        theme=theme,
        other_theme=other_theme,
        owner_person=owner_person,
        other_person=other_person,
        own_task=own_task,
        others_task=others_task,
        users=users,
        outsider_organisation=outsider_organisation,
        outsider_roadmap=outsider_roadmap,
        outsider_task=outsider_task,
        review=review,
    )
