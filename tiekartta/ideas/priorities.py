"""The prioritisation page's figures: the ideas still to decide on, ranked by priority, and
their places in the impact × effort matrix (a chart, and the same as a table)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from tiekartta.accounts.models import Organisation
from tiekartta.ideas.models import Idea, IdeaStatus, ScoringSettings
from tiekartta.ideas.scoring import QUADRANT_ORDER, Quadrant, Scored, on_scale, sort_key
from tiekartta.ideas.selectors import ideas_of, scores_of

# What is still to decide: the ideas the group prioritises. Parked ones wait for the next
# period and can be shown on request.
UNDECIDED = (IdeaStatus.NEW, IdeaStatus.UNDER_REVIEW)

# The chart's drawing area in SVG units, with room for the axis titles.
SIZE = 400
MARGIN = 48


@dataclass
class PriorityRow:
    rank: int
    idea: Idea
    scored: Scored
    priority: int | None
    impact: float | None  # on the organisation's scale, one decimal
    effort: float | None
    fit: float | None

    @property
    def quadrant(self) -> Quadrant | None:
        return self.scored.quadrant

    @property
    def x(self) -> float:
        """Effort, left (little) to right (much)."""
        return MARGIN + (self.scored.effort or 0) * SIZE

    @property
    def y(self) -> float:
        """Impact, bottom (little) to top (much)."""
        return MARGIN + (1 - (self.scored.impact or 0)) * SIZE


@dataclass
class QuadrantGroup:
    quadrant: Quadrant
    rows: list[PriorityRow] = field(default_factory=list)


@dataclass
class Priorities:
    settings: ScoringSettings
    rows: list[PriorityRow]

    @property
    def on_matrix(self) -> list[PriorityRow]:
        return [row for row in self.rows if row.quadrant is not None]

    @property
    def quadrants(self) -> list[QuadrantGroup]:
        groups = {quadrant: QuadrantGroup(quadrant) for quadrant in QUADRANT_ORDER}
        for row in self.on_matrix:
            groups[row.quadrant].rows.append(row)  # type: ignore[index]
        return list(groups.values())

    @property
    def unscored(self) -> int:
        return sum(1 for row in self.rows if not row.scored.has_scores and not row.scored.dots)

    # The chart's geometry, for the template.
    size = SIZE
    margin = MARGIN
    middle = MARGIN + SIZE / 2
    far = MARGIN + SIZE
    width = SIZE + 2 * MARGIN


def _shown(share: float | None, scale: int) -> float | None:
    return None if share is None else round(on_scale(share, scale), 1)


def priorities(
    organisation: Organisation,
    *,
    statuses: tuple[str, ...] = UNDECIDED,
    theme_id: int | None = None,
) -> Priorities:
    """Three queries whatever the number of ideas: the settings, the ideas, their scores."""
    settings = ScoringSettings.for_organisation(organisation)
    ideas: QuerySet[Idea] = (
        ideas_of(organisation)
        .filter(status__in=statuses)
        .select_related("theme__roadmap", "task")
        .order_by("title", "pk")
    )
    if theme_id:
        ideas = ideas.filter(theme_id=theme_id)
    found = list(ideas)
    scored = scores_of(organisation, [idea.pk for idea in found]) if found else {}
    found.sort(key=lambda idea: sort_key(scored.get(idea.pk), settings))
    rows = []
    for rank, idea in enumerate(found, start=1):
        scores = scored.get(idea.pk, Scored())
        rows.append(
            PriorityRow(
                rank=rank,
                idea=idea,
                scored=scores,
                priority=scores.priority(settings),
                impact=_shown(scores.impact, settings.scale),
                effort=_shown(scores.effort, settings.scale),
                fit=_shown(scores.fit, settings.scale),
            )
        )
    return Priorities(settings=settings, rows=rows)
