from typing import Any

from django.db import models

from nutag.core import permissions
from nutag.organisations.models import Organisation


@permissions.register(Organisation)
class OrganisationPolicy:
    """Government organisations are public; platform admins change them, organisation admins their own units."""

    def can(self, user: Any, action: str, obj: Any) -> bool:
        if action == "view":
            return True
        if getattr(user, "is_platform_admin", False):
            return True
        if action == "change":
            return user.is_authenticated and user.has_role_over(
                "org_admin", obj.territory_path, organisation=obj
            )
        return False

    def visible(self, user: Any, queryset: models.QuerySet[Any], action: str) -> models.QuerySet[Any]:
        if action == "view":
            return queryset
        if getattr(user, "is_platform_admin", False):
            return queryset
        return queryset.none()
