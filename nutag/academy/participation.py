"""Preventing a second answer to an anonymous survey without recording who answered.

The key is HMAC-SHA256 of (survey id, person) under a key derived from the server's SECRET_KEY. It is one-way:
without the secret nobody (a database administrator included) can tell whose key a row is, nor test a guess;
with the secret one can only test whether a given person answered — never which answer is theirs, because the
row holds no response id, no time and no person. Rotating SECRET_KEY forgets who answered open surveys."""

from django.conf import settings
from django.utils.crypto import salted_hmac

from nutag.accounts.models import User

_SALT = "nutag.academy.survey-participation"


def person_key(*, user: User | None = None, register_number: str = "") -> str:
    """The same person answering online and in person gets one key: citizens are known by register number."""
    if user is not None and user.register_number:
        return f"rn:{user.register_number}"
    if user is not None:
        return f"user:{user.pk}"
    return f"rn:{register_number}"


def participation_key(*, survey_id: int, person: str) -> str:
    return salted_hmac(
        _SALT, f"{survey_id}:{person}", secret=settings.SECRET_KEY, algorithm="sha256"
    ).hexdigest()
