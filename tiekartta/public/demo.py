"""The demo's public site: each demo organisation publishes its current and its finished
roadmap, with a few public summaries and its metrics that have values."""

from __future__ import annotations

import dataclasses

from tiekartta.accounts.models import Organisation
from tiekartta.core.actors import Actor
from tiekartta.metrics import services as metric_services
from tiekartta.metrics.models import Metric
from tiekartta.roadmap import services
from tiekartta.roadmap.demo_sv import CONTENT_LANGUAGES, SWEDISH, UNTRANSLATED_SUMMARIES
from tiekartta.roadmap.models import Roadmap, Status, Task

# Esimerkkilä's roadmap stays internal: the demo has an unpublished roadmap too.
PUBLISHED = ("2026-2028", "2023-2025")

# Plain words for residents, by the task's status; the internal notes say other things.
SUMMARIES = {
    Status.DONE: "Valmis ja käytössä. Palautetta voi antaa kunnan palautekanavassa.",
    Status.IN_PROGRESS: "Työ etenee suunnitellusti; seuraava vaihe käynnistyy tämän vuoden aikana.",
    Status.PLANNED: "Valmistelu alkaa suunnitellulla aikataululla.",
    Status.POSTPONED: "Siirtyy myöhemmäksi: resurssit on kohdennettu kiireellisempiin töihin.",
}
# How many public tasks of each roadmap get a summary, the first ones in order.
SUMMARISED = 6


def add_demo_public_site(actor: Actor, organisation_slug: str) -> list[str]:
    """Idempotent: publishes what is not yet published, writes summaries only where none is.
    Runs before the finished roadmap is archived (summaries and metrics are its content)."""
    organisation = Organisation.objects.get(slug=organisation_slug)
    added = []
    for roadmap in Roadmap.objects.filter(organisation=organisation, slug__in=PUBLISHED):
        if roadmap.is_public:
            continue
        services.set_roadmap_public(actor=actor, roadmap=roadmap, public=True)
        added.append(f"{roadmap.title}: published on the public site")
        if roadmap.is_archived:
            continue
        tasks = Task.objects.filter(roadmap=roadmap, is_public=True, public_summary="")
        for task in tasks.order_by("theme__order", "order", "pk")[:SUMMARISED]:
            text = SUMMARIES.get(Status(task.status))
            if text:
                untranslated = (
                    organisation_slug not in CONTENT_LANGUAGES
                    or (roadmap.slug, task.title) in UNTRANSLATED_SUMMARIES
                )
                services.set_public_summary(
                    actor=actor,
                    task=task,
                    summary=text,
                    summary_translations=None if untranslated else {"sv": SWEDISH[text]},
                )
        measured = Metric.objects.filter(roadmap=roadmap, values__isnull=False).distinct()
        # The last one stays internal, so that the demo shows an unpublished metric too.
        for metric in list(measured.order_by("order", "name"))[:-1]:
            data = dataclasses.replace(
                metric_services.MetricInput.from_metric(metric), is_public=True
            )
            metric_services.update_metric(
                actor=actor, metric=metric, expected_version=metric.version, data=data
            )
    return added
