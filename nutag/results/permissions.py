"""Who may do what with result documents. Downloading follows the request (its applicant, the operator who filed
it, officers and supervisors of the resolving office); operators of the place print for citizens at a service
point; officers and supervisors of the issuing office revoke. Templates belong to service designers."""

from typing import Any

from django.db import models
from django.db.models import Q

from nutag.accounts.choices import Role
from nutag.cases.models import Request
from nutag.core import permissions
from nutag.results.models import ResultDocument, ResultTemplate


def _operator_of_place(user: Any, document: ResultDocument) -> bool:
    return user.has_role_over(Role.OPERATOR, document.request.territory_path)


def _resolver(user: Any, organisation_id: int) -> bool:
    return any(
        a.role in (Role.OFFICER, Role.SUPERVISOR) and a.organisation_id == organisation_id
        for a in user.role_assignments
    )


@permissions.register(ResultDocument)
class ResultDocumentPolicy:
    def can(self, user: Any, action: str, obj: Any) -> bool:
        if not user.is_authenticated:
            return False
        if action == "view":
            return permissions.may(user, "view", obj.request) or _operator_of_place(user, obj)
        if action == "print":
            return obj.request.operator_id == user.pk or _operator_of_place(user, obj)
        if action == "revoke":
            return _resolver(user, obj.organisation_id)
        return False

    def visible(self, user: Any, queryset: models.QuerySet[Any], action: str) -> models.QuerySet[Any]:
        if not user.is_authenticated or action != "view":
            return queryset.none()
        requests = permissions.visible_to(user, Request.objects.all()).values("pk")
        places = permissions.within_paths(user.scopes(Role.OPERATOR), "request__territory_path")
        return queryset.filter(Q(request__in=requests) | places)


def _is_designer(user: Any) -> bool:
    return user.is_authenticated and (user.is_platform_admin or user.has_role(Role.DESIGNER))


@permissions.register(ResultTemplate)
class ResultTemplatePolicy:
    def can(self, user: Any, action: str, obj: Any) -> bool:
        return _is_designer(user)

    def visible(self, user: Any, queryset: models.QuerySet[Any], action: str) -> models.QuerySet[Any]:
        return queryset if _is_designer(user) else queryset.none()
