"""Invoices, cash payments, expiry and refunds through the services (no provider needed: registration with the
provider is queued and runs after commit, which these tests do not reach)."""

import datetime
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from nutag.accounts.models import User
from nutag.cases import services as cases
from nutag.cases.calendar import holidays_load
from nutag.cases.choices import RequestStatus
from nutag.cases.models import Request, RequestEvent
from nutag.cases.tests.conftest import ANSWERS
from nutag.catalog.models import Adoption
from nutag.catalog.tests.factories import adopt, published_version
from nutag.core.errors import Conflict, PermissionDenied, ValidationFailed
from nutag.payments import services
from nutag.payments.choices import InvoiceStatus, RefundRule
from nutag.payments.models import Invoice, Payment, Refund
from nutag.payments.receipts import receipt_pdf
from nutag.payments.rules import refund_rule_for
from nutag.payments.tests.conftest import act_until, fee_first_process, invoice_of, submitted
from nutag.processes.services import process_model_upload

pytestmark = pytest.mark.django_db


def test_the_fee_step_opens_one_invoice_for_the_adopted_fee_in_whole_tugriks(awaiting_fee: Request) -> None:
    invoice = invoice_of(awaiting_fee)
    assert Invoice.objects.filter(request=awaiting_fee).count() == 1
    assert invoice.status == InvoiceStatus.OPEN and invoice.amount_mnt == 25000
    assert type(invoice.amount_mnt) is int and not invoice.is_registered
    assert invoice.expires_at - invoice.created_at == datetime.timedelta(hours=72)
    assert invoice.provider == "sandbox" and invoice.sender_invoice_no.startswith(f"NTG{awaiting_fee.pk}-")


def test_invoice_lifetime_comes_from_the_setting(
    settings: Any, permit: Adoption, citizen: User, approver: User
) -> None:
    settings.NUTAG_INVOICE_TTL_HOURS = 24
    request = act_until(submitted(permit, citizen), approver, stop=(RequestStatus.AWAITING_PAYMENT,))
    invoice = invoice_of(request)
    assert invoice.expires_at - invoice.created_at == datetime.timedelta(hours=24)


def test_operator_records_cash_the_process_goes_on_and_a_receipt_is_made(
    awaiting_fee: Request, operator_soum_a: User
) -> None:
    invoice = invoice_of(awaiting_fee)
    payment = services.invoice_record_cash(
        invoice=invoice, actor=operator_soum_a, amount_mnt=25000, receipt_number=" R-0001 "
    )
    invoice.refresh_from_db()
    request = Request.objects.get(pk=awaiting_fee.pk)
    assert invoice.status == InvoiceStatus.PAID and invoice.paid_at is not None
    assert payment.receipt_number == "R-0001" and payment.recorded_by == operator_soum_a
    assert request.status == RequestStatus.COMPLETED  # the permit is issued once paid
    paid = RequestEvent.objects.get(request=request, kind="paid")
    assert paid.after == {"amount_mnt": 25000, "receipt": "R-0001"}
    again = services.invoice_record_cash(
        invoice=invoice, actor=operator_soum_a, amount_mnt=25000, receipt_number="R-0001"
    )
    assert again.pk == payment.pk and Payment.objects.count() == 1
    pdf = receipt_pdf(Payment.objects.select_related("invoice__request").get(pk=payment.pk))
    assert pdf.startswith(b"%PDF") and b"NotoSans" in pdf


@pytest.mark.parametrize(
    ("amount", "receipt", "error"),
    [(100, "R-1", ValidationFailed), (25000, "  ", ValidationFailed), (25001, "R-1", ValidationFailed)],
)
def test_cash_with_a_wrong_amount_or_no_receipt_is_refused_and_nothing_changes(
    awaiting_fee: Request, operator_soum_a: User, amount: int, receipt: str, error: type[Exception]
) -> None:
    invoice = invoice_of(awaiting_fee)
    with pytest.raises(error):
        services.invoice_record_cash(
            invoice=invoice, actor=operator_soum_a, amount_mnt=amount, receipt_number=receipt
        )
    assert not Payment.objects.exists() and invoice_of(awaiting_fee).status == InvoiceStatus.OPEN
    assert Request.objects.get(pk=awaiting_fee.pk).status == RequestStatus.AWAITING_PAYMENT


def test_staff_of_another_soum_and_citizens_cannot_record_cash(
    awaiting_fee: Request, officer_soum_b: User, admin_other_aimag: User, citizen: User
) -> None:
    invoice = invoice_of(awaiting_fee)
    for actor in (officer_soum_b, admin_other_aimag, citizen):
        with pytest.raises(PermissionDenied):
            services.invoice_record_cash(invoice=invoice, actor=actor, amount_mnt=25000, receipt_number="X")
    assert not Payment.objects.exists()
    assert Request.objects.get(pk=awaiting_fee.pk).version == awaiting_fee.version


def test_an_invoice_expires_after_its_time_and_a_new_one_can_be_had(
    awaiting_fee: Request, citizen: User, make_citizen: Any
) -> None:
    invoice = invoice_of(awaiting_fee)
    assert services.invoices_expire(now=invoice.expires_at - datetime.timedelta(seconds=1)) == 0
    assert services.invoices_expire(now=invoice.expires_at) == 1
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.EXPIRED
    stranger = make_citizen(register_number="УБ99010112")
    with pytest.raises(PermissionDenied):
        services.invoice_renew(request=awaiting_fee, actor=stranger)
    renewed = services.invoice_renew(request=awaiting_fee, actor=citizen)
    assert renewed.pk != invoice.pk and renewed.status == InvoiceStatus.OPEN and renewed.amount_mnt == 25000
    assert services.invoice_renew(request=awaiting_fee, actor=citizen).pk == renewed.pk


def test_the_expire_command_cancels_invoices_of_requests_paid_another_way(
    fee_first: Adoption, citizen: User, operator_soum_a: User
) -> None:
    awaiting_fee = submitted(fee_first, citizen)
    cases.request_record_payment(
        request=awaiting_fee, actor=operator_soum_a, amount_mnt=5000, reference="d-1"
    )
    assert invoice_of(awaiting_fee).status == InvoiceStatus.OPEN  # the request is open, in review
    call_command("expire_invoices", verbosity=0)
    assert invoice_of(awaiting_fee).status == InvoiceStatus.CANCELLED


def test_cash_on_an_expired_invoice_is_accepted_while_the_request_waits(
    awaiting_fee: Request, operator_soum_a: User
) -> None:
    invoice = invoice_of(awaiting_fee)
    services.invoices_expire(now=invoice.expires_at + datetime.timedelta(hours=1))
    services.invoice_record_cash(
        invoice=invoice, actor=operator_soum_a, amount_mnt=25000, receipt_number="R-9"
    )
    assert invoice_of(awaiting_fee).status == InvoiceStatus.PAID


def test_a_paid_request_that_is_refused_gets_the_full_fee_refunded(
    fee_first: Adoption, citizen: User, approver: User, operator_soum_a: User
) -> None:
    request = submitted(fee_first, citizen)
    assert request.status == RequestStatus.AWAITING_PAYMENT
    invoice = invoice_of(request)
    payment = services.invoice_record_cash(
        invoice=invoice, actor=operator_soum_a, amount_mnt=5000, receipt_number="R-77"
    )
    request = Request.objects.get(pk=request.pk)
    request = act_until(request, approver, stop=(RequestStatus.REJECTED,), action="reject")
    refund = Refund.objects.get(invoice=invoice)
    assert refund.payment == payment and refund.amount_mnt == 5000 and refund.rule == RefundRule.FULL
    assert refund.reason == "Refused" and invoice_of(request).status == InvoiceStatus.REFUNDED


def test_an_approved_paid_request_gets_no_refund(
    fee_first: Adoption, citizen: User, approver: User, operator_soum_a: User
) -> None:
    request = submitted(fee_first, citizen)
    services.invoice_record_cash(
        invoice=invoice_of(request), actor=operator_soum_a, amount_mnt=5000, receipt_number="R-78"
    )
    request = act_until(
        Request.objects.get(pk=request.pk), approver, stop=(RequestStatus.COMPLETED,), action="approve"
    )
    assert not Refund.objects.exists() and invoice_of(request).status == InvoiceStatus.PAID


def test_an_expired_request_keeps_its_fee_by_the_default_rule(
    fee_first: Adoption, citizen: User, operator_soum_a: User
) -> None:
    request = submitted(fee_first, citizen)
    services.invoice_record_cash(
        invoice=invoice_of(request), actor=operator_soum_a, amount_mnt=5000, receipt_number="R-79"
    )
    request = Request.objects.get(pk=request.pk)
    request.status = RequestStatus.EXPIRED  # as the runtime sets it before calling the closing hooks
    assert refund_rule_for(request) == RefundRule.NONE
    services.invoices_close_for_request(request, timezone.now())
    assert not Refund.objects.exists() and invoice_of(request).status == InvoiceStatus.PAID


def test_an_unpaid_fee_closes_the_request_and_cancels_its_invoice(awaiting_fee: Request) -> None:
    later = timezone.now() + datetime.timedelta(days=15)
    request = cases.request_fire_timers(request=awaiting_fee, now=later)
    assert request.status == RequestStatus.REJECTED
    assert invoice_of(request).status == InvoiceStatus.CANCELLED and not Refund.objects.exists()


def test_cash_for_a_request_no_longer_waiting_is_refused(
    awaiting_fee: Request, operator_soum_a: User
) -> None:
    invoice = invoice_of(awaiting_fee)
    cases.request_record_payment(request=awaiting_fee, actor=operator_soum_a, amount_mnt=25000, reference="d")
    with pytest.raises(Conflict):
        services.invoice_record_cash(
            invoice=invoice, actor=operator_soum_a, amount_mnt=25000, receipt_number="R-2"
        )
    assert not Payment.objects.exists()
    assert invoice_of(awaiting_fee).status == InvoiceStatus.CANCELLED  # the permit was issued and closed


def test_one_call_submission_of_a_service_that_asks_the_fee_first_opens_its_invoice(
    world: None, citizen: User
) -> None:
    """The process's first step is the fee: the request is written submitted, then the fee step changes it again
    in the same transaction."""
    holidays_load()
    version = published_version(code="BUS-721", process_kind="permit", fee_mnt=5000, documents=[])
    process_model_upload(owner=version, file_name="fee_first.bpmn", content=fee_first_process(), actor=None)
    request = cases.request_apply(
        adoption=adopt(version, "6401"), applicant=citizen, actor=citizen, form_data=ANSWERS
    )
    stored = Request.objects.get(pk=request.pk)
    assert stored.status == RequestStatus.AWAITING_PAYMENT and stored.version == request.version == 2
    assert invoice_of(stored).amount_mnt == 5000 and invoice_of(stored).status == InvoiceStatus.OPEN
    kinds = list(stored.events.values_list("kind", flat=True))
    assert kinds[:2] == ["created", "submitted"] and "fee_requested" in kinds
