"""The session engine (SESSION_ENGINE): sessions in the database, each row beside its user's id, so that the
session and its user are read in one query. Django then checks the user against the session (its auth hash, the
backend) exactly as it does for any engine; it is only spared the second query.

The user read with the session reaches the authentication backend through `prefetched_user`, set for the time
of
one `auth.get_user` call by accounts.middleware."""

import contextvars
from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.utils import timezone

from nutag.core.queries import Compiled

prefetched_user: contextvars.ContextVar[Any] = contextvars.ContextVar("prefetched_user", default=None)


def _session_query(key: str) -> Any:
    from nutag.accounts.models import UserSession

    return UserSession.objects.select_related("user").filter(session_key=key)


_SESSION = Compiled(_session_query, placeholders=["-"])


class SessionStore(DatabaseSessionStore):
    def __init__(self, session_key: str | None = None) -> None:
        super().__init__(session_key)
        self.stored_user: Any = None  # the user stored beside the session, as read with it

    @classmethod
    def get_model_class(cls) -> Any:
        from nutag.accounts.models import UserSession

        return UserSession

    def _get_session_from_db(self) -> Any:
        session = _SESSION.first(self.session_key) if self.session_key else None
        if session is None or session.expire_date <= timezone.now():
            self._session_key = None
            return None
        self.stored_user = session.user
        return session

    def create_model_instance(self, data: dict[str, Any]) -> Any:
        instance: Any = super().create_model_instance(data)
        user_id = data.get(SESSION_KEY)
        instance.user_id = int(user_id) if user_id is not None and str(user_id).isdigit() else None
        return instance
