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
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from tiekartta.accounts.models import Organisation
from tiekartta.core.quarters import Quarter, format_quarter
from tiekartta.core.translations import TranslatedText, page_language, text_in
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


def feed_context(organisation: Organisation, roadmap: Roadmap | None = None) -> dict[str, Any]:
    """The Atom feed of the organisation's news (or of the roadmap's), for the page's
    autodiscovery link, in the page's language."""
    if roadmap is None:
        path = reverse("news:feed", kwargs={"org_slug": organisation.slug})
        title = _("%(organisation)s: digital roadmap news") % {"organisation": organisation.name}
    else:
        path = reverse(
            "news:roadmap_feed",
            kwargs={"org_slug": organisation.slug, "roadmap_slug": roadmap.slug},
        )
        title = f"{organisation.name}: {text_in(roadmap, 'title')}"
    return {"feed_link": f"{path}?{urlencode({'lang': page_language()})}", "feed_title": title}


def roadmap_context(roadmap: Roadmap) -> dict[str, Any]:
    """What every page of a public roadmap shows of it: its title in the page's language, and
    its feed."""
    return {
        "roadmap": roadmap,
        "roadmap_title": text_in(roadmap, "title"),
        **feed_context(roadmap.organisation, roadmap),
    }


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

    @property
    def name(self) -> TranslatedText:
        return text_in(self.theme, "name")


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

    @property
    def name(self) -> TranslatedText:
        return text_in(self.metric, "name")

    @property
    def description(self) -> TranslatedText:
        return text_in(self.metric, "description")

    @property
    def theme_name(self) -> TranslatedText | None:
        theme = self.metric.theme
        return text_in(theme, "name") if theme is not None else None


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
