"""Who sees and pays an invoice: the applicant, and the staff who may see the request; operators and officers
of the request's aimag or soum (a service point's cash desk) also see it, to record a cash payment."""

from typing import Any

from django.db import models
from django.db.models import Q

from nutag.accounts.choices import Role
from nutag.cases.models import Request
from nutag.core import permissions
from nutag.payments.models import Invoice, Payment

CASH_ROLES = (Role.OPERATOR, Role.OFFICER)


def _at_cash_desk(user: Any, invoice: Invoice) -> bool:
    return user.is_platform_admin or any(
        user.has_role_over(role, invoice.request.territory_path) for role in CASH_ROLES
    )


@permissions.register(Invoice)
class InvoicePolicy:
    def can(self, user: Any, action: str, obj: Any) -> bool:
        if not user.is_authenticated:
            return False
        if action == "pay":
            return obj.request.applicant_id == user.pk
        if action == "record_cash":
            return not user.is_citizen and _at_cash_desk(user, obj)
        if action == "view":
            return (
                obj.request.applicant_id == user.pk
                or permissions.may(user, "view", obj.request)
                or (not user.is_citizen and _at_cash_desk(user, obj))
            )
        return False

    def visible(self, user: Any, queryset: models.QuerySet[Any], action: str) -> models.QuerySet[Any]:
        if not user.is_authenticated or action != "view":
            return queryset.none()
        if user.is_platform_admin:
            return queryset
        visible_requests = permissions.visible_to(user, Request.objects.all()).values("pk")
        desks = permissions.within_paths(user.scopes(*CASH_ROLES), "request__territory_path")
        return queryset.filter(Q(request__applicant=user) | Q(request__in=visible_requests) | desks)


@permissions.register(Payment)
class PaymentPolicy:
    """A payment and its receipt are seen by whoever sees its invoice."""

    def can(self, user: Any, action: str, obj: Any) -> bool:
        return action == "view" and permissions.may(user, "view", obj.invoice)

    def visible(self, user: Any, queryset: models.QuerySet[Any], action: str) -> models.QuerySet[Any]:
        invoices = permissions.visible_to(user, Invoice.objects.all(), action).values("pk")
        return queryset.filter(invoice__in=invoices)
