from typing import Any

from django.contrib import auth
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.middleware import AuthenticationMiddleware as DjangoAuthenticationMiddleware
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from nutag.accounts.sessions import prefetched_user


def _user(request: HttpRequest) -> Any:
    """Django's `auth.get_user`, which checks the session's user (backend, auth hash, active) as always; the
    backend finds the user already read with the session instead of asking the database again."""
    if SESSION_KEY not in request.session:  # reads the session, and with it the user stored beside it
        return auth.get_user(request)
    token = prefetched_user.set(getattr(request.session, "stored_user", None))
    try:
        return auth.get_user(request)
    finally:
        prefetched_user.reset(token)


class AuthenticationMiddleware(DjangoAuthenticationMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _user(request))  # type: ignore[assignment]
