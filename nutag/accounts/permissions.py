from typing import Any

from django.db import models

from nutag.accounts.choices import Role
from nutag.accounts.models import RoleAssignment, User
from nutag.core import permissions


@permissions.register(User)
class UserPolicy:
    """People see themselves; organisation admins see the staff of organisations in their territory."""

    def can(self, user: Any, action: str, obj: Any) -> bool:
        if not user.is_authenticated:
            return False
        if user.is_platform_admin or obj.pk == user.pk:
            return True
        if action == "view":
            return any(
                user.has_role_over(Role.ORG_ADMIN, assignment.organisation.territory_path)
                for assignment in obj.role_assignments
            )
        return False

    def visible(self, user: Any, queryset: models.QuerySet[Any], action: str) -> models.QuerySet[Any]:
        if not user.is_authenticated:
            return queryset.none()
        if user.is_platform_admin:
            return queryset
        paths = user.scopes(Role.ORG_ADMIN) if action == "view" else []
        staff = queryset.filter(
            permissions.within_paths(paths, "assignments__organisation__territory_path")
        ).values("pk")
        return queryset.filter(models.Q(pk=user.pk) | models.Q(pk__in=staff))


@permissions.register(RoleAssignment)
class RoleAssignmentPolicy:
    def can(self, user: Any, action: str, obj: Any) -> bool:
        if not user.is_authenticated:
            return False
        if user.is_platform_admin:
            return True
        return user.has_role_over(Role.ORG_ADMIN, obj.organisation.territory_path)

    def visible(self, user: Any, queryset: models.QuerySet[Any], action: str) -> models.QuerySet[Any]:
        if not user.is_authenticated:
            return queryset.none()
        if user.is_platform_admin:
            return queryset
        return queryset.filter(
            permissions.within_paths(user.scopes(Role.ORG_ADMIN), "organisation__territory_path")
        )
