"""Django's flush, which test runs use between transactional tests. On SQLite it empties tables with DELETE, which
the append-only triggers refuse; in test runs (NUTAG_TESTING) the triggers are lifted for the flush and put back.
Outside tests the append-only tables stay protected and flush refuses to empty them."""

from typing import Any

from django.conf import settings
from django.core.management.commands.flush import Command as FlushCommand
from django.db import connections

from nutag.core.append_only import triggers_create, triggers_drop


class Command(FlushCommand):
    def handle(self, **options: Any) -> None:
        connection = connections[options["database"]]
        if not settings.TESTING or connection.vendor != "sqlite":
            return super().handle(**options)
        triggers_drop(connection)
        try:
            super().handle(**options)
        finally:
            triggers_create(connection)
