"""Helpers shared by the metric page tests: URLs, metrics made in the past, reading the HTML."""

from __future__ import annotations

import datetime
import html as html_lib
import re
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils import timezone

from conftest import BrowserLikeClient, World
from tests.factories import MetricFactory, MetricValueFactory
from tiekartta.metrics.models import Metric

ORG, RM = "testikaupunki", "2026-2028"
NOW = "2026-11-27 12:00 +0200"
# Created early in the year, so that values are expected from the first quarter on.
EARLY = timezone.make_aware(datetime.datetime(2026, 1, 15, 12, 0))


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"metrics:{name}", kwargs={"org": ORG, "roadmap": RM, **kwargs})


def make_metric(world: World, *, since: datetime.datetime | None = EARLY, **fields: Any) -> Metric:
    fields.setdefault("owner", world.owner_person)
    metric: Metric = MetricFactory.create(roadmap=world.roadmap, **fields)
    if since is not None:
        Metric.objects.filter(pk=metric.pk).update(created_at=since)
        metric.refresh_from_db()
    return metric


def add_values(metric: Metric, **values: str) -> None:
    for period, value in values.items():
        MetricValueFactory(metric=metric, period=period, value=Decimal(value))


def text_of(fragment: str) -> str:
    """What a reader sees: tags removed, entities decoded, whitespace collapsed."""
    plain = html_lib.unescape(re.sub(r"<[^>]+>", " ", fragment))
    # Not str.split(): the no-break space between a number and its unit is part of the text.
    return re.sub(r"[ \t\r\n]+", " ", plain).strip()


def element(page: str, element_id: str, tag: str = "tr") -> str:
    match = re.search(rf'<{tag}[^>]*id="{element_id}"[^>]*>(.*?)</{tag}>', page, re.S)
    assert match, f"no <{tag} id={element_id}>"
    return match.group(1)


def field_error(page: str, name: str) -> str:
    """The error written next to a field (the form templates give it the field's id)."""
    match = re.search(rf'<p class="error" id="id_{name}_error">(.*?)</p>', page, re.S)
    assert match, f"no error next to {name}"
    return text_of(match.group(1))


def status_of(page: str) -> str:
    match = re.search(r'<span class="metric-status metric-\w+">(.*?)</span>', page)
    assert match
    return match.group(1)


def record(client: BrowserLikeClient, metric: Metric, **data: str) -> Any:
    return client.post(url("record", metric=metric.pk), {"note": "", "source": "", **data})
