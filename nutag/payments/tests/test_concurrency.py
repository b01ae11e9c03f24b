"""Two payment checks of one paid invoice at the same moment (the payer's "check now" and QPay's callback), in
real threads with their own database connections: the invoice is paid once and the process advances once."""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import close_old_connections, connection

from nutag.cases.choices import RequestStatus
from nutag.cases.models import Request, RequestEvent
from nutag.payments import services
from nutag.payments.choices import InvoiceStatus
from nutag.payments.models import Invoice, Payment, Refund, SandboxInvoice, SandboxPayment
from nutag.payments.tests.conftest import invoice_of, run_worker

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("concurrency")]


def _race(*actions: Callable[[], Any]) -> list[Any]:
    barrier = threading.Barrier(len(actions))
    results: list[Any] = [None] * len(actions)

    def run(index: int, action: Callable[[], Any]) -> None:
        barrier.wait()
        try:
            results[index] = action()
        except Exception as error:
            results[index] = error
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_simultaneous_checks_mark_the_invoice_paid_once(sandbox: str, awaiting_fee: Request) -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "real concurrency runs on PostgreSQL (CI's second pass); the in-memory SQLite test database locks whole tables"
        )
    run_worker()
    invoice = invoice_of(awaiting_fee)
    SandboxPayment.objects.create(
        invoice=SandboxInvoice.objects.get(invoice_id=invoice.provider_invoice_id),
        payment_id="4242",
        status="PAID",
        amount_mnt=25000,
        paid_at=invoice.created_at,
    )
    results = _race(*[lambda: services.invoice_check(invoice=invoice, actor=None) for _ in range(3)])
    assert all(isinstance(result, Invoice) for result in results), results
    assert Invoice.objects.get(pk=invoice.pk).status == InvoiceStatus.PAID
    assert Payment.objects.count() == 1 and not Refund.objects.exists()
    assert Request.objects.get(pk=awaiting_fee.pk).status == RequestStatus.COMPLETED
    assert RequestEvent.objects.filter(request=awaiting_fee, kind="paid").count() == 1
