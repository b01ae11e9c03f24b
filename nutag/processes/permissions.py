"""Who may see and upload process models.

* Reference processes: every signed-in member of staff sees those of published (and retired) versions;
  drafts are seen by service designers. Designers upload them (to a draft version only, see services).
* Variants: seen by designers, analysts and the organisation admins of the adoption's territory; uploaded by
  those organisation admins only.
* Platform admins may do everything; citizens and anonymous visitors nothing.
"""

from typing import Any

from django.db import models
from django.db.models import Q

from nutag.accounts.choices import Role
from nutag.catalog.choices import VersionStatus
from nutag.catalog.models import Adoption, ServiceVersion
from nutag.core import permissions
from nutag.processes.models import ProcessModel

VIEW, UPLOAD = "view", "upload"


def is_staff_member(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active and not user.is_citizen)


def _is_designer(user: Any) -> bool:
    return user.is_platform_admin or user.has_role(Role.DESIGNER)


def _sees_all_variants(user: Any) -> bool:
    return user.is_platform_admin or user.has_role(Role.DESIGNER) or user.has_role(Role.ANALYST)


@permissions.register(ProcessModel)
class ProcessModelPolicy:
    """``obj`` may be an unsaved ProcessModel that only names its owner: "may this user upload to it?"."""

    def can(self, user: Any, action: str, obj: Any) -> bool:
        if not is_staff_member(user):
            return False
        if obj.adoption_id is not None:
            adoption = obj.adoption
            in_territory = user.has_role_over(Role.ORG_ADMIN, adoption.territory_path)
            if action == VIEW:
                return in_territory or _sees_all_variants(user)
            return action == UPLOAD and (in_territory or user.is_platform_admin)
        if action == VIEW:
            return obj.version.status != VersionStatus.DRAFT or _is_designer(user)
        return action == UPLOAD and _is_designer(user)

    def visible(self, user: Any, queryset: models.QuerySet[Any], action: str) -> models.QuerySet[Any]:
        if action != VIEW or not is_staff_member(user):
            return queryset.none()
        if user.is_platform_admin or user.has_role(Role.DESIGNER):
            return queryset
        references = Q(version__isnull=False) & ~Q(version__status=VersionStatus.DRAFT)
        if user.has_role(Role.ANALYST):
            return queryset.filter(references | Q(adoption__isnull=False))
        own = permissions.within_paths(user.scopes(Role.ORG_ADMIN), "adoption__territory_path")
        return queryset.filter(references | (Q(adoption__isnull=False) & own))


def may_upload(user: Any, owner: ServiceVersion | Adoption) -> bool:
    """May the user upload a process model to this version (reference) or adoption (variant)?"""
    candidate = ProcessModel(adoption=owner) if isinstance(owner, Adoption) else ProcessModel(version=owner)
    return permissions.may(user, UPLOAD, candidate)


def may_see_variants_of(user: Any, adoption: Adoption) -> bool:
    return permissions.may(user, VIEW, ProcessModel(adoption=adoption))


def adoptions_with_visible_variants(
    user: Any, queryset: models.QuerySet[Adoption]
) -> models.QuerySet[Adoption]:
    """Those adoptions whose variant (and so whose process variance) the user may see."""
    if not is_staff_member(user):
        return queryset.none()
    if _sees_all_variants(user):
        return queryset
    return queryset.filter(permissions.within_paths(user.scopes(Role.ORG_ADMIN), "territory_path"))
