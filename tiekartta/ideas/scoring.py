"""Scores and priorities of ideas.

Each person's score is kept (ideas.models.Score); what pages show is the average. A workshop
keeps the scale it was held on, so a score is first put on 0…1 ((value − 1) / (scale − 1)) and
averaged there: a 4 on a scale of five and a 7 on a scale of ten mean the same and weigh the
same. Averages are shown on the organisation's current scale.

The priority is the weighted mean of impact, low effort (1 − effort) and strategic fit on
0…100. The impact × effort matrix splits at the middle of the scale: high impact with low
effort is a quick win (pikavoitto), the quadrant that feeds the task's quick-win flag.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from tiekartta.ideas.models import ScoringSettings


class Quadrant(enum.StrEnum):
    QUICK_WIN = "quick_win"  # high impact, low effort
    MAJOR = "major"  # high impact, high effort
    FILL_IN = "fill_in"  # low impact, low effort
    THANKLESS = "thankless"  # low impact, high effort

    @property
    def label(self) -> str:
        return str(QUADRANT_LABELS[self])

    @property
    def advice(self) -> str:
        return str(QUADRANT_ADVICE[self])


QUADRANT_LABELS = {
    Quadrant.QUICK_WIN: _("Quick wins"),
    Quadrant.MAJOR: _("Major projects"),
    Quadrant.FILL_IN: _("Fill-ins"),
    Quadrant.THANKLESS: _("Thankless tasks"),
}
QUADRANT_ADVICE = {
    Quadrant.QUICK_WIN: _("High impact, low effort: do these first."),
    Quadrant.MAJOR: _("High impact, high effort: plan and schedule them."),
    Quadrant.FILL_IN: _("Low impact, low effort: do them when there is room."),
    Quadrant.THANKLESS: _("Low impact, high effort: leave them out or rethink them."),
}
QUADRANT_ORDER = (Quadrant.QUICK_WIN, Quadrant.MAJOR, Quadrant.FILL_IN, Quadrant.THANKLESS)


def normalised(value: int, scale: int) -> float:
    """A score on 1…scale as 0…1."""
    return (value - 1) / (scale - 1)


def on_scale(share: float, scale: int) -> float:
    """A 0…1 value back on 1…scale, as people read it."""
    return 1 + share * (scale - 1)


@dataclass(frozen=True)
class ScoreRow:
    """One stored score as the averages need it (Score with its workshop's scale)."""

    idea_id: int
    scale: int
    impact: int | None
    effort: int | None
    fit: int | None
    dots: int


@dataclass
class _Sum:
    total: float = 0.0
    count: int = 0

    def add(self, value: int | None, scale: int) -> None:
        if value is not None:
            self.total += normalised(value, scale)
            self.count += 1

    @property
    def mean(self) -> float | None:
        return self.total / self.count if self.count else None


@dataclass
class Scored:
    """An idea's scores together: the 0…1 averages, how many people scored it, its dots."""

    impact: float | None = None
    effort: float | None = None
    fit: float | None = None
    scorers: int = 0
    dots: int = 0

    @property
    def has_scores(self) -> bool:
        return self.scorers > 0

    def priority(self, settings: ScoringSettings) -> int | None:
        """0…100, or None before anyone has scored any part of it that has a weight."""
        parts = [
            (self.impact, settings.impact_weight),
            (None if self.effort is None else 1 - self.effort, settings.effort_weight),
            (self.fit, settings.fit_weight),
        ]
        weighted = [(value, weight) for value, weight in parts if value is not None and weight]
        total_weight = sum(weight for _, weight in weighted)
        if not total_weight:
            return None
        return round(100 * sum(value * weight for value, weight in weighted) / total_weight)

    @property
    def quadrant(self) -> Quadrant | None:
        if self.impact is None or self.effort is None:
            return None
        high_impact = self.impact > 0.5
        low_effort = self.effort < 0.5
        if high_impact:
            return Quadrant.QUICK_WIN if low_effort else Quadrant.MAJOR
        return Quadrant.FILL_IN if low_effort else Quadrant.THANKLESS

    @property
    def is_quick_win(self) -> bool:
        return self.quadrant == Quadrant.QUICK_WIN


@dataclass
class _Gather:
    impact: _Sum = field(default_factory=_Sum)
    effort: _Sum = field(default_factory=_Sum)
    fit: _Sum = field(default_factory=_Sum)
    scorers: int = 0
    dots: int = 0


def combine(rows: Iterable[ScoreRow]) -> dict[int, Scored]:
    """Every idea's scores from the stored rows, by idea id. A row with only dots is a dot
    vote and counts no scorer."""
    gathered: dict[int, _Gather] = defaultdict(_Gather)
    for row in rows:
        item = gathered[row.idea_id]
        item.impact.add(row.impact, row.scale)
        item.effort.add(row.effort, row.scale)
        item.fit.add(row.fit, row.scale)
        if row.impact is not None or row.effort is not None or row.fit is not None:
            item.scorers += 1
        item.dots += row.dots
    return {
        pk: Scored(
            impact=item.impact.mean,
            effort=item.effort.mean,
            fit=item.fit.mean,
            scorers=item.scorers,
            dots=item.dots,
        )
        for pk, item in gathered.items()
    }


def sort_key(scored: Scored | None, settings: ScoringSettings) -> tuple[int, int, int]:
    """Highest priority first, then most dots; unscored ideas last."""
    if scored is None:
        return (1, 0, 0)
    priority = scored.priority(settings)
    return (0 if priority is not None or scored.dots else 1, -(priority or 0), -scored.dots)
