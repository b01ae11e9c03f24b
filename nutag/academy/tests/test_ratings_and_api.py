import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from nutag.academy import services
from nutag.academy.models import Programme, Response, ServiceRating, Survey, TrainingSession
from nutag.academy.selectors import ratings_by_service_and_aimag
from nutag.academy.tests.conftest import NOW, answers_for
from nutag.accounts.models import User
from nutag.cases import services as cases
from nutag.cases.models import Request, WorkItem
from nutag.cases.tests.conftest import ANSWERS, PDF
from nutag.catalog.models import Adoption
from nutag.core.errors import Conflict, PermissionDenied, ValidationFailed


def _request(adoption: Adoption, citizen: User, officer: User | None = None) -> Request:
    request = cases.request_start(adoption=adoption, applicant=citizen, actor=citizen, form_data=ANSWERS)
    cases.request_attach_document(request=request, actor=citizen, code="ID_CARD", name="id.pdf", content=PDF)
    request = cases.request_submit(request=request, actor=citizen)
    if officer is not None:
        item = cases.workitem_claim(item=WorkItem.objects.get(request=request), actor=officer)
        request = cases.request_act(item=item, actor=officer, action="approve")
    return request


@pytest.fixture
def completed(letter_service: Adoption, citizen: User, officer_soum_a: User) -> Request:
    return _request(letter_service, citizen, officer_soum_a)


def test_the_applicant_rates_a_completed_request_once(completed: Request, citizen: User) -> None:
    rating = services.rating_create(request=completed, actor=citizen, score=4, comment=" Quick ")
    assert (rating.service.code, rating.aimag_code, rating.comment) == ("CIVIL-700", "64", "Quick")
    with pytest.raises(Conflict):
        services.rating_create(request=completed, actor=citizen, score=5)
    assert ratings_by_service_and_aimag() == [
        {
            "service_code": "CIVIL-700",
            "aimag_code": "64",
            "count": 1,
            "average": 4.0,
            "scores": {1: 0, 2: 0, 3: 0, 4: 1, 5: 0},
        }
    ]


def test_ratings_are_refused_for_others_open_requests_and_bad_scores(
    letter_service: Adoption, completed: Request, citizen: User, officer_soum_a: User
) -> None:
    with pytest.raises(PermissionDenied):
        services.rating_create(request=completed, actor=officer_soum_a, score=5)
    for score in (0, 6):
        with pytest.raises(ValidationFailed):
            services.rating_create(request=completed, actor=citizen, score=score)
    open_request = _request(letter_service, citizen)
    with pytest.raises(ValidationFailed):
        services.rating_create(request=open_request, actor=citizen, score=3)
    assert not ServiceRating.objects.exists()


def test_rating_page_and_snippet(
    client: Client, completed: Request, citizen: User, officer_soum_a: User
) -> None:
    url = reverse("academy:rating-new", args=[completed.pk])
    client.force_login(officer_soum_a)
    assert client.get(url).status_code == 404
    client.force_login(citizen)
    home = client.get(reverse("academy:home")).content.decode()
    assert url in home  # the snippet asks the citizen to rate
    invalid = client.post(url, {"score": "9"})
    assert invalid.status_code == 200 and not ServiceRating.objects.exists()
    assert client.post(url, {"score": "5", "comment": "Good"}).status_code == 302
    again = client.post(url, {"score": "1"})
    assert again.status_code == 200 and "already rated" in again.content.decode()
    assert ServiceRating.objects.get().score == 5


def test_api_ratings(completed: Request, citizen: User, analyst: User, officer_soum_b: User) -> None:
    api = APIClient()
    api.force_authenticate(officer_soum_b)
    refused = api.post("/api/v1/academy/ratings", {"request": completed.pk, "score": 5}, format="json")
    assert refused.status_code == 404 and refused.json()["error"]["code"] == "not_found"
    api.force_authenticate(citizen)
    bad = api.post("/api/v1/academy/ratings", {"request": completed.pk, "score": 7}, format="json")
    assert bad.status_code == 400 and "score" in bad.json()["error"]["details"]
    assert not ServiceRating.objects.exists()
    created = api.post("/api/v1/academy/ratings", {"request": completed.pk, "score": 5}, format="json")
    assert created.status_code == 201 and created.json()["service"] == "CIVIL-700"
    twice = api.post("/api/v1/academy/ratings", {"request": completed.pk, "score": 5}, format="json")
    assert twice.status_code == 409 and twice.json()["error"]["code"] == "already_rated"
    api.force_authenticate(analyst)
    assert api.get("/api/v1/academy/ratings").json()["count"] == 1
    api.force_authenticate(officer_soum_b)
    assert api.get("/api/v1/academy/ratings").json()["count"] == 0


def test_api_programmes_and_sessions_are_public_and_bounded(
    session_64: TrainingSession,
    programmes: dict[str, Programme],
    django_assert_max_num_queries: Callable[..., object],
) -> None:
    api = APIClient()
    with django_assert_max_num_queries(3):  # type: ignore[attr-defined]
        listed = api.get("/api/v1/academy/programmes").json()
    assert {p["code"] for p in listed["results"]} == set(programmes)
    assert api.get("/api/v1/academy/programmes/request-system").json()["prepares_roles"] == [
        "officer",
        "supervisor",
    ]
    with django_assert_max_num_queries(3):  # type: ignore[attr-defined]
        sessions = api.get("/api/v1/academy/sessions?aimag=64").json()
    assert sessions["results"][0]["territory"] == "64" and sessions["results"][0]["registered"] == 0
    assert api.get("/api/v1/academy/sessions?aimag=44").json()["count"] == 0
    missing = api.get("/api/v1/academy/sessions/999999")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_api_readiness_within_the_readers_territory(
    session_64: TrainingSession, admin_other_aimag: User, analyst: User, citizen: User
) -> None:
    api = APIClient()
    assert api.get("/api/v1/academy/readiness").status_code in (401, 403)
    api.force_authenticate(admin_other_aimag)
    assert [row["aimag"] for row in api.get("/api/v1/academy/readiness").json()] == ["44"]
    api.force_authenticate(analyst)
    assert len(api.get("/api/v1/academy/readiness").json()) == 22
    api.force_authenticate(citizen)
    assert api.get("/api/v1/academy/readiness").status_code == 404


def test_api_answers_a_survey_once_with_clear_errors(
    citizen_survey: Survey, citizen: User, officer_soum_a: User, time_machine: object
) -> None:
    time_machine.move_to(NOW)  # type: ignore[attr-defined]
    api = APIClient()
    url = f"/api/v1/academy/surveys/{citizen_survey.pk}/answers"
    api.force_authenticate(officer_soum_a)
    assert api.post(url, {"answers": {}}, format="json").status_code == 404
    api.force_authenticate(citizen)
    assert [s["id"] for s in api.get("/api/v1/academy/surveys").json()] == [citizen_survey.pk]
    bad = api.post(url, {"answers": answers_for(citizen_survey, "Fax", 3, True, "")}, format="json")
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "validation_failed"
    assert api.post(url, {"answers": "nope"}, format="json").status_code == 400
    good = api.post(url, {"answers": answers_for(citizen_survey, "Online", 3, True, "")}, format="json")
    assert good.status_code == 201 and good.json()["channel"] == "online"
    again = api.post(url, {"answers": answers_for(citizen_survey, "Online", 3, True, "")}, format="json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "already_answered"
    time_machine.move_to(NOW + datetime.timedelta(days=60))  # type: ignore[attr-defined]
    closed = api.post(url, {"answers": {}}, format="json")
    assert closed.status_code == 409 and closed.json()["error"]["code"] == "survey_closed"
    assert api.get("/api/v1/academy/surveys").json() == []
    assert Response.objects.count() == 1
