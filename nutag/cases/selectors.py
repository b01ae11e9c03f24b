"""Reads of requests: queues, my requests, the overdue, a request with everything its screen needs."""

import datetime
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from nutag.accounts.choices import Role
from nutag.cases.choices import (
    OPEN_STATUSES,
    WAITING_ON_APPLICANT,
    ConsultationStatus,
    DocumentRequestStatus,
    RequestStatus,
    WorkItemStatus,
)
from nutag.cases.models import AccessRecord, Consultation, DocumentRequest, Request, RequestEvent, WorkItem
from nutag.core.permissions import visible_to, within_paths
from nutag.organisations.choices import OrganisationKind
from nutag.organisations.models import Organisation


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
    # A queue row shows the number, the service's name, the place, the step and who took it: only those columns
    # are read (a busy district's queue is one indexed query and fifty narrow rows).
    return (
        items.select_related("request__service_version", "request__territory", "claimed_by")
        .only(*_QUEUE_FIELDS)
        .order_by("due_at", "id")
    )


_QUEUE_FIELDS = (
    "request",
    "claimed_by",
    "actions",
    "name",
    "role",
    "status",
    "due_at",
    "organisation_id",
    "request__number",
    "request__status",
    "request__service_version",
    "request__territory",
    "request__service_version__name_mn",
    "request__service_version__name_en",
    "request__territory__name_mn",
    "request__territory__name_en",
    "claimed_by__username",
    "claimed_by__full_name",
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
    ).exclude(status__in=WAITING_ON_APPLICANT)
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
        .exclude(status__in=WAITING_ON_APPLICANT)
        .select_related("service_version", "territory")
        .order_by("statutory_due_at")
    )


def requests_due_for_timers(*, now: datetime.datetime | None = None, limit: int = 500) -> QuerySet[Request]:
    return Request.objects.filter(next_timer_at__lte=now or timezone.now()).order_by("next_timer_at")[:limit]


CONSULTED_KINDS = (
    OrganisationKind.AIMAG_GOVERNOR_OFFICE,
    OrganisationKind.AIMAG_DEPARTMENT,
    OrganisationKind.SOUM_GOVERNOR_OFFICE,
)


def consultation_targets(*, request: Request) -> QuerySet[Organisation]:
    """The offices a question about `request` can go to: the aimag's governor's office and departments and its
    soums' (the capital's: its districts') offices, other than the office resolving the request."""
    aimag_path = ".".join(request.territory_path.split(".")[:2])
    return (
        Organisation.objects.filter(is_active=True, kind__in=CONSULTED_KINDS)
        .filter(within_paths([aimag_path], "territory_path"))
        .exclude(pk=request.organisation_id)
        .only("id", "code", "name_mn", "name_en", "kind", "territory_path")
        .order_by("territory_path", "kind", "code")
    )


def consultations_for_request(*, user: Any, request: Request) -> QuerySet[Consultation]:
    return visible_to(user, request.consultations.all()).select_related(
        "organisation", "asked_by", "answered_by", "withdrawn_by", "work_item"
    )


def consultations_for_office(*, user: Any, answered: bool = False) -> QuerySet[Consultation]:
    """Questions to the user's offices: the open ones (due first), or the recently answered ones."""
    if answered:
        consultations = visible_to(user, Consultation.objects.all()).filter(
            organisation_id__in=[a.organisation_id for a in user.role_assignments],
            status=ConsultationStatus.ANSWERED,
        )
        order = ["-answered_at"]
    else:
        consultations = visible_to(user, Consultation.objects.all(), "answer")
        order = ["due_at", "id"]
    return consultations.select_related(
        "request__service_version", "request__territory", "request__organisation", "organisation", "asked_by"
    ).order_by(*order)


def consultation_for_screen(*, user: Any, pk: int) -> Consultation | None:
    return (
        visible_to(user, Consultation.objects.all())
        .select_related(
            "request__service_version",
            "request__adoption__version",
            "request__territory",
            "request__organisation",
            "request__applicant",
            "organisation",
            "asked_by",
            "answered_by",
            "withdrawn_by",
            "work_item",
        )
        .filter(pk=pk)
        .first()
    )


def document_requests_for_request(*, request: Request) -> QuerySet[DocumentRequest]:
    return request.document_requests.select_related("requested_by", "sent_by")


def document_request_open(*, request: Request) -> DocumentRequest | None:
    if request.status != RequestStatus.DOCUMENTS_REQUESTED:
        return None
    return request.document_requests.filter(status=DocumentRequestStatus.OPEN).first()
