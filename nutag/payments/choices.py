from django.db import models
from django.utils.translation import gettext_lazy as _


class InvoiceStatus(models.TextChoices):
    OPEN = "open", _("Waiting for payment")
    PAID = "paid", _("Paid")
    EXPIRED = "expired", _("Expired")
    CANCELLED = "cancelled", _("Cancelled")
    REFUNDED = "refunded", _("Refunded")


class PaymentMethod(models.TextChoices):
    ONLINE = "online", _("Online (QPay)")
    CASH = "cash", _("Cash at a service point")


class RefundRule(models.TextChoices):
    FULL = "full", _("Full refund")
    NONE = "none", _("No refund")
    DUPLICATE = "duplicate", _("Paid twice: the second payment is returned")


class SandboxPaymentStatus(models.TextChoices):
    NEW = "NEW", "NEW"
    PAID = "PAID", "PAID"
    FAILED = "FAILED", "FAILED"
