"""Documents of other apps checked on the same public verification page (by typed code or QR code).

An app that issues its own documents (the academy's training certificates) registers a resolver in its
AppConfig.ready: a function from a normalised code to a `VerifiedRecord`, or None when the code is not one of
its own. Results never imports those apps; the page shows what the record holds and nothing more."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class VerifiedRecord:
    """What the public may read about a genuine document found by its code."""

    kind: str
    title_label: str
    title: str
    holder_name: str
    issued_by: str
    issued_on: datetime.date
    details: tuple[tuple[str, str], ...] = ()
    is_revoked: bool = False


CodeResolver = Callable[[str], VerifiedRecord | None]

_resolvers: list[CodeResolver] = []


def register_code_resolver(resolver: CodeResolver) -> None:
    if resolver not in _resolvers:
        _resolvers.append(resolver)


def record_for_code(code: str) -> VerifiedRecord | None:
    for resolver in _resolvers:
        record = resolver(code)
        if record is not None:
            return record
    return None
