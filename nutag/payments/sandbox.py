"""The sandbox payment provider: QPay v2's merchant HTTP API (the parts Nutag uses) answered from Nutag's own
database, and a "bank app" page that pays an invoice and calls the merchant's callback as QPay would. It exists
for development, the demo and the tests, so that the QPay client under test is the code that runs in
production; with NUTAG_PAYMENT_PROVIDER=qpay every sandbox URL answers 404."""

import base64
import binascii
import json
import logging
import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

import requests
from django.core import signing
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from nutag.payments import conf
from nutag.payments.choices import SandboxPaymentStatus
from nutag.payments.models import SandboxInvoice, SandboxPayment

log = logging.getLogger(__name__)
SALT = "nutag.payments.sandbox"
REFRESH_FACTOR = 24  # a refresh token outlives its access token, as QPay's do


def _error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"error": code, "message": message}, status=status)


def sandbox_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not conf.is_sandbox():
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def _issue_tokens(username: str) -> JsonResponse:
    lifetime = conf.sandbox_token_seconds()
    return JsonResponse(
        {
            "token_type": "bearer",
            "access_token": signing.dumps(
                {"kind": "access", "user": username, "n": uuid.uuid4().hex}, salt=SALT
            ),
            "expires_in": lifetime,
            "refresh_token": signing.dumps({"kind": "refresh", "user": username}, salt=SALT),
            "refresh_expires_in": lifetime * REFRESH_FACTOR,
            "scope": "sandbox",
        }
    )


def _bearer(request: HttpRequest, kind: str) -> bool:
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return False
    max_age = conf.sandbox_token_seconds() * (REFRESH_FACTOR if kind == "refresh" else 1)
    try:
        claims = signing.loads(header[7:], salt=SALT, max_age=max_age)
    except signing.BadSignature:
        return False
    return claims.get("kind") == kind and claims.get("user") == conf.SANDBOX_USERNAME


def _authorised(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _bearer(request, "access"):
            return _error(401, "NO_CREDENTIALS", "Invalid or expired access token")
        return view(request, *args, **kwargs)

    return wrapped


@csrf_exempt
@require_http_methods(["POST"])
@sandbox_only
def auth_token(request: HttpRequest) -> HttpResponse:
    header = request.headers.get("Authorization", "")
    try:
        username, _sep, password = base64.b64decode(header.removeprefix("Basic ")).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return _error(401, "AUTHENTICATION_FAILED", "Basic authentication required")
    if not header.startswith("Basic ") or not (
        constant_time_compare(username, conf.SANDBOX_USERNAME)
        and constant_time_compare(password, conf.sandbox_password())
    ):
        return _error(401, "AUTHENTICATION_FAILED", "Wrong merchant username or password")
    return _issue_tokens(username)


@csrf_exempt
@require_http_methods(["POST"])
@sandbox_only
def auth_refresh(request: HttpRequest) -> HttpResponse:
    if not _bearer(request, "refresh"):
        return _error(401, "AUTHENTICATION_FAILED", "Invalid or expired refresh token")
    return _issue_tokens(conf.SANDBOX_USERNAME)


def _body(request: HttpRequest) -> dict[str, Any]:
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _pay_url(sandbox_invoice: SandboxInvoice) -> str:
    return conf.site_url() + reverse("payments:sandbox-pay", args=[sandbox_invoice.invoice_id])


def _invoice_answer(sandbox_invoice: SandboxInvoice) -> dict[str, Any]:
    link = _pay_url(sandbox_invoice)
    return {
        "invoice_id": sandbox_invoice.invoice_id,
        "qr_text": link,
        "qr_image": "",
        "qPay_shortUrl": link,
        "urls": [
            {"name": "Sandbox bank", "description": "Nutag sandbox bank app", "logo": "", "link": link},
        ],
    }


@csrf_exempt
@require_http_methods(["POST"])
@sandbox_only
@_authorised
def invoice_create(request: HttpRequest) -> HttpResponse:
    data = _body(request)
    amount: Any = data.get("amount")
    problems = [
        name for name in ("sender_invoice_no", "invoice_receiver_code", "invoice_description", "callback_url")
        if not isinstance(data.get(name), str) or not data[name]
    ]  # fmt: skip
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        problems.append("amount")
    if data.get("invoice_code") != conf.SANDBOX_INVOICE_CODE:
        problems.append("invoice_code")
    if problems:
        return _error(400, "INVALID_REQUEST", "Invalid fields: " + ", ".join(problems))
    existing = SandboxInvoice.objects.filter(sender_invoice_no=data["sender_invoice_no"]).first()
    if existing is None:
        try:
            with transaction.atomic():
                existing = SandboxInvoice.objects.create(
                    invoice_id=str(uuid.uuid4()),
                    invoice_code=data["invoice_code"],
                    sender_invoice_no=data["sender_invoice_no"][:45],
                    amount_mnt=amount,
                    description=data["invoice_description"][:255],
                    callback_url=data["callback_url"][:500],
                )
        except IntegrityError:
            existing = SandboxInvoice.objects.get(sender_invoice_no=data["sender_invoice_no"])
    return JsonResponse(_invoice_answer(existing))


@csrf_exempt
@require_http_methods(["GET", "DELETE"])
@sandbox_only
@_authorised
def invoice_detail(request: HttpRequest, invoice_id: str) -> HttpResponse:
    sandbox_invoice = SandboxInvoice.objects.filter(invoice_id=invoice_id).first()
    if sandbox_invoice is None:
        return _error(404, "INVOICE_NOTFOUND", "No such invoice")
    if request.method == "DELETE":
        SandboxInvoice.objects.filter(pk=sandbox_invoice.pk).update(is_cancelled=True)
        return JsonResponse({"message": "cancelled"})
    return JsonResponse(
        {
            **_invoice_answer(sandbox_invoice),
            "invoice_status": "CANCELLED" if sandbox_invoice.is_cancelled else "OPEN",
            "total_amount": f"{sandbox_invoice.amount_mnt}.00",
        }
    )


@csrf_exempt
@require_http_methods(["POST"])
@sandbox_only
@_authorised
def payment_check(request: HttpRequest) -> HttpResponse:
    data = _body(request)
    if data.get("object_type") != "INVOICE" or not isinstance(data.get("object_id"), str):
        return _error(400, "INVALID_REQUEST", "object_type INVOICE and object_id are required")
    rows = [
        {
            "payment_id": payment.payment_id,
            "payment_status": payment.status,
            "payment_date": payment.paid_at.isoformat(),
            "payment_fee": "0.00",
            "payment_amount": f"{payment.amount_mnt}.00",
            "payment_currency": "MNT",
            "payment_wallet": "sandbox",
            "transaction_type": "P2P",
        }
        for payment in SandboxPayment.objects.filter(invoice__invoice_id=data["object_id"]).order_by("pk")
    ]
    paid = sum(int(row["payment_amount"][:-3]) for row in rows if row["payment_status"] == "PAID")
    return JsonResponse({"count": len(rows), "paid_amount": paid, "rows": rows})


def _call_back(sandbox_invoice: SandboxInvoice, payment: SandboxPayment) -> str:
    """Tell the merchant, as QPay does: a GET of the callback URL, whose answer is only logged."""
    try:
        response = requests.get(
            sandbox_invoice.callback_url,
            params={"payment_id": payment.payment_id},
            timeout=conf.qpay_timeout_seconds(),
        )
    except requests.RequestException as error:
        log.warning("Sandbox callback to %s failed: %s", sandbox_invoice.callback_url, error)
        return ""
    return f"{response.status_code} {response.text[:40]}"


@require_http_methods(["GET", "POST"])
@sandbox_only
def pay(request: HttpRequest, invoice_id: str) -> HttpResponse:
    """The sandbox bank app: shows what is being paid and pays it in full with one button."""
    sandbox_invoice = get_object_or_404(SandboxInvoice, invoice_id=invoice_id)
    answer = ""
    payment = sandbox_invoice.payments.filter(status=SandboxPaymentStatus.PAID).first()
    if request.method == "POST" and not sandbox_invoice.is_cancelled:
        if payment is None:
            payment = SandboxPayment.objects.create(
                invoice=sandbox_invoice,
                payment_id=str(uuid.uuid4().int)[:16],
                status=SandboxPaymentStatus.PAID,
                amount_mnt=sandbox_invoice.amount_mnt,
                paid_at=timezone.now(),
            )
        answer = _call_back(sandbox_invoice, payment)
    return render(
        request,
        "payments/sandbox_pay.html",
        {"sandbox_invoice": sandbox_invoice, "payment": payment, "answer": answer},
    )
