import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from nutag.accounts.models import User
from nutag.cases import services
from nutag.cases.models import Request, RequestDocument
from nutag.cases.tests.conftest import PDF
from nutag.catalog.models import Adoption


def _client(user: User) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_the_whole_lifecycle_through_the_api(
    letter_service: Adoption, citizen: User, officer_soum_a: User, officer_soum_b: User
) -> None:
    api = _client(citizen)
    body = {"service": "CIVIL-700", "territory": "6401", "answers": {"purpose": "work"}}
    first = api.post("/api/v1/requests", body, format="json", HTTP_IDEMPOTENCY_KEY="retry-1")
    again = api.post("/api/v1/requests", body, format="json", HTTP_IDEMPOTENCY_KEY="retry-1")
    assert first.status_code == 201 and again.json()["id"] == first.json()["id"]
    assert Request.objects.count() == 1
    pk = first.json()["id"]

    disguised = api.post(
        f"/api/v1/requests/{pk}/documents",
        {"code": "ID_CARD", "file": SimpleUploadedFile("id.pdf", b"MZ\x90")},
        format="multipart",
    )
    assert disguised.status_code == 400 and disguised.json()["error"]["code"] == "validation_failed"
    assert not RequestDocument.objects.exists()
    assert (
        api.post(
            f"/api/v1/requests/{pk}/documents",
            {"code": "ID_CARD", "file": SimpleUploadedFile("id.pdf", PDF)},
            format="multipart",
        ).status_code
        == 201
    )

    submitted = api.post(f"/api/v1/requests/{pk}/submit")
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    assert submitted.json()["e_mongolia_status"] == "SUBMITTED"
    assert api.post(f"/api/v1/requests/{pk}/submit").json()["number"] == submitted.json()["number"]

    assert _client(officer_soum_b).get("/api/v1/work-items").json()["count"] == 0
    officer = _client(officer_soum_a)
    item = officer.get("/api/v1/work-items").json()["results"][0]
    assert _client(officer_soum_b).post(f"/api/v1/work-items/{item['id']}/claim").status_code == 404
    assert officer.post(f"/api/v1/work-items/{item['id']}/claim").status_code == 200
    etag = officer.get(f"/api/v1/requests/{pk}")["ETag"]
    stale = officer.post(
        f"/api/v1/work-items/{item['id']}/act", {"action": "approve"}, format="json", HTTP_IF_MATCH='"0-0"'
    )
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "conflict"
    wrong = officer.post(
        f"/api/v1/work-items/{item['id']}/act", {"action": "explode"}, format="json", HTTP_IF_MATCH=etag
    )
    assert wrong.status_code == 400
    done = officer.post(
        f"/api/v1/work-items/{item['id']}/act", {"action": "approve"}, format="json", HTTP_IF_MATCH=etag
    )
    assert done.status_code == 200 and done.json()["status"] == "completed"

    history = api.get(f"/api/v1/requests/{pk}/history").json()
    assert [event["kind"] for event in history][:3] == ["created", "document_added", "submitted"]
    assert "claimed" not in {event["kind"] for event in history}  # internal steps stay internal


def test_other_people_cannot_see_a_request(
    letter_service: Adoption, citizen: User, make_citizen: object, officer_soum_b: User
) -> None:
    api = _client(citizen)
    pk = api.post("/api/v1/requests", {"service": "CIVIL-700", "territory": "6401"}, format="json").json()[
        "id"
    ]
    stranger = make_citizen(register_number="УБ99112233")  # type: ignore[operator]
    for user in (stranger, officer_soum_b):
        response = _client(user).get(f"/api/v1/requests/{pk}")
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert _client(stranger).get("/api/v1/requests").json()["count"] == 0


def test_bad_creation_input_is_a_clear_error(letter_service: Adoption, citizen: User) -> None:
    api = _client(citizen)
    assert (
        api.post("/api/v1/requests", {"service": "NOPE", "territory": "6401"}, format="json").status_code
        == 404
    )
    response = api.post("/api/v1/requests", {"territory": "6401"}, format="json")
    assert response.status_code == 400 and "service" in response.json()["error"]["details"]
    assert not Request.objects.exists()


def test_one_call_applies_and_submits_or_changes_nothing(permit_service: Adoption, citizen: User) -> None:
    api = _client(citizen)
    body = {"service": "BUS-700", "territory": "6401", "answers": {"purpose": "work"}, "submit": True}
    refused = api.post("/api/v1/requests", body, format="json")
    assert refused.status_code == 400 and "document:ID_CARD" in refused.json()["error"]["details"]
    assert not Request.objects.exists()  # the draft made in the same call was rolled back


def test_one_call_submission_is_written_once_and_a_retry_returns_it(
    paperless_letter: Adoption, citizen: User
) -> None:
    api = _client(citizen)
    body = {"service": "CIVIL-701", "territory": "6401", "answers": {"purpose": "work"}, "submit": True}
    first = api.post("/api/v1/requests", body, format="json", HTTP_IDEMPOTENCY_KEY="tap-1")
    again = api.post("/api/v1/requests", body, format="json", HTTP_IDEMPOTENCY_KEY="tap-1")

    assert first.status_code == 201 and again.status_code == 201
    assert again.json()["id"] == first.json()["id"] and first.json()["status"] == "submitted"
    assert first.json()["documents"] == []
    request = Request.objects.get()
    assert first.json()["number"] == request.number and request.next_timer_at is not None
    assert list(request.events.values_list("kind", "status_after")) == [
        ("created", "draft"),
        ("submitted", "submitted"),
    ]
    assert list(request.work_items.values_list("status", flat=True)) == ["open"]
    assert first["ETag"] == request.etag  # the answer is the request as written


def test_a_retry_that_asks_to_submit_submits_the_draft_the_first_call_made(
    paperless_letter: Adoption, citizen: User
) -> None:
    api = _client(citizen)
    body = {"service": "CIVIL-701", "territory": "6401", "answers": {"purpose": "work"}}
    draft = api.post("/api/v1/requests", body, format="json", HTTP_IDEMPOTENCY_KEY="tap-2").json()
    submitted = api.post(
        "/api/v1/requests", {**body, "submit": True}, format="json", HTTP_IDEMPOTENCY_KEY="tap-2"
    ).json()
    assert submitted["id"] == draft["id"] and submitted["status"] == "submitted"
    assert Request.objects.count() == 1


def test_a_reference_number_another_request_holds_is_drawn_again(
    paperless_letter: Adoption, citizen: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Numbers are random; a collision is forced by drawing one already given, then a fresh one."""
    taken = services.request_apply(
        adoption=paperless_letter, applicant=citizen, actor=citizen, form_data={"purpose": "work"}
    ).number
    draws = iter([taken, "ABCD-EFGH"])
    monkeypatch.setattr(services, "new_number", lambda: next(draws))
    again = services.request_apply(
        adoption=paperless_letter, applicant=citizen, actor=citizen, form_data={"purpose": "work"}
    )
    assert again.number == "ABCD-EFGH" and Request.objects.count() == 2
    assert again.events.count() == 2 and again.work_items.count() == 1  # nothing left of the first attempt


def test_a_retry_asking_to_submit_a_draft_with_its_documents_submits_it(
    letter_service: Adoption, citizen: User
) -> None:
    """The retry carries no documents itself: it is answered with the request the key made, not checked as a
    new application."""
    api = _client(citizen)
    body = {"service": "CIVIL-700", "territory": "6401", "answers": {"purpose": "work"}}
    draft = api.post("/api/v1/requests", body, format="json", HTTP_IDEMPOTENCY_KEY="tap-3").json()
    uploaded = api.post(
        f"/api/v1/requests/{draft['id']}/documents",
        {"code": "ID_CARD", "file": SimpleUploadedFile("id.pdf", PDF)},
        format="multipart",
    )
    assert uploaded.status_code == 201
    retried = api.post(
        "/api/v1/requests",
        {**body, "answers": {}, "submit": True},
        format="json",
        HTTP_IDEMPOTENCY_KEY="tap-3",
    )
    assert retried.status_code == 201, retried.json()
    assert retried.json()["id"] == draft["id"] and retried.json()["status"] == "submitted"
    assert Request.objects.count() == 1


def test_a_refused_one_call_submission_without_a_key_is_a_clear_error_and_writes_nothing(
    letter_service: Adoption, citizen: User
) -> None:
    body = {"service": "CIVIL-700", "territory": "6401", "answers": {"purpose": "work"}, "submit": True}
    refused = _client(citizen).post("/api/v1/requests", body, format="json")
    assert refused.status_code == 400 and "document:ID_CARD" in refused.json()["error"]["details"]
    assert not Request.objects.exists()
