"""A task's rules hold twice: full_clean() says them with their message, next to nothing
asked of the database (a renewal saves hundreds of tasks), and the database refuses a write
that skips validation."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.factories import TaskFactory
from tiekartta.roadmap.models import ExternalSource, Task


def _message(name: str) -> str:
    return str(
        next(c for c in Task._meta.constraints if c.name == name).get_violation_error_message()
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "constraint"),
    [
        ({"start": "2026Q3", "due": "2026Q1"}, "task_schedule_ordered"),
        (
            {"external_source": ExternalSource.JIRA, "external_id": ""},
            "task_external_id_with_source",
        ),
        ({"external_source": "", "external_id": "ABC-1"}, "task_external_id_with_source"),
    ],
)
def test_a_rule_between_fields_is_told_and_held_by_the_database(
    changes: dict[str, str], constraint: str
) -> None:
    task = TaskFactory(start="2026Q1", due="2026Q2")
    for name, value in changes.items():
        setattr(task, name, value)
    with pytest.raises(ValidationError) as refused:
        task.full_clean()
    assert _message(constraint) in refused.value.messages
    with pytest.raises(IntegrityError), transaction.atomic():
        Task.objects.filter(pk=task.pk).update(**changes)


@pytest.mark.django_db
def test_the_same_identifier_from_the_same_tool_is_refused_in_a_roadmap() -> None:
    first = TaskFactory(external_source=ExternalSource.JIRA, external_id="ABC-1")
    second = TaskFactory(roadmap=first.roadmap, theme=first.theme, owner=first.owner)
    second.external_source, second.external_id = ExternalSource.JIRA, "ABC-1"
    with pytest.raises(ValidationError) as refused:
        second.full_clean()
    assert _message("task_external_id_unique_per_roadmap") in refused.value.messages
    first.full_clean()  # its own identifier is no clash
    elsewhere = TaskFactory(external_source=ExternalSource.JIRA, external_id="ABC-1")
    elsewhere.full_clean()  # another roadmap's is no clash either


@pytest.mark.django_db
def test_a_rule_of_one_field_is_its_validators_and_still_the_databases() -> None:
    task = TaskFactory()
    task.kind = "poem"
    with pytest.raises(ValidationError) as refused:
        task.full_clean()
    assert "kind" in refused.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Task.objects.filter(pk=task.pk).update(kind="poem")


@pytest.mark.django_db
def test_validating_a_task_asks_the_database_little(django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    task = TaskFactory(start="2026Q1", due="2026Q2")
    task = Task.objects.select_related("roadmap", "theme", "owner").get(pk=task.pk)
    # The foreign keys' existence; not one query per check constraint (there are over 20).
    with django_assert_max_num_queries(4):
        task.full_clean()
