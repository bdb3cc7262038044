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

# The chart's drawing area in SVG units, with room for the axis titles; the scale's ends lie
# INSET inside the frame so that a mark at 1 or at the top is drawn whole.
SIZE = 400
MARGIN = 48
INSET = 18
# A mark exactly on the middle of the scale is drawn this far on the side its quadrant is
# (the middle is neither high nor low: "high" means above it), so it never sits on the divider.
MIDDLE_NUDGE = 14
# Ideas with the same averages are drawn side by side, this far apart.
SPREAD = 24
# The matrix shows the highest-ranked ideas; the ranking below lists them all.
MATRIX_LIMIT = 60


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

    # Where its mark is drawn, as SVG numbers (set by `place`).
    x: str = ""
    y: str = ""


def _axis(share: float) -> float:
    position = MARGIN + INSET + share * (SIZE - 2 * INSET)
    if share == 0.5:
        position += MIDDLE_NUDGE
    return position


def place(rows: list[PriorityRow]) -> None:
    """The marks' places: effort left (little) to right (much), impact bottom to top. SVG
    numbers are written here, never by the template, which would localise "148,0"."""
    same: dict[tuple[float, float], list[PriorityRow]] = {}
    for row in rows:
        key = (round(row.scored.effort or 0, 3), round(row.scored.impact or 0, 3))
        same.setdefault(key, []).append(row)
    for (effort, impact), group in same.items():
        x, y = _axis(effort), MARGIN + SIZE - (_axis(impact) - MARGIN)
        if impact == 0.5:
            y += 2 * MIDDLE_NUDGE  # _axis moved it up; low impact is below the middle
        low, high = MARGIN + 12, MARGIN + SIZE - 12
        for index, row in enumerate(group):
            offset = (index - (len(group) - 1) / 2) * SPREAD
            row.x = f"{min(max(x + offset, low), high):.1f}"
            row.y = f"{y:.1f}"


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
        return [row for row in self.rows if row.quadrant is not None][:MATRIX_LIMIT]

    @property
    def matrix_is_limited(self) -> bool:
        return sum(1 for row in self.rows if row.quadrant is not None) > MATRIX_LIMIT

    matrix_limit = MATRIX_LIMIT

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
    middle = MARGIN + SIZE // 2
    far = MARGIN + SIZE
    width = SIZE + 2 * MARGIN
    height = SIZE + 2 * MARGIN + 20


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
    found_priorities = Priorities(settings=settings, rows=rows)
    place(found_priorities.on_matrix)
    return found_priorities
