"""Training certificates are checked on the public verification page of result documents, by typed code or QR
code, showing only what the certificate itself says."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from nutag.academy.certificates import certificate_pdf
from nutag.academy.models import Participant
from nutag.results import codes
from nutag.results.models import VerificationAttempt
from nutag.results.services import verification_url


@pytest.fixture(autouse=True)
def no_limit(settings: Any) -> None:
    settings.NUTAG_VERIFY_RATE_LIMIT = 0


def test_a_typed_certificate_code_reads_genuine_with_only_what_the_certificate_says(
    client: Client, certified: Participant
) -> None:
    code = certified.certificate_code or ""
    assert codes.is_valid(code)  # a check character catches a mistyped code
    typed = code.lower().replace("-", " ")
    page = client.get(reverse("results:verify"), {"code": typed}, follow=True)
    assert page.status_code == 200
    content = page.content.decode()
    assert "Genuine and valid" in content and "Training certificate" in content
    assert certified.full_name in content
    assert "<dt>Programme</dt><dd>Request System</dd>" in content
    assert "<dt>Issued by</dt><dd>E-Mongolia Academy</dd>" in content  # the session's organiser
    assert "2026-03-02 – 2026-03-03" in content
    assert certified.user is not None and certified.user.username not in content
    attempt = VerificationAttempt.objects.get()
    assert (attempt.code, attempt.result, attempt.document) == (code, "valid", None)


def test_mistyped_unknown_and_older_certificate_codes(client: Client, certified: Participant) -> None:
    code = certified.certificate_code or ""
    typo = code[:-1] + ("A" if code[-1] != "A" else "C")
    mistyped = client.get(reverse("results:verify-code", args=[typo])).content.decode()
    assert "mistyped" in mistyped and certified.full_name not in mistyped
    older = "TTTT-TTTT-TTTT"  # issued before certificates carried a check character
    assert not codes.is_valid(older)
    Participant.objects.filter(pk=certified.pk).update(certificate_code=older)
    found = client.get(reverse("results:verify-code", args=[older])).content.decode()
    assert "Genuine and valid" in found and certified.full_name in found


def test_a_registered_but_not_completed_participant_has_nothing_to_verify(
    client: Client, certified: Participant
) -> None:
    Participant.objects.filter(pk=certified.pk).update(completed_at=None)
    page = client.get(reverse("results:verify-code", args=[certified.certificate_code])).content.decode()
    assert "No document was issued" in page and certified.full_name not in page


def test_the_certificate_pdf_points_to_the_public_verification_page(
    certified: Participant, settings: Any
) -> None:
    settings.NUTAG_SITE_URL = "https://nutag.example"
    url = verification_url(certified.certificate_code or "")
    assert url == f"https://nutag.example/documents/verify/{certified.certificate_code}/"
    pdf = certificate_pdf(certified, verification_url=url)
    assert pdf.startswith(b"%PDF") and b"/Image" in pdf  # the QR code
