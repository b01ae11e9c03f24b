import csv
import datetime
import io
import json
from collections.abc import Callable
from typing import Any

import jsonschema
import pytest
from django.test import Client
from django.urls import reverse
from lxml import etree
from openpyxl import load_workbook

from nutag.accounts.models import User
from nutag.analytics.models import MonthlyRequestRollup
from nutag.analytics.services import rollups_refresh
from nutag.cases.models import Request
from nutag.catalog.models import Adoption
from nutag.core.models import AuditEvent

UTC = datetime.UTC
PERIOD = {"period_from": "2026-01", "period_to": "2026-11"}
REFUSED = ["citizen", "officer_soum_a", "operator_soum_a", "admin_aimag", "admin_other_aimag"]
ALLOWED = ["analyst", "designer", "platform_admin", "aimag_analyst"]
PAGES = [
    ("analytics:dashboard", {}),
    ("analytics:table-download", {"key": "aimags", "fmt": "csv"}),
    ("analytics:table-download", {"key": "coverage", "fmt": "xlsx"}),
    ("analytics:export-xes", {}),
    ("analytics:export-ocel", {}),
]


@pytest.fixture
def data(letter_service: Adoption, make_closed: Callable[..., Request]) -> Adoption:
    day = datetime.datetime(2026, 5, 4, 3, tzinfo=UTC)
    for hours, channel in [(24, "online"), (50, "operator"), (100, "khurdan")]:
        make_closed(letter_service, submitted=day, hours=hours, channel=channel, returned=hours == 50)
    rollups_refresh()
    return letter_service


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("persona", REFUSED)
@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_citizens_officers_and_admins_cannot_open_insights(
    request: pytest.FixtureRequest, data: Adoption, persona: str, name: str, kwargs: dict[str, str]
) -> None:
    response = _client(request.getfixturevalue(persona)).get(reverse(name, kwargs=kwargs), PERIOD)
    assert response.status_code == 403


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(data: Adoption, name: str, kwargs: dict[str, str]) -> None:
    response = Client().get(reverse(name, kwargs=kwargs))
    assert response.status_code == 302 and "/accounts/" in response["Location"]


@pytest.mark.parametrize("persona", ALLOWED)
def test_analysts_designers_and_aimag_leadership_see_the_dashboard(
    request: pytest.FixtureRequest, data: Adoption, persona: str, django_assert_max_num_queries: Any
) -> None:
    client = _client(request.getfixturevalue(persona))
    with django_assert_max_num_queries(40):
        response = client.get(reverse("analytics:dashboard"), PERIOD)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="img"' in html and "<title" in html and 'scope="row"' in html


def _csv(client: Client, key: str, query: dict[str, str] | None = None) -> list[list[str]]:
    response = client.get(reverse("analytics:table-download", args=[key, "csv"]), query or PERIOD)
    assert response.status_code == 200, response.content
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_aimag_leadership_sees_its_aimag_and_national_totals_and_others_withheld(
    data: Adoption, aimag_analyst: User, make_closed: Callable[..., Request], welfare_service: Adoption
) -> None:
    other = Adoption.objects.filter(pk=welfare_service.pk)
    other.update(aimag_code="44")  # a request of another aimag, for the national total
    make_closed(other.get(), submitted=datetime.datetime(2026, 6, 1, tzinfo=UTC), hours=10)
    rollups_refresh()
    client = _client(aimag_analyst)
    rows = {row[0]: row for row in _csv(client, "aimags")[1:]}
    assert rows["Баянхонгор"][1] == "3" and rows["Дорноговь"][1] == "withheld"
    savings = _csv(client, "savings")
    assert dict(savings[1:])["Дорноговь"] == "withheld" and savings[-1][1] == str(
        2 * 19_800
    )  # one online request in each aimag
    months = _csv(client, "months")
    assert sum(int(row[1]) for row in months[1:]) == 4  # national totals include the other aimag
    refused = client.get(reverse("analytics:dashboard"), {**PERIOD, "aimag": "44"})
    assert refused.status_code == 403 and b"error-summary" in refused.content
    assert client.get(reverse("analytics:export-xes"), {**PERIOD, "aimag": "44"}).status_code == 403


def test_a_national_analyst_sees_every_aimag(data: Adoption, analyst: User) -> None:
    rows = {row[0]: row for row in _csv(_client(analyst), "aimags")[1:]}
    assert rows["Баянхонгор"][1] == "3" and rows["Дорноговь"][1] == "0"


@pytest.mark.parametrize(
    "query",
    [
        {"period_from": "2026-13"},
        {"period_from": "2026-06", "period_to": "2026-01"},
        {"period_from": "2000-01", "period_to": "2026-01"},
        {"service": "NO-SUCH-SERVICE"},
        {"channel": "pigeon"},
        {"aimag": "99"},
    ],
)
def test_bad_filters_are_answered_with_400_and_the_problem(
    data: Adoption, analyst: User, query: dict[str, str]
) -> None:
    client = _client(analyst)
    page = client.get(reverse("analytics:dashboard"), query)
    assert page.status_code == 400 and b"error-summary" in page.content
    assert client.get(reverse("analytics:export-ocel"), query).status_code == 400
    assert client.get(reverse("analytics:table-download", args=["aimags", "csv"]), query).status_code == 400


def test_an_unknown_table_is_not_found(data: Adoption, analyst: User) -> None:
    response = _client(analyst).get(reverse("analytics:table-download", args=["nothing", "csv"]), PERIOD)
    assert response.status_code == 404


def test_tables_download_as_xlsx_with_the_same_numbers(data: Adoption, analyst: User) -> None:
    response = _client(analyst).get(reverse("analytics:table-download", args=["channels", "xlsx"]), PERIOD)
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    values = [row for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert [row[1] for row in values] == [1, 1, 1]


def test_the_service_filter_compares_one_service_across_aimags(
    data: Adoption, analyst: User, welfare_service: Adoption
) -> None:
    rows = _csv(_client(analyst), "aimags", {**PERIOD, "service": welfare_service.service.code})
    assert all(row[1] == "0" for row in rows[1:])


def test_refresh_now_queues_the_worker_and_records_who_asked(analyst: User, citizen: User) -> None:
    assert _client(citizen).post(reverse("analytics:refresh")).status_code == 403
    assert not AuditEvent.objects.filter(action="insights_refresh_requested").exists()
    response = _client(analyst).post(reverse("analytics:refresh"))
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="insights_refresh_requested", actor=analyst).count() == 1


XES = "{http://www.xes-standard.org/}"


def test_the_xes_export_is_a_log_of_traces_with_the_standard_attributes(
    data: Adoption, analyst: User
) -> None:
    response = _client(analyst).get(reverse("analytics:export-xes"), PERIOD)
    root = etree.fromstring(_body(response))
    assert root.tag == f"{XES}log" and root.get("xes.version") == "1849-2016"
    prefixes = {e.get("prefix") for e in root.findall(f"{XES}extension")}
    assert {"concept", "time", "lifecycle"} <= prefixes
    traces = root.findall(f"{XES}trace")
    assert len(traces) == 3
    for trace in traces:
        assert trace.find(f"{XES}string[@key='concept:name']") is not None
        events = trace.findall(f"{XES}event")
        assert events
        stamps = []
        for event in events:
            keys = {child.get("key"): child for child in event}
            assert {"concept:name", "time:timestamp", "lifecycle:transition"} <= keys.keys()
            assert keys["time:timestamp"].tag == f"{XES}date"
            assert keys["lifecycle:transition"].get("value") in {"start", "complete"}
            stamps.append(datetime.datetime.fromisoformat(keys["time:timestamp"].get("value")))
        assert stamps == sorted(stamps)
    # Children of a trace come in the schema's order: attributes first, then events.
    kinds = [child.tag == f"{XES}event" for child in traces[0]]
    assert kinds == sorted(kinds)


# OCEL 2.0 JSON, written from the standard's specification (ocel-standard.org, 2023): no schema file ships in an
# installed package.
OCEL_SCHEMA = {
    "type": "object",
    "required": ["objectTypes", "eventTypes", "objects", "events"],
    "properties": {
        "objectTypes": {"type": "array", "items": {"$ref": "#/$defs/type"}},
        "eventTypes": {"type": "array", "items": {"$ref": "#/$defs/type"}},
        "objects": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "type"],
                "properties": {
                    "id": {"type": "string"},
                    "type": {"type": "string"},
                    "attributes": {
                        "type": "array",
                        "items": {"type": "object", "required": ["name", "value", "time"]},
                    },
                    "relationships": {"type": "array", "items": {"$ref": "#/$defs/relationship"}},
                },
            },
        },
        "events": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "type", "time"],
                "properties": {
                    "id": {"type": "string"},
                    "type": {"type": "string"},
                    "time": {"type": "string", "format": "date-time"},
                    "attributes": {
                        "type": "array",
                        "items": {"type": "object", "required": ["name", "value"]},
                    },
                    "relationships": {"type": "array", "items": {"$ref": "#/$defs/relationship"}},
                },
            },
        },
    },
    "$defs": {
        "type": {
            "type": "object",
            "required": ["name", "attributes"],
            "properties": {
                "name": {"type": "string"},
                "attributes": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["name", "type"],
                        "properties": {"type": {"enum": ["string", "time", "integer", "float", "boolean"]}},
                    },
                },
            },
        },
        "relationship": {
            "type": "object",
            "required": ["objectId", "qualifier"],
            "properties": {"objectId": {"type": "string"}, "qualifier": {"type": "string"}},
        },
    },
}


def test_the_ocel_export_follows_the_ocel_2_json_format_and_refers_only_to_declared_things(
    data: Adoption, analyst: User
) -> None:
    response = _client(analyst).get(reverse("analytics:export-ocel"), PERIOD)
    log = json.loads(_body(response))
    jsonschema.validate(log, OCEL_SCHEMA)
    object_ids = {o["id"] for o in log["objects"]}
    assert {o["type"] for o in log["objects"]} <= {t["name"] for t in log["objectTypes"]}
    assert {e["type"] for e in log["events"]} <= {t["name"] for t in log["eventTypes"]}
    related = {
        r["objectId"] for item in log["objects"] + log["events"] for r in item.get("relationships", [])
    }
    assert related <= object_ids
    assert len([o for o in log["objects"] if o["type"] == "request"]) == 3
    assert len(log["events"]) == 3 * 4 + 2  # submitted, claimed, decided, result issued; one return


def test_rollups_are_not_touched_by_reading(data: Adoption, analyst: User) -> None:
    before = list(MonthlyRequestRollup.objects.values_list("submitted", flat=True))
    _client(analyst).get(reverse("analytics:dashboard"), PERIOD)
    assert list(MonthlyRequestRollup.objects.values_list("submitted", flat=True)) == before
