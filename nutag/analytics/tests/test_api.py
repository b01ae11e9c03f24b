import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from nutag.accounts.models import User
from nutag.analytics import rollups
from nutag.analytics.models import MonthlyRequestRollup, RollupCursor
from nutag.analytics.services import rollups_refresh
from nutag.analytics.tasks import rollups_refresh_task
from nutag.cases.models import Request, RequestEvent
from nutag.catalog.models import Adoption

UTC = datetime.UTC
URL = "/api/v1/insights"
PERIOD = {"period_from": "2026-01", "period_to": "2026-11"}


@pytest.fixture
def data(letter_service: Adoption, make_closed: Callable[..., Request]) -> Adoption:
    make_closed(letter_service, submitted=datetime.datetime(2026, 5, 4, 3, tzinfo=UTC), hours=24)
    rollups_refresh()
    return letter_service


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _table(body: dict[str, Any], key: str) -> list[list[Any]]:
    return next(t["rows"] for t in body["tables"] if t["key"] == key)


def test_analysts_read_the_figures_as_json(
    data: Adoption, analyst: User, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(40):
        response = _client(analyst).get(URL, PERIOD)
    assert response.status_code == 200
    body = response.json()
    assert body["summary"]["submitted"] == 1 and body["summary"]["closed"] == 1
    assert body["is_national"] is True and body["period_from"] == "2026-01"
    aimags = {row[0]: row for row in _table(body, "aimags")}
    assert aimags["Баянхонгор"][1] == 1


def test_aimag_leadership_gets_other_aimags_withheld_and_cannot_ask_for_them(
    data: Adoption, aimag_analyst: User
) -> None:
    client = _client(aimag_analyst)
    aimags = {row[0]: row for row in _table(client.get(URL, PERIOD).json(), "aimags")}
    assert aimags["Дорноговь"][1] == "withheld" and aimags["Баянхонгор"][1] == 1
    refused = client.get(URL, {**PERIOD, "aimag": "44"})
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "permission_denied"


@pytest.mark.parametrize("persona", ["citizen", "officer_soum_a", "admin_aimag"])
def test_others_are_refused_with_the_uniform_error_body(
    request: pytest.FixtureRequest, data: Adoption, persona: str
) -> None:
    client = _client(request.getfixturevalue(persona))
    response = client.get(URL)
    assert response.status_code == 403 and set(response.json()["error"]) == {"code", "message", "details"}
    before = RollupCursor.objects.get(name=rollups.CURSOR).folded_events
    assert client.post(URL).status_code == 403
    assert RollupCursor.objects.get(name=rollups.CURSOR).folded_events == before


def test_anonymous_callers_are_refused(data: Adoption) -> None:
    assert Client().get(URL).status_code in (401, 403)


@pytest.mark.parametrize("query", [{"period_from": "26-01"}, {"channel": "fax"}, {"service": "NOPE"}])
def test_bad_filters_give_400_with_details(data: Adoption, analyst: User, query: dict[str, str]) -> None:
    response = _client(analyst).get(URL, query)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_failed" and set(error["details"]) == set(query)


def test_a_refresh_request_is_accepted(data: Adoption, analyst: User) -> None:
    response = _client(analyst).post(URL)
    assert response.status_code == 202 and response.json() == {"queued": True}


@pytest.mark.django_db(transaction=True)
def test_the_worker_folds_new_events_when_a_refresh_is_queued(
    letter_service: Adoption, make_closed: Callable[..., Request]
) -> None:
    make_closed(letter_service, submitted=datetime.datetime(2026, 5, 4, 3, tzinfo=UTC), hours=24)
    rollups_refresh_task.enqueue()
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert MonthlyRequestRollup.objects.get().submitted == 1
    call_command("refresh_insights", verbosity=0)
    assert MonthlyRequestRollup.objects.get().submitted == 1
    call_command("refresh_insights", "--rebuild", verbosity=0)
    assert MonthlyRequestRollup.objects.get().submitted == 1
    assert RollupCursor.objects.get(name=rollups.CURSOR).folded_events == RequestEvent.objects.count()
