"""Every write of the plan's life: adopting a roadmap, drafting a revision and adopting it.

Each function is keyword-only, runs in one transaction, validates with full_clean() and leaves
a history row attributed to the actor. The live plan is changed only through the roadmap's and
the metrics' own services, so its history says who changed what, as for any other edit.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from tiekartta.core.actors import Actor, as_actor
from tiekartta.core.audit import history_by
from tiekartta.core.locking import ConflictError, claim_version
from tiekartta.core.quarters import Quarter
from tiekartta.metrics import services as metric_services
from tiekartta.metrics.models import Metric
from tiekartta.plans.diff import ADDED, CHANGED, REMOVED, compare
from tiekartta.plans.models import DraftState, PlanVersion, RevisionDraft, VersionKind
from tiekartta.plans.snapshot import Snapshot, build_snapshot, fingerprint
from tiekartta.roadmap import services as roadmap_services
from tiekartta.roadmap.models import Kind, Person, Priority, Roadmap, Status, Task, Theme
from tiekartta.roadmap.services import ensure_open


@dataclass(frozen=True)
class Decision:
    decided_on: datetime.date
    decision_body: str
    decision_reference: str = ""
    summary: str = ""


def _store_version(*, actor: Actor, roadmap: Roadmap, kind: str, decision: Decision) -> PlanVersion:
    last = PlanVersion.objects.filter(roadmap=roadmap).aggregate(last=Max("number"))["last"]
    version = PlanVersion(
        roadmap=roadmap,
        number=(last or 0) + 1,
        kind=kind,
        decided_on=decision.decided_on,
        decision_body=decision.decision_body.strip(),
        decision_reference=decision.decision_reference.strip(),
        summary=decision.summary.strip(),
        snapshot=build_snapshot(roadmap),
        created_by=as_actor(actor).history_user,
    )
    version.full_clean()
    with history_by(version, actor):
        version.save()
    return version


def lock(roadmap: Roadmap) -> None:
    """Take the roadmap's row lock for the rest of the transaction on PostgreSQL, so that two
    adoptions at the same moment are made one after the other (the second then sees the
    first). SQLite writes one transaction at a time; the unique version number catches the
    rest on either."""
    Roadmap.objects.select_for_update().filter(pk=roadmap.pk).exists()


@transaction.atomic
def adopt_roadmap(*, actor: Actor, roadmap: Roadmap, decision: Decision) -> PlanVersion:
    """Record the roadmap's adoption and keep the plan as adopted: version 1, the baseline."""
    ensure_open(roadmap)
    lock(roadmap)
    if PlanVersion.objects.filter(roadmap=roadmap).exists():
        raise ValidationError(_("The roadmap has already been adopted."))
    _check_decision_date(roadmap, decision)
    return _store_version(
        actor=actor, roadmap=roadmap, kind=VersionKind.ADOPTION, decision=decision
    )


def _check_decision_date(roadmap: Roadmap, decision: Decision) -> None:
    latest = (
        PlanVersion.objects.filter(roadmap=roadmap)
        .order_by("-number")
        .values_list("decided_on", flat=True)
    ).first()
    if latest and decision.decided_on < latest:
        raise ValidationError(
            {"decided_on": _("The decision cannot be dated before the previous version's.")}
        )


# Revisions ---------------------------------------------------------------------------------


@transaction.atomic
def start_revision(*, actor: Actor, roadmap: Roadmap, title: str, notes: str = "") -> RevisionDraft:
    ensure_open(roadmap)
    if not PlanVersion.objects.filter(roadmap=roadmap).exists():
        raise ValidationError(_("Adopt the roadmap first: a revision changes an adopted plan."))
    live = build_snapshot(roadmap)
    draft = RevisionDraft(
        roadmap=roadmap,
        title=title.strip(),
        notes=notes.strip(),
        base=live,
        proposed=copy.deepcopy(live),
        created_by=as_actor(actor).history_user,
    )
    draft.full_clean()
    with history_by(draft, actor):
        draft.save()
    return draft


@dataclass
class DraftTask:
    """What a revision may set on a task of the plan."""

    title: str
    theme: Theme
    owner: Person
    start: str = ""
    due: str = ""
    kind: str = Kind.IMPLEMENTATION
    priority: str = Priority.MEDIUM
    quick_win: bool = False


@contextmanager
def _editing(draft: RevisionDraft, expected_version: int) -> Iterator[None]:
    """Claim the draft's version for the edit inside. A refused edit rolls back in the
    database and leaves the caller's object as it was stored too, so that the page shown with
    the refusal posts the version it had."""
    ensure_open(draft.roadmap)
    if not draft.is_open:
        raise ValidationError(_("This revision is no longer being drafted."))
    stored = (draft.version, copy.deepcopy(draft.proposed), draft.state, draft.adopted_version)
    draft.version = claim_version(RevisionDraft, draft.pk, expected_version)
    try:
        yield
    except Exception:
        draft.version, draft.proposed, draft.state, draft.adopted_version = stored
        raise


def _entry_for(data: DraftTask, roadmap: Roadmap) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    if data.theme.roadmap_id != roadmap.pk:
        errors["theme"] = [_("Choose a theme of this roadmap.")]
    if data.owner.organisation_id != roadmap.organisation_id:
        errors["owner"] = [_("The responsible person must belong to this organisation.")]
    for name in ("start", "due"):
        value = getattr(data, name)
        if value and not roadmap.contains_quarter(Quarter.parse(value)):
            errors[name] = [
                _("Choose a quarter within the roadmap period %(period)s.")
                % {"period": roadmap.period_label}
            ]
    if data.start and data.due and data.due < data.start:
        errors["due"] = [_("The target end cannot be before the target start.")]
    if not data.title.strip():
        errors["title"] = [_("This field is required.")]
    if errors:
        raise ValidationError(errors)
    return {
        "title": data.title.strip(),
        "theme": str(data.theme.pk),
        "owner": str(data.owner.pk),
        "owner_name": data.owner.name,
        "start": data.start,
        "due": data.due,
        "kind": data.kind,
        "priority": data.priority,
        "quick_win": data.quick_win,
    }


def _save_draft(draft: RevisionDraft, actor: Actor) -> RevisionDraft:
    draft.full_clean()
    with history_by(draft, actor):
        draft.save()
    return draft


@transaction.atomic
def set_draft_task(
    *,
    actor: Actor,
    draft: RevisionDraft,
    expected_version: int,
    key: str | None,
    data: DraftTask,
) -> str:
    """Change a task in the draft, or with `key` None propose a new one. Returns its key."""
    with _editing(draft, expected_version):
        entry = _entry_for(data, draft.roadmap)
        tasks = draft.proposed["tasks"]
        if key is None:
            number = 1 + max(
                (int(k.removeprefix("new-")) for k in tasks if k.startswith("new-")), default=0
            )
            key = f"new-{number}"
            tasks[key] = {**entry, "status": Status.PLANNED, "collaborators": [], "order": 10**6}
        elif key in tasks:
            tasks[key].update(entry)
        else:
            raise ValidationError(_("The task is not in this draft."))
        _save_draft(draft, actor)
        return key


@transaction.atomic
def drop_draft_task(
    *, actor: Actor, draft: RevisionDraft, expected_version: int, key: str, dropped: bool = True
) -> None:
    """Take a task out of the proposed plan (it will be cancelled), or put it back. A task
    proposed in the draft itself is simply forgotten."""
    with _editing(draft, expected_version):
        tasks = draft.proposed["tasks"]
        if key not in tasks:
            raise ValidationError(_("The task is not in this draft."))
        if key.startswith("new-"):
            del tasks[key]
        elif dropped:
            tasks[key]["status"] = Status.CANCELLED
        else:
            base = draft.base["tasks"].get(key, {})
            tasks[key]["status"] = (
                base.get("status") if base.get("status") != Status.CANCELLED else Status.PLANNED
            )
        _save_draft(draft, actor)


@transaction.atomic
def set_draft_metric_target(
    *,
    actor: Actor,
    draft: RevisionDraft,
    expected_version: int,
    key: str,
    target_value: Decimal,
    target_date: datetime.date,
) -> None:
    with _editing(draft, expected_version):
        metrics = draft.proposed["metrics"]
        if key not in metrics:
            raise ValidationError(_("The metric is not in this draft."))
        roadmap = draft.roadmap
        if not roadmap.start_year <= target_date.year <= roadmap.end_year + 10:
            raise ValidationError({"target_date": _("Choose a date within or after the period.")})
        metrics[key]["target_value"] = format(target_value.normalize(), "f")
        metrics[key]["target_date"] = target_date.isoformat()
        _save_draft(draft, actor)


@transaction.atomic
def discard_revision(*, actor: Actor, draft: RevisionDraft) -> None:
    with _editing(draft, draft.version):
        draft.state = DraftState.DISCARDED
        _save_draft(draft, actor)


def changed_meanwhile(draft: RevisionDraft, live: Snapshot | None = None) -> Any:
    """What was changed in the live plan after the draft began (a PlanDiff, maybe empty)."""
    return compare(draft.base, live if live is not None else build_snapshot(draft.roadmap))


@transaction.atomic
def adopt_revision(
    *,
    actor: Actor,
    draft: RevisionDraft,
    decision: Decision,
    expected_version: int,
    seen_live: str | None = None,
) -> PlanVersion:
    """Apply the draft to the live plan and keep the result as the next version, all at once.

    If the live plan changed after the draft began, the caller must have shown those changes:
    `seen_live` is the fingerprint of the live plan it showed (`snapshot.fingerprint`), and a
    plan changed again since is refused. The draft's own changes win over the meanwhile ones
    in a field both touched; every other meanwhile change is kept.
    """
    roadmap = draft.roadmap
    with _editing(draft, expected_version):
        lock(roadmap)
        live = build_snapshot(roadmap)
        meanwhile = compare(draft.base, live)
        if not meanwhile.is_empty and seen_live != fingerprint(live):
            raise ConflictError(
                "the live plan changed after the draft began", meanwhile=meanwhile, live=live
            )
        _check_decision_date(roadmap, decision)
        _apply_draft(actor, draft, live)
        version = _store_version(
            actor=actor, roadmap=roadmap, kind=VersionKind.REVISION, decision=decision
        )
        draft.state = DraftState.ADOPTED
        draft.adopted_version = version
        _save_draft(draft, actor)
        return version


def _apply_draft(actor: Actor, draft: RevisionDraft, live: Snapshot) -> None:
    diff = compare(draft.base, draft.proposed)
    roadmap = draft.roadmap
    tasks = {str(t.pk): t for t in Task.objects.filter(roadmap=roadmap).select_related("owner")}
    themes = {str(t.pk): t for t in Theme.objects.filter(roadmap=roadmap)}
    people = {str(p.pk): p for p in Person.objects.filter(organisation=roadmap.organisation_id)}
    for change in diff.tasks:
        proposed = draft.proposed["tasks"].get(change.key)
        if change.kind == ADDED and change.key.startswith("new-"):
            assert proposed is not None
            roadmap_services.create_task(
                actor=actor, roadmap=roadmap, data=_task_input(proposed, None, themes, people)
            )
            continue
        task = tasks.get(change.key)
        if task is None:
            raise ValidationError(
                _(
                    "The task “%(task)s” was deleted after the draft began. Take it out of the "
                    "draft or start a new one."
                )
                % {"task": change.name}
            )
        if change.kind == REMOVED:
            data = roadmap_services.TaskInput.from_task(task)
            data.status = Status.CANCELLED
        elif change.kind == ADDED:
            # Cancelled in the base and put back in the draft.
            data = _task_input(proposed, task, themes, people, fields=None)  # type: ignore[arg-type]
            data.status = Status.PLANNED
        else:
            assert change.kind == CHANGED and proposed is not None
            data = _task_input(
                proposed, task, themes, people, fields={c.field for c in change.fields}
            )
        roadmap_services.update_task(
            actor=actor, task=task, expected_version=task.version, data=data
        )
    metrics = {str(m.pk): m for m in Metric.objects.filter(roadmap=roadmap)}
    for change in diff.metrics:
        metric = metrics.get(change.key)
        if change.kind != CHANGED or metric is None:
            continue
        proposed_metric = draft.proposed["metrics"][change.key]
        metric_data = metric_services.MetricInput.from_metric(metric)
        metric_data.target_value = Decimal(proposed_metric["target_value"])
        metric_data.target_date = datetime.date.fromisoformat(proposed_metric["target_date"])
        metric_services.update_metric(
            actor=actor, metric=metric, expected_version=metric.version, data=metric_data
        )


def _task_input(
    proposed: dict[str, Any],
    task: Task | None,
    themes: dict[str, Theme],
    people: dict[str, Person],
    fields: set[str] | None = None,
) -> roadmap_services.TaskInput:
    """The task as the draft proposes it. With `fields`, only those are taken from the draft
    and the rest stays as the live task has it now (changed meanwhile or not)."""
    theme, owner = themes.get(proposed["theme"]), people.get(proposed["owner"])
    if theme is None or owner is None:
        raise ValidationError(
            _(
                "The theme or the responsible person of “%(task)s” was deleted after the draft "
                "began. Correct the task in the draft."
            )
            % {"task": proposed["title"]}
        )
    if task is None:
        data = roadmap_services.TaskInput(title=proposed["title"], theme=theme, owner=owner)
        fields = None
    else:
        data = roadmap_services.TaskInput.from_task(task)
    wanted = {
        "title": proposed["title"],
        "theme": theme,
        "owner": owner,
        "start": proposed["start"],
        "due": proposed["due"],
        "kind": proposed["kind"],
        "priority": proposed["priority"],
        "quick_win": proposed["quick_win"],
    }
    for name, value in wanted.items():
        if fields is None or name in fields:
            setattr(data, name, value)
    return data
