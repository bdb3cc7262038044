"""Public content for the news tests: the personas' roadmap published, one task public (with a
summary for residents) and one kept internal, with a secret title and notes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from conftest import World
from tiekartta.news import services
from tiekartta.news.models import NewsItem
from tiekartta.progress.services import record_progress
from tiekartta.roadmap.models import Roadmap, Task

SECRET_TITLE = "Salainen henkilöstösuunnitelma"
SECRET_NOTE = "Sisäinen huomio: budjetti ylittyy"
PUBLIC_SUMMARY = "Etäluenta on käytössä puolessa kaupungista."


@dataclass
class Public:
    world: World
    public_task: Task
    secret_task: Task

    def news(self, title: str, *, tasks: list[Task], published: bool = True) -> NewsItem:
        item = services.create_news(
            actor=self.world.users["editor"],
            organisation=self.world.organisation,
            data=services.NewsInput(
                title=title,
                body=f"{title}: teksti asukkaille.",
                language="fi",
                roadmap=self.world.roadmap,
                tasks=tasks,
            ),
        )
        if published:
            services.set_published(actor=self.world.users["editor"], item=item, published=True)
        return item


@pytest.fixture
def public(world: World) -> Any:
    Roadmap.objects.filter(pk=world.roadmap.pk).update(is_public=True)
    world.roadmap.refresh_from_db()
    Task.objects.filter(pk=world.own_task.pk).update(is_public=True)
    public_task = Task.objects.get(pk=world.own_task.pk)
    secret_task = world.others_task
    Task.objects.filter(pk=secret_task.pk).update(title=SECRET_TITLE)
    secret_task.refresh_from_db()
    for task in (public_task, secret_task):
        record_progress(
            actor=world.users["admin"],
            task=task,
            quarter="2026Q3",
            completion=40,
            status="in_progress",
            note=SECRET_NOTE,
            public_summary=PUBLIC_SUMMARY if task == public_task else "Salainen yhteenveto",
        )
    public_task.refresh_from_db()
    secret_task.refresh_from_db()
    return Public(world=world, public_task=public_task, secret_task=secret_task)
