"""Who sees which figures. National analysts and designers (a role held in a national organisation) and
platform admins see every aimag; an analyst or designer whose organisation's jurisdiction is an aimag sees that
aimag and the national totals, and other aimags' rows are withheld. Everyone else is refused. The catalogue
side of the dashboard (coverage, variance, what to roll out next) is public information and shown to all who
may open the dashboard."""

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from nutag.accounts.choices import Role
from nutag.analytics.models import MonthlyAimagRollup, MonthlyDistribution, MonthlyRequestRollup
from nutag.core import permissions
from nutag.core.errors import PermissionDenied

INSIGHT_ROLES = (Role.ANALYST, Role.DESIGNER)


@dataclass(frozen=True)
class InsightScope:
    is_national: bool
    aimag_codes: frozenset[str]

    def sees(self, aimag_code: str) -> bool:
        return self.is_national or aimag_code in self.aimag_codes


def insight_scope(user: Any) -> InsightScope | None:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if user.is_citizen:
        return None
    if user.is_platform_admin:
        return InsightScope(is_national=True, aimag_codes=frozenset())
    paths = user.scopes(*INSIGHT_ROLES)
    if any("." not in path for path in paths):
        return InsightScope(is_national=True, aimag_codes=frozenset())
    aimags = frozenset(path.split(".")[1] for path in paths if path.count(".") == 1)
    return InsightScope(is_national=False, aimag_codes=aimags) if aimags else None


def insight_scope_require(user: Any) -> InsightScope:
    scope = insight_scope(user)
    if scope is None:
        raise PermissionDenied(_("Insights are for analysts, service designers and their leadership."))
    return scope


class AimagFiguresPolicy:
    """Rollup rows carry an aimag code: visible to those whose scope covers that aimag."""

    def can(self, user: Any, action: str, obj: Any) -> bool:
        scope = insight_scope(user)
        return scope is not None and action == "view" and scope.sees(obj.aimag_code)

    def visible(self, user: Any, queryset: models.QuerySet[Any], action: str) -> models.QuerySet[Any]:
        scope = insight_scope(user)
        if scope is None or action != "view":
            return queryset.none()
        if scope.is_national:
            return queryset
        return queryset.filter(aimag_code__in=scope.aimag_codes)


for _model in (MonthlyRequestRollup, MonthlyDistribution, MonthlyAimagRollup):
    permissions.register(_model)(AimagFiguresPolicy)
