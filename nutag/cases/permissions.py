"""Who sees and changes a request: the applicant; the operator who filed it, while it is open and for 30 days
after; officers and supervisors of the resolving organisation. Nobody else, admins included, through these pages.
A question to another office (Consultation) is seen by the resolving office and by the office asked, and only the
office asked answers it; that office reads the request's answers and documents while the question is open."""

import datetime
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone

from nutag.accounts.choices import Role
from nutag.cases.choices import FINAL_STATUSES, ConsultationStatus, RequestStatus
from nutag.cases.models import Consultation, Request, WorkItem
from nutag.core import permissions

OPERATOR_WINDOW = datetime.timedelta(days=30)
RESOLVING_ROLES = (Role.OFFICER, Role.SUPERVISOR)


def _operator_may_see(user: Any, request: Request) -> bool:
    if request.operator_id != user.pk:
        return False
    return request.closed_at is None or request.closed_at > timezone.now() - OPERATOR_WINDOW


def _resolves(user: Any, organisation_id: int) -> bool:
    return any(
        a.role in RESOLVING_ROLES and a.organisation_id == organisation_id for a in user.role_assignments
    )


@permissions.register(Request)
class RequestPolicy:
    def can(self, user: Any, action: str, obj: Any) -> bool:
        if not user.is_authenticated:
            return False
        if action == "edit":  # answers, documents, submission, corrections
            editable = obj.status in (
                RequestStatus.DRAFT,
                RequestStatus.RETURNED,
                RequestStatus.DOCUMENTS_REQUESTED,
            )
            return editable and (
                obj.applicant_id == user.pk
                or (_operator_may_see(user, obj) and obj.status not in FINAL_STATUSES)
            )
        if action == "view":
            return (
                obj.applicant_id == user.pk
                or _operator_may_see(user, obj)
                or (obj.status != RequestStatus.DRAFT and _resolves(user, obj.organisation_id))
            )
        return False

    def visible(self, user: Any, queryset: models.QuerySet[Any], action: str) -> models.QuerySet[Any]:
        if not user.is_authenticated or action != "view":
            return queryset.none()
        organisations = [a.organisation_id for a in user.role_assignments if a.role in RESOLVING_ROLES]
        recent = Q(closed_at__isnull=True) | Q(closed_at__gt=timezone.now() - OPERATOR_WINDOW)
        return queryset.filter(
            Q(applicant=user)
            | (Q(operator=user) & recent)
            | (Q(organisation_id__in=organisations) & ~Q(status=RequestStatus.DRAFT))
        )


@permissions.register(WorkItem)
class WorkItemPolicy:
    def can(self, user: Any, action: str, obj: Any) -> bool:
        return user.is_authenticated and any(
            a.organisation_id == obj.organisation_id and (a.role == obj.role or a.role == Role.SUPERVISOR)
            for a in user.role_assignments
        )

    def visible(self, user: Any, queryset: models.QuerySet[Any], action: str) -> models.QuerySet[Any]:
        if not user.is_authenticated:
            return queryset.none()
        condition = Q(pk__in=[])
        for assignment in user.role_assignments:
            if assignment.role == Role.SUPERVISOR:
                condition |= Q(organisation_id=assignment.organisation_id)
            elif assignment.role in (Role.OFFICER, Role.OPERATOR):
                condition |= Q(organisation_id=assignment.organisation_id, role=assignment.role)
        return queryset.filter(condition)


def _resolving_organisations(user: Any) -> list[int]:
    return [a.organisation_id for a in user.role_assignments if a.role in RESOLVING_ROLES]


@permissions.register(Consultation)
class ConsultationPolicy:
    """view: the office asked and the resolving office; answer: the office asked, while open; view_request (the
    citizen's answers and documents): the office asked while open, the resolving office always; withdraw: the
    officer who asked, the holder of the step or a supervisor of the resolving office, while open."""

    def can(self, user: Any, action: str, obj: Any) -> bool:
        if not user.is_authenticated or user.is_citizen:
            return False
        asked = _resolves(user, obj.organisation_id)
        resolving = _resolves(user, obj.request.organisation_id)
        is_open = obj.status == ConsultationStatus.OPEN
        if action == "view":
            return asked or resolving
        if action == "answer":
            return asked and is_open
        if action == "view_request":
            return resolving or (asked and is_open)
        if action == "withdraw":
            return is_open and (
                obj.asked_by_id == user.pk
                or (resolving and obj.work_item.claimed_by_id == user.pk)
                or any(
                    a.role == Role.SUPERVISOR and a.organisation_id == obj.request.organisation_id
                    for a in user.role_assignments
                )
            )
        return False

    def visible(self, user: Any, queryset: models.QuerySet[Any], action: str) -> models.QuerySet[Any]:
        if not user.is_authenticated or user.is_citizen:
            return queryset.none()
        organisations = _resolving_organisations(user)
        if action == "answer":
            return queryset.filter(organisation_id__in=organisations, status=ConsultationStatus.OPEN)
        if action == "view":
            return queryset.filter(
                Q(organisation_id__in=organisations) | Q(request__organisation_id__in=organisations)
            )
        return queryset.none()
