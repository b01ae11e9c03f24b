"""Pages of fees: the citizen's pay page, the service point's cash desk, receipts, and QPay's callback."""

import logging
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from nutag.accounts.models import acting_user
from nutag.cases.choices import RequestStatus
from nutag.cases.models import Request
from nutag.core.errors import DomainError
from nutag.core.permissions import may, visible_to
from nutag.payments import selectors, services
from nutag.payments.choices import InvoiceStatus
from nutag.payments.forms import CashForm, FindRequestForm
from nutag.payments.models import Invoice
from nutag.payments.receipts import receipt_pdf

log = logging.getLogger(__name__)


def _qr_svg(text: str) -> SafeString:
    label = escape(_("QR code of the invoice: scan it with your bank's app"))
    svg = segno.make(text, error="m").svg_inline(scale=4, title=label, svgclass="qr")
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1))  # noqa: S308


@login_required
def invoice_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.invoices_for_user(user=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "payments/invoice_list.html", {"page": page})


def _invoice_or_404(request: HttpRequest, pk: int) -> Invoice:
    invoice = selectors.invoice_get_for_user(user=request.user, pk=pk)
    if invoice is None:
        raise Http404
    return invoice


@login_required
def invoice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = _invoice_or_404(request, pk)
    user = acting_user(request)
    may_pay = may(user, "pay", invoice)
    if may_pay and invoice.status == InvoiceStatus.OPEN and not invoice.is_registered:
        # The worker registers new invoices; if it has not yet, the payer should not have to wait for it.
        try:
            invoice = services.invoice_register(invoice_id=invoice.pk)
            invoice = _invoice_or_404(request, pk)
        except DomainError as error:
            messages.error(request, error.message)
    awaiting = invoice.request.status == RequestStatus.AWAITING_PAYMENT
    return render(
        request,
        "payments/invoice_detail.html",
        {
            "invoice": invoice,
            "found": invoice.request,
            "may_pay": may_pay,
            "may_record_cash": may(user, "record_cash", invoice)
            and invoice.status in (InvoiceStatus.OPEN, InvoiceStatus.EXPIRED)
            and awaiting,
            "may_renew": may_pay and awaiting and invoice.status == InvoiceStatus.EXPIRED,
            "qr_svg": _qr_svg(invoice.qr_text)
            if may_pay and invoice.qr_text and invoice.status == InvoiceStatus.OPEN
            else "",
            "payments": list(invoice.payments.all()),
            "cash_form": CashForm(initial={"amount_mnt": invoice.amount_mnt}),
        },
    )


@require_POST
@login_required
def invoice_check(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = _invoice_or_404(request, pk)
    try:
        invoice = services.invoice_check(invoice=invoice, actor=acting_user(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        if invoice.status == InvoiceStatus.PAID:
            messages.success(request, _("Thank you: your payment has arrived."))
        else:
            messages.error(request, _("The payment has not arrived yet. It can take a minute after you pay."))
    return redirect("payments:invoice", pk=pk)


@require_POST
@login_required
def invoice_renew(request: HttpRequest, request_pk: int) -> HttpResponse:
    found = get_object_or_404(visible_to(request.user, Request.objects.all()), pk=request_pk)
    try:
        invoice = services.invoice_renew(request=found, actor=acting_user(request))
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("payments:invoices")
    return redirect("payments:invoice", pk=invoice.pk)


@login_required
def request_invoice(request: HttpRequest, request_pk: int) -> HttpResponse:
    """The current invoice of a request: where the request page's "Pay" link leads."""
    found = get_object_or_404(visible_to(request.user, Request.objects.all()), pk=request_pk)
    invoice = selectors.invoice_latest_for_request(user=request.user, request=found)
    if invoice is None:
        raise Http404
    return redirect("payments:invoice", pk=invoice.pk)


@require_http_methods(["GET", "POST"])
@login_required
def invoice_cash(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = _invoice_or_404(request, pk)
    user = acting_user(request)
    if not may(user, "record_cash", invoice):
        raise PermissionDenied
    form = CashForm(request.POST or None, initial={"amount_mnt": invoice.amount_mnt})
    if request.method == "POST" and form.is_valid():
        try:
            services.invoice_record_cash(
                invoice=invoice,
                actor=user,
                amount_mnt=form.cleaned_data["amount_mnt"],
                receipt_number=form.cleaned_data["receipt_number"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The payment is recorded."))
            return redirect("payments:invoice", pk=pk)
    return render(request, "payments/cash.html", {"invoice": invoice, "found": invoice.request, "form": form})


@login_required
def cash_desk(request: HttpRequest) -> HttpResponse:
    """A service point finds the invoice of a request by its reference number."""
    user = acting_user(request)
    if user.is_citizen:
        raise PermissionDenied
    form = FindRequestForm(request.GET or None)
    if form.is_valid():
        number = form.cleaned_data["number"].strip().upper()
        invoice = selectors.invoices_for_user(user=user).filter(request__number=number).first()
        if invoice is not None and may(user, "record_cash", invoice):
            return redirect("payments:invoice", pk=invoice.pk)
        form.add_error("number", _("No invoice of a request with this number is open to you."))
    return render(request, "payments/cash_desk.html", {"form": form})


@login_required
def receipt(request: HttpRequest, pk: int) -> HttpResponse:
    payment = selectors.payment_get_for_user(user=request.user, pk=pk)
    if payment is None:
        raise Http404
    response = HttpResponse(receipt_pdf(payment), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="receipt-{payment.pk}.pdf"'
    return response


@csrf_exempt
@require_http_methods(["GET", "POST"])
def qpay_callback(request: HttpRequest) -> HttpResponse:
    """QPay's notice that an invoice may have been paid. Its content is ignored: it only makes Nutag ask QPay.
    Known invoices always get 200 SUCCESS, so QPay stops retrying; a failed check is retried by the next
    callback, the payer's "check now" or the operator."""
    try:
        invoice_id = int(request.GET.get("invoice", ""))
    except ValueError:
        raise Http404 from None
    invoice: Any = Invoice.objects.filter(pk=invoice_id).first()
    if invoice is None:
        raise Http404
    try:
        services.invoice_check(invoice=invoice, actor=None)
    except DomainError as error:
        log.warning("Callback check of invoice %s failed: %s", invoice, error.message)
    return HttpResponse("SUCCESS", content_type="text/plain")
