"""A value written through the API is the token's doing: its history row names the token, and
the write leaves an audit event in the same transaction."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from conftest import World
from tests.factories import MetricValueFactory
from tiekartta.accounts.models import ApiToken, AuditEvent, EventKind, Role
from tiekartta.activity.selectors import Event, change_log
from tiekartta.api.tests.conftest import ApiClient, values_url
from tiekartta.core.history import Change, who_of
from tiekartta.metrics.models import Channel, Metric, MetricValue


def api_writes() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(kind=EventKind.API_WRITE).order_by("pk"))


def test_a_posted_value_is_attributed_to_the_token(
    api_client: ApiClient, metric: Metric, token_pair: tuple[ApiToken, str], world: World
) -> None:
    response = api_client.post_json(values_url(metric.pk), {"period": "2026Q3", "value": 41.5})
    assert response.status_code == 201, response.content
    saved = MetricValue.objects.get(metric=metric)
    assert (saved.channel, saved.api_token, saved.recorded_by) == (
        Channel.API,
        token_pair[0],
        None,
    )
    row = saved.history.get()  # type: ignore[attr-defined]
    assert row.history_user is None
    assert who_of(row) == "API: Tietovarasto"
    (event,) = api_writes()
    assert event.actor is None and event.actor_label == "API: Tietovarasto"
    assert event.organisation == world.organisation
    assert event.subject == f"{metric.name} · 2026Q3"
    assert event.data == {
        "metric": metric.pk,
        "period": "2026Q3",
        "value": "41.5",
        "created": True,
    }


def test_a_correction_is_a_write_and_the_same_figure_again_is_none(
    api_client: ApiClient, metric: Metric
) -> None:
    MetricValueFactory(metric=metric, period="2026Q3", value=Decimal("30"))
    assert (
        api_client.post_json(values_url(metric.pk), {"period": "2026Q3", "value": 42}).status_code
        == 200
    )
    assert (
        api_client.post_json(values_url(metric.pk), {"period": "2026Q3", "value": 42}).status_code
        == 200
    )
    (event,) = api_writes()
    assert event.data["created"] is False and event.data["value"] == "42"


def test_a_refused_write_leaves_no_event(api_client: ApiClient, metric: Metric) -> None:
    response = api_client.post_json(values_url(metric.pk), {"period": "2031Q1", "value": 1})
    assert response.status_code == 400
    assert not api_writes()


def test_the_change_log_names_the_token_for_the_value_and_the_write(
    api_client: ApiClient, metric: Metric, world: World
) -> None:
    response = api_client.post_json(values_url(metric.pk), {"period": "2026Q3", "value": 41.5})
    assert response.status_code == 201, response.content
    entries = change_log(world.organisation).entries
    changes = [e for e in entries if isinstance(e, Change)]
    events = [e for e in entries if isinstance(e, Event)]
    assert any(c.who == "API: Tietovarasto" and metric.name in c.name for c in changes), changes
    (write,) = [e for e in events if e.action == "Written through the API"]
    assert write.who == "API: Tietovarasto"
    assert write.subject == f"{metric.name} · 2026Q3"
    page = world.client_for(Role.ADMIN).get(
        reverse("activity:change_log", kwargs={"org": world.organisation.slug})
    )
    assert page.status_code == 200
    assert "API: Tietovarasto" in page.content.decode()
