"""Invoices over HTTP: the user's own (or, for staff, those of requests they may see), a payment check, and a
cash payment recorded at a service point."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request as HttpRequest
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from nutag.accounts.models import acting_user
from nutag.payments import selectors, services
from nutag.payments.models import Invoice, Payment


class PaymentSerializer(serializers.ModelSerializer[Payment]):
    refund_mnt = serializers.SerializerMethodField()

    class Meta:
        model = Payment
        fields = ["id", "method", "amount_mnt", "receipt_number", "paid_at", "refund_mnt"]

    def get_refund_mnt(self, obj: Payment) -> int | None:
        refund = getattr(obj, "refund", None)
        return refund.amount_mnt if refund is not None else None


class InvoiceSerializer(serializers.ModelSerializer[Invoice]):
    request_number = serializers.CharField(source="request.number", read_only=True)
    payments = PaymentSerializer(many=True, read_only=True)

    class Meta:
        model = Invoice
        fields = [
            "id",
            "request",
            "request_number",
            "amount_mnt",
            "status",
            "provider",
            "sender_invoice_no",
            "qr_text",
            "short_url",
            "bank_links",
            "created_at",
            "expires_at",
            "paid_at",
            "payments",
        ]


class CashSerializer(serializers.Serializer[Any]):
    amount_mnt: serializers.IntegerField = serializers.IntegerField(min_value=1, max_value=2_000_000_000)
    receipt_number: serializers.CharField = serializers.CharField(max_length=60)


class InvoiceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Invoice]):
    serializer_class = InvoiceSerializer
    permission_classes = [IsAuthenticated]
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Invoice]:
        return selectors.invoices_for_user(user=self.request.user).prefetch_related(
            Prefetch("payments", queryset=Payment.objects.select_related("refund"))
        )

    @extend_schema(
        summary="Ask the payment provider whether the invoice is paid; a paid invoice moves its request on",
        request=None,
        responses={200: InvoiceSerializer},
    )
    @action(detail=True, methods=["post"])
    def check(self, request: HttpRequest, pk: str | None = None) -> Response:
        invoice = services.invoice_check(invoice=self.get_object(), actor=acting_user(request))
        return Response(self.get_serializer(self.get_queryset().get(pk=invoice.pk)).data)

    @extend_schema(
        summary="Record a cash payment received at a service point (staff of the request's aimag or soum)",
        request=CashSerializer,
        responses={200: InvoiceSerializer},
    )
    @action(detail=True, methods=["post"])
    def cash(self, request: HttpRequest, pk: str | None = None) -> Response:
        payload = CashSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        invoice = self.get_object()
        services.invoice_record_cash(
            invoice=invoice,
            actor=acting_user(request),
            amount_mnt=payload.validated_data["amount_mnt"],
            receipt_number=payload.validated_data["receipt_number"],
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=invoice.pk)).data)


def register(router: DefaultRouter) -> None:
    """Registers this app's endpoints on the v1 router."""
    router.register("invoices", InvoiceViewSet, basename="invoice")
