import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient, APIRequestFactory

from nutag.accounts.models import User
from nutag.results.api import VerificationViewSet
from nutag.results.models import ResultDocument, VerificationAttempt


def _api(user: User | None = None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_public_verification_by_code(document: ResultDocument) -> None:
    body = _api().get(f"/api/v1/documents/verify/{document.verification_code}").json()
    assert body["result"] == "valid" and body["is_genuine"] and body["document"]["is_demo"]
    assert "sha256" not in body["document"] and "revocation_reason" not in body["document"]
    assert body["document"]["holder_register_masked"] == document.holder_register_masked


def test_public_verification_by_upload(document: ResultDocument) -> None:
    upload = SimpleUploadedFile("doc.pdf", document.file.read(), content_type="application/pdf")
    body = _api().post("/api/v1/documents/verify", {"file": upload}, format="multipart").json()
    assert body["result"] == "valid" and body["signature"]["is_signature_valid"]
    response = _api().post("/api/v1/documents/verify", {}, format="multipart")
    assert response.status_code == 400 and response.json()["error"]["code"] == "validation_failed"
    junk = SimpleUploadedFile("doc.pdf", b"GIF89a", content_type="application/pdf")
    response = _api().post("/api/v1/documents/verify", {"file": junk}, format="multipart")
    assert response.status_code == 400 and set(response.json()["error"]) == {"code", "message", "details"}


def test_rate_limit_answers_429_with_the_uniform_body(document: ResultDocument, settings) -> None:  # type: ignore[no-untyped-def]
    settings.NUTAG_VERIFY_RATE_LIMIT = 2
    url = f"/api/v1/documents/verify/{document.verification_code}"
    statuses = [_api().get(url).status_code for _ in range(2)]
    response = _api().get(url)
    assert statuses == [200, 200] and response.status_code == 429
    assert response.json()["error"]["code"] == "rate_limited"
    assert VerificationAttempt.objects.count() == 3


def test_owner_reads_and_downloads(document: ResultDocument, citizen: User) -> None:
    body = _api(citizen).get(f"/api/v1/documents/{document.pk}").json()
    assert body["verification_code"] == document.verification_code and body["sha256"] == document.sha256
    response = _api(citizen).get(f"/api/v1/documents/{document.pk}/download")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("persona", ["officer_soum_b", "admin_other_aimag", "analyst"])
def test_others_get_404(document: ResultDocument, persona: str, request: pytest.FixtureRequest) -> None:
    client = _api(request.getfixturevalue(persona))
    assert client.get(f"/api/v1/documents/{document.pk}").status_code == 404
    assert client.get(f"/api/v1/documents/{document.pk}/download").status_code == 404
    response = client.post(f"/api/v1/documents/{document.pk}/revoke", {"reason": "x"}, format="json")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert ResultDocument.objects.get(pk=document.pk).status == "valid"


def test_anonymous_cannot_read_documents(document: ResultDocument) -> None:
    assert _api().get(f"/api/v1/documents/{document.pk}").status_code in (401, 403)


def test_officer_revokes_through_the_api(
    document: ResultDocument, officer_soum_a: User, citizen: User
) -> None:
    url = f"/api/v1/documents/{document.pk}/revoke"
    assert _api(citizen).post(url, {"reason": "x"}, format="json").status_code == 403
    assert _api(officer_soum_a).post(url, {}, format="json").status_code == 400
    body = _api(officer_soum_a).post(url, {"reason": "Forged"}, format="json").json()
    assert body["status"] == "revoked"
    assert _api(officer_soum_a).post(url, {"reason": "again"}, format="json").status_code == 409
    verification = _api().get(f"/api/v1/documents/verify/{document.verification_code}").json()
    assert verification["result"] == "revoked" and verification["document"]["revoked_at"] is not None


def test_document_list_query_count_is_bounded(
    completed,
    citizen: User,
    make_citizen,
    django_assert_max_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    from nutag.results.selectors import documents_for_user

    completed()
    completed()
    with django_assert_max_num_queries(3):
        rows = [(d.verification_code, d.request.number) for d in documents_for_user(user=citizen)]
    assert len(rows) == 2


@pytest.mark.parametrize("code", ["valid", "UNKN-OWN0-CODE", "not a code"])
def test_the_qr_path_answers_exactly_as_the_documented_operation(document: ResultDocument, code: str) -> None:
    """GET documents/verify/{code} is served by a plain view (the hot path); the schema documents the viewset's
    retrieve: both give the same status and body."""
    code = document.verification_code if code == "valid" else code
    served = _api().get(f"/api/v1/documents/verify/{code}")
    documented = VerificationViewSet.as_view({"get": "retrieve"})(
        APIRequestFactory().get(f"/api/v1/documents/verify/{code}"), code=code
    )
    documented.render()
    assert served.status_code == documented.status_code == 200
    assert served.json() == json.loads(documented.content)
    assert served["Content-Type"] == "application/json"


def test_the_qr_path_refuses_other_methods_and_limits_like_the_rest(
    document: ResultDocument, settings
) -> None:  # type: ignore[no-untyped-def]
    url = f"/api/v1/documents/verify/{document.verification_code}"
    refused = APIClient(enforce_csrf_checks=True).post(url, {})  # as a real client: no CSRF page either
    assert refused.status_code == 405 and refused.json()["error"]["code"] == "method_not_allowed"
    settings.NUTAG_VERIFY_RATE_LIMIT = 1
    _api().get(url)
    refused = _api().get(url)
    assert refused.status_code == 429
    assert set(refused.json()["error"]) == {"code", "message", "details"}
