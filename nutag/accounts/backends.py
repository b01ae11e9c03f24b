from typing import Any

from django.contrib.auth.backends import ModelBackend

from nutag.accounts.choices import UserKind


class PasswordBackend(ModelBackend):
    """Password sign-in is for staff only (citizens sign in through OpenID Connect), and never while locked.
    Restoring a session works for any active account, whichever way it signed in."""

    def authenticate(
        self, request: Any, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> Any:
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None or user.kind != UserKind.STAFF or user.is_locked:
            return None
        return user
