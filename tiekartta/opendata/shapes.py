"""The open data's rows, built only from what `roadmap/publicity.py` calls public: a task as
its `PublicTask` (every field, nothing more), a metric with its target and the values of
periods that have begun. The JSON and the CSV are built from the same rows."""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from tiekartta.accounts.models import Organisation
from tiekartta.api.conditional import _encode
from tiekartta.api.schemas import json_number
from tiekartta.metrics.models import Metric, MetricValue
from tiekartta.metrics.periods import Period
from tiekartta.opendata.licence import current_licence
from tiekartta.roadmap.models import Roadmap, Theme
from tiekartta.roadmap.publicity import PublicTask

# The primary texts are in their own fields, in `language`; the other languages' versions of
# the public texts in `translations` ({"sv": {"title": "…", "public_summary": null}}: every
# language the organisation uses, every field, null where not written).
TASK_FIELDS = tuple(
    field.name
    for field in dataclasses.fields(PublicTask)
    if field.name not in {"translations", "roadmap_slug"}
)
TASK_TEXTS = ("title", "public_summary", "theme_name")


def versions(
    organisation: Organisation, translations: Any, fields: tuple[str, ...]
) -> dict[str, dict[str, str | None]]:
    """The versions of `fields` in each of the organisation's other languages (null where
    not written); only the fields asked for: never an internal text's version."""
    translations = translations or {}
    return {
        language: {name: (translations.get(language) or {}).get(name) or None for name in fields}
        for language in organisation.content_languages.others
    }


def task_csv_fields(organisation: Organisation) -> tuple[str, ...]:
    """The tasks' CSV columns: the JSON's, then `title_sv`… per organisation language."""
    return (
        *TASK_FIELDS,
        "language",
        *(
            f"{name}_{language}"
            for language in organisation.content_languages.others
            for name in TASK_TEXTS
        ),
    )


def task_csv_row(row: dict[str, Any]) -> dict[str, Any]:
    flat = {name: value for name, value in row.items() if name != "translations"}
    for language, texts in row["translations"].items():
        for name, text in texts.items():
            flat[f"{name}_{language}"] = text
    return flat


# The metrics' CSV is long: one row per metric and period, the metric's columns repeated.
METRIC_CSV_FIELDS = (
    "metric_id",
    "metric_name",
    "theme_id",
    "theme_name",
    "unit",
    "unit_label",
    "direction",
    "frequency",
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_date",
    "period",
    "value",
)


def envelope(organisation: Organisation | None) -> dict[str, Any]:
    """What every answer carries: the licence, whom to credit, and when it was built."""
    return {
        "licence": current_licence().as_dict(),
        "attribution": organisation.name if organisation is not None else None,
        "generated_at": timezone.now(),
    }


def absolute(request: HttpRequest, name: str, **kwargs: Any) -> str:
    return request.build_absolute_uri(reverse(f"opendata:{name}", kwargs=kwargs))


def roadmap_links(request: HttpRequest, organisation: Organisation, roadmap: Roadmap) -> dict:
    names = {
        "themes": "themes",
        "tasks": "tasks",
        "tasks_csv": "tasks_csv",
        "metrics": "metrics",
        "metrics_csv": "metrics_csv",
    }
    where = {"slug": organisation.slug, "roadmap": roadmap.slug}
    return {key: absolute(request, name, **where) for key, name in names.items()}


def roadmap_row(
    request: HttpRequest, roadmap: Roadmap, completion: int | None, task_count: int
) -> dict[str, Any]:
    return {
        "id": roadmap.pk,
        "slug": roadmap.slug,
        "title": roadmap.title,
        "language": roadmap.organisation.primary_language,
        "translations": versions(roadmap.organisation, roadmap.translations, ("title",)),
        "start_year": roadmap.start_year,
        "end_year": roadmap.end_year,
        "period": roadmap.period_label,
        "archived": roadmap.is_archived,
        "completion": completion,
        "task_count": task_count,
        "links": roadmap_links(request, roadmap.organisation, roadmap),
    }


def theme_row(theme: Theme, organisation: Organisation) -> dict[str, Any]:
    return {
        "id": theme.pk,
        "name": theme.name,
        "language": organisation.primary_language,
        "translations": versions(organisation, theme.translations, ("name",)),
        "is_spearhead": theme.is_spearhead,
        "colour": theme.colour,
        "order": theme.order,
    }


def task_row(task: PublicTask, organisation: Organisation) -> dict[str, Any]:
    """`task` projected in the primary language (`project_all(language=primary)`)."""
    # Not dataclasses.asdict, which deep-copies every value and costs more than the query.
    row: dict[str, Any] = {name: getattr(task, name) for name in TASK_FIELDS}
    for name in TASK_TEXTS:
        row[name] = str(row[name])
    row["language"] = organisation.primary_language
    row["translations"] = versions(organisation, task.translations, TASK_TEXTS)
    return row


def with_public_values(metrics: QuerySet[Any]) -> QuerySet[Any]:
    """The values without their notes, sources or who recorded them: one query more."""
    values = MetricValue.objects.in_period_order().only("id", "metric_id", "period", "value")
    return metrics.prefetch_related(Prefetch("values", queryset=values, to_attr="public_values"))


def _begun(code: str, today: datetime.date) -> bool:
    # A value of a period still to come is a forecast typed early, as the staff pages hold.
    try:
        return Period.parse(code).first_day <= today
    except ValueError:
        return False


def metric_row(metric: Metric, today: datetime.date, organisation: Organisation) -> dict[str, Any]:
    values = [
        {"period": v.period, "value": json_number(v.value)}
        for v in metric.public_values  # type: ignore[attr-defined]
        if _begun(v.period, today)
    ]
    baseline = None
    if metric.baseline_value is not None:
        baseline = {"value": json_number(metric.baseline_value), "date": metric.baseline_date}
    return {
        "id": metric.pk,
        "name": metric.name,
        "description": metric.description,
        "theme_id": metric.theme_id,
        "theme_name": metric.theme.name if metric.theme is not None else None,
        "language": organisation.primary_language,
        "translations": _metric_versions(metric, organisation),
        "unit": metric.unit,
        "unit_label": metric.unit_text,
        "direction": metric.direction,
        "frequency": metric.frequency,
        "baseline": baseline,
        "target": {"value": json_number(metric.target_value), "date": metric.target_date},
        "latest": values[-1] if values else None,
        "values": values,
    }


def _metric_versions(metric: Metric, organisation: Organisation) -> dict[str, Any]:
    found = versions(organisation, metric.translations, ("name", "description"))
    if metric.theme is not None:
        themes = versions(organisation, metric.theme.translations, ("name",))
        for language, texts in found.items():
            texts["theme_name"] = themes[language]["name"]
    else:
        for texts in found.values():
            texts["theme_name"] = None
    return found


def metric_csv_rows(rows: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    for row in rows:
        common = {
            "metric_id": row["id"],
            "metric_name": row["name"],
            "theme_id": row["theme_id"],
            "theme_name": row["theme_name"],
            "unit": row["unit"],
            "unit_label": row["unit_label"],
            "direction": row["direction"],
            "frequency": row["frequency"],
            "baseline_value": row["baseline"]["value"] if row["baseline"] else None,
            "baseline_date": row["baseline"]["date"] if row["baseline"] else None,
            "target_value": row["target"]["value"],
            "target_date": row["target"]["date"],
        }
        for value in row["values"] or [{"period": None, "value": None}]:
            yield {**common, **value}


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return _encode(value)
    return value


# Text Excel would run as a formula (CSV injection): the Excel file starts it with an apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _excel_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(fields: tuple[str, ...], rows: Iterable[dict[str, Any]], *, excel: bool) -> str:
    """RFC 4180 CSV: a comma and plain UTF-8; for Excel with Finnish settings a semicolon and
    a byte-order mark, without which it would read the text as Windows-1252, and no text that
    it would take for a formula. The plain file keeps every text as it is."""
    out = io.StringIO()
    if excel:
        out.write("\ufeff")
    writer = csv.DictWriter(
        out, fieldnames=fields, delimiter=";" if excel else ",", lineterminator="\r\n"
    )
    writer.writeheader()
    for row in rows:
        cells = {name: _cell(row[name]) for name in fields}
        if excel:
            cells = {name: _excel_cell(value) for name, value in cells.items()}
        writer.writerow(cells)
    return out.getvalue()
