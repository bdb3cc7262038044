"""The demo is written by the system actor "Demo", and the change log says so."""

import pytest
from django.core.management import call_command

from tiekartta.accounts.models import Organisation
from tiekartta.activity.selectors import LogFilter, whole_log
from tiekartta.roadmap.models import Person, Roadmap, Task


@pytest.mark.django_db
def test_the_demo_is_written_by_the_demo_actor_and_the_change_log_names_it() -> None:
    call_command("load_demo")
    organisation = Organisation.objects.get(slug="kankaanpaa-demo")
    assert organisation.history.earliest().history_change_reason == "Demo"
    roadmap = Roadmap.objects.get(organisation=organisation, slug="2026-2028")
    created = roadmap.history.earliest()
    assert created.history_user is None and created.history_change_reason == "Demo"
    task = Task.objects.filter(roadmap=roadmap).first()
    assert task is not None
    assert task.history.earliest().history_change_reason == "Demo"
    linked = Person.objects.filter(organisation=organisation, user__username="demo-admin").get()
    assert linked.history.latest().history_change_reason == "Demo"
    entries = whole_log(organisation, LogFilter())
    assert any(
        entry.who == "Demo" and getattr(entry, "kind", "") and entry.action == "Created"
        for entry in entries
    )
