"""Reading ideas: the backlog with its filters and counts, one idea with its decisions, and the
rows of the export."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from tiekartta.accounts.models import Organisation
from tiekartta.ideas.models import Idea, IdeaStatus, Score, ScoringSettings, StatusChange, Workshop
from tiekartta.ideas.scoring import Scored, ScoreRow, combine, on_scale
from tiekartta.ideas.similarity import most_similar
from tiekartta.roadmap.models import Theme


@dataclass(frozen=True)
class IdeaFilter:
    status: str = ""
    source: str = ""
    theme: int | None = None
    event: str = ""
    text: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.status or self.source or self.theme or self.event or self.text)


def ideas_of(organisation: Organisation) -> QuerySet[Idea]:
    return Idea.objects.filter(organisation=organisation)


def backlog(organisation: Organisation, chosen: IdeaFilter) -> QuerySet[Idea]:
    """The organisation's ideas that match, newest first, with what a row shows."""
    ideas = ideas_of(organisation).select_related("theme__roadmap", "task__roadmap", "merged_into")
    if chosen.status:
        ideas = ideas.filter(status=chosen.status)
    if chosen.source:
        ideas = ideas.filter(source=chosen.source)
    if chosen.theme:
        ideas = ideas.filter(theme_id=chosen.theme)
    if chosen.event:
        ideas = ideas.filter(event=chosen.event)
    if chosen.text:
        ideas = ideas.filter(
            Q(title__icontains=chosen.text)
            | Q(description__icontains=chosen.text)
            | Q(submitter__icontains=chosen.text)
        )
    return ideas.order_by("-received_on", "-pk")


def status_counts(organisation: Organisation) -> dict[str, int]:
    """How many ideas are in each status, every status named (0 where none)."""
    counted = dict(
        ideas_of(organisation)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return {status: counted.get(status, 0) for status in IdeaStatus.values}


def events_of(organisation: Organisation) -> list[str]:
    """The source events named so far, for the filter and the form's suggestions."""
    return list(
        ideas_of(organisation)
        .exclude(event="")
        .order_by("event")
        .values_list("event", flat=True)
        .distinct()
    )


def themes_for_ideas(organisation: Organisation) -> QuerySet[Theme]:
    """The themes an idea may be given: those of every roadmap of the organisation, archived
    ones too (an idea of 2022 keeps the theme of the roadmap made from it), newest first."""
    return (
        Theme.objects.filter(roadmap__organisation=organisation)
        .select_related("roadmap")
        .order_by("-roadmap__start_year", "roadmap__title", "order", "name")
    )


def idea_detail(organisation: Organisation, pk: int) -> Idea | None:
    return (
        ideas_of(organisation)
        .select_related("theme__roadmap", "task__roadmap", "merged_into", "task__owner")
        .filter(pk=pk)
        .first()
    )


def decisions_of(idea: Idea) -> list[StatusChange]:
    return list(idea.status_changes.select_related("changed_by"))


def merge_targets(idea: Idea) -> QuerySet[Idea]:
    """The ideas this one may be merged into: the organisation's others that are not merged."""
    return (
        ideas_of(idea.organisation)
        .exclude(pk=idea.pk)
        .exclude(status=IdeaStatus.MERGED)
        .order_by("title", "pk")
    )


def similar_to(idea: Idea, limit: int = 5) -> list[tuple[Idea, float]]:
    """The organisation's other ideas most like this one (to merge, if a person agrees), with
    how alike they are (0–1). Merged ideas are left out: their text lives on in their target."""
    candidates = (
        ideas_of(idea.organisation)
        .exclude(pk=idea.pk)
        .exclude(status=IdeaStatus.MERGED)
        .values_list("pk", "title", "description")
    )
    matches = most_similar(
        f"{idea.title} {idea.description}",
        ((pk, f"{title} {description}") for pk, title, description in candidates),
        limit=limit,
    )
    found = ideas_of(idea.organisation).in_bulk([match.other for match in matches])
    return [(found[match.other], match.score) for match in matches if match.other in found]


def export_rows(organisation: Organisation) -> Iterator[dict[str, Any]]:
    """Every idea of the organisation with its source, event, status, reason and task, oldest
    first, as plain values (the export's columns)."""
    ideas = (
        ideas_of(organisation)
        .select_related("theme", "task__roadmap", "merged_into")
        .order_by("received_on", "pk")
    )
    settings = ScoringSettings.for_organisation(organisation)
    scored = scores_of(organisation)
    for idea in ideas.iterator(chunk_size=500):
        scores = scored.get(idea.pk, Scored())
        yield {
            "id": idea.pk,
            "title": idea.title,
            "description": idea.description,
            "theme": idea.theme.name if idea.theme else "",
            "source": idea.get_source_display(),
            "event": idea.event,
            "received_on": idea.received_on,
            "submitter": idea.submitter,
            "status": idea.get_status_display(),
            "reason": idea.status_reason,
            "merged_into": idea.merged_into_id or "",
            "task": idea.task.title if idea.task else "",
            "roadmap": idea.task.roadmap.title if idea.task else "",
            "public": idea.is_public,
            # Averages on the organisation's current scale, one decimal; blank when unscored.
            "impact": _blank(_on_scale(scores.impact, settings.scale)),
            "effort": _blank(_on_scale(scores.effort, settings.scale)),
            "fit": _blank(_on_scale(scores.fit, settings.scale)),
            "scorers": scores.scorers,
            "dots": scores.dots,
            "priority": _blank(scores.priority(settings)),
        }


def _blank(value: Any) -> Any:
    return "" if value is None else value


# Workshops and scores ---------------------------------------------------------------------


def score_rows(scores: QuerySet[Score]) -> list[ScoreRow]:
    return [
        ScoreRow(idea_id=idea_id, scale=scale, impact=impact, effort=effort, fit=fit, dots=dots)
        for idea_id, scale, impact, effort, fit, dots in scores.values_list(
            "idea_id", "workshop__scale", "impact", "effort", "fit", "dots"
        )
    ]


def scores_of(
    organisation: Organisation, idea_ids: Iterable[int] | None = None
) -> dict[int, Scored]:
    """Every scored idea's averages over all its workshops, by idea id (one query)."""
    scores = Score.objects.filter(idea__organisation=organisation)
    if idea_ids is not None:
        scores = scores.filter(idea_id__in=list(idea_ids))
    return combine(score_rows(scores))


def workshops_of(organisation: Organisation) -> QuerySet[Workshop]:
    return (
        Workshop.objects.filter(organisation=organisation)
        .select_related("theme__roadmap")
        .annotate(idea_count=Count("ideas", distinct=True))
    )


def workshop_detail(organisation: Organisation, pk: int) -> Workshop | None:
    return (
        Workshop.objects.filter(organisation=organisation, pk=pk)
        .select_related("theme__roadmap")
        .first()
    )


@dataclass
class WorkshopRow:
    idea: Idea
    scored: Scored  # everyone's, in this workshop
    own: Score | None  # the viewer's own


def workshop_rows(workshop: Workshop, user: Any, idea_id: int | None = None) -> list[WorkshopRow]:
    """The workshop's ideas in the order they came onto its list (or the one `idea_id`), each
    with this workshop's averages and the viewer's own score (two queries)."""
    matching = Score.objects.filter(workshop=workshop)
    ideas = workshop.ideas.select_related("theme").order_by("pk")
    if idea_id is not None:
        matching, ideas = matching.filter(idea_id=idea_id), ideas.filter(pk=idea_id)
    scores = list(matching)
    scored = combine(
        ScoreRow(s.idea_id, workshop.scale, s.impact, s.effort, s.fit, s.dots) for s in scores
    )
    own = {s.idea_id: s for s in scores if user is not None and s.scorer_id == user.pk}
    return [WorkshopRow(idea, scored.get(idea.pk, Scored()), own.get(idea.pk)) for idea in ideas]


def dots_used(workshop: Workshop, user: Any) -> int:
    if user is None:
        return 0
    return (
        Score.objects.filter(workshop=workshop, scorer=user).aggregate(total=Sum("dots"))["total"]
        or 0
    )


def workshop_record(workshop: Workshop) -> dict[str, Any]:
    """What the closed workshop keeps: attendees, ideas and how they were scored, as values
    that read the same later whatever happens to the people and ideas."""
    settings = ScoringSettings.for_organisation(workshop.organisation)
    rows = workshop_rows(workshop, None)
    return {
        "attendees": [
            {"name": person.name, "title": person.title}
            for person in workshop.attendees.order_by("name")
        ],
        "voting": workshop.voting,
        "scale": workshop.scale,
        "theme": workshop.theme.name if workshop.theme else "",
        "notes": workshop.notes,
        "ideas": [
            {
                "id": row.idea.pk,
                "title": row.idea.title,
                "description": row.idea.description,
                "written_here": row.idea.workshop_id == workshop.pk,
                "impact": _on_scale(row.scored.impact, workshop.scale),
                "effort": _on_scale(row.scored.effort, workshop.scale),
                "fit": _on_scale(row.scored.fit, workshop.scale),
                "scorers": row.scored.scorers,
                "dots": row.scored.dots,
                "priority": row.scored.priority(settings),
            }
            for row in rows
        ],
    }


def _on_scale(share: float | None, scale: int) -> float | None:
    return None if share is None else round(on_scale(share, scale), 1)
