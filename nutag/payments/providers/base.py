import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol


class ProviderError(Exception):
    """The provider could not be reached or refused the call; nothing was changed on Nutag's side."""


@dataclass(frozen=True)
class ProviderInvoice:
    provider_invoice_id: str
    qr_text: str
    short_url: str = ""
    bank_links: list[dict[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class ProviderPayment:
    payment_id: str
    status: str  # NEW, FAILED, PAID, PARTIAL, REFUND (QPay's payment_status)
    amount_mnt: int

    @property
    def is_paid(self) -> bool:
        return self.status == "PAID"


class PaymentProvider(Protocol):
    name: str

    def create_invoice(
        self,
        *,
        sender_invoice_no: str,
        amount_mnt: int,
        description: str,
        receiver_code: str,
        callback_url: str,
        expires_at: datetime.datetime,
    ) -> ProviderInvoice: ...

    def check_payment(self, *, provider_invoice_id: str) -> list[ProviderPayment]: ...

    def cancel_invoice(self, *, provider_invoice_id: str) -> None: ...


def whole_tugriks(value: Any) -> int:
    """An amount from a provider ("25000.00", 25000, 25000.0) as whole tögrögs; a fraction is an error, never
    rounded away."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ProviderError(f"Amount {value!r} is not a number") from None
    if amount != amount.to_integral_value() or amount < 0:
        raise ProviderError(f"Amount {value!r} is not a whole number of tögrögs")
    return int(amount)
