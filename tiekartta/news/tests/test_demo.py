"""The demo's news: published, each linked to its task of the current roadmap, added once."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from tiekartta.news.demo import NEWS, add_demo_news
from tiekartta.news.models import NewsItem


@pytest.mark.django_db
def test_the_demo_publishes_news_linked_to_current_tasks_once() -> None:
    call_command("load_demo")
    items = NewsItem.objects.filter(organisation__slug="kankaanpaa-demo")
    assert items.count() == len(NEWS)
    for item in items:
        assert item.published_at is not None
        assert item.roadmap is not None and item.roadmap.slug == "2026-2028"
        assert item.tasks.count() == 1
    assert add_demo_news() == []
    assert items.count() == len(NEWS)
