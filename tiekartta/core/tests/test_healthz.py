from unittest import mock

import pytest
from django.db import DatabaseError
from django.test import Client


@pytest.mark.django_db
def test_healthy_when_database_answers_and_migrations_applied() -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "pending_migrations": 0}
    assert "no-cache" in response.headers["Cache-Control"]


@pytest.mark.django_db
def test_unhealthy_when_migrations_are_pending() -> None:
    with mock.patch(
        "django.db.migrations.executor.MigrationExecutor.migration_plan",
        return_value=[("migration", False)],
    ):
        response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["pending_migrations"] == 1


@pytest.mark.django_db
def test_unhealthy_when_database_fails() -> None:
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute", side_effect=DatabaseError("down")
    ):
        response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
