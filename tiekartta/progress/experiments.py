"""Experiments (kokeilut): a pilot task's hypothesis, success criteria, result, lesson learned
and decision. Written here, in one transaction each, as the other follow-up services are
(`progress.services`): validated with full_clean(), a history row naming the actor, refused in
an archived roadmap, and optimistically locked.

Who may write is decided by the views, as for the task's own edit form: whoever may edit the
task (`task.edit`: the digital group any pilot, an owner their own).
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from tiekartta.core.actors import Actor
from tiekartta.core.audit import history_by
from tiekartta.core.locking import ConflictError, claimed
from tiekartta.progress.models import Decision, Experiment
from tiekartta.roadmap.models import Kind, Task
from tiekartta.roadmap.services import ensure_open


@dataclass(frozen=True)
class ExperimentInput:
    hypothesis: str
    success_criteria: str = ""
    starts: str = ""
    ends: str = ""
    result: str = ""
    lesson: str = ""
    decision: str = Decision.NONE
    # None with a decision: decided today.
    decided_at: datetime.date | None = None

    TEXT_FIELDS = ("hypothesis", "success_criteria", "result", "lesson")

    @classmethod
    def from_experiment(cls, experiment: Experiment) -> ExperimentInput:
        return cls(
            hypothesis=experiment.hypothesis,
            success_criteria=experiment.success_criteria,
            starts=experiment.starts,
            ends=experiment.ends,
            result=experiment.result,
            lesson=experiment.lesson,
            decision=experiment.decision,
            decided_at=experiment.decided_at,
        )


def experiment_of(task: Task) -> Experiment | None:
    """The task's experiment, or None (one query, none if the task carries it already)."""
    try:
        return task.experiment
    except Experiment.DoesNotExist:
        return None


def _apply(experiment: Experiment, data: ExperimentInput, today: datetime.date) -> None:
    for name in ExperimentInput.TEXT_FIELDS:
        setattr(experiment, name, (getattr(data, name) or "").strip())
    experiment.starts = (data.starts or "").strip().upper()
    experiment.ends = (data.ends or "").strip().upper()
    experiment.decision = data.decision or Decision.NONE
    decided_at = data.decided_at
    if experiment.decision and decided_at is None:
        decided_at = today
    experiment.decided_at = decided_at


@transaction.atomic
def save_experiment(
    *,
    actor: Actor,
    task: Task,
    data: ExperimentInput,
    expected_version: int | None = None,
    today: datetime.date | None = None,
) -> Experiment:
    """Write the pilot task's experiment, creating it on the first save.

    `expected_version` is the version of the experiment the user started from, 0 when it had
    none yet (the form was empty); saved since, or created meanwhile, is a ConflictError and
    nothing is saved. None saves over whatever is there (the demo, a command).
    A decision without a date is dated `today` (by default the current date)."""
    # The task's row lock orders two first saves of the same experiment.
    locked = Task.objects.select_for_update().select_related("roadmap").get(pk=task.pk)
    ensure_open(locked.roadmap)
    existing = Experiment.objects.filter(task=locked).first()
    experiment = existing or Experiment(task=locked)
    experiment.task = locked
    day = today or timezone.localdate()
    if existing is None:
        if expected_version not in (None, 0):
            raise ConflictError  # the experiment the form came from is gone
        _apply(experiment, data, day)
        # The task was just read under its lock: its row exists, and it has no experiment.
        experiment.full_clean(exclude=["task"])
        with history_by(experiment, actor):
            experiment.save()
        return experiment
    if expected_version == 0:
        raise ConflictError(current=existing)  # somebody wrote the first version meanwhile
    with claimed(experiment, expected_version):
        _apply(experiment, data, day)
        experiment.full_clean(exclude=["task"])
        with history_by(experiment, actor):
            experiment.save()
    return experiment


# Summaries -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DecisionCount:
    decision: str
    label: str
    count: int


@dataclass(frozen=True)
class ExperimentSummary:
    """The roadmap's pilot tasks by their experiment's decision; a pilot without an experiment,
    or with one not decided yet, counts as "No decision yet"."""

    pilots: int
    counts: list[DecisionCount]

    @property
    def decided(self) -> int:
        return sum(row.count for row in self.counts if row.decision)


DECISION_ORDER = (Decision.SCALE_UP, Decision.CONTINUE, Decision.STOP, Decision.NONE)


def summarise(kinds_and_decisions: Iterable[tuple[str, str | None]]) -> ExperimentSummary:
    """From each task's (kind, its experiment's decision or None): no query of its own, so the
    dashboard reads the two columns with the tasks it reads anyway."""
    counts: Counter[str] = Counter()
    pilots = 0
    for kind, decision in kinds_and_decisions:
        if kind != Kind.PILOT:
            continue
        pilots += 1
        counts[decision or Decision.NONE] += 1
    return ExperimentSummary(
        pilots=pilots,
        counts=[
            DecisionCount(str(value), str(Decision(value).label), counts[value])
            for value in DECISION_ORDER
        ],
    )
