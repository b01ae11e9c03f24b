"""Reads of invoices and payments, already filtered by what the user may see."""

from typing import Any

from django.db.models import Prefetch, QuerySet

from nutag.cases.models import Request
from nutag.core.permissions import visible_to
from nutag.payments.models import Invoice, Payment


def invoices_for_user(*, user: Any) -> QuerySet[Invoice]:
    return (
        visible_to(user, Invoice.objects.all())
        .select_related("request__service_version", "request__applicant")
        .order_by("-created_at", "-id")
    )


def invoice_get_for_user(*, user: Any, pk: int) -> Invoice | None:
    return (
        invoices_for_user(user=user)
        .prefetch_related(
            Prefetch("payments", queryset=Payment.objects.select_related("recorded_by", "refund"))
        )
        .filter(pk=pk)
        .first()
    )


def invoice_latest_for_request(*, user: Any, request: Request) -> Invoice | None:
    return invoices_for_user(user=user).filter(request=request).first()


def payment_get_for_user(*, user: Any, pk: int) -> Payment | None:
    return (
        visible_to(user, Payment.objects.all())
        .select_related("invoice__request__service_version", "invoice__request__applicant")
        .select_related("invoice__request__organisation", "recorded_by")
        .filter(pk=pk)
        .first()
    )
