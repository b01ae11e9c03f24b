"""Fees of requests: the invoice the citizen pays, the payments that settle it (online or cash) and the refunds
recorded when a paid request closes without its result. The Sandbox* tables belong to the development payment
provider (`payments/sandbox.py`), which answers QPay v2's HTTP API from this database."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nutag.cases.models import Request
from nutag.payments.choices import InvoiceStatus, PaymentMethod, RefundRule, SandboxPaymentStatus


class Invoice(models.Model):
    """The fee of one request, as asked for at its fee step. Registered with the payment provider after the
    request's transaction commits; `provider_invoice_id` stays empty until then."""

    request = models.ForeignKey(
        Request, verbose_name=_("request"), on_delete=models.PROTECT, related_name="invoices"
    )
    amount_mnt = models.PositiveIntegerField(_("amount (₮)"))
    status = models.CharField(
        _("status"), max_length=10, choices=InvoiceStatus.choices, default=InvoiceStatus.OPEN
    )
    provider = models.CharField(_("payment provider"), max_length=20)
    sender_invoice_no = models.CharField(_("invoice number"), max_length=45, unique=True)
    provider_invoice_id = models.CharField(max_length=100, blank=True, default="")
    qr_text = models.TextField(blank=True, default="")
    short_url = models.URLField(max_length=500, blank=True, default="")
    bank_links = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(_("created at"))
    expires_at = models.DateTimeField(_("pay before"))
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-created_at", "-id"]
        constraints = [
            # A fee step asks once: a retried or replayed step finds the open invoice instead of a second one.
            models.UniqueConstraint(
                fields=["request"], condition=Q(status="open"), name="invoice_one_open_per_request"
            ),
        ]
        indexes = [
            models.Index(fields=["expires_at"], condition=Q(status="open"), name="invoice_open_expiry_idx"),
        ]

    def __str__(self) -> str:
        return self.sender_invoice_no

    @property
    def is_registered(self) -> bool:
        return bool(self.provider_invoice_id)


class Payment(models.Model):
    """Money received for an invoice. An online payment is known by the provider's payment id (unique, so the
    same payment is never counted twice); a cash payment by the receipt number of the service point."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="payments")
    provider_payment_id = models.CharField(max_length=100, unique=True, null=True, blank=True)
    amount_mnt = models.PositiveIntegerField(_("amount (₮)"))
    method = models.CharField(_("method"), max_length=10, choices=PaymentMethod.choices)
    receipt_number = models.CharField(_("receipt number"), max_length=60)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    paid_at = models.DateTimeField(_("paid at"))

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-paid_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["invoice", "receipt_number"],
                condition=Q(method="cash"),
                name="payment_cash_receipt_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.receipt_number


class Refund(models.Model):
    """A refund owed to the payer, recorded by the rule of the service when a paid request closes without its
    result (or when an invoice was paid twice). The money itself goes back through the treasury or the bank."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="refunds")
    payment = models.OneToOneField(Payment, on_delete=models.PROTECT, related_name="refund")
    amount_mnt = models.PositiveIntegerField(_("amount (₮)"))
    rule = models.CharField(_("rule"), max_length=10, choices=RefundRule.choices)
    reason = models.TextField(_("reason"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        ordering = ["-recorded_at"]

    def __str__(self) -> str:
        return f"{self.invoice} −{self.amount_mnt}"


class SandboxInvoice(models.Model):
    """An invoice as the sandbox provider keeps it (QPay's side of the conversation)."""

    invoice_id = models.CharField(max_length=40, unique=True)
    invoice_code = models.CharField(max_length=45)
    sender_invoice_no = models.CharField(max_length=45, unique=True)
    amount_mnt = models.PositiveIntegerField()
    description = models.CharField(max_length=255, blank=True)
    callback_url = models.URLField(max_length=500)
    is_cancelled = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.invoice_id


class SandboxPayment(models.Model):
    invoice = models.ForeignKey(SandboxInvoice, on_delete=models.CASCADE, related_name="payments")
    payment_id = models.CharField(max_length=40, unique=True)
    status = models.CharField(max_length=10, choices=SandboxPaymentStatus.choices)
    amount_mnt = models.PositiveIntegerField()
    paid_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.payment_id
