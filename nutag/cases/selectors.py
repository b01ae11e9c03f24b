"""Reads of requests: queues, my requests, the overdue, a request with everything its screen needs."""

import datetime
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from nutag.accounts.choices import Role
from nutag.cases.choices import OPEN_STATUSES, RequestStatus, WorkItemStatus
from nutag.cases.models import AccessRecord, Request, RequestEvent, WorkItem
from nutag.core.permissions import visible_to


def queue_for(
    *,
    user: Any,
    mine_only: bool = False,
    overdue_only: bool = False,
    service: str = "",
    now: datetime.datetime | None = None,
) -> QuerySet[WorkItem]:
    """Open work the user may act on, overdue first, then by due time (one indexed query per page)."""
    items = visible_to(user, WorkItem.objects.filter(status=WorkItemStatus.OPEN))
    if mine_only:
        items = items.filter(claimed_by=user)
    if overdue_only:
        items = items.filter(due_at__lt=now or timezone.now())
    if service:
        items = items.filter(request__service__code=service)
    # A queue row shows the number, the service's name, the place and the step: the request's process state and
    # the version's form and documents stay in the database.
    return (
        items.select_related("request__service_version", "request__territory", "claimed_by")
        .defer(*_QUEUE_DEFERRED)
        .order_by("due_at", "id")
    )


_QUEUE_DEFERRED = (
    "actions",
    "request__state_json",
    "request__form_data",
    "request__service_version__form",
    "request__service_version__documents",
    "request__service_version__search_text",
    "request__service_version__description_mn",
    "request__service_version__description_en",
    "request__service_version__legal_basis_mn",
    "request__service_version__legal_basis_en",
    "request__territory__search_text",
)


def requests_for_applicant(*, user: Any) -> QuerySet[Request]:
    return (
        Request.objects.filter(applicant=user)
        .select_related("service_version", "territory", "organisation")
        .order_by("-created_at")
    )


def requests_filed_by_operator(*, user: Any) -> QuerySet[Request]:
    return (
        visible_to(user, Request.objects.filter(operator=user))
        .select_related("service_version", "applicant", "territory")
        .order_by("-created_at")
    )


def request_for_screen(*, user: Any, pk: int) -> Request | None:
    events = RequestEvent.objects.select_related("actor").order_by("at", "id")
    return (
        visible_to(user, Request.objects.all())
        .select_related("service_version", "territory", "organisation", "operator")
        .defer(
            "state_json",
            "service_version__form",
            "service_version__search_text",
            "service_version__legal_basis_mn",
            "service_version__legal_basis_en",
            "territory__search_text",
            "organisation__search_text",
        )
        .prefetch_related(
            Prefetch("events", queryset=events),
            "documents",
            Prefetch(
                "work_items",
                queryset=WorkItem.objects.filter(status=WorkItemStatus.OPEN).select_related("claimed_by"),
            ),
        )
        .filter(pk=pk)
        .first()
    )


def access_log_for_applicant(*, request: Request) -> QuerySet[AccessRecord]:
    return request.access_records.select_related("staff").order_by("-at")


def overdue_for_supervisor(*, user: Any, now: datetime.datetime | None = None) -> dict[str, int]:
    """Counts for the supervisor's offices: open requests, past the service norm, past the statutory deadline."""
    moment = now or timezone.now()
    organisations = [a.organisation_id for a in user.role_assignments if a.role == Role.SUPERVISOR]
    open_requests = Request.objects.filter(
        organisation_id__in=organisations, status__in=OPEN_STATUSES
    ).exclude(status=RequestStatus.RETURNED)
    return open_requests.aggregate(
        open=Count("id"),
        past_norm=Count("id", filter=Q(norm_due_at__lt=moment)),
        past_deadline=Count("id", filter=Q(statutory_due_at__lt=moment)),
    )


def overdue_requests(*, user: Any, now: datetime.datetime | None = None) -> QuerySet[Request]:
    moment = now or timezone.now()
    organisations = [a.organisation_id for a in user.role_assignments if a.role == Role.SUPERVISOR]
    return (
        Request.objects.filter(
            organisation_id__in=organisations, status__in=OPEN_STATUSES, norm_due_at__lt=moment
        )
        .exclude(status=RequestStatus.RETURNED)
        .select_related("service_version", "territory")
        .order_by("statutory_due_at")
    )


def requests_due_for_timers(*, now: datetime.datetime | None = None, limit: int = 500) -> QuerySet[Request]:
    return Request.objects.filter(next_timer_at__lte=now or timezone.now()).order_by("next_timer_at")[:limit]
