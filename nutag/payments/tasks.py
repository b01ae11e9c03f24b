"""Background work of payments: thin, they call services."""

from contextlib import suppress

from django_tasks import task


@task()
def invoice_register_later(invoice_id: int) -> None:
    from nutag.payments.services import PaymentProviderUnavailable, invoice_register

    # If the provider is down, the pay page registers the invoice when the citizen opens it.
    with suppress(PaymentProviderUnavailable):
        invoice_register(invoice_id=invoice_id)


@task()
def invoice_cancel_at_provider(invoice_id: int) -> None:
    from nutag.payments.services import invoice_cancel_at_provider as cancel

    cancel(invoice_id=invoice_id)


@task()
def invoices_expire_due() -> int:
    from nutag.payments.services import invoices_expire

    return invoices_expire()
