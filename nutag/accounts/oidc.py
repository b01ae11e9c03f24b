"""Citizen sign-in through an OpenID Connect provider (the national SSO ДАН is one), configured by environment."""

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from nutag.accounts.models import User
from nutag.accounts.register_number import InvalidRegisterNumber
from nutag.accounts.register_number import parse as parse_register_number


class CitizenOIDCBackend(OIDCAuthenticationBackend):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if settings.NUTAG_OIDC_ENABLED:
            super().__init__(*args, **kwargs)

    def authenticate(self, request: Any, **kwargs: Any) -> Any:
        if not settings.NUTAG_OIDC_ENABLED:
            return None
        return super().authenticate(request, **kwargs)

    def get_user(self, user_id: Any) -> Any:
        from nutag.accounts.backends import session_user

        return session_user(user_id)

    def _register_number(self, claims: dict[str, Any]) -> str | None:
        try:
            return parse_register_number(str(claims.get(settings.OIDC_REGISTER_NUMBER_CLAIM, ""))).value
        except InvalidRegisterNumber:
            return None

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return self._register_number(claims) is not None

    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[User]:
        return User.objects.filter(register_number=self._register_number(claims))

    def create_user(self, claims: dict[str, Any]) -> User:
        from nutag.accounts.services import citizen_get_or_create

        name = " ".join(filter(None, [claims.get("family_name", ""), claims.get("given_name", "")]))
        return citizen_get_or_create(register_number=str(self._register_number(claims)), full_name=name)

    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        return user
