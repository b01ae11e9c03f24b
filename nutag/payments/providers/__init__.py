"""Payment providers behind one interface. `provider_for(name)` gives the configured client; the sandbox is the
same QPay client pointed at Nutag's own sandbox endpoint, so tests and the demo run the production code."""

from nutag.payments import conf
from nutag.payments.providers.base import PaymentProvider, ProviderError, ProviderInvoice, ProviderPayment
from nutag.payments.providers.qpay import QPayClient

__all__ = ["PaymentProvider", "ProviderError", "ProviderInvoice", "ProviderPayment", "provider_for"]


def provider_for(name: str = "") -> PaymentProvider:
    """The client of provider `name` (an invoice's `provider`), or of the configured one."""
    return QPayClient(
        base_url=conf.qpay_base_url(),
        username=conf.qpay_username(),
        password=conf.qpay_password(),
        invoice_code=conf.qpay_invoice_code(),
        timeout=conf.qpay_timeout_seconds(),
        name=name or conf.provider_name(),
    )
