"""Folding the request event log into the rollups, incrementally: each run takes the events after the cursor,
reads them with their requests in one query, adds their figures to the rollup rows and moves the cursor, all in
one transaction that holds the cursor row locked, so two runs at once fold each event once (and the rows that
hold distributions can be read, merged and written back without a race).

Three tables: the counters of each service (MonthlyRequestRollup, one upsert `INSERT … ON CONFLICT DO UPDATE SET
n = n + excluded.n`, the same SQL on PostgreSQL and SQLite), their distributions (MonthlyDistribution) and all
services together per aimag and channel, also summed over the aimags and over the channels (MonthlyAimagRollup),
which the dashboard reads.

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
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from nutag.analytics import catalogue
from nutag.analytics.models import (
    EventGap,
    MonthlyAimagRollup,
    MonthlyDistribution,
    MonthlyRequestRollup,
    RollupCursor,
)
from nutag.cases.calendar import LOCAL
from nutag.cases.choices import FINAL_STATUSES
from nutag.cases.models import RequestEvent, WorkItem

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


# A histogram is stored as the JSON text "[first bucket, its count, the next bucket's count, ...]" up to the last
# bucket used: one short text per cell instead of one row per bucket.
def buckets_encode(counts: dict[int, int]) -> str:
    used = [bucket for bucket, count in counts.items() if count]
    if not used:
        return ""
    low, high = min(used), max(used)
    return json.dumps(
        [low, *(counts.get(bucket, 0) for bucket in range(low, high + 1))], separators=(",", ":")
    )


def buckets_decode(text: str) -> dict[int, int]:
    if not text:
        return {}
    low, *counts = json.loads(text)
    return {bucket: count for bucket, count in enumerate(counts, start=low) if count}


def buckets_unpack(texts: list[str]) -> list[tuple[int, list[int]]]:
    """The first bucket and the counts from it on, of many encoded histograms in one parse."""
    found = json.loads("[" + ",".join(text or "[0]" for text in texts) + "]")
    return [(low, counts) for low, *counts in found]


def steps_encode(steps: dict[str, list[int]]) -> str:
    """Step durations as JSON text {step: [work items, seconds]}."""
    return json.dumps(steps, ensure_ascii=False, separators=(",", ":"), sort_keys=True) if steps else ""


def steps_decode(text: str) -> dict[str, list[int]]:
    return (
        {step: [int(count), int(seconds)] for step, (count, seconds) in json.loads(text).items()}
        if text
        else {}
    )


def steps_decode_all(texts: list[str]) -> list[dict[str, list[int]]]:
    """Many encoded step times in one parse."""
    return list(json.loads("[" + ",".join(text or "{}" for text in texts) + "]"))


@dataclass
class Fold:
    """The figures a batch of events adds, keyed like the rollup rows: requests by (month, aimag, service,
    channel), the histogram with the bucket and the steps with the step added to that key."""

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


@dataclass
class Cell:
    """What a batch adds to one row that holds distributions."""

    counters: list[int]
    buckets: dict[int, int]
    steps: dict[str, list[int]]


def _cells(result: Fold, width: int) -> dict[tuple[Any, ...], Cell]:
    """The batch's figures per row key: its first `width` parts of (month, aimag, service, channel), with the
    service left out when width is 3 (all services together)."""

    def key_of(full: tuple[Any, ...]) -> tuple[Any, ...]:
        return full[:4] if width == 4 else (full[0], full[1], full[3])

    cells: dict[tuple[Any, ...], Cell] = {}

    def cell(full: tuple[Any, ...]) -> Cell:
        key = key_of(full)
        if key not in cells:
            cells[key] = Cell([0] * len(REQUEST_COUNTERS), {}, {})
        return cells[key]

    for key, counters in result.requests.items():
        found = cell(key)
        found.counters = [a + b for a, b in zip(found.counters, counters, strict=True)]
    for key, (count,) in result.histogram.items():
        buckets = cell(key[:4]).buckets
        buckets[key[4]] = buckets.get(key[4], 0) + count
    for key, (count, seconds) in result.steps.items():
        step = cell(key[:4]).steps.setdefault(key[4], [0, 0])
        step[0] += count
        step[1] += seconds
    return cells


ALL = ""  # the aimag code or channel of MonthlyAimagRollup rows that sum every aimag or every channel


def _aimag_cells(result: Fold) -> dict[tuple[Any, ...], Cell]:
    """The batch's figures for MonthlyAimagRollup: each (month, aimag, channel) also added to its aimag's row of
    every channel, the country's row of its channel and the country's row of every channel."""
    cells: dict[tuple[Any, ...], Cell] = {}
    for (month, aimag, channel), cell in _cells(result, 3).items():
        for key in ((month, aimag, channel), (month, aimag, ALL), (month, ALL, channel), (month, ALL, ALL)):
            total = cells.setdefault(key, Cell([0] * len(REQUEST_COUNTERS), {}, {}))
            total.counters = [a + b for a, b in zip(total.counters, cell.counters, strict=True)]
            for bucket, count in cell.buckets.items():
                total.buckets[bucket] = total.buckets.get(bucket, 0) + count
            for step, (count, seconds) in cell.steps.items():
                times = total.steps.setdefault(step, [0, 0])
                times[0] += count
                times[1] += seconds
    return cells


def _merge_into(
    model: type[MonthlyDistribution] | type[MonthlyAimagRollup],
    keys: list[str],
    cells: dict[tuple[Any, ...], Cell],
) -> None:
    """Read the rows of these keys, add the batch to them and write them back (the cursor lock is held)."""
    items = list(cells.items())
    has_counters = issubclass(model, MonthlyAimagRollup)
    for start in range(0, len(items), 200):
        chunk = dict(items[start : start + 200])
        matching = Q()
        for key in chunk:
            matching |= Q(**dict(zip(keys, key, strict=True)))
        existing = {tuple(getattr(row, name) for name in keys): row for row in model.objects.filter(matching)}
        rows: list[Any] = []
        for key, cell in chunk.items():
            row = existing.get(key) or model(**dict(zip(keys, key, strict=True)))
            buckets = buckets_decode(row.resolution_buckets)
            for bucket, count in cell.buckets.items():
                buckets[bucket] = buckets.get(bucket, 0) + count
            steps = steps_decode(row.steps)
            for step, (count, seconds) in cell.steps.items():
                totals = steps.setdefault(step, [0, 0])
                totals[0] += count
                totals[1] += seconds
            row.resolution_buckets, row.steps = buckets_encode(buckets), steps_encode(steps)
            if has_counters:
                for name, value in zip(REQUEST_COUNTERS, cell.counters, strict=True):
                    setattr(row, name, getattr(row, name) + value)
            rows.append(row)
        updated = ["resolution_buckets", "steps", *(REQUEST_COUNTERS if has_counters else [])]
        model.objects.bulk_create(rows, update_conflicts=True, unique_fields=keys, update_fields=updated)


SERVICE_KEY = ["month", "aimag_code", "service_id", "channel"]
AIMAG_KEY = ["month", "aimag_code", "channel"]


def apply(result: Fold) -> None:
    _upsert_add(
        MonthlyRequestRollup, ["month", "aimag_code", "service", "channel"], REQUEST_COUNTERS, result.requests
    )
    distributions = {key: cell for key, cell in _cells(result, 4).items() if cell.buckets or cell.steps}
    _merge_into(MonthlyDistribution, SERVICE_KEY, distributions)
    _merge_into(MonthlyAimagRollup, AIMAG_KEY, _aimag_cells(result))


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


def refresh(*, batch_size: int = BATCH_SIZE, now: datetime.datetime | None = None) -> int:
    """Fold everything new, and bring the catalogue's read models up to date; returns the events folded."""
    total = 0
    while True:
        folded = fold_batch(batch_size=batch_size, now=now)
        total += folded
        if folded < batch_size:
            break
    catalogue.refresh(now=now)
    return total


def direct_fold() -> Fold:
    """The same figures computed from the whole event log at once: what the rollups must equal."""
    return fold(_events(models.Q()))


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
       FROM analytics_event_facts GROUP BY month, aimag_code, service_id, channel
       HAVING count(*) FILTER (WHERE kind IN ('submitted', 'returned_for_correction') OR closing) > 0""",
    """CREATE TEMP TABLE analytics_buckets ON COMMIT DROP AS
       SELECT month, aimag_code, service_id, channel,
              CASE WHEN seconds < 1 THEN 0 ELSE 1 + exponent * 8 + (((seconds - (1::bigint << exponent)) * 8)
                   >> exponent) END AS bucket, count(*) AS n
       FROM (SELECT *, length(ltrim(greatest(seconds, 1)::bit(48)::text, '0')) - 1 AS exponent
             FROM analytics_event_facts WHERE closing) closed
       GROUP BY month, aimag_code, service_id, channel, bucket""",
    """CREATE TEMP TABLE analytics_steps ON COMMIT DROP AS
       SELECT month, aimag_code, service_id, channel, left(step, 120) AS step, count(*) AS n,
              sum(greatest(0, floor(extract(epoch FROM at - step_opened_at)))::bigint) AS seconds
       FROM analytics_event_facts WHERE kind = 'decided' AND step <> '' AND step_opened_at IS NOT NULL
       GROUP BY month, aimag_code, service_id, channel, left(step, 120)""",
]


# MonthlyAimagRollup's levels: every aimag and channel, each aimag over every channel, the country per channel, and
# the country over every channel (the columns summed over come out NULL, stored as ALL).
AIMAG_LEVELS = (
    "GROUPING SETS ((month, aimag_code, channel{0}), (month, aimag_code{0}), (month, channel{0}), (month{0}))"
)
AIMAG_TEMP_POSTGRESQL = [
    f"""CREATE TEMP TABLE analytics_aimag_buckets ON COMMIT DROP AS
        SELECT month, coalesce(aimag_code, '') AS aimag_code, coalesce(channel, '') AS channel, bucket,
               sum(n) AS n
        FROM analytics_buckets GROUP BY {AIMAG_LEVELS.format(", bucket")}""",  # noqa: S608 - column names
    f"""CREATE TEMP TABLE analytics_aimag_steps ON COMMIT DROP AS
        SELECT month, coalesce(aimag_code, '') AS aimag_code, coalesce(channel, '') AS channel, step,
               sum(n) AS n, sum(seconds) AS seconds
        FROM analytics_steps GROUP BY {AIMAG_LEVELS.format(", step")}""",  # noqa: S608 - column names
]


def _encoded_distributions(key: list[str], buckets: str, steps: str) -> str:
    """A SELECT of each cell of `key` with its histogram and step times from the temporary tables `buckets` and
    `steps`, encoded as buckets_encode and steps_encode do."""
    cols = ", ".join(key)
    cell_cols = ", ".join(f"k.{c}" for c in key)
    same_cell = " AND ".join(f"b.{c} = k.{c}" for c in key)
    return f"""
        SELECT {cols}, histogram, step_times
        FROM (SELECT {cols} FROM {buckets} UNION SELECT {cols} FROM {steps}) cells
        LEFT JOIN (SELECT {cell_cols},
                          '[' || k.low || ',' || string_agg(coalesce(b.n, 0)::text, ',' ORDER BY g.i) || ']'
                              AS histogram
                   FROM (SELECT {cols}, min(bucket) AS low, max(bucket) AS high FROM {buckets}
                         GROUP BY {cols}) k
                   CROSS JOIN LATERAL generate_series(k.low, k.high) g(i)
                   LEFT JOIN (SELECT {cols}, bucket, sum(n) AS n FROM {buckets} GROUP BY {cols}, bucket) b
                          ON {same_cell} AND b.bucket = g.i
                   GROUP BY {cell_cols}, k.low) h USING ({cols})
        LEFT JOIN (SELECT {cols}, json_object_agg(step, json_build_array(n, seconds))::text AS step_times
                   FROM (SELECT {cols}, step, sum(n) AS n, sum(seconds) AS seconds FROM {steps}
                         GROUP BY {cols}, step) s
                   GROUP BY {cols}) t USING ({cols})"""  # noqa: S608 - column names


COUNTER_COLUMNS = ", ".join(REQUEST_COUNTERS)
DISTRIBUTIONS_POSTGRESQL = f"""
    INSERT INTO analytics_monthlydistribution (month, aimag_code, service_id, channel, resolution_buckets, steps)
    SELECT month, aimag_code, service_id, channel, coalesce(histogram, ''), coalesce(step_times, '')
    FROM ({_encoded_distributions(SERVICE_KEY, "analytics_buckets", "analytics_steps")}) d"""  # noqa: S608 - column names
AIMAG_ROLLUP_POSTGRESQL = f"""
    INSERT INTO analytics_monthlyaimagrollup (month, aimag_code, channel, {COUNTER_COLUMNS}, resolution_buckets,
                                              steps)
    SELECT month, aimag_code, channel, {", ".join(f"coalesce({c}, 0)" for c in REQUEST_COUNTERS)},
           coalesce(histogram, ''), coalesce(step_times, '')
    FROM (SELECT month, coalesce(aimag_code, '') AS aimag_code, coalesce(channel, '') AS channel,
                 {", ".join(f"sum({c}) AS {c}" for c in REQUEST_COUNTERS)}
          FROM analytics_monthlyrequestrollup GROUP BY {AIMAG_LEVELS.format("")}) r
    FULL JOIN ({_encoded_distributions(AIMAG_KEY, "analytics_aimag_buckets", "analytics_aimag_steps")}) d
         USING (month, aimag_code, channel)"""  # noqa: S608 - column names


def rebuild(*, now: datetime.datetime | None = None) -> int:
    """Recompute the rollups from the whole event log at once: set-based SQL on PostgreSQL (for a first load
    or a benchmark), the ordinary fold elsewhere. Returns the events taken in."""
    moment = now or timezone.now()
    with transaction.atomic():
        cursor = _cursor()
        top = RequestEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        for model in (MonthlyRequestRollup, MonthlyDistribution, MonthlyAimagRollup, EventGap):
            model.objects.all().delete()
        if connection.vendor == "postgresql":
            with connection.cursor() as sql:
                sql.execute(FACTS_POSTGRESQL, [top])
                for statement in REBUILD_POSTGRESQL:
                    sql.execute(statement)
                sql.execute(DISTRIBUTIONS_POSTGRESQL)
                for statement in AIMAG_TEMP_POSTGRESQL:
                    sql.execute(statement)
                sql.execute(AIMAG_ROLLUP_POSTGRESQL)
                sql.execute(
                    "DROP TABLE analytics_event_facts, analytics_buckets, analytics_steps, analytics_aimag_buckets,"
                    " analytics_aimag_steps"
                )
                # Every row is new: give the planner their statistics now rather than at autovacuum's next pass.
                sql.execute(
                    "ANALYZE analytics_monthlyrequestrollup, analytics_monthlydistribution,"
                    " analytics_monthlyaimagrollup"
                )
        else:
            apply(fold(_events(models.Q(id__lte=top))))
        cursor.last_event_id = top
        cursor.folded_events = RequestEvent.objects.filter(id__lte=top).count()
        cursor.refreshed_at = moment
        cursor.save(update_fields=["last_event_id", "folded_events", "refreshed_at"])
    catalogue.refresh(now=moment)
    return cursor.folded_events
