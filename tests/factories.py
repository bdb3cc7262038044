"""factory_boy factories shared by every app's tests."""

from __future__ import annotations

import datetime
import functools
from decimal import Decimal

import factory
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from factory.django import DjangoModelFactory

from tiekartta.accounts.models import Membership, Organisation, Role, User
from tiekartta.ideas.models import Idea, IdeaSource
from tiekartta.metrics.models import Metric, MetricValue
from tiekartta.progress.models import ProgressEntry, Review
from tiekartta.roadmap.models import Person, Roadmap, Task, Theme


@functools.cache
def _password_hash() -> str:
    return make_password("salasana-123")


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Kunta {n}")
    slug = factory.Sequence(lambda n: f"kunta-{n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Testi"
    language = "en"
    last_name = factory.Sequence(lambda n: f"Käyttäjä{n}")
    # Hashed once: Argon2 is slow on purpose, and every persona shares the password.
    password = factory.LazyFunction(lambda: _password_hash())


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.VIEWER


class RoadmapFactory(DjangoModelFactory):
    class Meta:
        model = Roadmap

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Digitiekartta {n}")
    slug = factory.Sequence(lambda n: f"tiekartta-{n}")
    start_year = 2026
    end_year = 2028


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme

    roadmap = factory.SubFactory(RoadmapFactory)
    name = factory.Sequence(lambda n: f"Aihealue {n}")
    order = factory.Sequence(lambda n: n)


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Vastuuhenkilö {n}")
    title = "Suunnittelija"
    unit = "Tietohallinto"


class TaskFactory(DjangoModelFactory):
    class Meta:
        model = Task

    theme = factory.SubFactory(ThemeFactory)
    roadmap = factory.SelfAttribute("theme.roadmap")
    owner = factory.SubFactory(
        PersonFactory, organisation=factory.SelfAttribute("..theme.roadmap.organisation")
    )
    title = factory.Sequence(lambda n: f"Tehtävä {n}")
    start = "2026Q1"
    due = "2026Q4"
    order = factory.Sequence(lambda n: n)


class ReviewFactory(DjangoModelFactory):
    class Meta:
        model = Review

    roadmap = factory.SubFactory(RoadmapFactory)
    quarter = "2026Q3"
    meeting_date = datetime.date(2026, 9, 20)


class ProgressEntryFactory(DjangoModelFactory):
    """An entry written straight to the table; tests of the rules go through the services."""

    class Meta:
        model = ProgressEntry

    task = factory.SubFactory(TaskFactory)
    quarter = "2026Q3"
    completion = 40
    status = "in_progress"


class MetricFactory(DjangoModelFactory):
    """A quarterly metric rising from 20 at the end of 2025 to 60 at the end of 2028."""

    class Meta:
        model = Metric

    roadmap = factory.SubFactory(RoadmapFactory)
    theme = None
    owner = factory.SubFactory(
        PersonFactory, organisation=factory.SelfAttribute("..roadmap.organisation")
    )
    name = factory.Sequence(lambda n: f"Mittari {n}")
    unit = "percent"
    direction = "higher"
    frequency = "quarterly"
    baseline_value = Decimal("20")
    baseline_date = datetime.date(2025, 12, 31)
    target_value = Decimal("60")
    target_date = datetime.date(2028, 12, 31)


class MetricValueFactory(DjangoModelFactory):
    """A value written straight to the table; tests of the rules go through the services."""

    class Meta:
        model = MetricValue

    metric = factory.SubFactory(MetricFactory)
    period = "2026Q2"
    value = Decimal("30")
    channel = "form"
    recorded_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))


def verify_email(user: User, email: str) -> User:
    """Give `user` a verified address, as accepting an invitation sent there would."""
    user.mark_email_verified(email, timezone.now())
    user.save()
    return user


class IdeaFactory(DjangoModelFactory):
    class Meta:
        model = Idea

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Idea {n}")
    source = IdeaSource.RESIDENT_SURVEY
    event = "Asukaskysely 2022"
    received_on = datetime.date(2022, 9, 15)
