from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "nutag.payments"
    label = "payments"
    verbose_name = _("Fees and payments")

    def ready(self) -> None:
        from nutag.cases import runtime
        from nutag.payments import permissions  # noqa: F401  (registers the policies)
        from nutag.payments.services import invoice_open_for_request, invoices_close_for_request

        if invoice_open_for_request not in runtime.SERVICE_TASK_HOOKS.get("request-fee", []):
            runtime.register_service_task_hook("request-fee", invoice_open_for_request)
        if invoices_close_for_request not in runtime.CLOSING_HOOKS:
            runtime.register_closing_hook(invoices_close_for_request)
