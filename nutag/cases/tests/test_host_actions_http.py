"""Asking the applicant for documents and asking another office, through the pages (no JavaScript) and the API."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation
from rest_framework.test import APIClient

from nutag.accounts.choices import Role
from nutag.accounts.models import User
from nutag.cases import services
from nutag.cases.models import AccessRecord, Consultation, DocumentRequest, Request, WorkItem
from nutag.cases.tests.conftest import ANSWERS, PDF
from nutag.catalog.models import Adoption
from nutag.organisations.models import Organisation

LAND = "dept-64-land"


@pytest.fixture(autouse=True)
def english(settings: Any) -> Iterator[None]:
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def land_officer(make_staff: Callable[..., User]) -> User:
    return make_staff((Role.OFFICER, LAND), username="officer-land")


@pytest.fixture
def held(letter_service: Adoption, citizen: User, officer_soum_a: User) -> WorkItem:
    request = services.request_start(
        adoption=letter_service, applicant=citizen, actor=citizen, form_data=ANSWERS
    )
    services.request_attach_document(
        request=request, actor=citizen, code="ID_CARD", name="id.pdf", content=PDF
    )
    services.request_submit(request=request, actor=citizen)
    return services.workitem_claim(item=WorkItem.objects.get(request=request), actor=officer_soum_a)


def _logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _api(user: User) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def _request(item: WorkItem) -> Request:
    return Request.objects.get(pk=item.request_id)


def test_documents_asked_on_the_request_screen_are_uploaded_and_sent_by_the_citizen(
    held: WorkItem, citizen: User, officer_soum_a: User
) -> None:
    officer = _logged_in(officer_soum_a)
    screen = officer.get(f"/workspace/requests/{held.request_id}/").content.decode()
    assert "Ask the applicant for documents" in screen and "Ask another office" in screen
    version = _request(held).version
    officer.post(
        f"/workspace/work/{held.pk}/documents/",
        {
            "version": version,
            "documents": "Income statement\n\nMarriage certificate",
            "note": "From this year",
        },
    )
    request = _request(held)
    assert request.status == "documents_requested"

    applicant = _logged_in(citizen)
    listing = applicant.get("/requests/").content.decode()
    assert "Documents requested" in listing and "Income statement; Marriage certificate" in listing
    page = applicant.get(f"/requests/{request.pk}/").content.decode()
    assert "We need more documents from you" in page and "Marriage certificate" in page
    assert applicant.get(f"/requests/{request.pk}/answers/")["Location"] == (
        f"/requests/{request.pk}/documents-requested/"
    )
    url = f"/requests/{request.pk}/documents-requested/"
    refused = applicant.post(url, {"send": "1"}).content.decode()
    assert "Upload the documents asked for before sending them." in refused
    assert _request(held).status == "documents_requested"
    for code in DocumentRequest.objects.get().codes:
        applicant.post(url, {"upload": "1", "code": code, "file": SimpleUploadedFile(f"{code}.pdf", PDF)})
    assert applicant.post(url, {"send": "1"})["Location"] == f"/requests/{request.pk}/"
    assert _request(held).status == "processing"

    screen = officer.get(f"/workspace/requests/{held.request_id}/").content.decode()
    assert "Sent by the applicant" in screen and "ASKED1-2.pdf" in screen


def test_officer_without_the_step_cannot_ask_through_the_page(
    held: WorkItem, officer_soum_b: User, supervisor_a: User
) -> None:
    version = _request(held).version
    assert (
        _logged_in(officer_soum_b)
        .post(f"/workspace/work/{held.pk}/documents/", {"version": version})
        .status_code
        == 404
    )
    _logged_in(supervisor_a).post(
        f"/workspace/work/{held.pk}/documents/", {"version": version, "documents": "Income statement"}
    )
    assert _request(held).version == version and not DocumentRequest.objects.exists()


def test_a_question_to_another_office_through_the_pages(
    held: WorkItem, citizen: User, officer_soum_a: User, land_officer: User, officer_soum_b: User
) -> None:
    officer = _logged_in(officer_soum_a)
    land = Organisation.objects.get(code=LAND)
    officer.post(
        f"/workspace/work/{held.pk}/consult/",
        {
            "version": _request(held).version,
            "organisation": land.pk,
            "question": "Protected zone?",
            "due_working_days": 3,
        },
    )
    consultation = Consultation.objects.get()
    version = _request(held).version
    response = officer.post(
        f"/workspace/work/{held.pk}/", {"do": "act", "action": "approve", "version": version}
    )
    assert _request(held).status == "processing"  # an open question blocks the step
    messages = officer.get(response["Location"]).content.decode()
    assert "Wait for the answer of" in messages and "Protected zone?" in messages

    answering = _logged_in(land_officer)
    assert "Protected zone?" in answering.get("/workspace/consultations/").content.decode()
    page = answering.get(f"/workspace/consultations/{consultation.pk}/").content.decode()
    assert "id.pdf" in page and "Send the answer" in page
    assert AccessRecord.objects.filter(request_id=held.request_id, staff=land_officer).exists()
    document = _request(held).documents.get()
    download = f"/workspace/consultations/{consultation.pk}/documents/{document.pk}/"
    assert answering.get(download).status_code == 200
    assert answering.get(f"/workspace/requests/{held.request_id}/").status_code == 404  # not the whole screen

    stranger = _logged_in(officer_soum_b)
    assert stranger.get(f"/workspace/consultations/{consultation.pk}/").status_code == 404
    assert stranger.get(download).status_code == 404
    stranger.post(f"/workspace/consultations/{consultation.pk}/", {"version": version, "answer": "Mine"})
    assert Consultation.objects.get().status == "open"
    assert "Protected zone?" not in stranger.get("/workspace/consultations/").content.decode()
    assert _logged_in(citizen).get(f"/workspace/consultations/{consultation.pk}/").status_code == 403

    answering.post(
        f"/workspace/consultations/{consultation.pk}/",
        {
            "version": _request(held).version,
            "answer": "Outside the zone.",
            "file": SimpleUploadedFile("map.pdf", PDF),
        },
    )
    assert Consultation.objects.get().status == "answered"
    assert answering.get(download).status_code == 404  # read access ends with the answer
    screen = officer.get(f"/workspace/requests/{held.request_id}/").content.decode()
    assert "Outside the zone." in screen and "map.pdf" in screen
    assert officer.get(f"/workspace/consultations/{consultation.pk}/answer-file/").status_code == 200
    citizen_page = _logged_in(citizen).get(f"/requests/{held.request_id}/").content.decode()
    assert "Protected zone?" not in citizen_page and "Outside the zone." not in citizen_page
    officer.post(
        f"/workspace/work/{held.pk}/", {"do": "act", "action": "approve", "version": _request(held).version}
    )
    assert _request(held).status == "completed"


def test_the_asking_officer_withdraws_the_question_on_the_page(
    held: WorkItem, officer_soum_a: User, land_officer: User
) -> None:
    consultation = services.consultation_ask(
        item=held, actor=officer_soum_a, organisation=Organisation.objects.get(code=LAND), question="Zone?"
    )
    url = f"/workspace/consultations/{consultation.pk}/withdraw/"
    _logged_in(land_officer).post(url, {"version": _request(held).version})
    assert Consultation.objects.get().status == "open"
    _logged_in(officer_soum_a).post(url, {"version": _request(held).version - 1})  # stale page
    assert Consultation.objects.get().status == "open"
    _logged_in(officer_soum_a).post(url, {"version": _request(held).version})
    assert Consultation.objects.get().status == "withdrawn"


def test_documents_asked_and_sent_through_the_api(
    held: WorkItem, citizen: User, officer_soum_a: User
) -> None:
    officer = _api(officer_soum_a)
    pk = held.request_id
    etag = officer.get(f"/api/v1/requests/{pk}")["ETag"]
    url = f"/api/v1/work-items/{held.pk}/request-documents"
    stale = officer.post(url, {"documents": ["Income statement"]}, format="json", HTTP_IF_MATCH='"0-0"')
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "conflict"
    empty = officer.post(url, {"documents": []}, format="json", HTTP_IF_MATCH=etag)
    assert empty.status_code == 400 and "documents" in empty.json()["error"]["details"]
    assert _request(held).status == "processing" and not DocumentRequest.objects.exists()
    asked = officer.post(
        url, {"documents": ["Income statement"], "note": "2026"}, format="json", HTTP_IF_MATCH=etag
    )
    assert asked.status_code == 200 and asked.json()["e_mongolia_status"] == "FILE_REQUESTED"

    api = _api(citizen)
    listed = api.get(f"/api/v1/requests/{pk}/document-requests").json()
    code = listed[0]["documents"][0]["code"]
    assert listed[0]["status"] == "open" and listed[0]["documents"][0]["name"] == "Income statement"
    nothing = api.post(f"/api/v1/requests/{pk}/send-documents")
    assert nothing.status_code == 400 and f"document:{code}" in nothing.json()["error"]["details"]
    upload = {"code": code, "file": SimpleUploadedFile("income.pdf", PDF)}
    assert api.post(f"/api/v1/requests/{pk}/documents", upload, format="multipart").status_code == 201
    assert api.post(f"/api/v1/requests/{pk}/send-documents", HTTP_IF_MATCH='"0-0"').status_code == 409
    sent = api.post(
        f"/api/v1/requests/{pk}/send-documents", HTTP_IF_MATCH=api.get(f"/api/v1/requests/{pk}")["ETag"]
    )
    assert sent.status_code == 200 and sent.json()["e_mongolia_status"] == "PROCESSING"
    kinds = [event["kind"] for event in api.get(f"/api/v1/requests/{pk}/history").json()]
    assert "documents_requested" in kinds and "documents_sent" in kinds


def test_a_question_to_another_office_through_the_api(
    held: WorkItem, citizen: User, officer_soum_a: User, land_officer: User, officer_soum_b: User
) -> None:
    officer = _api(officer_soum_a)
    url = f"/api/v1/work-items/{held.pk}/ask-office"
    unknown = officer.post(url, {"organisation": "nope", "question": "Zone?"}, format="json")
    assert unknown.status_code == 400 and unknown.json()["error"]["code"] == "validation_failed"
    stale = officer.post(url, {"organisation": LAND, "question": "Zone?", "version": 0}, format="json")
    assert stale.status_code == 409 and not Consultation.objects.exists()
    asked = officer.post(
        url, {"organisation": LAND, "question": "Zone?", "due_working_days": 2}, format="json"
    )
    assert asked.status_code == 201 and asked.json()["status"] == "open"
    pk = asked.json()["id"]

    blocked = officer.post(f"/api/v1/work-items/{held.pk}/act", {"action": "approve"}, format="json")
    assert blocked.status_code == 409 and blocked.json()["error"]["code"] == "consultation_open"

    stranger = _api(officer_soum_b)
    assert stranger.get("/api/v1/consultations").json()["count"] == 0
    assert stranger.get(f"/api/v1/consultations/{pk}").status_code == 404
    assert (
        stranger.post(f"/api/v1/consultations/{pk}/answer", {"answer": "x"}, format="json").status_code == 404
    )
    assert _api(citizen).get("/api/v1/consultations").json()["count"] == 0

    answering = _api(land_officer)
    assert answering.get("/api/v1/consultations", {"status": "open"}).json()["count"] == 1
    shown = answering.get(f"/api/v1/consultations/{pk}")
    assert shown.json()["request_data"]["answers"] == ANSWERS
    assert AccessRecord.objects.filter(request_id=held.request_id, staff=land_officer).exists()
    assert answering.get(f"/api/v1/requests/{held.request_id}").status_code == 404
    stale = answering.post(
        f"/api/v1/consultations/{pk}/answer", {"answer": "No"}, format="json", HTTP_IF_MATCH='"0-0"'
    )
    assert stale.status_code == 409
    answered = answering.post(
        f"/api/v1/consultations/{pk}/answer",
        {"answer": "Outside.", "file": SimpleUploadedFile("map.pdf", PDF)},
        format="multipart",
        HTTP_IF_MATCH=shown["ETag"],
    )
    assert answered.status_code == 200 and answered.json()["answer_file_name"] == "map.pdf"
    assert answered.json()["request_data"] is None  # the answer closes the office's read access

    mine = officer.get("/api/v1/consultations", {"request": held.request_id}).json()["results"]
    assert mine[0]["answer"] == "Outside."
    history = [
        event["kind"] for event in _api(citizen).get(f"/api/v1/requests/{held.request_id}/history").json()
    ]
    assert not any(kind.startswith("consultation_") for kind in history)  # internal to the offices
    done = officer.post(f"/api/v1/work-items/{held.pk}/act", {"action": "approve"}, format="json")
    assert done.status_code == 200 and done.json()["status"] == "completed"


def test_withdrawing_through_the_api(held: WorkItem, officer_soum_a: User, land_officer: User) -> None:
    consultation = services.consultation_ask(
        item=held, actor=officer_soum_a, organisation=Organisation.objects.get(code=LAND), question="Zone?"
    )
    url = f"/api/v1/consultations/{consultation.pk}/withdraw"
    assert _api(land_officer).post(url).status_code == 403
    assert _api(officer_soum_a).post(url, {"version": 1}, format="json").status_code == 409
    withdrawn = _api(officer_soum_a).post(url)
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"


def test_a_question_without_an_office_chosen_is_a_clear_error_and_sends_nothing(
    held: WorkItem, officer_soum_a: User
) -> None:
    officer = _logged_in(officer_soum_a)
    response = officer.post(
        f"/workspace/work/{held.pk}/consult/",
        {"version": _request(held).version, "organisation": "", "question": "Zone?", "due_working_days": 3},
    )
    assert "Choose the office to ask." in officer.get(response["Location"]).content.decode()
    assert not Consultation.objects.exists()
