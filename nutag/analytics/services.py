"""Writes of the insights app: bringing the rollups up to date, now or in the background."""

import datetime

from django.db import transaction

from nutag.accounts.models import User
from nutag.analytics import rollups
from nutag.analytics.models import RollupCursor
from nutag.analytics.permissions import insight_scope_require
from nutag.core import audit


def rollups_refresh(
    *, actor: User | None = None, batch_size: int = rollups.BATCH_SIZE, now: datetime.datetime | None = None
) -> int:
    """Fold the events since the last refresh into the rollups (batch by batch, each its own transaction, so a
    long catch-up does not hold locks); returns the number of events folded. `None` is Nutag itself."""
    if actor is not None:
        insight_scope_require(actor)
    return rollups.refresh(batch_size=batch_size, now=now)


def rollups_rebuild(*, actor: User | None = None) -> int:
    """Compute the rollups again from the whole event log at once (set-based on PostgreSQL): after a migration
    that changes them, or to check them. Returns the events taken in."""
    if actor is not None:
        insight_scope_require(actor)
    return rollups.rebuild()


@transaction.atomic
def rollups_refresh_request(*, actor: User) -> RollupCursor:
    """An analyst asks for fresh figures: the worker folds the new events once this commits."""
    from nutag.analytics.tasks import rollups_refresh_task

    insight_scope_require(actor)
    cursor, _created = RollupCursor.objects.get_or_create(name=rollups.CURSOR)
    audit.record(actor=actor, action="insights_refresh_requested", obj=cursor)
    rollups_refresh_task.enqueue()
    return cursor
