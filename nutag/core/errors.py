"""The one family of domain errors. Pages show them as form errors; the API maps them to 4xx with one body."""

from typing import Any


class DomainError(Exception):
    """A rule of the domain refused the action; nothing was changed."""

    status_code = 400
    code = "invalid"

    def __init__(
        self, message: str, *, code: str | None = None, details: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.details = details or {}


class ValidationFailed(DomainError):
    code = "validation_failed"


class PermissionDenied(DomainError):
    status_code = 403
    code = "permission_denied"


class NotFound(DomainError):
    status_code = 404
    code = "not_found"


class Conflict(DomainError):
    """Someone else changed the object first (stale version, concurrent action, duplicate)."""

    status_code = 409
    code = "conflict"
