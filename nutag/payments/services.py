"""Every change of an invoice: asked for at the fee step, registered with the provider, paid online (only after
the provider confirms the payment) or in cash, expired, cancelled, refunded.

Calls to the payment provider never run inside a database transaction: a slow provider must not hold row locks,
and a rolled-back transaction must not leave an invoice at the provider that Nutag does not know. So the fee step
writes the invoice row and queues its registration; a check asks the provider first and then settles the
invoice in one short transaction that locks it, which makes replayed callbacks and simultaneous checks count a
payment once."""

import datetime
import logging
import secrets
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nutag.accounts.models import User
from nutag.cases import services as cases
from nutag.cases.choices import RequestStatus
from nutag.cases.models import Request
from nutag.core import audit
from nutag.core.errors import Conflict, DomainError, ValidationFailed
from nutag.core.permissions import require
from nutag.payments import conf, rules
from nutag.payments.choices import InvoiceStatus, PaymentMethod, RefundRule
from nutag.payments.models import Invoice, Payment, Refund
from nutag.payments.providers import ProviderError, ProviderPayment, provider_for

log = logging.getLogger(__name__)


class PaymentProviderUnavailable(DomainError):
    status_code = 503
    code = "provider_unavailable"


def _record(actor: Any, action: str, invoice: Invoice, **after: Any) -> None:
    audit.record(
        actor=actor,
        action=action,
        obj=invoice,
        territory_path=invoice.request.territory_path,
        after={"status": invoice.status, "amount_mnt": invoice.amount_mnt, **after},
    )


def _new_number(request: Request) -> str:
    return f"NTG{request.pk}-{secrets.token_hex(5).upper()}"


def _cancel_at_provider_later(invoice: Invoice) -> None:
    if invoice.is_registered:
        from nutag.payments.tasks import invoice_cancel_at_provider

        invoice_cancel_at_provider.enqueue(invoice_id=invoice.pk)


def _invoice_create(*, request: Request, now: datetime.datetime, actor: Any) -> Invoice:
    from nutag.payments.tasks import invoice_register_later

    current = Invoice.objects.select_for_update().filter(request=request, status=InvoiceStatus.OPEN).first()
    if current is not None:
        if current.amount_mnt == request.fee_mnt:
            return current
        current.status = InvoiceStatus.CANCELLED
        current.save(update_fields=["status"])
        _record(actor, "invoice.cancelled", current, reason="fee changed")
        _cancel_at_provider_later(current)
    invoice = Invoice.objects.create(
        request=request,
        amount_mnt=request.fee_mnt,
        provider=conf.provider_name(),
        sender_invoice_no=_new_number(request),
        created_at=now,
        expires_at=now + conf.invoice_ttl(),
    )
    _record(actor, "invoice.created", invoice, expires_at=invoice.expires_at.isoformat())
    invoice_register_later.enqueue(invoice_id=invoice.pk)
    return invoice


def invoice_open_for_request(request: Request, now: datetime.datetime) -> dict[str, Any]:
    """The `request-fee` service-task hook: the request waits for its fee, so it gets an open invoice. Runs
    inside the request's transaction; the provider hears of the invoice only after that commits."""
    if request.fee_mnt <= 0:
        return {}
    invoice = _invoice_create(request=request, now=now, actor=None)
    return {"invoice": invoice.sender_invoice_no}


@transaction.atomic
def invoice_renew(*, request: Request, actor: User, now: datetime.datetime | None = None) -> Invoice:
    """A new invoice for a request still waiting for its fee after the last one expired."""
    request = Request.objects.select_for_update(of=("self",)).get(pk=request.pk)
    require(actor, "view", request)
    if request.status != RequestStatus.AWAITING_PAYMENT:
        raise Conflict(_("This request is not waiting for a payment."))
    return _invoice_create(request=request, now=now or timezone.now(), actor=actor)


def _callback_url(invoice: Invoice) -> str:
    return f"{conf.site_url()}{reverse('payments:qpay-callback')}?invoice={invoice.pk}"


def invoice_register(*, invoice_id: int) -> Invoice:
    """Create the invoice at the provider (once: the provider knows it by our invoice number) and keep its id,
    QR text and bank links. Called by the worker after the fee step commits, or by the pay page if the worker
    has not come to it yet."""
    invoice = Invoice.objects.select_related("request__service_version").get(pk=invoice_id)
    if invoice.is_registered or invoice.status != InvoiceStatus.OPEN:
        return invoice
    request = invoice.request
    try:
        created = provider_for(invoice.provider).create_invoice(
            sender_invoice_no=invoice.sender_invoice_no,
            amount_mnt=invoice.amount_mnt,
            description=f"{request.number} {request.service_version.name_mn}",
            receiver_code=str(request.number or request.pk),
            callback_url=_callback_url(invoice),
            expires_at=invoice.expires_at,
        )
    except ProviderError as error:
        log.warning("Registering invoice %s failed: %s", invoice, error)
        raise PaymentProviderUnavailable(
            _("Online payment is not available at the moment. Try again in a few minutes.")
        ) from error
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().select_related("request").get(pk=invoice_id)
        if not invoice.is_registered:
            invoice.provider_invoice_id = created.provider_invoice_id
            invoice.qr_text = created.qr_text
            invoice.short_url = created.short_url[:500]
            invoice.bank_links = created.bank_links
            invoice.save(update_fields=["provider_invoice_id", "qr_text", "short_url", "bank_links"])
            _record(None, "invoice.registered", invoice, provider_invoice_id=created.provider_invoice_id)
    return invoice


def _refund(
    *, invoice: Invoice, payment: Payment, rule: str, reason: str, now: datetime.datetime
) -> Refund | None:
    amount = rules.refund_amount(rule, payment.amount_mnt)
    if amount == 0 or Refund.objects.filter(payment=payment).exists():
        _record(None, "invoice.refund_not_due", invoice, rule=rule)
        return None
    refund = Refund.objects.create(
        invoice=invoice, payment=payment, amount_mnt=amount, rule=rule, reason=reason, recorded_at=now
    )
    invoice.status = InvoiceStatus.REFUNDED
    invoice.save(update_fields=["status"])
    _record(None, "invoice.refunded", invoice, refund_mnt=amount, rule=rule)
    return refund


def _mark_paid(invoice: Invoice, payment: Payment, actor: Any) -> None:
    invoice.status = InvoiceStatus.PAID
    invoice.paid_at = payment.paid_at
    invoice.save(update_fields=["status", "paid_at"])
    _record(actor, "invoice.paid", invoice, method=payment.method, receipt=payment.receipt_number)


@transaction.atomic
def _invoice_settle_online(*, invoice_id: int, paid: ProviderPayment, now: datetime.datetime) -> Invoice:
    invoice = Invoice.objects.select_for_update(of=("self",)).select_related("request").get(pk=invoice_id)
    if Payment.objects.filter(provider_payment_id=paid.payment_id).exists():
        return invoice  # a replayed callback or the loser of two simultaneous checks
    if paid.amount_mnt != invoice.amount_mnt:
        _record(None, "invoice.amount_mismatch", invoice, paid_mnt=paid.amount_mnt)
        return invoice
    payment = Payment.objects.create(
        invoice=invoice,
        provider_payment_id=paid.payment_id,
        amount_mnt=paid.amount_mnt,
        method=PaymentMethod.ONLINE,
        receipt_number=f"QPay {paid.payment_id}"[:60],
        paid_at=now,
    )
    if invoice.status in (InvoiceStatus.PAID, InvoiceStatus.REFUNDED):
        _refund(invoice=invoice, payment=payment, rule=RefundRule.DUPLICATE, reason="paid twice", now=now)
        return invoice
    _mark_paid(invoice, payment, None)
    try:
        with transaction.atomic():
            cases.request_record_payment(
                request=invoice.request,
                actor=None,
                amount_mnt=payment.amount_mnt,
                reference=payment.receipt_number,
                now=now,
            )
    except DomainError as error:
        # The money arrived but the request no longer waits for it (paid at the desk, or closed): owed back.
        _refund(invoice=invoice, payment=payment, rule=RefundRule.DUPLICATE, reason=error.message, now=now)
    return invoice


def invoice_check(*, invoice: Invoice, actor: User | None, now: datetime.datetime | None = None) -> Invoice:
    """Ask the provider whether the invoice is paid and, if it is, settle it and move the request on. What a
    callback says is never believed: only the provider's answer to this check counts."""
    if actor is not None:
        require(actor, "view", invoice)
    invoice = Invoice.objects.select_related("request").get(pk=invoice.pk)
    if not invoice.is_registered or invoice.payments.filter(method=PaymentMethod.ONLINE).exists():
        return invoice
    try:
        payments = provider_for(invoice.provider).check_payment(
            provider_invoice_id=invoice.provider_invoice_id
        )
    except ProviderError as error:
        log.warning("Checking invoice %s failed: %s", invoice, error)
        raise PaymentProviderUnavailable(
            _("The payment could not be checked at the moment. Try again in a few minutes.")
        ) from error
    paid = next((payment for payment in payments if payment.is_paid), None)
    if paid is None:
        return invoice
    return _invoice_settle_online(invoice_id=invoice.pk, paid=paid, now=now or timezone.now())


@transaction.atomic
def invoice_record_cash(
    *,
    invoice: Invoice,
    actor: User,
    amount_mnt: int,
    receipt_number: str,
    now: datetime.datetime | None = None,
) -> Payment:
    """A cash payment at a service point, with the receipt number written on the paper receipt. Recording the
    same receipt again (a double click) returns the first record."""
    invoice = Invoice.objects.select_for_update(of=("self",)).select_related("request").get(pk=invoice.pk)
    require(actor, "record_cash", invoice, _("Only staff of this aimag or soum record payments."))
    receipt = receipt_number.strip()
    if not receipt:
        raise ValidationFailed(_("Give the receipt number."), details={"receipt_number": [_("Required.")]})
    existing = invoice.payments.filter(method=PaymentMethod.CASH, receipt_number=receipt).first()
    if existing is not None:
        return existing
    if invoice.status not in (InvoiceStatus.OPEN, InvoiceStatus.EXPIRED):
        raise Conflict(_("This invoice is %(status)s.") % {"status": invoice.get_status_display()})
    if amount_mnt != invoice.amount_mnt:
        raise ValidationFailed(
            _("The amount must be the fee, %(fee)s₮.") % {"fee": invoice.amount_mnt},
            details={"amount_mnt": [str(invoice.amount_mnt)]},
        )
    moment = now or timezone.now()
    payment = Payment.objects.create(
        invoice=invoice,
        amount_mnt=amount_mnt,
        method=PaymentMethod.CASH,
        receipt_number=receipt[:60],
        recorded_by=actor,
        paid_at=moment,
    )
    _mark_paid(invoice, payment, actor)
    cases.request_record_payment(
        request=invoice.request, actor=actor, amount_mnt=amount_mnt, reference=receipt, now=moment
    )
    _cancel_at_provider_later(invoice)
    return payment


def invoices_expire(*, now: datetime.datetime | None = None) -> int:
    """Close the open invoices past their time, and those whose request no longer waits for the fee."""
    moment = now or timezone.now()
    due = Invoice.objects.filter(status=InvoiceStatus.OPEN, expires_at__lte=moment)
    stale = Invoice.objects.filter(status=InvoiceStatus.OPEN).exclude(
        request__status=RequestStatus.AWAITING_PAYMENT
    )
    closed = 0
    for invoice_id in sorted(set(due.values_list("pk", flat=True)) | set(stale.values_list("pk", flat=True))):
        with transaction.atomic():
            invoice = (
                Invoice.objects.select_for_update(of=("self",)).select_related("request").get(pk=invoice_id)
            )
            if invoice.status != InvoiceStatus.OPEN:
                continue
            waiting = invoice.request.status == RequestStatus.AWAITING_PAYMENT
            invoice.status = InvoiceStatus.EXPIRED if waiting else InvoiceStatus.CANCELLED
            invoice.save(update_fields=["status"])
            _record(None, f"invoice.{invoice.status}", invoice)
            _cancel_at_provider_later(invoice)
            closed += 1
    return closed


def invoices_close_for_request(request: Request, now: datetime.datetime) -> None:
    """The closing hook: a closed request's open invoices are cancelled, and a paid fee of a request closed
    without its result is refunded by the service's rule (see rules.py). Runs inside the request's transaction."""
    invoices = Invoice.objects.select_for_update(of=("self",)).filter(
        request=request, status__in=(InvoiceStatus.OPEN, InvoiceStatus.PAID)
    )
    for invoice in invoices:
        invoice.request = request
        if invoice.status == InvoiceStatus.OPEN:
            invoice.status = InvoiceStatus.CANCELLED
            invoice.save(update_fields=["status"])
            _record(None, "invoice.cancelled", invoice, reason=request.status)
            _cancel_at_provider_later(invoice)
        elif request.status in (RequestStatus.REJECTED, RequestStatus.EXPIRED):
            rule = rules.refund_rule_for(request)
            for payment in invoice.payments.filter(refund__isnull=True):
                _refund(invoice=invoice, payment=payment, rule=rule, reason=request.decision_reason, now=now)


def invoice_cancel_at_provider(*, invoice_id: int) -> None:
    """Withdraw a closed invoice at the provider so its QR code can no longer be paid (best effort)."""
    invoice = Invoice.objects.get(pk=invoice_id)
    if invoice.status == InvoiceStatus.OPEN or not invoice.is_registered:
        return
    try:
        provider_for(invoice.provider).cancel_invoice(provider_invoice_id=invoice.provider_invoice_id)
    except ProviderError as error:
        log.warning("Cancelling invoice %s at the provider failed: %s", invoice, error)
