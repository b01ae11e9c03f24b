"""Who sees, pays and records what, on the pages and over the API; bad input gets a clear 4xx."""

from typing import Any

import pytest
from django.urls import reverse

from nutag.accounts.models import User
from nutag.cases.choices import RequestStatus
from nutag.cases.models import Request
from nutag.payments import services
from nutag.payments.choices import InvoiceStatus
from nutag.payments.models import Invoice, Payment
from nutag.payments.tests.conftest import invoice_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def stranger(make_citizen: Any) -> User:
    return make_citizen(register_number="УБ99010112")


def _unchanged(request: Request) -> None:
    assert not Payment.objects.exists() and invoice_of(request).status == InvoiceStatus.OPEN
    assert Request.objects.get(pk=request.pk).status == RequestStatus.AWAITING_PAYMENT


def test_the_invoice_page_is_for_its_payer_and_the_staff_of_its_soum(
    client: Any,
    awaiting_fee: Request,
    stranger: User,
    officer_soum_a: User,
    officer_soum_b: User,
    admin_other_aimag: User,
    operator_soum_a: User,
) -> None:
    url = reverse("payments:invoice", args=[invoice_of(awaiting_fee).pk])
    assert client.get(url).status_code == 302  # to sign in
    for user, status in (
        (stranger, 404),
        (officer_soum_b, 404),
        (admin_other_aimag, 404),
        (officer_soum_a, 200),
        (operator_soum_a, 200),
    ):
        client.force_login(user)
        assert client.get(url).status_code == status, user
    page = client.get(url).content.decode()
    assert 'name="receipt_number"' in page and "<svg" not in page  # staff record cash; the QR is the payer's
    client.force_login(stranger)
    check = client.post(reverse("payments:invoice-check", args=[invoice_of(awaiting_fee).pk]))
    assert check.status_code == 404
    _unchanged(awaiting_fee)


def test_operator_records_cash_on_the_page_and_bad_input_shows_form_errors(
    client: Any, awaiting_fee: Request, operator_soum_a: User, officer_soum_b: User, citizen: User
) -> None:
    invoice = invoice_of(awaiting_fee)
    url = reverse("payments:invoice-cash", args=[invoice.pk])
    client.force_login(citizen)
    assert client.post(url, {"amount_mnt": 25000, "receipt_number": "R-1"}).status_code == 403
    client.force_login(officer_soum_b)
    assert client.post(url, {"amount_mnt": 25000, "receipt_number": "R-1"}).status_code == 404
    client.force_login(operator_soum_a)
    for bad in (
        {"amount_mnt": "lots", "receipt_number": "R-1"},
        {"amount_mnt": 100, "receipt_number": "R-1"},
    ):
        answer = client.post(url, bad)
        assert answer.status_code == 200 and b"error-summary" in answer.content
    _unchanged(awaiting_fee)
    done = client.post(url, {"amount_mnt": 25000, "receipt_number": "R-1"})
    assert done.status_code == 302 and invoice_of(awaiting_fee).status == InvoiceStatus.PAID


def test_receipts_are_for_the_payer_and_the_staff(
    client: Any, awaiting_fee: Request, operator_soum_a: User, stranger: User, officer_soum_a: User
) -> None:
    payment = services.invoice_record_cash(
        invoice=invoice_of(awaiting_fee), actor=operator_soum_a, amount_mnt=25000, receipt_number="R-3"
    )
    url = reverse("payments:receipt", args=[payment.pk])
    for user in (awaiting_fee.applicant, operator_soum_a, officer_soum_a):
        client.force_login(user)
        answer = client.get(url)
        assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
        assert answer.content.startswith(b"%PDF")
    client.force_login(stranger)
    assert client.get(url).status_code == 404


def test_cash_desk_finds_the_invoice_by_reference_number(
    client: Any, awaiting_fee: Request, operator_soum_a: User, citizen: User, officer_soum_b: User
) -> None:
    url = reverse("payments:cash-desk")
    client.force_login(citizen)
    assert client.get(url).status_code == 403
    client.force_login(officer_soum_b)
    assert b"error-summary" in client.get(url, {"number": awaiting_fee.number}).content
    client.force_login(operator_soum_a)
    found = client.get(url, {"number": str(awaiting_fee.number).lower()})
    assert found.status_code == 302 and found["Location"].endswith(
        f"/invoices/{invoice_of(awaiting_fee).pk}/"
    )


def test_invoice_lists_show_only_ones_own_in_bounded_queries(
    client: Any, awaiting_fee: Request, stranger: User, django_assert_max_num_queries: Any
) -> None:
    client.force_login(awaiting_fee.applicant)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("payments:invoices"))
    assert invoice_of(awaiting_fee).sender_invoice_no in page.content.decode()
    with django_assert_max_num_queries(8):
        listed = client.get("/api/v1/invoices").json()
    assert [row["id"] for row in listed["results"]] == [invoice_of(awaiting_fee).pk]
    assert listed["results"][0]["amount_mnt"] == 25000
    client.force_login(stranger)
    assert client.get("/api/v1/invoices").json()["results"] == []
    assert (
        invoice_of(awaiting_fee).sender_invoice_no
        not in client.get(reverse("payments:invoices")).content.decode()
    )


def test_api_cash_permissions_and_bad_input(
    client: Any, awaiting_fee: Request, officer_soum_b: User, operator_soum_a: User, stranger: User
) -> None:
    invoice = invoice_of(awaiting_fee)
    url = f"/api/v1/invoices/{invoice.pk}/cash"
    body = {"amount_mnt": 25000, "receipt_number": "R-8"}
    assert client.post(url, body, content_type="application/json").status_code in (401, 403)
    client.force_login(stranger)
    assert client.get(f"/api/v1/invoices/{invoice.pk}").status_code == 404
    assert client.post(f"/api/v1/invoices/{invoice.pk}/check").status_code == 404
    client.force_login(officer_soum_b)
    assert client.post(url, body, content_type="application/json").status_code == 404
    client.force_login(awaiting_fee.applicant)
    refused = client.post(url, body, content_type="application/json")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "permission_denied"
    client.force_login(operator_soum_a)
    for bad, code in (
        ({"amount_mnt": "x", "receipt_number": "R"}, "validation_failed"),
        ({"amount_mnt": 25000}, "validation_failed"),
        ({"amount_mnt": 20000, "receipt_number": "R"}, "validation_failed"),
    ):
        answer = client.post(url, bad, content_type="application/json")
        assert answer.status_code == 400 and answer.json()["error"]["code"] == code, answer.json()
    _unchanged(awaiting_fee)
    done = client.post(url, body, content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == "paid"
    assert done.json()["payments"][0]["receipt_number"] == "R-8"
    again = client.post(url, {"amount_mnt": 25000, "receipt_number": "R-9"}, content_type="application/json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "conflict"


def test_api_check_of_an_unregistered_invoice_changes_nothing(client: Any, awaiting_fee: Request) -> None:
    client.force_login(awaiting_fee.applicant)
    answer = client.post(f"/api/v1/invoices/{invoice_of(awaiting_fee).pk}/check")
    assert answer.status_code == 200 and answer.json()["status"] == "open"
    _unchanged(awaiting_fee)


def test_the_request_link_leads_to_its_invoice_and_an_expired_one_can_be_renewed(
    client: Any, awaiting_fee: Request, stranger: User
) -> None:
    invoice = invoice_of(awaiting_fee)
    client.force_login(stranger)
    assert client.get(reverse("payments:request-invoice", args=[awaiting_fee.pk])).status_code == 404
    assert client.post(reverse("payments:invoice-renew", args=[awaiting_fee.pk])).status_code == 404
    client.force_login(awaiting_fee.applicant)
    link = client.get(reverse("payments:request-invoice", args=[awaiting_fee.pk]))
    assert link["Location"] == reverse("payments:invoice", args=[invoice.pk])
    services.invoices_expire(now=invoice.expires_at)
    page = client.get(reverse("payments:invoice", args=[invoice.pk])).content.decode()
    assert reverse("payments:invoice-renew", args=[awaiting_fee.pk]) in page
    renewed = client.post(reverse("payments:invoice-renew", args=[awaiting_fee.pk]))
    assert renewed.status_code == 302 and Invoice.objects.filter(request=awaiting_fee).count() == 2
