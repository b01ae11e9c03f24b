import datetime

import pytest
import time_machine
from django.utils import timezone

from nutag.accounts.models import User
from nutag.cases.models import RequestEvent
from nutag.core.errors import Conflict, PermissionDenied, ValidationFailed
from nutag.results import registry, services
from nutag.results.choices import VerificationResult
from nutag.results.models import ResultDocument, VerificationAttempt

CLIENT = services.client_hash("203.0.113.7")


def test_code_reads_valid_and_shows_who_issued_it(document: ResultDocument) -> None:
    verification = services.document_verify_code(code=document.verification_code.lower(), client=CLIENT)
    assert verification.result == VerificationResult.VALID and verification.document == document
    attempt = VerificationAttempt.objects.get()
    assert attempt.document == document and attempt.client_hash == CLIENT and "203" not in attempt.client_hash


def test_mistyped_and_unknown_codes(document: ResultDocument) -> None:
    code = document.verification_code
    typo = code[:-1] + ("A" if code[-1] != "A" else "C")
    assert services.document_verify_code(code=typo, client=CLIENT).result == VerificationResult.INVALID_CODE
    assert (
        services.document_verify_code(code="x" * 500, client=CLIENT).result == VerificationResult.INVALID_CODE
    )
    from nutag.results.codes import new_code

    other = new_code()
    assert services.document_verify_code(code=other, client=CLIENT).result == VerificationResult.UNKNOWN


def test_uploaded_original_is_genuine_and_a_tampered_copy_is_not(document: ResultDocument) -> None:
    original = document.file.read()
    verification = services.document_verify_upload(content=original, client=CLIENT)
    assert verification.result == VerificationResult.VALID and verification.signature is not None
    assert verification.signature.is_valid
    tampered = original.replace(b"/Creator", b"/Creatos", 1)
    assert tampered != original
    verification = services.document_verify_upload(content=tampered, client=CLIENT)
    assert verification.result == VerificationResult.TAMPERED and not verification.is_genuine
    assert verification.signature is not None and not verification.signature.is_valid
    unsigned = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    assert (
        services.document_verify_upload(content=unsigned, client=CLIENT).result == VerificationResult.UNKNOWN
    )


def test_an_incremental_update_after_signing_is_detected(document: ResultDocument) -> None:
    original = document.file.read()
    appended = original + b"\n1 0 obj\n<< /Title (Forged) >>\nendobj\n"
    verification = services.document_verify_upload(content=appended, client=CLIENT)
    assert verification.result == VerificationResult.TAMPERED


def test_uploads_that_are_not_pdfs_are_refused(document: ResultDocument) -> None:
    with pytest.raises(ValidationFailed):
        services.document_verify_upload(content=b"MZ\x90 an executable", client=CLIENT)
    assert not VerificationAttempt.objects.exists()


def test_revoked_document_reads_revoked(document: ResultDocument, officer_soum_a: User) -> None:
    services.document_revoke(document=document, actor=officer_soum_a, reason="Issued on a forged ID card")
    assert services.document_verify_code(code=document.verification_code, client=CLIENT).result == "revoked"
    upload = services.document_verify_upload(content=document.file.read(), client=CLIENT)
    assert upload.result == VerificationResult.REVOKED and upload.is_genuine
    event = RequestEvent.objects.get(request=document.request, kind="result_revoked")
    assert event.actor == officer_soum_a and event.reason == "Issued on a forged ID card"
    with pytest.raises(Conflict):
        services.document_revoke(document=document, actor=officer_soum_a, reason="again")


@pytest.mark.parametrize(
    "persona", ["officer_soum_b", "operator_soum_a", "citizen", "admin_aimag", "designer"]
)
def test_only_officers_of_the_issuing_office_revoke(
    document: ResultDocument, persona: str, request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        services.document_revoke(document=document, actor=user, reason="no")
    assert ResultDocument.objects.get(pk=document.pk).status == "valid"
    assert not RequestEvent.objects.filter(kind="result_revoked").exists()


def test_supervisor_revokes_and_a_reason_is_required(
    document: ResultDocument, supervisor_soum_a: User
) -> None:
    with pytest.raises(ValidationFailed):
        services.document_revoke(document=document, actor=supervisor_soum_a, reason="  ")
    assert ResultDocument.objects.get(pk=document.pk).status == "valid"
    services.document_revoke(document=document, actor=supervisor_soum_a, reason="Wrong soum")
    assert ResultDocument.objects.get(pk=document.pk).revoked_by == supervisor_soum_a


def test_attempts_are_limited_per_client_and_the_window_passes(document: ResultDocument, settings) -> None:  # type: ignore[no-untyped-def]
    settings.NUTAG_VERIFY_RATE_LIMIT = 3
    settings.NUTAG_VERIFY_RATE_WINDOW_SECONDS = 60
    start = timezone.now().replace(second=0, microsecond=0)  # the start of a window
    for second in range(3):
        services.document_verify_code(
            code=document.verification_code, client=CLIENT, now=start + datetime.timedelta(seconds=second)
        )
    with pytest.raises(services.RateLimited) as refused:
        services.document_verify_code(code=document.verification_code, client=CLIENT, now=start)
    assert refused.value.status_code == 429
    assert VerificationAttempt.objects.filter(result="rate_limited").count() == 1
    other = services.client_hash("198.51.100.1")
    assert (
        services.document_verify_code(code=document.verification_code, client=other, now=start).result
        == "valid"
    )
    later = start + datetime.timedelta(seconds=90)
    with time_machine.travel(later, tick=False):
        assert services.document_verify_code(code=document.verification_code, client=CLIENT).result == "valid"


WELDING = registry.VerifiedRecord(
    kind="Certificate",
    title_label="Course",
    title="Welding",
    holder_name="Dorj",
    issued_by="Sainshand school",
    issued_on=datetime.date(2026, 1, 5),
)


def _welding(code: str) -> registry.VerifiedRecord | None:
    return WELDING if code == "WELD-0000-0001" else None


@pytest.mark.django_db
def test_other_apps_codes_are_checked_when_asked_and_logged(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_resolvers", [])
    registry.register_code_resolver(_welding)
    registry.register_code_resolver(_welding)
    assert registry._resolvers == [_welding]
    without = services.document_verify_code(code="weld 0000 0001", client=CLIENT)
    assert without.result == VerificationResult.INVALID_CODE and without.record is None
    found = services.document_verify_code(code="weld 0000 0001", client=CLIENT, with_records=True)
    assert (found.result, found.record, found.document, found.is_genuine) == ("valid", WELDING, None, True)
    other = services.document_verify_code(code="WELD-0000-0002", client=CLIENT, with_records=True)
    assert other.result == VerificationResult.INVALID_CODE and other.record is None
    assert list(VerificationAttempt.objects.order_by("id").values_list("result", flat=True)) == [
        "invalid_code",
        "valid",
        "invalid_code",
    ]
