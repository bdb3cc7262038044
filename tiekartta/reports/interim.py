"""The interim report (väliraportti): one set of figures and texts that the web page, the PDF
and the Word document all render, so that the three never disagree.

A report is "as of" a date. For the current quarter it shows the tasks as they are; for an
earlier date each task shows what its progress entries said by the end of that date's quarter.
Metrics show the values of the periods that had begun by the date, judged on that date.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from tiekartta.core.charts import LineChart
from tiekartta.core.quarters import Quarter, format_quarter
from tiekartta.core.translations import (
    ContentLanguages,
    page_language,
    text_in,
    translated,
    using_languages,
)
from tiekartta.metrics.formatting import format_change, format_value
from tiekartta.metrics.models import Metric, MetricValue
from tiekartta.metrics.periods import format_period
from tiekartta.metrics.rules import Freshness, MetricStatus
from tiekartta.metrics.selectors import MetricRow, build_rows, metrics_with_values
from tiekartta.progress.dashboard import burn_up, planned_weight
from tiekartta.progress.experiments import summarise
from tiekartta.progress.models import Decision, Experiment, ProgressEntry
from tiekartta.reports.models import Foreword
from tiekartta.reports.plan_life import (
    BaselineSection,
    CarryOverSection,
    baseline_section,
    carry_over_section,
)
from tiekartta.reports.provenance import ReportProvenance, provenance
from tiekartta.roadmap.models import FollowUpSettings, Kind, Person, Roadmap, Status, Task, Theme
from tiekartta.roadmap.risk import RiskFlag, assess, planned_span

# What counts as a change to the plan, as opposed to progress along it.
PLAN_FIELDS = ("title", "start", "due", "owner", "theme")
PLAN_STATUSES = (Status.POSTPONED, Status.CANCELLED)


@dataclass
class ReportTask:
    pk: int
    title: str
    owner: str
    collaborators: str
    schedule: str
    completion: int
    status: str
    status_label: str
    flag: str
    flag_label: str
    note: str


@dataclass
class ReportTheme:
    name: str
    is_spearhead: bool
    completion: int
    tasks: list[ReportTask] = field(default_factory=list)


@dataclass
class Figures:
    overall: int = 0
    weighted: int = 0
    total: int = 0
    done: int = 0
    in_progress: int = 0
    late: int = 0
    not_started: int = 0


@dataclass
class ReportMetric:
    """A metric's figures as text in the reader's language; dates stay dates for the formats."""

    pk: int
    name: str
    owner: str
    baseline: str
    baseline_date: datetime.date | None
    latest: str
    latest_period: str
    change: str
    target: str
    target_date: datetime.date
    status: str
    status_label: str
    freshness: str
    freshness_label: str

    @property
    def is_stale(self) -> bool:
        return self.freshness == Freshness.STALE


@dataclass
class ReportMetricGroup:
    name: str
    is_spearhead: bool
    metrics: list[ReportMetric] = field(default_factory=list)
    # A theme's name is typed content; "The whole roadmap" is the interface's wording.
    is_theme: bool = True


@dataclass
class ReportMetrics:
    total: int
    # The rows of the counts table: all, each status, the stale ones.
    counts: list[tuple[str, int]]
    stale: int
    groups: list[ReportMetricGroup]


@dataclass
class PlanChange:
    when: datetime.datetime
    who: str
    task: str
    description: str


@dataclass
class ReportExperiment:
    """A pilot task and its experiment as the report's date saw it ("" where not written)."""

    task: str
    hypothesis: str
    success_criteria: str
    result: str
    lesson: str
    decision: str
    decision_label: str
    decided_at: datetime.date | None
    is_described: bool


@dataclass
class ReportExperiments:
    pilots: int
    # The rows of the counts table: all pilot tasks, then each decision.
    counts: list[tuple[str, int]]
    experiments: list[ReportExperiment]


@dataclass
class InterimReport:
    """The texts that have language versions (the roadmap's title, theme, task and metric
    names) are `TranslatedText`s in the report's language, or the primary text marked with
    its language where a version is missing."""

    organisation: str
    roadmap: str
    period: str
    as_of: datetime.date
    quarter: Quarter
    foreword: str
    figures: Figures
    previous_as_of: datetime.date | None
    previous: Figures | None
    burn_up: LineChart
    burn_up_rows: list[tuple[Quarter, int | None, int]]
    themes: list[ReportTheme]
    completed: list[ReportTask]
    late: list[ReportTask]
    plan_changes: list[PlanChange]
    # None when the roadmap has no metrics: the section is left out.
    metrics: ReportMetrics | None = None
    # None when the roadmap has no pilot tasks: the section is left out.
    experiments: ReportExperiments | None = None
    # None when no idea became one of its tasks and none is parked: left out too.
    provenance: ReportProvenance | None = None
    # None before the roadmap was adopted (tiekartta.plans).
    baseline: BaselineSection | None = None
    # The final report (loppuraportti) of a renewed roadmap: what went on to the next period.
    final: bool = False
    carry_over: CarryOverSection | None = None
    # The organisation's languages, for the documents rendered from the report, and the
    # report's own language (the interface's when it was built).
    languages: ContentLanguages = field(default_factory=lambda: ContentLanguages("fi"))
    language: str = "fi"

    @property
    def change_overall(self) -> int | None:
        return self.figures.overall - self.previous.overall if self.previous else None

    @property
    def change_done(self) -> int | None:
        return self.figures.done - self.previous.done if self.previous else None

    @property
    def title(self) -> str:
        if self.final:
            return _("Final report %(period)s") % {"period": self.period}
        return _("Interim report %(date)s") % {"date": self.quarter.label()}


@dataclass
class _State:
    completion: int
    status: str
    note: str


def _states_as_of(
    tasks: list[Task], history: dict[int, list[ProgressEntry]], quarter: Quarter, live: bool
) -> dict[int, _State]:
    """Each task's completion, status and latest note at the end of `quarter`."""
    states = {}
    for task in tasks:
        known = [e for e in history[task.pk] if e.quarter <= str(quarter)]
        latest = known[-1] if known else None
        note = latest.note if latest else ""
        if live:
            states[task.pk] = _State(task.shown_completion, task.status, note)
        elif latest:
            states[task.pk] = _State(latest.completion, latest.status, note)
        else:
            states[task.pk] = _State(0, Status.PLANNED, "")
    return states


def _figures(
    tasks: list[Task], states: dict[int, _State], on: datetime.date, margin: int
) -> tuple[Figures, dict[int, RiskFlag | None]]:
    figures = Figures(total=len(tasks))
    flags: dict[int, RiskFlag | None] = {}
    measured = weighted = weights = 0
    for task in tasks:
        state = states[task.pk]
        flag = assess(
            start=task.start,
            due=task.due,
            status=state.status,
            completion=state.completion,
            today=on,
            margin=margin,
        ).flag
        flags[task.pk] = flag
        figures.done += state.status == Status.DONE
        figures.in_progress += state.status == Status.IN_PROGRESS
        figures.late += flag == RiskFlag.LATE
        figures.not_started += flag == RiskFlag.NOT_STARTED
        if state.status != Status.CANCELLED:
            measured += 1
            figures.overall += state.completion
            weight = planned_weight(task)
            weighted += state.completion * weight
            weights += weight
    figures.overall = round(figures.overall / measured) if measured else 0
    figures.weighted = round(weighted / weights) if weights else 0
    return figures, flags


def build_interim_report(
    roadmap: Roadmap, as_of: datetime.date, today: datetime.date, *, final: bool = False
) -> InterimReport:
    """A fixed number of queries: tasks with people, themes, entries, history, settings,
    metrics with their values. In the active language (`translation.override`), with the
    organisation's versions of its texts in that language; callable outside a view."""
    languages = roadmap.organisation.content_languages
    with using_languages(languages):
        report = _build(roadmap, as_of, today, languages)
    report.baseline = baseline_section(roadmap, as_of, today)
    if final:
        report.final = True
        report.carry_over = carry_over_section(roadmap)
    return report


def final_report_date(roadmap: Roadmap, today: datetime.date) -> datetime.date:
    """The final report covers the whole period: up to its last day, or today if the roadmap
    was renewed early."""
    return min(roadmap.last_quarter.last_day, today)


def _build(
    roadmap: Roadmap, as_of: datetime.date, today: datetime.date, languages: ContentLanguages
) -> InterimReport:
    quarter = Quarter.of_date(as_of)
    live = quarter >= Quarter.of_date(today)
    follow_up = FollowUpSettings.for_organisation(roadmap.organisation)
    margin = follow_up.risk_margin
    themes = list(Theme.objects.filter(roadmap=roadmap).in_display_order())
    tasks = list(
        Task.objects.filter(roadmap=roadmap).for_listing().prefetch_related("collaborators")
    )
    history: dict[int, list[ProgressEntry]] = defaultdict(list)
    for entry in ProgressEntry.objects.filter(task__roadmap=roadmap).in_order():
        history[entry.task_id].append(entry)

    states = _states_as_of(tasks, history, quarter, live)
    figures, flags = _figures(tasks, states, as_of, margin)
    previous_as_of = previous = None
    one_year_back = _a_year_before(as_of)
    if one_year_back >= roadmap.first_quarter.first_day:
        previous_as_of = one_year_back
        earlier = _states_as_of(tasks, history, Quarter.of_date(one_year_back), live=False)
        previous, _flags = _figures(tasks, earlier, one_year_back, margin)

    by_theme = {
        theme.pk: ReportTheme(text_in(theme, "name"), theme.is_spearhead, 0) for theme in themes
    }
    completed, late = [], []
    for task in tasks:
        state = states[task.pk]
        flag = flags[task.pk]
        item = ReportTask(
            pk=task.pk,
            title=text_in(task, "title"),
            owner=task.owner.name,
            collaborators=", ".join(
                [p.name for p in task.collaborators.all()]
                + ([task.collaborating_units] if task.collaborating_units else [])
            ),
            schedule=task.schedule_label,
            completion=state.completion,
            status=state.status,
            status_label=str(Status(state.status).label),
            flag=flag or "",
            flag_label=str(flag.label) if flag else "",
            note=state.note,
        )
        by_theme[task.theme_id].tasks.append(item)
        if state.status == Status.DONE:
            completed.append(item)
        if flag == RiskFlag.LATE:
            late.append(item)
    for theme in by_theme.values():
        measured = [t.completion for t in theme.tasks if t.status != Status.CANCELLED]
        theme.completion = round(sum(measured) / len(measured)) if measured else 0

    def recorded(task: Task, code: str) -> int:
        known = [e.completion for e in history[task.pk] if e.quarter <= code]
        return known[-1] if known else 0

    chart, rows = burn_up(
        roadmap,
        [t for t in tasks if states[t.pk].status != Status.CANCELLED],
        recorded,
        quarter,
        lambda task: states[task.pk].completion,
    )
    return InterimReport(
        organisation=roadmap.organisation.name,
        roadmap=text_in(roadmap, "title"),
        period=roadmap.period_label,
        as_of=as_of,
        quarter=quarter,
        foreword=_foreword(roadmap),
        figures=figures,
        previous_as_of=previous_as_of,
        previous=previous,
        burn_up=chart,
        burn_up_rows=rows,
        themes=[theme for theme in by_theme.values() if theme.tasks],
        completed=completed,
        late=late,
        plan_changes=_plan_changes(roadmap, as_of),
        metrics=_metrics(roadmap, as_of, today, follow_up.metric_grace_days),
        experiments=_experiments(roadmap, tasks, as_of, today),
        provenance=provenance(roadmap, len(tasks)),
        languages=languages,
        language=page_language(),
    )


def _metrics(
    roadmap: Roadmap, as_of: datetime.date, today: datetime.date, grace_days: int
) -> ReportMetrics | None:
    """The metrics as they stood on the report's date: `build_rows` counts only the values of
    periods that had begun by then and judges staleness on that date. For an earlier date,
    only the metrics defined by then, with their values as recorded by the end of that day
    (a later correction or a value entered afterwards is not what the report then said)."""
    metrics = metrics_with_values(roadmap)
    if as_of < today:
        moment = timezone.make_aware(datetime.datetime.combine(as_of, datetime.time.max))
        metrics = metrics.filter(created_at__lte=moment)
        recorded: dict[int, list[Any]] = {}
        seen: set[int] = set()
        for row in (
            MetricValue.history.filter(metric__roadmap=roadmap, history_date__lte=moment)
            .select_related("recorded_by")
            .order_by("id", "-history_date", "-history_id")
        ):
            if row.id in seen:
                continue
            seen.add(row.id)
            if row.history_type != "-":
                recorded.setdefault(row.metric_id, []).append(row)
        listed = list(metrics)
        for metric in listed:
            metric.value_list = sorted(  # type: ignore[attr-defined]
                recorded.get(metric.pk, []), key=lambda value: value.period
            )
        rows, summary = build_rows(listed, as_of, grace_days)
    else:
        rows, summary = build_rows(metrics, as_of, grace_days)
    if not rows:
        return None
    whole_roadmap = _("The whole roadmap")
    groups: dict[int | None, ReportMetricGroup] = {}
    for row in rows:
        theme = row.metric.theme
        key = theme.pk if theme else None
        if key not in groups:
            groups[key] = ReportMetricGroup(
                text_in(theme, "name") if theme else whole_roadmap,
                bool(theme and theme.is_spearhead),
                is_theme=theme is not None,
            )
        groups[key].metrics.append(_report_metric(row))
    counts = [
        (_("All metrics"), summary.total),
        *((label, count) for _value, label, count in summary.counts),
        (str(Freshness.STALE.label), summary.stale),
    ]
    return ReportMetrics(
        total=summary.total, counts=counts, stale=summary.stale, groups=list(groups.values())
    )


def _experiments(
    roadmap: Roadmap, tasks: list[Task], as_of: datetime.date, today: datetime.date
) -> ReportExperiments | None:
    """The pilot tasks (in the report's order of tasks) with their experiments, counted by
    decision. One query: for an earlier date, each experiment as recorded by the end of that
    day (its history), as the metrics' values are; a pilot without one counts as undecided."""
    pilots = [task for task in tasks if task.kind == Kind.PILOT]
    if not pilots:
        return None
    found: dict[int, Any] = {}
    if as_of < today:
        moment = timezone.make_aware(datetime.datetime.combine(as_of, datetime.time.max))
        seen: set[int] = set()
        for row in Experiment.history.filter(  # type: ignore[attr-defined]
            task__roadmap=roadmap, history_date__lte=moment
        ).order_by("id", "-history_date", "-history_id"):
            if row.id in seen:
                continue
            seen.add(row.id)
            if row.history_type != "-":
                found[row.task_id] = row
    else:
        found = {e.task_id: e for e in Experiment.objects.filter(task__roadmap=roadmap)}
    summary = summarise(
        (task.kind, getattr(found.get(task.pk), "decision", None)) for task in pilots
    )
    items = []
    for task in pilots:
        experiment = found.get(task.pk)
        decision = experiment.decision if experiment else Decision.NONE
        items.append(
            ReportExperiment(
                task=text_in(task, "title"),
                hypothesis=experiment.hypothesis if experiment else "",
                success_criteria=experiment.success_criteria if experiment else "",
                result=experiment.result if experiment else "",
                lesson=experiment.lesson if experiment else "",
                decision=decision,
                decision_label=str(Decision(decision).label),
                decided_at=experiment.decided_at if experiment else None,
                is_described=experiment is not None,
            )
        )
    counts = [
        (_("All pilot tasks"), summary.pilots),
        *((row.label, row.count) for row in summary.counts),
    ]
    return ReportExperiments(pilots=summary.pilots, counts=counts, experiments=items)


# About the characters that the report's narrowest figure columns hold on a line.
FIGURE_FITS = 10


def _figure(value: Decimal | None, metric: Metric, *, signed: bool = False) -> str:
    """A figure for the report's narrow columns: one too long for them (+1 234 asiointitapahtumaa)
    may go on a new line before a unit written as a word, rather than break inside the word; a
    short one (3.9 points) and a symbol (%, €, h) stay with the number."""
    # A change of a percentage is in percentage points (format_change).
    text = format_change(value, metric) if signed else format_value(value, metric)
    number, space, unit = text.rpartition("\u00a0")
    if space and len(text) > FIGURE_FITS and len(unit) > 3 and unit.isalpha():
        return f"{number} {unit}"
    return text


def _report_metric(row: MetricRow) -> ReportMetric:
    metric, state = row.metric, row.state
    latest = state.latest
    return ReportMetric(
        pk=metric.pk,
        name=text_in(metric, "name"),
        owner=metric.owner.name,
        baseline=_figure(metric.baseline_value, metric),
        baseline_date=metric.baseline_date,
        latest=_figure(latest.value, metric) if latest else "",
        latest_period=format_period(str(latest.period)) if latest else "",
        change=_figure(state.change_since_baseline, metric, signed=True),
        target=_figure(metric.target_value, metric),
        target_date=metric.target_date,
        status=state.status,
        status_label=str(MetricStatus(state.status).label),
        freshness=state.freshness,
        freshness_label=str(Freshness(state.freshness).label),
    )


def _a_year_before(day: datetime.date) -> datetime.date:
    """Interim reports are yearly: the previous one is a year earlier (28 Feb for 29 Feb)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def _foreword(roadmap: Roadmap) -> str:
    found = Foreword.objects.filter(roadmap=roadmap).first()
    return found.text if found else ""


def _plan_changes(roadmap: Roadmap, as_of: datetime.date) -> list[PlanChange]:
    """Tasks added, removed, rescheduled, renamed, moved, handed over, postponed or cancelled
    after the roadmap was set up (its first day), up to the report's date. Three queries: the
    history is read whole so that every change has its previous state at hand."""
    historical = Task.history.model  # type: ignore[attr-defined]
    # The plan as set up: whatever was entered before the period began, or on the roadmap's
    # first day, is the plan itself, not a change to it.
    period_start = timezone.make_aware(
        datetime.datetime.combine(roadmap.first_quarter.first_day, datetime.time())
    )
    settled = max(roadmap.created_at + datetime.timedelta(days=1), period_start)
    rows = list(
        historical.objects.filter(roadmap_id=roadmap.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    names = {
        "owner": dict(
            Person.objects.filter(organisation=roadmap.organisation_id).values_list("pk", "name")
        ),
        "theme": {
            pk: translated(name, versions, "name")
            for pk, name, versions in Theme.objects.filter(roadmap=roadmap).values_list(
                "pk", "name", "translations"
            )
        },
    }
    previous: dict[int, object] = {}
    changes: list[PlanChange] = []
    for row in rows:
        before = previous.get(row.id)
        previous[row.id] = row
        # The report's date is a local day: a change at 01:00 in Helsinki belongs to that day.
        if not settled < row.history_date or timezone.localdate(row.history_date) > as_of:
            continue
        if row.history_type == "+":
            text = _("Added to the roadmap (%(schedule)s).") % {
                "schedule": _schedule_text(row.start, row.due)
            }
        elif row.history_type == "-":
            text = _("Removed from the roadmap.")
        elif before is None:
            continue
        else:
            parts = [
                f"{_label(name)}: {_shown(before, name, names)} → {_shown(row, name, names)}"
                for name in PLAN_FIELDS
                if _raw(before, name) != _raw(row, name)
            ]
            if row.status != before.status and row.status in PLAN_STATUSES:  # type: ignore[attr-defined]
                parts.append(
                    f"{_label('status')}: "
                    f"{Status(before.status).label} → {Status(row.status).label}"  # type: ignore[attr-defined]
                )
            if not parts:
                continue
            text = "; ".join(parts)
        who = str(row.history_user) if row.history_user else _("system")
        title = translated(row.title, getattr(row, "translations", None), "title")
        changes.append(PlanChange(timezone.localtime(row.history_date), who, title, text))
    return changes


def _label(name: str) -> str:
    return capfirst(str(getattr(Task._meta.get_field(name), "verbose_name", name)))


def _raw(record: object, name: str) -> object:
    return getattr(record, f"{name}_id" if name in ("owner", "theme") else name)


def _shown(record: object, name: str, names: dict[str, Any]) -> str:
    value = _raw(record, name)
    if name in ("start", "due"):
        return format_quarter(str(value or "")) or "–"
    if name in names:
        return names[name].get(value, "–") if isinstance(value, int) else "–"
    return str(value) or "–"


def _schedule_text(start: str, due: str) -> str:
    span = planned_span(start, due)
    if span is None:
        return _("not scheduled")
    first, last = span
    return first.label() if first == last else f"{first.label()}–{last.label()}"
