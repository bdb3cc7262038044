"""What the public pages show, built from roadmap.publicity only (no other read of tasks)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, QueryDict
from django.urls import reverse

from tiekartta.accounts.models import Organisation
from tiekartta.core.quarters import Quarter, format_quarter
from tiekartta.metrics.charts import ChartRow, metric_chart
from tiekartta.metrics.models import Metric, MetricValue
from tiekartta.metrics.selectors import line_of
from tiekartta.roadmap import publicity
from tiekartta.roadmap.models import Roadmap, Status, Theme
from tiekartta.roadmap.publicity import Progress, PublicTask, overall_progress

TASKS_PER_PAGE = 100


def get_public_roadmap(organisation: Organisation, slug: str) -> Roadmap:
    found = publicity.public_roadmaps(organisation).filter(slug=slug).first()
    if found is None:
        raise Http404
    found.organisation = organisation
    return found


def task_base(roadmap: Roadmap) -> str:
    """The address of the roadmap's task pages up to the task's id: a list of hundreds of
    tasks reverses one address, not one per row."""
    return reverse(
        "public:task",
        kwargs={"org": roadmap.organisation.slug, "roadmap": roadmap.slug, "task": 0},
    ).removesuffix("0/")


@dataclass
class ThemeProgress:
    theme: Theme
    tasks: list[PublicTask] = field(default_factory=list)

    @property
    def progress(self) -> int | None:
        return overall_progress(self.tasks)


@dataclass(frozen=True)
class Filters:
    theme: int | None
    status: str
    q: str

    @property
    def active(self) -> bool:
        return bool(self.theme or self.status or self.q)

    def keep(self, task: PublicTask) -> bool:
        if self.theme and task.theme_id != self.theme:
            return False
        if self.status and task.status != self.status:
            return False
        if self.q:
            text = f"{task.title} {task.public_summary} {task.theme_name}".casefold()
            return all(word in text for word in self.q.casefold().split())
        return True


def read_filters(query: QueryDict, themes: Iterable[Theme]) -> Filters:
    """Unknown values are ignored (an old link still opens), never a 500 or a 400."""
    theme_ids = {theme.pk for theme in themes}
    raw_theme = query.get("theme", "")
    theme = int(raw_theme) if raw_theme.isdigit() and int(raw_theme) in theme_ids else None
    status = query.get("status", "")
    return Filters(
        theme=theme,
        status=status if status in Status.values else "",
        q=query.get("q", "").strip()[:200],
    )


def theme_progress(themes: list[Theme], tasks: list[PublicTask]) -> list[ThemeProgress]:
    by_theme = {theme.pk: ThemeProgress(theme) for theme in themes}
    for task in tasks:
        if task.theme_id in by_theme:
            by_theme[task.theme_id].tasks.append(task)
    return list(by_theme.values())


def page_of(request: HttpRequest, items: Any) -> Page[Any]:
    return Paginator(items, TASKS_PER_PAGE).get_page(request.GET.get("page"))


@dataclass(frozen=True)
class ThemeRow:
    theme: Theme
    progress: Progress


def theme_rows(themes: list[Theme], progress: dict[int, Progress]) -> list[ThemeRow]:
    return [ThemeRow(theme, progress.get(theme.pk, Progress(0, 0, 0))) for theme in themes]


def total(progress: dict[int, Progress]) -> Progress:
    return Progress(
        sum(p.tasks for p in progress.values()),
        sum(p.counted for p in progress.values()),
        sum(p.completion_sum for p in progress.values()),
    )


def query_without(request: HttpRequest, *names: str) -> str:
    """The address's query without `names` (a page link adds its own `page`)."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@dataclass
class QuarterGroup:
    label: str
    tasks: list[PublicTask]


def timeline(tasks: list[PublicTask]) -> list[QuarterGroup]:
    """The tasks by the quarter they are to end in, in time order; unscheduled last."""
    groups: dict[str, list[PublicTask]] = {}
    for task in tasks:
        groups.setdefault(task.due or task.start, []).append(task)
    ordered = sorted(groups.items(), key=lambda item: (item[0] == "", item[0]))
    return [QuarterGroup(format_quarter(code), items) for code, items in ordered]


@dataclass
class PublicMetric:
    metric: Metric
    chart: Any
    rows: list[ChartRow]
    chart_id: str


def public_metric_charts(roadmap: Roadmap, today: datetime.date) -> list[PublicMetric]:
    """Each public metric with its chart and the chart's table (three queries)."""
    metrics = list(
        publicity.public_metrics(roadmap).prefetch_related(
            Prefetch("values", queryset=MetricValue.objects.in_period_order()), "milestones"
        )
    )
    shown = []
    for index, metric in enumerate(metrics, start=1):
        metric.roadmap = roadmap
        values = list(metric.values.all())
        chart, rows = metric_chart(
            metric, values, list(metric.milestones.all()), line_of(metric), today
        )
        shown.append(PublicMetric(metric, chart, rows, f"metric-chart-{index}"))
    return shown


def current_quarter_label(today: datetime.date) -> str:
    return Quarter.of_date(today).label()
