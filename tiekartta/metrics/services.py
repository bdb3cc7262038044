"""Every write of metrics: definitions, intermediate targets and values.

Keyword-only, one transaction each, validated with full_clean() and recorded in the history
with the actor. The form, the import and the API all save values through `record_value`.

Every service takes the actor as an `Actor` (a user, an API token or the system; a plain user
is still accepted, see `core.actors.as_actor`): a value keeps the actor's user as
`recorded_by` (none for a token or the system), and the history rows name the actor either way
(`core.audit.history_by`), so the change log can say "API: ..." or "Command line: ...".
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tiekartta.accounts.models import ApiToken
from tiekartta.core.actors import Actor, as_actor
from tiekartta.core.audit import history_by, history_paused, write_history_row
from tiekartta.core.locking import ConflictError, claim_version
from tiekartta.core.translations import Translations, cleaned
from tiekartta.metrics.models import (
    METRIC_HISTORY,
    VALUE_LIMIT,
    Channel,
    Direction,
    Metric,
    MetricValue,
    Milestone,
    Unit,
)
from tiekartta.metrics.periods import Frequency, Period
from tiekartta.roadmap.models import Person, Roadmap, Task, Theme
from tiekartta.roadmap.services import ensure_open

__all__ = ["ConflictError", "MetricInput"]


@dataclass
class MetricInput:
    """What a user can set on a metric, whichever way it arrives."""

    name: str
    owner: Person
    target_value: Decimal
    target_date: datetime.date
    theme: Theme | None = None
    description: str = ""
    measurement: str = ""
    source: str = ""
    unit: str = Unit.COUNT
    unit_label: str = ""
    direction: str = Direction.HIGHER
    frequency: str = Frequency.QUARTERLY
    baseline_value: Decimal | None = None
    baseline_date: datetime.date | None = None
    is_public: bool = False
    tasks: list[Task] = field(default_factory=list)
    # Intermediate targets by year; a year left out has none.
    milestones: dict[int, Decimal] = field(default_factory=dict)
    # The language versions of the name and description ({"sv": {"name": …}}); None keeps
    # the metric's: an import or the API writes the primary texts only.
    translations: Translations | None = None

    # In the order the form shows them, which the change history follows too.
    SCALAR_FIELDS = (
        "name",
        "theme",
        "owner",
        "description",
        "measurement",
        "source",
        "unit",
        "unit_label",
        "direction",
        "frequency",
        "baseline_value",
        "baseline_date",
        "target_value",
        "target_date",
        "is_public",
    )

    @classmethod
    def from_metric(cls, metric: Metric) -> MetricInput:
        values = {name: getattr(metric, name) for name in cls.SCALAR_FIELDS}
        return cls(
            **values,
            tasks=list(metric.tasks.all()),
            milestones={m.year: m.value for m in metric.milestones.all()},
            translations={
                language: dict(texts) for language, texts in (metric.translations or {}).items()
            },
        )


def _check_links(metric: Metric, data: MetricInput) -> None:
    roadmap = metric.roadmap
    if any(task.roadmap_id != roadmap.pk for task in data.tasks):
        raise ValidationError({"tasks": _("Choose tasks of this roadmap.")})
    for year, value in data.milestones.items():
        if not roadmap.start_year <= year <= roadmap.end_year:
            raise ValidationError(
                {
                    f"milestone_{year}": _(
                        "Intermediate targets are for the years of the roadmap %(period)s."
                    )
                    % {"period": roadmap.period_label}
                }
            )
        if abs(value) > VALUE_LIMIT:
            raise ValidationError({f"milestone_{year}": _("The number is too large.")})


def _name_taken(metric: Metric) -> bool:
    """Case-insensitively, in Python: SQLite's lower() behind the unique constraint folds only
    ASCII letters, so "Sähköinen" and "SÄHKÖINEN" would both pass it; and the error then
    belongs next to the name field rather than on top of the form."""
    wanted = metric.name.casefold()
    others = Metric.objects.filter(roadmap_id=metric.roadmap_id).exclude(pk=metric.pk)
    return any(name.casefold() == wanted for name in others.values_list("name", flat=True))


def _save_metric(metric: Metric, data: MetricInput, actor: Actor, history_type: str) -> None:
    for name in MetricInput.SCALAR_FIELDS:
        setattr(metric, name, getattr(data, name))
    metric.name = metric.name.strip()
    if data.translations is not None:
        metric.translations = cleaned(data.translations)
    if _name_taken(metric):
        raise ValidationError({"name": _("This roadmap already has a metric with this name.")})
    metric.full_clean()
    _check_links(metric, data)
    with history_paused(metric):
        metric.save()
        metric.tasks.set(data.tasks)
    existing = {m.year: m for m in metric.milestones.all()}
    for year, milestone in existing.items():
        if year not in data.milestones:
            with history_by(milestone, actor):
                milestone.delete()
    for year, value in sorted(data.milestones.items()):
        current = existing.get(year)
        if current is not None and current.value == value:
            continue
        milestone = current or Milestone(metric=metric, year=year)
        milestone.value = value
        milestone.full_clean()
        with history_by(milestone, actor):
            milestone.save()
    write_history_row(METRIC_HISTORY, metric, actor, history_type)


@transaction.atomic
def create_metric(*, actor: Actor, roadmap: Roadmap, data: MetricInput) -> Metric:
    ensure_open(roadmap)
    last = Metric.objects.filter(roadmap=roadmap).aggregate(last=Max("order"))["last"]
    metric = Metric(roadmap=roadmap, order=0 if last is None else last + 1)
    _save_metric(metric, data, as_actor(actor), "+")
    return metric


@transaction.atomic
def update_metric(
    *, actor: Actor, metric: Metric, expected_version: int, data: MetricInput
) -> Metric:
    """Save only if nobody saved the metric since `expected_version` was read."""
    ensure_open(metric.roadmap)
    recorded = MetricValue.objects.filter(metric=metric).exclude(period="")
    if data.frequency != metric.frequency and recorded.exists():
        # The values' periods are of the old frequency: they could be neither judged nor
        # corrected under the new one.
        raise ValidationError(
            {
                "frequency": _(
                    "The metric already has values by its current frequency. Keep the "
                    "frequency, or define a new metric."
                )
            }
        )
    metric.version = claim_version(Metric, metric.pk, expected_version)
    try:
        _save_metric(metric, data, as_actor(actor), "~")
    except Exception:
        metric.version = expected_version
        raise
    return metric


@transaction.atomic
def delete_metric(*, actor: Actor, metric: Metric) -> None:
    who = as_actor(actor)
    ensure_open(metric.roadmap)
    # One by one, so that each history row names the actor (a cascade would leave it empty).
    for value in metric.values.all():
        with history_by(value, who):
            value.delete()
    for milestone in metric.milestones.all():
        with history_by(milestone, who):
            milestone.delete()
    with history_by(metric, who):
        metric.delete()


# Values --------------------------------------------------------------------------------------


def parse_period(metric: Metric, text: str, today: datetime.date, field: str = "period") -> Period:
    """The period of a new value, checked against the metric's frequency and its roadmap."""
    example = str(Period.containing(today, metric.frequency))
    try:
        period = Period.parse(text)
    except ValueError:
        raise ValidationError(
            {field: _("Enter the period like %(example)s.") % {"example": example}}
        ) from None
    if period.frequency != metric.frequency:
        raise ValidationError(
            {
                field: _("The metric is followed %(frequency)s: enter the period like %(example)s.")
                % {
                    "frequency": Frequency(metric.frequency).label.lower(),
                    "example": example,
                }
            }
        )
    roadmap = metric.roadmap
    if not roadmap.start_year <= period.year <= roadmap.end_year:
        raise ValidationError(
            {
                field: _("Choose a period within the roadmap period %(period)s.")
                % {"period": roadmap.period_label}
            }
        )
    if period.first_day > today:
        raise ValidationError({field: _("The period has not begun yet.")})
    return period


@transaction.atomic
def record_value(
    *,
    actor: Actor,
    metric: Metric,
    period: str,
    value: Decimal,
    note: str = "",
    source: str = "",
    channel: str = Channel.FORM,
    api_token: ApiToken | None = None,
    expected_version: int | None = None,
    today: datetime.date | None = None,
) -> tuple[MetricValue, bool]:
    """Record the value of a period, or correct the one recorded; returns (value, created).

    `expected_version` is the version of the period's value the user saw (0: none). When it is
    given and no longer matches, nothing is saved and ConflictError names the value now
    in place, so that the second of two people is told. The API and imports give none: the
    source system's latest word replaces the value, and the history keeps the previous one.

    `actor` may be an API token's Actor: the history row then names the token, and the value
    keeps no user (`channel` and `api_token` say how it came).
    """
    who = as_actor(actor)
    today = today or timezone.localdate()
    locked = Metric.objects.select_for_update().select_related("roadmap").get(pk=metric.pk)
    ensure_open(locked.roadmap)
    code = str(parse_period(locked, period, today))
    current = MetricValue.objects.filter(metric=locked, period=code).first()
    seen = current.version if current else 0
    if expected_version is not None and expected_version != seen:
        raise ConflictError(current=current)
    if current is not None and (current.value, current.note, current.source) == (
        value,
        note.strip(),
        source.strip(),
    ):
        # A feed that sends the same figure again corrects nothing.
        return current, False
    item = current or MetricValue(metric=locked, period=code)
    if current is not None:
        item.version = current.version + 1
    item.value = value
    item.note = note.strip()
    item.source = source.strip()
    item.channel = channel
    item.recorded_by = who.history_user
    item.api_token = api_token
    item.recorded_at = timezone.now()
    item.full_clean()
    try:
        with transaction.atomic(), history_by(item, who):
            item.save()
    except IntegrityError:
        # Another request created the period's value between the read and the insert.
        raise ConflictError(
            current=MetricValue.objects.filter(metric=locked, period=code).first()
        ) from None
    return item, current is None


@dataclass(frozen=True)
class ValueRow:
    metric: Metric
    period: str
    value: Decimal
    note: str = ""
    source: str = ""


@transaction.atomic
def record_values(
    *,
    actor: Actor,
    rows: Iterable[ValueRow],
    channel: str,
    today: datetime.date | None = None,
) -> tuple[int, int]:
    """Save many values at once (an import): all of them or, on the first error, none."""
    who = as_actor(actor)
    created = updated = 0
    for row in rows:
        _saved, new = record_value(
            actor=who,
            metric=row.metric,
            period=row.period,
            value=row.value,
            note=row.note,
            source=row.source,
            channel=channel,
            today=today,
        )
        created += new
        updated += not new
    return created, updated


@transaction.atomic
def delete_value(*, actor: Actor, value: MetricValue, expected_version: int) -> None:
    # The metric's lock, as in record_value, so that a correction and a removal of the same
    # value take turns instead of the correction writing the removed value back.
    Metric.objects.select_for_update().filter(pk=value.metric_id).first()
    locked = MetricValue.objects.select_for_update().select_related("metric__roadmap")
    current = locked.filter(pk=value.pk).first()
    if current is None or current.version != expected_version:
        raise ConflictError(current=current)
    ensure_open(current.metric.roadmap)
    with history_by(current, as_actor(actor)):
        current.delete()
