from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from nutag.accounts.models import User
from nutag.cases.models import AccessRecord, RequestEvent
from nutag.results.models import ResultDocument, ResultTemplate


def _client(user: User | None = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_public_verification_page_by_qr_code(document: ResultDocument) -> None:
    response = _client().get(reverse("results:verify-code", args=[document.verification_code]))
    assert response.status_code == 200
    content = response.content.decode()
    assert document.holder_name in content and document.organisation_name in content
    assert (
        document.holder_register_masked in content
        and document.request.applicant.register_number not in content
    )
    assert "tag-ok" in content


def test_verification_form_redirects_a_typed_code_and_checks_an_upload(document: ResultDocument) -> None:
    client = _client()
    assert client.get(reverse("results:verify")).status_code == 200
    response = client.get(reverse("results:verify"), {"code": document.verification_code})
    assert response.status_code == 302 and document.verification_code in response["Location"]
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("doc.pdf", document.file.read(), content_type="application/pdf")
    response = client.post(reverse("results:verify"), {"file": upload})
    assert response.status_code == 200 and "tag-ok" in response.content.decode()
    assert client.post(reverse("results:verify"), {}).status_code == 400
    junk = SimpleUploadedFile("doc.pdf", b"not a pdf", content_type="application/pdf")
    assert client.post(reverse("results:verify"), {"file": junk}).status_code == 400


def test_verification_page_says_when_the_limit_is_reached(document: ResultDocument, settings: Any) -> None:
    settings.NUTAG_VERIFY_RATE_LIMIT = 2
    client = _client()
    url = reverse("results:verify-code", args=[document.verification_code])
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]


def test_applicant_downloads_staff_access_is_recorded(
    document: ResultDocument, citizen: User, officer_soum_a: User
) -> None:
    url = reverse("results:download", args=[document.pk])
    response = _client(citizen).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == document.file.read()  # type: ignore[attr-defined]
    assert not AccessRecord.objects.exists()
    assert _client(officer_soum_a).get(url).status_code == 200
    assert AccessRecord.objects.get().staff == officer_soum_a


@pytest.mark.parametrize("persona", ["officer_soum_b", "admin_other_aimag", "designer", "analyst"])
def test_others_cannot_download(
    document: ResultDocument, persona: str, request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(persona)
    assert _client(user).get(reverse("results:download", args=[document.pk])).status_code == 404
    assert not AccessRecord.objects.exists()


def test_anonymous_download_goes_to_login(document: ResultDocument) -> None:
    assert _client().get(reverse("results:download", args=[document.pk])).status_code == 302


def test_operator_prints_and_the_printing_is_recorded(
    document: ResultDocument, operator_soum_a: User, citizen: User
) -> None:
    url = reverse("results:print", args=[document.pk])
    client = _client(operator_soum_a)
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    event = RequestEvent.objects.get(kind="result_printed")
    assert event.actor == operator_soum_a and event.request == document.request
    assert _client(citizen).post(url).status_code == 403
    assert RequestEvent.objects.filter(kind="result_printed").count() == 1


def test_officer_revokes_on_the_page(
    document: ResultDocument, officer_soum_a: User, officer_soum_b: User
) -> None:
    url = reverse("results:revoke", args=[document.pk])
    assert _client(officer_soum_a).post(url, {"reason": ""}).status_code == 400
    assert _client(officer_soum_b).post(url, {"reason": "x"}).status_code == 404
    response = _client(officer_soum_a).post(url, {"reason": "Wrong applicant"})
    assert response.status_code == 302
    assert ResultDocument.objects.get(pk=document.pk).status == "revoked"
    page = _client().get(reverse("results:verify-code", args=[document.verification_code]))
    assert "tag-bad" in page.content.decode()


def test_designer_edits_the_template_others_cannot(
    letter_service: Any, designer: User, officer_soum_a: User
) -> None:
    url = reverse("results:template-edit", args=[letter_service.version.pk])
    assert _client(officer_soum_a).get(url).status_code == 403
    client = _client(designer)
    assert client.get(url).status_code == 200
    bad = client.post(url, {"title_mn": "Т", "body_mn": "{{ nope }}"})
    assert bad.status_code == 400 and not ResultTemplate.objects.exists()
    good = client.post(url, {"title_mn": "Тодорхойлолт", "body_mn": "{{ applicant.name }}"})
    assert good.status_code == 302 and ResultTemplate.objects.get().title_mn == "Тодорхойлолт"


def test_request_snippet_links_the_documents(document: ResultDocument, citizen: User) -> None:
    from django.template.loader import render_to_string

    html = render_to_string(
        "results/includes/request_documents.html", {"request": document.request, "user": citizen}
    )
    assert reverse("results:download", args=[document.pk]) in html and "print" not in html


@pytest.mark.django_db
def test_the_public_page_shows_a_record_of_another_app(monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime

    from nutag.results import registry

    record = registry.VerifiedRecord(
        kind="Certificate",
        title_label="Course",
        title="Welding",
        holder_name="Dorj",
        issued_by="Sainshand school",
        issued_on=datetime.date(2026, 1, 5),
        details=(("Hours", "40"),),
    )
    monkeypatch.setattr(registry, "_resolvers", [lambda code: record if code == "WELD-0000-0001" else None])
    content = _client().get(reverse("results:verify-code", args=["weld-0000-0001"])).content.decode()
    assert "tag-ok" in content
    for shown in (
        "<dd>Welding</dd>",
        "<dt>Course</dt>",
        "Dorj",
        "Sainshand school",
        "<dt>Hours</dt><dd>40</dd>",
    ):
        assert shown in content
