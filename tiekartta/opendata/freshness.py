"""The validators (ETag, Last-Modified) of the open-data answers, from aggregate queries over the
history of what an answer is built from, so that a repeat request is answered 304 without
loading a row. A change counts as a change even when two fall in the same instant: the ETag
covers how many history records there are, not only the latest time.

The history of a roadmap's tasks is read whole, non-public tasks included: a task that stops
being public changes the answer too. Only the time and a count reach the validators, never
anything the task holds.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Max
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

from tiekartta.accounts.models import Organisation
from tiekartta.api.conditional import not_modified, stamp, validators
from tiekartta.metrics.models import Metric, MetricValue
from tiekartta.roadmap.models import FollowUpSettings, Person, Roadmap, Task, Theme

# Open data is the same for everyone: a shared cache may keep it for five minutes.
CACHE_CONTROL = "public, max-age=300"
VARY = "Accept-Language"


def _history(model: Any, **lookups: Any) -> tuple[datetime.datetime | None, int]:
    found = model.history.filter(**lookups).aggregate(latest=Max("history_date"), count=Count("pk"))
    return found["latest"], found["count"]


class Freshness:
    """What an answer depends on, collected before the answer is built."""

    def __init__(self, *parts: object) -> None:
        # The language changes the status labels; the day changes which metric periods began.
        self.parts: list[object] = [get_language(), timezone.localdate(), *parts]
        self.moments: list[datetime.datetime | None] = []

    def add(self, model: Any, **lookups: Any) -> Freshness:
        latest, count = _history(model, **lookups)
        self.parts.append(f"{model.__name__}:{count}")
        self.moments.append(latest)
        return self

    def of_organisation(self, organisation: Organisation) -> Freshness:
        return (
            self.add(Organisation, id=organisation.pk)
            .add(Roadmap, organisation_id=organisation.pk)
            .add(Person, organisation_id=organisation.pk)
            .add(FollowUpSettings, organisation_id=organisation.pk)
        )

    def of_roadmap(self, roadmap: Roadmap) -> Freshness:
        # The organisation's languages decide which versions are given and which text is
        # primary (a change of the primary language swaps the texts without history rows).
        return (
            self.add(Organisation, id=roadmap.organisation_id)
            .add(Roadmap, id=roadmap.pk)
            .add(Theme, roadmap_id=roadmap.pk)
        )

    def of_tasks(self, roadmap: Roadmap) -> Freshness:
        return (
            self.of_roadmap(roadmap)
            .add(Task, roadmap_id=roadmap.pk)
            .add(Person, organisation_id=roadmap.organisation_id)
            .add(FollowUpSettings, organisation_id=roadmap.organisation_id)
        )

    def of_metrics(self, roadmap: Roadmap) -> Freshness:
        metric_ids = Metric.objects.filter(roadmap=roadmap).values("pk")
        return (
            self.of_roadmap(roadmap)
            .add(Metric, roadmap_id=roadmap.pk)
            .add(MetricValue, metric_id__in=metric_ids)
        )

    def answer(self, request: HttpRequest) -> tuple[HttpResponse | None, Stamp]:
        """The 304 the request earns, or None; and what stamps the full answer."""
        etag, last_modified = validators(request, self.parts, self.moments)
        early = not_modified(request, etag, last_modified, cache_control=CACHE_CONTROL, vary=VARY)
        return early, Stamp(etag, last_modified)


class Stamp:
    def __init__(self, etag: str, last_modified: datetime.datetime | None) -> None:
        self.etag = etag
        self.last_modified = last_modified

    def on(self, response: HttpResponse) -> HttpResponse:
        stamp(response, self.etag, self.last_modified, cache_control=CACHE_CONTROL, vary=VARY)
        return response
