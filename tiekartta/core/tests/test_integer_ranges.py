"""Every integer column answers the same on SQLite and PostgreSQL: its validators stop at
PostgreSQL's range (SQLite would store any 64-bit number), and a number past the range in a
lookup matches nothing instead of failing."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models
from django.db.backends.base.operations import BaseDatabaseOperations

POSTGRESQL_RANGES = BaseDatabaseOperations.integer_field_ranges


def _limit(validator: MinValueValidator | MaxValueValidator) -> int:
    value = validator.limit_value
    return int(value() if callable(value) else value)


def _integer_fields() -> list[models.IntegerField]:  # type: ignore[type-arg]
    return [
        field
        for model in apps.get_models()
        if model.__module__.startswith("tiekartta.")
        for field in model._meta.concrete_fields
        if isinstance(field, models.IntegerField)
    ]


def test_every_integer_field_is_bounded_by_postgresqls_column_range() -> None:
    fields = _integer_fields()
    assert len(fields) > 15
    for field in fields:
        low, high = POSTGRESQL_RANGES[field.get_internal_type()]
        mins = [_limit(v) for v in field.validators if isinstance(v, MinValueValidator)]
        maxes = [_limit(v) for v in field.validators if isinstance(v, MaxValueValidator)]
        assert mins and max(mins) >= low, f"{field.model.__name__}.{field.name}"
        assert maxes and min(maxes) <= high, f"{field.model.__name__}.{field.name}"


@pytest.mark.django_db
def test_a_number_past_the_id_column_matches_nothing_in_a_list() -> None:
    group = Group.objects.create(name="Kunta")
    huge = 10**20
    assert list(Group.objects.filter(pk__in=[huge])) == []
    assert list(Group.objects.filter(pk__in=[huge, group.pk])) == [group]
    assert not Group.objects.filter(pk=huge).exists()
    assert connection.ops.integer_field_range("PositiveIntegerField") == (0, 2147483647)
