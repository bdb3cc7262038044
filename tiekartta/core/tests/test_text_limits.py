"""Every free-text field people fill has a ceiling that the form, full_clean (so every service
and import) and the database all keep."""

from __future__ import annotations

from django.apps import apps
from django.core.validators import MaxLengthValidator
from django.db import models


def _text_fields() -> list[models.TextField]:  # type: ignore[type-arg]
    return [
        field
        for model in apps.get_models()
        if model.__module__.startswith("tiekartta.")
        and not model._meta.model_name.startswith("historical")
        for field in model._meta.concrete_fields
        if isinstance(field, models.TextField)
    ]


def test_every_text_field_has_a_limit_in_validators_and_in_the_database() -> None:
    fields = _text_fields()
    assert len(fields) >= 13
    for field in fields:
        where = f"{field.model.__name__}.{field.name}"
        assert field.max_length, where
        limits = [v.limit_value for v in field.validators if isinstance(v, MaxLengthValidator)]
        assert limits == [field.max_length], where
        checks = {c.name for c in field.model._meta.constraints}
        assert any(name.endswith(f"_{field.name}_length") for name in checks), where
