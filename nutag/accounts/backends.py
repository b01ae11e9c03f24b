from typing import Any

from django.contrib.auth.backends import ModelBackend

from nutag.accounts.choices import UserKind
from nutag.accounts.models import User
from nutag.accounts.sessions import prefetched_user
from nutag.core.queries import Compiled

# Every signed-in request restores its user: compiled once per process (see core.queries).
_SESSION_USER = Compiled(lambda pk: User.objects.filter(pk=pk), placeholders=[0])


def session_user(user_id: Any) -> User | None:
    """The active account a session belongs to, however it signed in (a deactivated account is signed out)."""
    try:
        pk = int(user_id)
    except (TypeError, ValueError):
        return None
    prefetched = prefetched_user.get()  # read with the session, in the same query (accounts.sessions)
    user = prefetched if prefetched is not None and prefetched.pk == pk else _SESSION_USER.first(pk)
    return user if user is not None and user.is_active else None


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

    def get_user(self, user_id: Any) -> Any:
        return session_user(user_id)
