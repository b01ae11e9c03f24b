from typing import Any

from django.db import models

from nutag.core import permissions
from nutag.territory.models import TerritoryUnit


@permissions.register(TerritoryUnit)
class TerritoryPolicy:
    """Territory is public reference data; only platform admins change it (through the admin and the loader)."""

    def can(self, user: Any, action: str, obj: Any) -> bool:
        if action == "view":
            return True
        return bool(getattr(user, "is_platform_admin", False))

    def visible(self, user: Any, queryset: models.QuerySet[Any], action: str) -> models.QuerySet[Any]:
        return queryset if action == "view" else queryset.none()
