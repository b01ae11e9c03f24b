"""API authentication: DRF's token scheme, with the token and its user read by a query compiled once per process
(see core.queries) instead of built by the ORM on every call."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.authtoken.models import Token

from nutag.core.queries import Compiled

_TOKEN = Compiled(
    lambda key: Token.objects.select_related("user").filter(key=key), placeholders=["token-key"]
)


class TokenAuthentication(authentication.TokenAuthentication):
    def authenticate_credentials(self, key: str) -> tuple[Any, Token]:
        token = _TOKEN.first(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        return token.user, token
