"""Online payment end to end: the real QPay client against the sandbox served over HTTP by a live server, the
worker registering the invoice, the sandbox bank paying it and calling back, and the callback's check."""

import datetime
from typing import Any

import pytest
import requests
import time_machine
from django.urls import reverse

from nutag.accounts.models import User
from nutag.cases.choices import RequestStatus
from nutag.cases.models import Request, RequestEvent
from nutag.payments import conf, services
from nutag.payments.choices import InvoiceStatus, RefundRule
from nutag.payments.models import Invoice, Payment, Refund, SandboxInvoice, SandboxPayment
from nutag.payments.providers import ProviderError, provider_for
from nutag.payments.providers.qpay import QPayClient, forget_tokens
from nutag.payments.tests.conftest import invoice_of, run_worker

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("worker")]


def _callback(base: str, invoice: Invoice, **kwargs: Any) -> requests.Response:
    return requests.post(
        f"{base}{reverse('payments:qpay-callback')}?invoice={invoice.pk}", timeout=30, **kwargs
    )


def _pay_in_sandbox_bank(base: str, invoice: Invoice) -> requests.Response:
    """What the payer's bank app does: pay the invoice; the sandbox then calls Nutag's callback."""
    with requests.Session() as session:
        page = session.get(invoice.qr_text, timeout=30)
        assert page.status_code == 200
        return session.post(
            invoice.qr_text, data={"csrfmiddlewaretoken": session.cookies["csrftoken"]}, timeout=30
        )


def test_fee_invoice_sandbox_payment_callback_marks_paid_once_and_the_process_advances(
    sandbox: str, awaiting_fee: Request
) -> None:
    invoice = invoice_of(awaiting_fee)
    assert invoice.status == InvoiceStatus.OPEN and not invoice.is_registered
    run_worker()
    invoice.refresh_from_db()
    assert invoice.is_registered and invoice.qr_text.startswith(sandbox)
    assert SandboxInvoice.objects.get(invoice_id=invoice.provider_invoice_id).amount_mnt == 25000
    assert services.invoice_check(invoice=invoice, actor=None).status == InvoiceStatus.OPEN

    paid = _pay_in_sandbox_bank(sandbox, invoice)
    assert paid.status_code == 200 and "SUCCESS" in paid.text

    invoice.refresh_from_db()
    request = Request.objects.get(pk=awaiting_fee.pk)
    payment = Payment.objects.get(invoice=invoice)
    assert invoice.status == InvoiceStatus.PAID and isinstance(payment.amount_mnt, int)
    assert payment.provider_payment_id == SandboxPayment.objects.get().payment_id
    assert request.status == RequestStatus.COMPLETED
    assert RequestEvent.objects.filter(request=request, kind="paid").count() == 1
    version = request.version

    for replay in (
        _callback(sandbox, invoice),
        _callback(sandbox, invoice, json={"payment_status": "PAID", "amount": 25000}),
        _pay_in_sandbox_bank(sandbox, invoice),
    ):
        assert replay.status_code == 200
    assert services.invoice_check(invoice=invoice, actor=None).status == InvoiceStatus.PAID
    assert Payment.objects.count() == 1 and not Refund.objects.exists()
    assert Request.objects.get(pk=request.pk).version == version
    assert RequestEvent.objects.filter(request=request, kind="paid").count() == 1


def test_a_forged_callback_changes_nothing(sandbox: str, awaiting_fee: Request) -> None:
    run_worker()
    invoice = invoice_of(awaiting_fee)
    version = Request.objects.get(pk=awaiting_fee.pk).version
    forged = _callback(
        sandbox, invoice, json={"payment_id": "123", "payment_status": "PAID", "amount": 25000}
    )
    assert forged.status_code == 200 and forged.text == "SUCCESS"
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.OPEN and not Payment.objects.exists()
    assert Request.objects.get(pk=awaiting_fee.pk).version == version
    unknown = requests.get(f"{sandbox}{reverse('payments:qpay-callback')}?invoice=999999", timeout=30)
    assert unknown.status_code == 404
    assert (
        requests.get(f"{sandbox}{reverse('payments:qpay-callback')}?invoice=x", timeout=30).status_code == 404
    )


def test_an_online_payment_after_cash_at_the_desk_is_recorded_and_owed_back(
    sandbox: str, awaiting_fee: Request, operator_soum_a: User
) -> None:
    run_worker()
    invoice = invoice_of(awaiting_fee)
    sandbox_invoice = SandboxInvoice.objects.get(invoice_id=invoice.provider_invoice_id)
    services.invoice_record_cash(
        invoice=invoice, actor=operator_soum_a, amount_mnt=25000, receipt_number="R-5"
    )
    # The payer paid online too before the cancellation reached the provider.
    SandboxPayment.objects.create(
        invoice=sandbox_invoice, payment_id="777", status="PAID", amount_mnt=25000, paid_at=invoice.created_at
    )
    assert _callback(sandbox, invoice).status_code == 200
    refund = Refund.objects.get(payment__provider_payment_id="777")
    assert refund.rule == RefundRule.DUPLICATE and refund.amount_mnt == 25000
    assert RequestEvent.objects.filter(request=awaiting_fee, kind="paid").count() == 1
    run_worker()  # the cash payment queued the cancellation of the QR invoice
    assert SandboxInvoice.objects.get(pk=sandbox_invoice.pk).is_cancelled


def test_the_pay_page_registers_a_new_invoice_and_shows_its_qr_code(
    sandbox: str, awaiting_fee: Request, client: Any
) -> None:
    client.force_login(awaiting_fee.applicant)
    invoice = invoice_of(awaiting_fee)
    page = client.get(reverse("payments:invoice", args=[invoice.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert '<svg role="img" aria-label=' in html and "<title>" in html
    assert Invoice.objects.get(pk=invoice.pk).is_registered
    SandboxPayment.objects.create(
        invoice=SandboxInvoice.objects.get(), payment_id="555", status="PAID", amount_mnt=25000,
        paid_at=invoice.created_at,
    )  # fmt: skip
    checked = client.post(reverse("payments:invoice-check", args=[invoice.pk]))
    assert checked.status_code == 302 and Invoice.objects.get(pk=invoice.pk).status == InvoiceStatus.PAID


def test_the_client_refreshes_its_token_and_signs_in_again_when_needed(sandbox: str, settings: Any) -> None:
    calls: list[str] = []
    session = requests.Session()
    session.hooks["response"].append(
        lambda response, *args, **kwargs: calls.append(response.request.path_url)
    )
    client = QPayClient(
        base_url=conf.qpay_base_url(),
        username=conf.qpay_username(),
        password=conf.qpay_password(),
        invoice_code=conf.qpay_invoice_code(),
        session=session,
    )
    start = datetime.datetime(2030, 1, 7, 3, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        assert client.check_payment(provider_invoice_id="none") == []
        assert client.check_payment(provider_invoice_id="none") == []
        clock.shift(datetime.timedelta(hours=2))  # past the access token, within the refresh token
        client.check_payment(provider_invoice_id="none")
        clock.shift(datetime.timedelta(days=3))  # past both
        client.check_payment(provider_invoice_id="none")
    session.close()
    paths = [path.rsplit("/v2", 1)[1] for path in calls]
    assert paths == [
        "/auth/token",
        "/payment/check",
        "/payment/check",
        "/auth/refresh",
        "/payment/check",
        "/auth/token",
        "/payment/check",
    ]


def test_wrong_credentials_make_the_provider_unavailable_not_a_crash(
    sandbox: str, settings: Any, awaiting_fee: Request
) -> None:
    settings.NUTAG_QPAY_PASSWORD = "wrong"
    forget_tokens()
    with pytest.raises(ProviderError):
        provider_for().check_payment(provider_invoice_id="x")
    with pytest.raises(services.PaymentProviderUnavailable):
        services.invoice_register(invoice_id=invoice_of(awaiting_fee).pk)
    assert not invoice_of(awaiting_fee).is_registered


def test_the_sandbox_is_closed_when_the_real_provider_is_configured(sandbox: str, settings: Any) -> None:
    settings.NUTAG_PAYMENT_PROVIDER = "qpay"
    answer = requests.post(
        f"{sandbox}/payments/sandbox/v2/auth/token", auth=("TEST_MERCHANT", "x"), timeout=30
    )
    assert answer.status_code == 404
