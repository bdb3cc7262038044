"""Loads the demo's metrics with their history; idempotent, like the rest of the demo.

Everything is written through the services by `actor` (by default the system actor "Demo"), so
the change log names the demo as the author of the metrics and their values.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from tiekartta.core.actors import Actor
from tiekartta.metrics import services
from tiekartta.metrics.demo_data import METRICS_BY_ORGANISATION, MetricData, PeriodPlan
from tiekartta.metrics.demo_sv import swedish_versions
from tiekartta.metrics.models import Channel, Metric, MetricValue
from tiekartta.metrics.periods import Period
from tiekartta.roadmap import services as roadmap_services
from tiekartta.roadmap.demo_data import ORGANISATIONS
from tiekartta.roadmap.demo_sv import CONTENT_LANGUAGES
from tiekartta.roadmap.models import Person, Roadmap, Task, Theme

DEMO = Actor.system("Demo")

# Values arrive some days after their period ends, as figures from a system or a survey do.
ARRIVAL_DELAY = datetime.timedelta(days=12)


def add_demo_metrics(
    organisation_slug: str, people: dict[str, Person], *, actor: Actor = DEMO
) -> list[str]:
    """Create the organisation's demo metrics that are missing; returns what was created."""
    created: list[str] = []
    data = next(o for o in ORGANISATIONS if o["slug"] == organisation_slug)
    titles = {
        roadmap["slug"]: {
            task["key"]: task["title"] for theme in roadmap["themes"] for task in theme["tasks"]
        }
        for roadmap in data["roadmaps"]
    }
    for metric_data in METRICS_BY_ORGANISATION.get(organisation_slug, []):
        for plan in metric_data["plans"]:
            roadmap = Roadmap.objects.filter(
                organisation__slug=organisation_slug, slug=plan["roadmap"]
            ).first()
            if (
                roadmap is None
                or Metric.objects.filter(roadmap=roadmap, name=metric_data["name"]).exists()
            ):
                continue
            _add_metric(roadmap, metric_data, plan, people, titles.get(roadmap.slug, {}), actor)
            created.append(f"{roadmap.title}: {metric_data['name']}")
    return created


@transaction.atomic
def _add_metric(
    roadmap: Roadmap,
    data: MetricData,
    plan: PeriodPlan,
    people: dict[str, Person],
    titles: dict[str, str],
    actor: Actor,
) -> None:
    archived = roadmap.is_archived
    if archived:
        # (roadmap's services take any actor for their history; typed a user there for now.)
        roadmap_services.set_roadmap_archived(actor=actor, roadmap=roadmap, archived=False)  # type: ignore[arg-type]
        roadmap.refresh_from_db()
    wanted = [titles[key] for key in plan.get("tasks", []) if key in titles]
    baseline = plan.get("baseline")
    target_value, target_date = plan["target"]
    metric = services.create_metric(
        actor=actor,
        roadmap=roadmap,
        data=services.MetricInput(
            name=data["name"],
            owner=people[data["owner"]],
            theme=Theme.objects.filter(roadmap=roadmap, name=data["theme"]).first(),
            description=data["description"],
            measurement=data["measurement"],
            source=data["source"],
            unit=data["unit"],
            unit_label=data["unit_label"],
            direction=data["direction"],
            frequency=data["frequency"],
            baseline_value=Decimal(baseline[0]) if baseline else None,
            baseline_date=datetime.date.fromisoformat(baseline[1]) if baseline else None,
            target_value=Decimal(target_value),
            target_date=datetime.date.fromisoformat(target_date),
            tasks=list(Task.objects.filter(roadmap=roadmap, title__in=wanted)),
            milestones={year: Decimal(v) for year, v in plan.get("milestones", {}).items()},
            translations=swedish_versions(name=data["name"], description=data["description"])
            if roadmap.organisation.slug in CONTENT_LANGUAGES
            else {},
        ),
    )
    # The metric was defined with the plan, a month before its period began. Backdating
    # only, so outside the services: the rows they wrote get the demo's dates.
    defined = timezone.make_aware(datetime.datetime(roadmap.start_year - 1, 12, 1, 9))
    Metric.objects.filter(pk=metric.pk).update(created_at=defined)
    metric.history.update(history_date=defined)
    today = timezone.localdate()
    for code, value in plan.get("values", {}).items():
        arrived = min(Period.parse(code).last_day + ARRIVAL_DELAY, today)
        saved, _created = services.record_value(
            actor=actor,
            metric=metric,
            period=code,
            value=Decimal(value),
            channel=Channel.DEMO,
            today=arrived,
        )
        moment = timezone.make_aware(datetime.datetime.combine(arrived, datetime.time(10)))
        MetricValue.objects.filter(pk=saved.pk).update(recorded_at=moment)
        saved.history.update(history_date=moment)
    if archived:
        roadmap_services.set_roadmap_archived(actor=actor, roadmap=roadmap, archived=True)  # type: ignore[arg-type]
