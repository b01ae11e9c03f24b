"""The one place that answers "may this user do X to this object" and "which objects may this user see".

Each domain registers a policy for its models (in its own permissions.py); pages, API and services all ask here.
"""

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from django.db import models
from django.db.models import Q

from nutag.core.errors import PermissionDenied

M = TypeVar("M", bound=models.Model)


class Policy(Protocol):
    def can(self, user: Any, action: str, obj: Any) -> bool: ...

    def visible(self, user: Any, queryset: models.QuerySet[Any], action: str) -> models.QuerySet[Any]: ...


_policies: dict[type[models.Model], Policy] = {}


def register(model: type[models.Model]) -> Callable[[type[Any]], type[Any]]:
    def decorate(policy_class: type[Any]) -> type[Any]:
        _policies[model] = policy_class()
        return policy_class

    return decorate


def _policy_for(model: type[models.Model]) -> Policy:
    for klass in model.__mro__:
        if klass in _policies:
            return _policies[klass]
    raise LookupError(f"No permission policy registered for {model.__name__}")


def _refused(user: Any) -> bool:
    """Nobody, and signed-in accounts that were deactivated, may do anything; anonymous visitors are asked about."""
    return user is None or (user.is_authenticated and not user.is_active)


def may(user: Any, action: str, obj: models.Model) -> bool:
    if _refused(user):
        return False
    return _policy_for(type(obj)).can(user, action, obj)


def require(user: Any, action: str, obj: models.Model, message: str = "") -> None:
    """Raise PermissionDenied unless `user` may act. `None` is Nutag itself (loaders, commands, the worker)."""
    if user is None:
        return
    if not may(user, action, obj):
        from django.utils.translation import gettext

        raise PermissionDenied(message or gettext("You may not do this."))


def visible_to(user: Any, queryset: models.QuerySet[M], action: str = "view") -> models.QuerySet[M]:
    if _refused(user):
        return queryset.none()
    return _policy_for(queryset.model).visible(user, queryset, action)


def within_paths(paths: list[str], field: str) -> Q:
    """Rows whose territory path (`field`) is one of `paths` or lies below one of them."""
    if not paths:
        return Q(pk__in=[])
    condition = Q()
    for path in sorted(set(paths)):
        condition |= Q(**{field: path}) | Q(**{f"{field}__startswith": path + "."})
    return condition


def path_within(path: str, scope: str) -> bool:
    return path == scope or path.startswith(scope + ".")
