"""Whatever arrives, the interface answers 4xx in the error shape and saves nothing; never 500."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiekartta.api.tests.conftest import ApiClient, assert_error, values_url
from tiekartta.metrics.models import Metric, MetricValue
from tiekartta.roadmap.models import Roadmap

GOOD = {"period": "2026Q3", "value": 41.5}


def with_(**changes: Any) -> dict[str, Any]:
    return {**GOOD, **changes}


@pytest.mark.parametrize(
    "body",
    [
        b'{"period": "2026Q3", "value": }',
        b'{"period": "2026Q3", "value": 41.5',
        b"period=2026Q3&value=41.5",
        b"\xff\xfe\x00garbage",
        b"{'period': '2026Q3', 'value': 41.5}",
        b"[" * 100_000 + b"]" * 100_000,
        b'{"period": "2026Q3", "value": ' + b"9" * 5000 + b"}",
        b'{"period": "2026Q3", "value": 1e9999999999999999999}',
    ],
    ids=[
        "cut",
        "unclosed",
        "form-encoded",
        "binary",
        "single-quotes",
        "deeply-nested",
        "5000-digit-int",
        "exponent-overflow",
    ],
)
def test_a_body_that_is_not_json_is_400(api_client: ApiClient, metric: Metric, body: bytes) -> None:
    assert_error(api_client.raw(values_url(metric.pk), body), 400, "malformed_json")
    assert not MetricValue.objects.exists()


@pytest.mark.parametrize("body", [b"", b"[]", b"[1, 2]", b'"2026Q3"', b"41.5", b"null", b"true"])
def test_a_body_that_is_not_an_object_is_400(
    api_client: ApiClient, metric: Metric, body: bytes
) -> None:
    error = assert_error(api_client.raw(values_url(metric.pk), body), 400, "invalid")
    assert "JSON object" in error["message"]
    assert not MetricValue.objects.exists()


VALUE_CASES = [
    ("41.5", "JSON number"),
    ("abc", "JSON number"),
    (True, "JSON number"),
    (False, "JSON number"),
    (None, "JSON number"),
    ([41.5], "JSON number"),
    ({"value": 41.5}, "JSON number"),
    (1e13, "too large"),
    (-1e13, "too large"),
    (10**30, "too large"),
    (1.00001, "decimals"),
]


@pytest.mark.parametrize(("value", "expected"), VALUE_CASES)
def test_a_value_that_is_not_a_storable_number_is_refused(
    api_client: ApiClient, metric: Metric, value: Any, expected: str
) -> None:
    error = assert_error(api_client.post_json(values_url(metric.pk), with_(value=value)), 400)
    assert list(error["fields"]) == ["value"]
    assert expected in error["fields"]["value"][0]
    assert not MetricValue.objects.exists()


@pytest.mark.parametrize(
    "literal", ["NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1e-400", "1E+13"]
)
def test_numbers_json_loads_would_bend_are_refused(
    api_client: ApiClient, metric: Metric, literal: str
) -> None:
    body = f'{{"period": "2026Q3", "value": {literal}}}'
    error = assert_error(api_client.raw(values_url(metric.pk), body), 400, "invalid")
    assert list(error["fields"]) == ["value"]
    assert not MetricValue.objects.exists()


def test_a_missing_value_and_period_are_named(api_client: ApiClient, metric: Metric) -> None:
    error = assert_error(api_client.post_json(values_url(metric.pk), {"note": "x"}), 400)
    assert error["fields"] == {
        "period": ["This field is required."],
        "value": ["This field is required."],
    }


def test_extra_fields_are_refused_by_name(api_client: ApiClient, metric: Metric) -> None:
    body = with_(unit="%", recorded_by=1, **{"x" * 500: 1})
    error = assert_error(api_client.post_json(values_url(metric.pk), body), 400, "invalid")
    assert set(error["fields"]) == {"unit", "recorded_by", "x" * 100}
    assert "period, value, note, source" in error["fields"]["unit"][0]
    assert not MetricValue.objects.exists()


@pytest.mark.parametrize(
    ("field", "text", "expected"),
    [
        ("note", "n" * 2001, "at most 2000"),
        ("source", "s" * 201, "at most 200"),
        ("period", "2026Q3" * 3, "at most 10"),
        ("note", "a\x00b", "null character"),
        ("source", "\x00", "null character"),
        ("period", "2026\x00Q3", "null character"),
        ("note", "\ud800", "not valid Unicode"),
        ("note", 42, "Enter text"),
        ("source", ["DW"], "Enter text"),
        ("period", 2026, "Enter text"),
    ],
)
def test_text_fields_are_checked(
    api_client: ApiClient, metric: Metric, field: str, text: Any, expected: str
) -> None:
    error = assert_error(
        api_client.post_json(values_url(metric.pk), with_(**{field: text})), 400, "invalid"
    )
    assert list(error["fields"]) == [field]
    assert expected in error["fields"][field][0], error
    assert not MetricValue.objects.exists()


def test_the_longest_note_and_source_and_null_for_them_are_accepted(
    api_client: ApiClient, metric: Metric
) -> None:
    body = with_(note="n" * 2000, source="s" * 200)
    assert api_client.post_json(values_url(metric.pk), body).status_code == 201
    body = with_(period="2026Q2", note=None, source=None)
    assert api_client.post_json(values_url(metric.pk), body).status_code == 201
    assert MetricValue.objects.get(period="2026Q2").note == ""


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2025Q9", "like 2026Q4"),
        ("2026Q0", "like 2026Q4"),
        ("Q3", "like 2026Q4"),
        ("", "like 2026Q4"),
        ("2026-09", "like 2026Q4"),
        ("2026H1", "followed quarterly"),
        ("2026", "followed quarterly"),
        ("2025Q4", "2026–2028"),
        ("2029Q1", "2026–2028"),
        ("2027Q1", "not begun"),
    ],
)
def test_a_period_the_metric_cannot_have_is_refused(
    api_client: ApiClient, metric: Metric, period: str, expected: str
) -> None:
    response = api_client.post_json(values_url(metric.pk), with_(period=period))
    error = assert_error(response, 400, "invalid")
    assert list(error["fields"]) == ["period"]
    assert expected in error["fields"]["period"][0], error
    assert not MetricValue.objects.exists()


def test_an_archived_roadmap_takes_no_values(api_client: ApiClient, metric: Metric) -> None:
    Roadmap.objects.filter(pk=metric.roadmap_id).update(is_archived=True)
    error = assert_error(api_client.post_json(values_url(metric.pk), GOOD), 400, "invalid")
    assert "archived" in error["message"]
    assert not MetricValue.objects.exists()
    assert api_client.get(values_url(metric.pk)).status_code == 200


@pytest.mark.parametrize(
    "metric_id",
    [
        str(2**63),
        str(2**63 - 1),
        str(2**64),
        str(10**30),
        "9" * 5000,
        "0",
        "-1",
        "1.5",
        "abc",
        "%00",
        "1%2F2",
        "\u0661",  # Arabic-Indic digit one: isdigit() but no id
    ],
)
def test_an_id_that_names_no_metric_is_404(api_client: ApiClient, metric_id: str) -> None:
    assert_error(api_client.get(values_url(metric_id)), 404, "not_found")
    assert_error(api_client.post_json(values_url(metric_id), GOOD), 404, "not_found")


@pytest.mark.parametrize("path", ["/api/v1/nothing", "/api/v1/metrics/", "/api/v1/metrics/1"])
def test_unknown_addresses_under_the_api_are_json_404(api_client: ApiClient, path: str) -> None:
    assert_error(api_client.get(path), 404, "not_found")
    assert_error(api_client.post(path), 404, "not_found")


@pytest.mark.parametrize("method", ["put", "patch", "delete", "options", "head"])
def test_a_wrong_method_is_405_json(api_client: ApiClient, metric: Metric, method: str) -> None:
    response = getattr(api_client, method)(values_url(metric.pk))
    assert response.status_code == 405
    assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "POST"}
    if method != "head":
        assert_error(response, 405, "method_not_allowed")
    list_response = api_client.post("/api/v1/metrics")
    assert_error(list_response, 405, "method_not_allowed")
    assert list_response["Allow"] == "GET"


def test_a_body_over_the_upload_limit_is_413(
    api_client: ApiClient, metric: Metric, settings: Any
) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps(with_(note="n" * 1500))
    assert_error(api_client.raw(values_url(metric.pk), body), 413, "too_large")


# Never 500 ---------------------------------------------------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
field_values = st.one_of(
    json_values,
    st.sampled_from(["2026Q3", "2026q2", "2026Q4", "2027Q1", "2026H2", "2026", "2025Q4"]),
    st.decimals(allow_nan=False, places=None).map(str),
)
bodies = st.one_of(
    json_values.map(json.dumps),
    st.fixed_dictionaries(
        {"period": field_values, "value": field_values},
        optional={"note": field_values, "source": field_values, "extra": field_values},
    ).map(json.dumps),
    st.builds(
        lambda period, number: f'{{"period": "{period}", "value": {number}}}',
        st.sampled_from(["2026Q1", "2026Q2", "2026Q3"]),
        st.decimals(allow_nan=True, allow_infinity=True).map(str),
    ),
    st.binary(max_size=64),
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=bodies)
def test_no_body_makes_the_interface_fail(
    api_client: ApiClient, metric: Metric, body: str | bytes
) -> None:
    response = api_client.raw(values_url(metric.pk), body)
    assert response.status_code < 500, (body, response.content)
    if response.status_code >= 400:
        assert_error(response, response.status_code)
    else:
        assert response.status_code in {200, 201}
