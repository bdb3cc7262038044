"""The interface (API) for metric values, so that a data warehouse can feed the roadmap's
metrics (tiedolla johtaminen), and for the roadmap itself (`roadmaps.py`). Version 1, under
/api/v1/; the README documents it.

Every endpoint needs an organisation's API token and reaches only that organisation's
data. The OpenAPI description is at /api/v1/openapi.json; there is no docs page, which
would load its scripts from another site.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja import NinjaAPI, Status

from tiekartta.accounts.events import record_event
from tiekartta.accounts.models import EventKind
from tiekartta.api.access import get_metric_for_token, metrics_of_token, values_of_metric
from tiekartta.api.auth import ApiTokenAuth, token_of
from tiekartta.api.errors import install_handlers
from tiekartta.api.roadmaps import router as roadmap_router
from tiekartta.api.schemas import (
    ErrorOut,
    ExactJsonParser,
    MetricList,
    MetricOut,
    ValueIn,
    ValueList,
    ValueOut,
    json_number,
)
from tiekartta.api.shapes import versions
from tiekartta.api.throttling import TokenRateThrottle
from tiekartta.core.actors import Actor
from tiekartta.core.numbers import plain
from tiekartta.core.translations import ContentLanguages
from tiekartta.metrics.models import Channel, Metric, MetricValue
from tiekartta.metrics.periods import Period
from tiekartta.metrics.rules import MetricState
from tiekartta.metrics.selectors import MetricRow, grace_days_of, metric_states
from tiekartta.metrics.services import record_value

api = NinjaAPI(
    title="Tiekartta",
    version="1",
    description=(
        "A municipality's digital roadmap: roadmaps, themes, tasks and progress entries to read "
        "(paged, with ETag and Last-Modified), progress entries and metric values to record."
    ),
    urls_namespace="api",
    docs_url=None,
    auth=ApiTokenAuth(),
    parser=ExactJsonParser(),
    throttle=TokenRateThrottle(),
)
install_handlers(api)
api.add_router("", roadmap_router)

FAILURES: dict[int, type[ErrorOut]] = {401: ErrorOut, 404: ErrorOut, 405: ErrorOut, 429: ErrorOut}


def value_out(item: MetricValue) -> ValueOut:
    return ValueOut(
        period=item.period,
        value=json_number(item.value),
        note=item.note,
        source=item.source,
        channel=item.channel,
        recorded_at=item.recorded_at,
        token=item.api_token.name if item.api_token else None,
    )


def metric_row(metric: Metric, state: MetricState, languages: ContentLanguages) -> dict[str, Any]:
    """MetricOut as a plain dict, its fields in the schema's order: the list renders them
    without a schema object per metric and nested part (bench/api_server.py); the tests check
    that the two agree."""
    baseline = None
    if metric.baseline_value is not None and metric.baseline_date is not None:
        baseline = {"value": json_number(metric.baseline_value), "date": metric.baseline_date}
    latest = None
    if state.latest is not None:
        latest = {"period": str(state.latest.period), "value": json_number(state.latest.value)}
    awaited = state.timeliness.next_period
    return {
        "id": metric.pk,
        "name": metric.name,
        "language": languages.primary,
        "translations": versions(metric.translations, languages, ("name", "description")),
        "roadmap": metric.roadmap.slug,
        "roadmap_archived": metric.roadmap.is_archived,
        "theme": metric.theme.name if metric.theme else None,
        "unit": metric.unit,
        "unit_text": metric.unit_text,
        "direction": metric.direction,
        "frequency": metric.frequency,
        "target": {"value": json_number(metric.target_value), "date": metric.target_date},
        "baseline": baseline,
        "latest": latest,
        "status": state.status.value,
        "freshness": state.freshness.value,
        "awaited_period": str(awaited) if awaited else None,
    }


def metric_out(row: MetricRow, languages: ContentLanguages) -> MetricOut:
    return MetricOut(**metric_row(row.metric, row.state, languages))


@api.get(
    "/metrics",
    response={200: MetricList, **FAILURES},
    url_name="metrics",
    operation_id="list_metrics",
)
def list_metrics(request: HttpRequest) -> Any:
    """The organisation's metrics with their latest value and where each one stands."""
    token = token_of(request)
    metrics = list(metrics_of_token(token))
    states = metric_states(metrics, timezone.localdate(), grace_days_of(token.organisation))
    languages = token.organisation.content_languages
    body = {
        "metrics": [
            metric_row(metric, state, languages)
            for metric, state in zip(metrics, states, strict=True)
        ]
    }
    # Rendered as ninja renders a validated MetricList, the same bytes without the validation.
    return api.create_response(request, body, status=200)


@api.get(
    "/metrics/{int:metric_id}/values",
    response={200: ValueList, **FAILURES},
    url_name="metric_values",
    operation_id="list_values",
)
def list_values(request: HttpRequest, metric_id: int) -> ValueList:
    """The metric's values in period order."""
    metric = get_metric_for_token(token_of(request), metric_id)
    return ValueList(metric=metric.pk, values=[value_out(v) for v in values_of_metric(metric)])


def _version_of(metric: Metric, period: str) -> int | None:
    """The version of the period's value before a write (None: none, or no period)."""
    try:
        code = str(Period.parse(period))
    except ValueError:
        return None
    found = MetricValue.objects.filter(metric=metric, period=code).values_list("version", flat=True)
    return found.first()


@api.post(
    "/metrics/{int:metric_id}/values",
    response={200: ValueOut, 201: ValueOut, 400: ErrorOut, 409: ErrorOut, **FAILURES},
    url_name="metric_values",
    operation_id="record_value",
)
def post_value(request: HttpRequest, metric_id: int, payload: ValueIn) -> Status[ValueOut]:
    """Record the value of a period: 201 when it is new, 200 when it corrects the period's
    value (the history keeps the one it replaced)."""
    token = token_of(request)
    metric = get_metric_for_token(token, metric_id)
    actor = Actor.for_token(token)
    with transaction.atomic():
        seen = _version_of(metric, payload.period)
        item, created = record_value(
            actor=actor,
            metric=metric,
            period=payload.period,
            value=payload.value,
            note=payload.note,
            source=payload.source,
            channel=Channel.API,
            api_token=token,
        )
        # The same figure sent again writes nothing, and so is no write to record.
        if created or item.version != seen:
            record_event(
                actor=actor,
                organisation=token.organisation,
                kind=EventKind.API_WRITE,
                subject=f"{metric.name} · {item.period}",
                data={
                    "metric": metric.pk,
                    "period": item.period,
                    "value": str(plain(item.value)),
                    "created": created,
                },
            )
    return Status(201 if created else 200, value_out(item))
