"""Where the plan's tasks came from, for the interim report (and the renewal): how many of the
roadmap's tasks grew from ideas, by the ideas' source, and the organisation's ideas parked for a
later period with their reasons."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from tiekartta.ideas.models import Idea, IdeaSource, IdeaStatus
from tiekartta.roadmap.models import Roadmap


@dataclass
class SourceCount:
    label: str
    tasks: int  # the roadmap's tasks with at least one idea of this source
    ideas: int


@dataclass
class ParkedIdea:
    title: str
    source: str
    event: str
    received_on: datetime.date
    reason: str


@dataclass
class ReportProvenance:
    sources: list[SourceCount]
    tasks_from_ideas: int
    tasks_total: int
    parked: list[ParkedIdea]

    @property
    def tasks_without_ideas(self) -> int:
        return self.tasks_total - self.tasks_from_ideas


def provenance(roadmap: Roadmap, tasks_total: int) -> ReportProvenance | None:
    """Two queries. None when the organisation has no idea that became one of the roadmap's
    tasks and none parked: the section is left out. The ideas are counted as they are now."""
    accepted = list(
        Idea.objects.filter(task__roadmap=roadmap, status=IdeaStatus.ACCEPTED)
        .order_by()
        .values_list("task_id", "source")
    )
    parked = list(
        Idea.objects.filter(organisation_id=roadmap.organisation_id, status=IdeaStatus.PARKED)
        .order_by("-received_on", "title", "pk")
        .only("title", "source", "event", "received_on", "status_reason")
    )
    if not accepted and not parked:
        return None
    tasks_by_source: dict[str, set[int]] = defaultdict(set)
    ideas_by_source: dict[str, int] = defaultdict(int)
    for task_id, source in accepted:
        tasks_by_source[source].add(task_id)
        ideas_by_source[source] += 1
    labels = dict(IdeaSource.choices)
    return ReportProvenance(
        sources=[
            SourceCount(str(labels[source]), len(tasks_by_source[source]), ideas_by_source[source])
            for source in IdeaSource.values
            if source in ideas_by_source
        ],
        tasks_from_ideas=len({task_id for task_id, _source in accepted}),
        tasks_total=tasks_total,
        parked=[
            ParkedIdea(
                title=idea.title,
                source=idea.get_source_display(),
                event=idea.event,
                received_on=idea.received_on,
                reason=idea.status_reason,
            )
            for idea in parked
        ],
    )
