"""Folding the request event log into the rollups, incrementally: each run takes the events after the cursor,
reads them with their requests in one query, adds their figures to the rollup rows with one upsert per table
(`INSERT … ON CONFLICT DO UPDATE SET n = n + excluded.n`, the same SQL on PostgreSQL and SQLite) and moves the
cursor, all in one transaction that holds the cursor row locked, so two runs at once fold each event once.

What each event adds (months are Ulaanbaatar months):
- `submitted`: one submission in the month of the event, for the request's aimag, service and channel;
- the event that closes a request (status before it open, after it completed/rejected/expired): one closing,
  its resolution time (event time − submission time, calendar time, paused time included), whether it closed
  within the service norm and the statutory deadline as they stood at closing, and whether it had been returned
  for correction; and one count in the resolution-time histogram;
- `returned_for_correction`: one return;
- `decided` at a step: the time its work item was open (created to completed) at that step.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from nutag.analytics.models import (
    CoverageSnapshot,
    EventGap,
    MonthlyRequestRollup,
    ResolutionHistogram,
    RollupCursor,
    StepDurationRollup,
)
from nutag.cases.calendar import LOCAL
from nutag.cases.choices import FINAL_STATUSES
from nutag.cases.models import RequestEvent, WorkItem
from nutag.catalog.choices import VersionStatus
from nutag.catalog.models import CoverageCell, ReferenceService

CURSOR = "requests"
BATCH_SIZE = 20_000
SUB_BUCKETS = 8  # per doubling: a bucket's midpoint is within 1/16 = 6.25 % of any value in it
GAP_PATIENCE = datetime.timedelta(hours=1)  # longer than any request transaction


def bucket_of(seconds: int) -> int:
    """Log-linear bucket of a duration: 0 for under a second, then SUB_BUCKETS equal slices of each doubling."""
    if seconds < 1:
        return 0
    exponent = seconds.bit_length() - 1
    return 1 + exponent * SUB_BUCKETS + (((seconds - (1 << exponent)) * SUB_BUCKETS) >> exponent)


def bucket_bounds(bucket: int) -> tuple[float, float]:
    if bucket == 0:
        return 0.0, 1.0
    exponent, slice_ = divmod(bucket - 1, SUB_BUCKETS)
    low = (1 << exponent) * (1 + slice_ / SUB_BUCKETS)
    return low, low + (1 << exponent) / SUB_BUCKETS


def bucket_midpoint(bucket: int) -> float:
    low, high = bucket_bounds(bucket)
    return (low + high) / 2


def month_of(moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(LOCAL).date().replace(day=1)


@dataclass
class Fold:
    """The figures a batch of events adds, keyed like the rollup rows."""

    requests: dict[tuple[Any, ...], list[int]]
    histogram: dict[tuple[Any, ...], list[int]]
    steps: dict[tuple[Any, ...], list[int]]


REQUEST_COUNTERS = [
    "submitted",
    "closed",
    "completed",
    "rejected",
    "expired",
    "returns",
    "closed_after_return",
    "within_norm",
    "within_deadline",
    "resolution_seconds_sum",
]
FIELDS = [
    "id",
    "at",
    "kind",
    "status_before",
    "status_after",
    "step",
    "request__aimag_code",
    "request__service_id",
    "request__channel",
    "request__submitted_at",
    "request__norm_due_at",
    "request__statutory_due_at",
    "was_returned",
    "step_opened_at",
]


def _events(condition: models.Q, limit: int | None = None) -> list[tuple[Any, ...]]:
    """The events with what their figures need, in one query."""
    queryset = (
        RequestEvent.objects.filter(condition)
        .annotate(
            was_returned=Exists(
                RequestEvent.objects.filter(request_id=OuterRef("request_id"), kind="returned_for_correction")
            ),
            step_opened_at=Subquery(
                WorkItem.objects.filter(
                    request_id=OuterRef("request_id"), name=OuterRef("step"), completed_at=OuterRef("at")
                ).values("created_at")[:1]
            ),
        )
        .order_by("id")
        .values_list(*FIELDS)
    )
    return list(queryset[:limit] if limit else queryset)


def fold(rows: Iterable[Sequence[Any]]) -> Fold:
    requests: dict[tuple[Any, ...], list[int]] = defaultdict(lambda: [0] * len(REQUEST_COUNTERS))
    histogram: dict[tuple[Any, ...], list[int]] = defaultdict(lambda: [0])
    steps: dict[tuple[Any, ...], list[int]] = defaultdict(lambda: [0, 0])
    final = set(FINAL_STATUSES)
    for (
        _id,
        at,
        kind,
        before,
        after,
        step,
        aimag,
        service,
        channel,
        submitted_at,
        norm_due,
        statutory_due,
        was_returned,
        opened_at,
    ) in rows:
        key = (month_of(at), aimag, service, channel)
        if kind == "submitted":
            requests[key][0] += 1
        if kind == "returned_for_correction":
            requests[key][5] += 1
        if before and before not in final and after in final and submitted_at is not None:
            seconds = max(0, int((at - submitted_at).total_seconds()))
            counters = requests[key]
            counters[1] += 1
            counters[2 + ("completed", "rejected", "expired").index(after)] += 1
            counters[6] += bool(was_returned)
            counters[7] += norm_due is not None and at <= norm_due
            counters[8] += statutory_due is not None and at <= statutory_due
            counters[9] += seconds
            histogram[(*key, bucket_of(seconds))][0] += 1
        if kind == "decided" and step and opened_at is not None:
            duration = steps[(*key, step[:120])]
            duration[0] += 1
            duration[1] += max(0, int((at - opened_at).total_seconds()))
    return Fold(requests=requests, histogram=histogram, steps=steps)


def _column(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)
    return str(field.column)


def _upsert_add(
    model: type[models.Model], keys: list[str], counters: list[str], items: dict[tuple[Any, ...], list[int]]
) -> None:
    if not items:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    columns = [_column(model, name) for name in keys + counters]
    key_columns = ", ".join(columns[: len(keys)])
    updates = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in columns[len(keys) :])
    rows = [
        [connection.ops.adapt_datefield_value(key[0]), *key[1:], *values] for key, values in items.items()
    ]
    row_sql = "(" + ", ".join(["%s"] * len(columns)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 500):
            chunk = rows[start : start + 500]
            values = ", ".join([row_sql] * len(chunk))
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES {values} "  # noqa: S608 - model names
            cursor.execute(
                sql + f"ON CONFLICT ({key_columns}) DO UPDATE SET {updates}",
                [value for row in chunk for value in row],
            )


def apply(result: Fold) -> None:
    _upsert_add(
        MonthlyRequestRollup, ["month", "aimag_code", "service", "channel"], REQUEST_COUNTERS, result.requests
    )
    _upsert_add(
        ResolutionHistogram,
        ["month", "aimag_code", "service", "channel", "bucket"],
        ["count"],
        result.histogram,
    )
    _upsert_add(
        StepDurationRollup,
        ["month", "aimag_code", "service", "channel", "step"],
        ["count", "seconds_sum"],
        result.steps,
    )


def _cursor() -> RollupCursor:
    RollupCursor.objects.get_or_create(name=CURSOR)
    return RollupCursor.objects.select_for_update().get(name=CURSOR)


def fold_batch(*, batch_size: int = BATCH_SIZE, now: datetime.datetime | None = None) -> int:
    """Fold the next batch of events (and any late ones of earlier gaps); returns how many were folded."""
    moment = now or timezone.now()
    with transaction.atomic():
        cursor = _cursor()
        gaps = list(EventGap.objects.values_list("event_id", "noted_at"))
        late = _events(models.Q(id__in=[gap for gap, _noted in gaps])) if gaps else []
        rows = _events(models.Q(id__gt=cursor.last_event_id), batch_size)
        result = fold([*late, *rows])
        apply(result)
        seen = {row[0] for row in late}
        expired = [gap for gap, noted in gaps if gap not in seen and moment - noted > GAP_PATIENCE]
        EventGap.objects.filter(event_id__in=seen | set(expired)).delete()
        if rows:
            ids = [row[0] for row in rows]
            present = set(ids)
            first = cursor.last_event_id + 1 if cursor.last_event_id else ids[0]
            missing = [i for i in range(first, ids[-1]) if i not in present]
            EventGap.objects.bulk_create(
                [EventGap(event_id=i, noted_at=moment) for i in missing], ignore_conflicts=True
            )
            cursor.last_event_id = ids[-1]
        cursor.folded_events += len(rows) + len(late)
        cursor.refreshed_at = moment
        cursor.save(update_fields=["last_event_id", "folded_events", "refreshed_at"])
        return len(rows) + len(late)


def coverage_snapshot_record(*, now: datetime.datetime | None = None) -> None:
    """This month's services offered per aimag, from the catalogue's coverage cells."""
    month = month_of(now or timezone.now())
    catalogue = ReferenceService.objects.filter(current_version__status=VersionStatus.PUBLISHED).count()
    offered: dict[str, int] = defaultdict(int)
    for aimag_code in CoverageCell.objects.filter(offering_units__gt=0).values_list("aimag_code", flat=True):
        offered[aimag_code] += 1
    CoverageSnapshot.objects.bulk_create(
        [
            CoverageSnapshot(month=month, aimag_code=code, services_offered=count, catalogue_size=catalogue)
            for code, count in offered.items()
        ],
        update_conflicts=True,
        unique_fields=["month", "aimag_code"],
        update_fields=["services_offered", "catalogue_size"],
    )


def refresh(*, batch_size: int = BATCH_SIZE, now: datetime.datetime | None = None) -> int:
    """Fold everything new; returns the number of events folded."""
    total = 0
    while True:
        folded = fold_batch(batch_size=batch_size, now=now)
        total += folded
        if folded < batch_size:
            break
    coverage_snapshot_record(now=now)
    return total


def direct_fold() -> Fold:
    """The same figures computed from the whole event log at once: what the rollups must equal."""
    return fold(_events(models.Q()))


REBUILD_POSTGRESQL = [
    """INSERT INTO analytics_monthlyrequestrollup (month, aimag_code, service_id, channel, submitted, closed,
           completed, rejected, expired, returns, closed_after_return, within_norm, within_deadline,
           resolution_seconds_sum)
       SELECT month, aimag_code, service_id, channel,
              count(*) FILTER (WHERE kind = 'submitted'), count(*) FILTER (WHERE closing),
              count(*) FILTER (WHERE closing AND status_after = 'completed'),
              count(*) FILTER (WHERE closing AND status_after = 'rejected'),
              count(*) FILTER (WHERE closing AND status_after = 'expired'),
              count(*) FILTER (WHERE kind = 'returned_for_correction'),
              count(*) FILTER (WHERE closing AND was_returned),
              count(*) FILTER (WHERE closing AND at <= norm_due_at),
              count(*) FILTER (WHERE closing AND at <= statutory_due_at),
              coalesce(sum(seconds) FILTER (WHERE closing), 0)
       FROM analytics_event_facts GROUP BY month, aimag_code, service_id, channel""",
    """INSERT INTO analytics_resolutionhistogram (month, aimag_code, service_id, channel, bucket, count)
       SELECT month, aimag_code, service_id, channel,
              CASE WHEN seconds < 1 THEN 0 ELSE 1 + exponent * 8 + (((seconds - (1::bigint << exponent)) * 8)
                   >> exponent) END AS bucket, count(*)
       FROM (SELECT *, length(ltrim(greatest(seconds, 1)::bit(48)::text, '0')) - 1 AS exponent
             FROM analytics_event_facts WHERE closing) closed
       GROUP BY month, aimag_code, service_id, channel, bucket""",
    """INSERT INTO analytics_stepdurationrollup (month, aimag_code, service_id, channel, step, count, seconds_sum)
       SELECT month, aimag_code, service_id, channel, left(step, 120), count(*),
              sum(greatest(0, floor(extract(epoch FROM at - step_opened_at)))::bigint)
       FROM analytics_event_facts WHERE kind = 'decided' AND step <> '' AND step_opened_at IS NOT NULL
       GROUP BY month, aimag_code, service_id, channel, left(step, 120)""",
]
FACTS_POSTGRESQL = """
    CREATE TEMP TABLE analytics_event_facts ON COMMIT DROP AS
    SELECT e.id, e.at, e.kind, e.step, e.status_after, r.aimag_code, r.service_id, r.channel,
           r.norm_due_at, r.statutory_due_at,
           date_trunc('month', e.at AT TIME ZONE 'Asia/Ulaanbaatar')::date AS month,
           (e.status_before <> '' AND e.status_before NOT IN ('completed', 'rejected', 'expired')
            AND e.status_after IN ('completed', 'rejected', 'expired') AND r.submitted_at IS NOT NULL) AS closing,
           greatest(0, floor(extract(epoch FROM e.at - r.submitted_at)))::bigint AS seconds,
           EXISTS (SELECT 1 FROM cases_requestevent x
                   WHERE x.request_id = e.request_id AND x.kind = 'returned_for_correction') AS was_returned,
           (SELECT w.created_at FROM cases_workitem w WHERE e.kind = 'decided' AND w.request_id = e.request_id
              AND w.name = e.step AND w.completed_at = e.at LIMIT 1) AS step_opened_at
    FROM cases_requestevent e JOIN cases_request r ON r.id = e.request_id
    WHERE e.id <= %s"""


def rebuild(*, now: datetime.datetime | None = None) -> int:
    """Recompute the rollups from the whole event log at once: set-based SQL on PostgreSQL (for a first load
    or a benchmark), the ordinary fold elsewhere. Returns the events taken in."""
    moment = now or timezone.now()
    with transaction.atomic():
        cursor = _cursor()
        top = RequestEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        for model in (MonthlyRequestRollup, ResolutionHistogram, StepDurationRollup, EventGap):
            model.objects.all().delete()
        if connection.vendor == "postgresql":
            with connection.cursor() as sql:
                sql.execute(FACTS_POSTGRESQL, [top])
                for statement in REBUILD_POSTGRESQL:
                    sql.execute(statement)
                sql.execute("DROP TABLE analytics_event_facts")
        else:
            apply(fold(_events(models.Q(id__lte=top))))
        cursor.last_event_id = top
        cursor.folded_events = RequestEvent.objects.filter(id__lte=top).count()
        cursor.refreshed_at = moment
        cursor.save(update_fields=["last_event_id", "folded_events", "refreshed_at"])
    coverage_snapshot_record(now=moment)
    return cursor.folded_events
