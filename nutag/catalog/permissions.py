from typing import Any

from django.db import models

from nutag.accounts.choices import Role
from nutag.catalog.choices import AdoptionStatus, VersionStatus
from nutag.catalog.models import Adoption, ServiceVersion
from nutag.core import permissions


def _is_designer(user: Any) -> bool:
    return user.is_authenticated and (user.is_platform_admin or user.has_role(Role.DESIGNER))


@permissions.register(ServiceVersion)
class ServiceVersionPolicy:
    """Published and retired versions are public; drafts are seen and changed by service designers only."""

    def can(self, user: Any, action: str, obj: Any) -> bool:
        if action == "view":
            return obj.status != VersionStatus.DRAFT or _is_designer(user)
        return _is_designer(user)

    def visible(self, user: Any, queryset: models.QuerySet[Any], action: str) -> models.QuerySet[Any]:
        if _is_designer(user):
            return queryset
        if action == "view":
            return queryset.exclude(status=VersionStatus.DRAFT)
        return queryset.none()


@permissions.register(Adoption)
class AdoptionPolicy:
    """Offered adoptions are public. Organisation admins see and change those of their territory; designers and
    analysts see all."""

    def can(self, user: Any, action: str, obj: Any) -> bool:
        if not user.is_authenticated:
            return action == "view" and obj.status == AdoptionStatus.OFFERED
        if user.is_platform_admin or user.has_role_over(Role.ORG_ADMIN, obj.territory_path):
            return True
        if action == "view":
            return (
                obj.status == AdoptionStatus.OFFERED
                or user.has_role(Role.DESIGNER)
                or user.has_role(Role.ANALYST)
            )
        return False

    def visible(self, user: Any, queryset: models.QuerySet[Any], action: str) -> models.QuerySet[Any]:
        if user.is_authenticated and (
            user.is_platform_admin
            or (action == "view" and (user.has_role(Role.DESIGNER) or user.has_role(Role.ANALYST)))
        ):
            return queryset
        own = (
            permissions.within_paths(user.scopes(Role.ORG_ADMIN), "territory_path")
            if user.is_authenticated
            else None
        )
        if action == "view":
            public = models.Q(status=AdoptionStatus.OFFERED)
            return queryset.filter(public | own) if own is not None else queryset.filter(public)
        return queryset.filter(own) if own is not None else queryset.none()
