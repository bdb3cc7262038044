"""The queue's rows in the admin are for reading: a superuser sees them but cannot change,
add or delete one (tiekartta/jobs/admin.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult, get_date_max

# The queue's rows are read through the database backend, as production runs it.
QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("database_queue")]


@pytest.fixture
def database_queue(settings: Any) -> None:
    settings.TASKS = QUEUE


@pytest.fixture
def superuser_client() -> Client:
    user = get_user_model().objects.create_superuser("root", "root@example.invalid", "pw-12345678")
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def row() -> DBTaskResult:
    return DBTaskResult.objects.create(
        task_path="tiekartta.jobs.tasks.run_job",
        args_kwargs={"args": ["x"], "kwargs": {}},
        queue_name="default",
        backend_name="default",
        run_after=get_date_max(),
        status="READY",
    )


def test_change_page_has_no_save(superuser_client: Client, row: DBTaskResult) -> None:
    url = reverse("admin:django_tasks_database_dbtaskresult_change", args=[row.pk])
    response = superuser_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="_save"' not in html
    assert 'name="_continue"' not in html
    assert "deletelink" not in html


def test_post_is_refused(superuser_client: Client, row: DBTaskResult) -> None:
    url = reverse("admin:django_tasks_database_dbtaskresult_change", args=[row.pk])
    response = superuser_client.post(url, {"status": "SUCCESSFUL", "queue_name": "other"})
    assert response.status_code == 403
    row.refresh_from_db()
    assert (row.status, row.queue_name) == ("READY", "default")


def test_no_add_delete_or_bulk_action(superuser_client: Client, row: DBTaskResult) -> None:
    add = superuser_client.get(reverse("admin:django_tasks_database_dbtaskresult_add"))
    delete = superuser_client.post(
        reverse("admin:django_tasks_database_dbtaskresult_delete", args=[row.pk]), {"post": "yes"}
    )
    changelist = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    listing = superuser_client.get(changelist)
    bulk = superuser_client.post(
        changelist, {"action": "delete_selected", "_selected_action": [row.pk], "post": "yes"}
    )
    assert add.status_code == 403
    assert delete.status_code == 403
    assert listing.status_code == 200 and 'name="action"' not in listing.content.decode()
    assert bulk.status_code != 302 or DBTaskResult.objects.filter(pk=row.pk).exists()
    assert DBTaskResult.objects.filter(pk=row.pk).exists()
