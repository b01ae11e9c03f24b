"""Reads of the insights dashboard, from the rollups (requests) and the catalogue (coverage, variance). Each
function runs a fixed number of queries whatever the data; rows of aimags outside the user's scope come back
withheld (None) rather than missing, so that tables keep their shape."""

import datetime
import math
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext as _

from nutag.analytics import rollups
from nutag.analytics.models import (
    CoverageSnapshot,
    MonthlyRequestRollup,
    ResolutionHistogram,
    RollupCursor,
    StepDurationRollup,
)
from nutag.analytics.permissions import InsightScope
from nutag.analytics.savings import savings_model
from nutag.cases.choices import Channel
from nutag.catalog.choices import AdoptionStatus, VersionStatus
from nutag.catalog.models import Adoption, CoverageCell, ReferenceService
from nutag.core.errors import PermissionDenied
from nutag.territory.choices import Level
from nutag.territory.models import TerritoryUnit


@dataclass(frozen=True)
class Filters:
    month_from: datetime.date
    month_to: datetime.date
    aimag: str = ""
    service: ReferenceService | None = None
    channel: str = ""


def filters_check(*, scope: InsightScope, filters: Filters) -> None:
    if filters.aimag and not scope.sees(filters.aimag):
        raise PermissionDenied(_("You may see the figures of your own aimag and the national totals only."))


def _filtered(model: Any, filters: Filters, *, by_aimag: bool = True, channel: bool = True) -> QuerySet[Any]:
    queryset = model.objects.filter(month__gte=filters.month_from, month__lte=filters.month_to)
    if filters.service is not None:
        queryset = queryset.filter(service=filters.service)
    if channel and filters.channel:
        queryset = queryset.filter(channel=filters.channel)
    if by_aimag and filters.aimag:
        queryset = queryset.filter(aimag_code=filters.aimag)
    return queryset


@dataclass
class Figures:
    """Request figures of one selection (the nation, an aimag, a channel, a month)."""

    submitted: int = 0
    closed: int = 0
    completed: int = 0
    rejected: int = 0
    expired: int = 0
    returns: int = 0
    closed_after_return: int = 0
    within_norm: int = 0
    within_deadline: int = 0
    resolution_seconds_sum: int = 0
    buckets: dict[int, int] = field(default_factory=dict)

    def share(self, part: int) -> float | None:
        return round(100 * part / self.closed, 1) if self.closed else None

    @property
    def within_norm_percent(self) -> float | None:
        return self.share(self.within_norm)

    @property
    def within_deadline_percent(self) -> float | None:
        return self.share(self.within_deadline)

    @property
    def returned_percent(self) -> float | None:
        return self.share(self.closed_after_return)

    @property
    def mean_seconds(self) -> float | None:
        return self.resolution_seconds_sum / self.closed if self.closed else None

    def percentile_seconds(self, fraction: float) -> float | None:
        """Nearest-rank percentile from the histogram: the midpoint of the bucket that holds it."""
        total = sum(self.buckets.values())
        if not total:
            return None
        rank = max(1, math.ceil(round(fraction * total, 9)))
        seen = 0
        for bucket in sorted(self.buckets):
            seen += self.buckets[bucket]
            if seen >= rank:
                return rollups.bucket_midpoint(bucket)
        return None  # pragma: no cover - the ranks add up

    @property
    def median_seconds(self) -> float | None:
        return self.percentile_seconds(0.5)

    @property
    def p90_seconds(self) -> float | None:
        return self.percentile_seconds(0.9)


SUMS = {name: Sum(name) for name in rollups.REQUEST_COUNTERS}


def _sums_by(filters: Filters, group: str | None, *, by_aimag: bool = True) -> dict[Any, Figures]:
    """Rollup sums grouped by one column (or all together under None): one query."""
    result: dict[Any, Figures] = defaultdict(Figures)
    requests = _filtered(MonthlyRequestRollup, filters, by_aimag=by_aimag)
    grouped = (
        [requests.aggregate(**SUMS)] if not group else requests.values(group).annotate(**SUMS).order_by()
    )
    for row in grouped:
        if group is None and row["submitted"] is None:
            continue
        figures = result[row[group] if group else None]
        for name in rollups.REQUEST_COUNTERS:
            setattr(figures, name, row[name] or 0)
    return result


HISTOGRAM_GROUPS = {"total": None, "channel": "channel", "month": "month", "aimag": "aimag_code"}
# GROUPING(aimag_code, month, channel) of each grouping set, without and with an aimag filter.
SETS = "(aimag_code, bucket), (month, bucket), (channel, bucket), (bucket)"
SETS_FOR_AIMAG = "(aimag_code, bucket), (aimag_code, month, bucket), (aimag_code, channel, bucket)"


def _histograms(filters: Filters) -> dict[str, dict[Any, dict[int, int]]]:
    """Resolution-time histograms by total, channel, month and aimag (the last ignoring the aimag filter).
    On PostgreSQL one scan with GROUPING SETS: the histogram is the largest rollup, scanning it once matters."""
    found: dict[str, dict[Any, dict[int, int]]] = {name: defaultdict(dict) for name in HISTOGRAM_GROUPS}
    if connection.vendor != "postgresql":
        for name, column in HISTOGRAM_GROUPS.items():
            queryset = _filtered(ResolutionHistogram, filters, by_aimag=name != "aimag")
            columns = [column] if column else []
            for row in queryset.values(*columns, "bucket").annotate(n=Sum("count")).order_by():
                found[name][row[column] if column else None][row["bucket"]] = row["n"]
        return found
    conditions = ["month >= %s", "month <= %s"]
    params: list[Any] = [filters.month_from, filters.month_to]
    if filters.service is not None:
        conditions.append("service_id = %s")
        params.append(filters.service.pk)
    if filters.channel:
        conditions.append("channel = %s")
        params.append(filters.channel)
    table, where = ResolutionHistogram._meta.db_table, " AND ".join(conditions)
    sets = SETS_FOR_AIMAG if filters.aimag else SETS
    sql = f"SELECT aimag_code, month, channel, bucket, GROUPING(aimag_code, month, channel), SUM(count) FROM {table} "  # noqa: S608 - values are parameters
    sql += f"WHERE {where} GROUP BY GROUPING SETS ({sets})"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for aimag_code, month, channel, bucket, grouping, count in cursor.fetchall():
            if grouping == 3:
                found["aimag"][aimag_code][bucket] = count
            if filters.aimag and aimag_code != filters.aimag:
                continue
            if grouping == 7 or (grouping == 3 and filters.aimag):
                found["total"][None][bucket] = count
            elif grouping in (5, 1):
                found["month"][month][bucket] = count
            elif grouping in (6, 2):
                found["channel"][channel][bucket] = count
    return found


@dataclass
class Performance:
    total: Figures
    by_channel: dict[str, Figures]
    by_month: dict[datetime.date, Figures]
    by_aimag: dict[str, Figures | None]


def performance(filters: Filters, scope: InsightScope) -> Performance:
    """The request figures of the dashboard: five queries however many requests there are."""
    histograms = _histograms(filters)

    def with_buckets(figures: dict[Any, Figures], name: str) -> dict[Any, Figures]:
        for key, buckets in histograms[name].items():
            figures[key].buckets = dict(buckets)
        return figures

    total = with_buckets(_sums_by(filters, None), "total").get(None, Figures())
    channels = with_buckets(_sums_by(filters, "channel"), "channel")
    months_found = with_buckets(_sums_by(filters, "month"), "month")
    aimags_found = with_buckets(_sums_by(filters, "aimag_code", by_aimag=False), "aimag")
    months, month = {}, filters.month_from
    while month <= filters.month_to:
        months[month] = months_found.get(month, Figures())
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return Performance(
        total=total,
        by_channel={channel: channels.get(channel, Figures()) for channel in Channel.values},
        by_month=months,
        by_aimag={
            unit.code: (aimags_found.get(unit.code, Figures()) if scope.sees(unit.code) else None)
            for unit in aimags()
        },
    )


def performance_total(filters: Filters) -> Figures:
    return performance(filters, InsightScope(is_national=True, aimag_codes=frozenset())).total


def performance_by_aimag(filters: Filters, scope: InsightScope) -> dict[str, Figures | None]:
    return performance(filters, scope).by_aimag


_aimags_cache: tuple[float, list[TerritoryUnit]] = (0.0, [])


def aimags() -> list[TerritoryUnit]:
    """The 21 aimags and the capital; they change by law, so a few minutes' cache saves a query per table."""
    global _aimags_cache
    loaded_at, units = _aimags_cache
    if not units or time.monotonic() - loaded_at > 300:
        units = list(TerritoryUnit.objects.filter(level__in=[Level.AIMAG, Level.CAPITAL]).order_by("code"))
        _aimags_cache = (time.monotonic(), units)
    return units


@dataclass
class StepRow:
    step: str
    by_aimag: dict[str, tuple[int, float] | None]  # aimag -> (count, mean seconds), None when withheld
    slowest_aimag: str = ""


def steps_by_aimag(filters: Filters, scope: InsightScope) -> list[StepRow]:
    """Mean time in each process step per aimag; the slowest visible aimag of each step is marked."""
    rows = (
        _filtered(StepDurationRollup, filters, by_aimag=False)
        .values("step", "aimag_code")
        .annotate(n=Sum("count"), seconds=Sum("seconds_sum"))
        .order_by("step")
    )
    codes = [unit.code for unit in aimags()]
    table: dict[str, StepRow] = {}
    for row in rows:
        step = table.setdefault(row["step"], StepRow(row["step"], {code: None for code in codes}))
        if scope.sees(row["aimag_code"]) and row["n"]:
            step.by_aimag[row["aimag_code"]] = (row["n"], row["seconds"] / row["n"])
    for step in table.values():
        timed = [(value[1], code) for code, value in step.by_aimag.items() if value]
        step.slowest_aimag = max(timed)[1] if len(timed) > 1 else ""
    return list(table.values())


@dataclass
class Savings:
    national_mnt: int
    by_aimag: dict[str, int | None]
    by_service: list[tuple[ReferenceService, int, int]]  # service, online requests delivered, tögrögs
    per_request_examples: list[tuple[str, str, int]]


def savings(filters: Filters, scope: InsightScope) -> Savings:
    """Savings of the requests delivered online in the period (see savings.py for the model)."""
    model = savings_model()
    rows = (
        _filtered(MonthlyRequestRollup, filters)
        .filter(channel=Channel.ONLINE)
        .values("aimag_code", "service_id")
        .annotate(n=Sum("completed"))
        .order_by()
    )
    counts = [(r["aimag_code"], r["service_id"], r["n"] or 0) for r in rows]
    if filters.channel and filters.channel != Channel.ONLINE:
        counts = []
    services = {
        s.pk: s
        for s in ReferenceService.objects.filter(pk__in={c[1] for c in counts}).select_related(
            "current_version"
        )
    }
    by_aimag: dict[str, int] = defaultdict(int)
    by_service: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for aimag_code, service_id, count in counts:
        service = services.get(service_id)
        level = service.current_version.level if service and service.current_version else ""
        amount = count * model.per_request_mnt(
            aimag_code=aimag_code, level=level, service_code=service.code if service else ""
        )
        by_aimag[aimag_code] += amount
        by_service[service_id][0] += count
        by_service[service_id][1] += amount
    ranked = sorted(by_service.items(), key=lambda item: -item[1][1])
    return Savings(
        national_mnt=sum(by_aimag.values()),
        by_aimag={u.code: (by_aimag.get(u.code, 0) if scope.sees(u.code) else None) for u in aimags()},
        by_service=[(services[pk], n, amount) for pk, (n, amount) in ranked if pk in services][:20],
        per_request_examples=[
            (u.code, level, model.per_request_mnt(aimag_code=u.code, level=level))
            for u in aimags()
            for level in ("soum", "aimag")
        ],
    )


@dataclass
class CoverageRow:
    unit: TerritoryUnit
    offered: int
    share_percent: float
    change: int | None  # services gained since the first snapshot of the period


def coverage_by_aimag(filters: Filters) -> tuple[int, list[CoverageRow]]:
    """Services offered per aimag now, their share of the reference catalogue and the change over the period."""
    catalogue = ReferenceService.objects.filter(current_version__status=VersionStatus.PUBLISHED).count()
    offered = dict(
        CoverageCell.objects.filter(offering_units__gt=0)
        .values("aimag_code")
        .annotate(n=Count("id"))
        .values_list("aimag_code", "n")
    )
    first: dict[str, int] = {}
    for code, count in (
        CoverageSnapshot.objects.filter(month__gte=filters.month_from, month__lte=filters.month_to)
        .order_by("month")
        .values_list("aimag_code", "services_offered")
    ):
        first.setdefault(code, count)
    rows = [
        CoverageRow(
            unit=unit,
            offered=offered.get(unit.code, 0),
            share_percent=round(100 * offered.get(unit.code, 0) / catalogue, 1) if catalogue else 0.0,
            change=offered.get(unit.code, 0) - first[unit.code] if unit.code in first else None,
        )
        for unit in aimags()
    ]
    return catalogue, rows


@dataclass
class VarianceRow:
    key: str
    label: str
    adoptions: int = 0
    differing: int = 0
    fee: int = 0
    norm: int = 0
    documents: int = 0
    variants: int = 0
    process_sum: float = 0.0
    differences_sum: int = 0

    @property
    def score(self) -> float:
        """Mean local differences per adoption plus the mean process variance (0 to 1 per adoption)."""
        return round((self.differences_sum + self.process_sum) / self.adoptions, 3) if self.adoptions else 0.0


@dataclass
class Variance:
    by_aimag: list[VarianceRow]
    by_service: list[VarianceRow]
    top: list[dict[str, Any]]


def variance(filters: Filters) -> Variance:
    """How far offered adoptions differ from their reference (fee, norm, documents, process), ranked."""
    adoptions = Adoption.objects.filter(status=AdoptionStatus.OFFERED)
    if filters.aimag:
        adoptions = adoptions.filter(aimag_code=filters.aimag)
    if filters.service is not None:
        adoptions = adoptions.filter(service=filters.service)
    names = {unit.code: unit.name for unit in aimags()}
    by_aimag: dict[str, VarianceRow] = {}
    by_service: dict[str, VarianceRow] = {}
    top: list[dict[str, Any]] = []
    for row in adoptions.values(
        "pk",
        "aimag_code",
        "service__code",
        "territory__name_mn",
        "territory__name_en",
        "fee_mnt",
        "version__fee_mnt",
        "service_norm_days",
        "version__service_norm_days",
        "extra_documents",
        "variance",
        "process_variance__variance",
    ).order_by():
        fee = row["fee_mnt"] is not None and row["fee_mnt"] != row["version__fee_mnt"]
        norm = (
            row["service_norm_days"] is not None
            and row["service_norm_days"] != row["version__service_norm_days"]
        )
        documents = len(row["extra_documents"] or [])
        process = row["process_variance__variance"] or 0.0
        code = row["service__code"]
        for table, key, label in (
            (by_aimag, row["aimag_code"], names.get(row["aimag_code"], row["aimag_code"])),
            (by_service, code, code),
        ):
            item = table.setdefault(key, VarianceRow(key=key, label=label))
            item.adoptions += 1
            item.differing += bool(row["variance"] or process)
            item.fee += fee
            item.norm += norm
            item.documents += documents
            item.variants += row["process_variance__variance"] is not None
            item.process_sum += process
            item.differences_sum += row["variance"]
        if row["variance"] or process:
            top.append({**row, "score": round(row["variance"] + process, 3), "fee": fee, "norm": norm})
    top.sort(key=lambda r: (-r["score"], r["service__code"], r["pk"]))
    return Variance(
        by_aimag=sorted(by_aimag.values(), key=lambda r: (-r.score, r.key)),
        by_service=sorted(by_service.values(), key=lambda r: (-r.score, r.key))[:30],
        top=top[:30],
    )


@dataclass
class RolloutRow:
    service: ReferenceService
    offered_in: list[str]
    missing_in: list[str]
    requests: int
    residents_where_offered: int
    residents_without: int

    @property
    def demand_per_10000(self) -> float:
        if not self.residents_where_offered:
            return 0.0
        return round(10_000 * self.requests / self.residents_where_offered, 2)

    @property
    def expected_requests(self) -> int:
        """Requests the aimags without it would make at the demand seen where it is offered."""
        return round(self.demand_per_10000 * self.residents_without / 10_000)


def rollout_candidates(filters: Filters, limit: int = 25) -> list[RolloutRow]:
    """Services offered in some aimags and not in others, ranked by the requests the others would make at the
    demand seen where the service is offered (requests per 10,000 residents), then by residents without it."""
    units = aimags()
    population = {unit.code: unit.population or 0 for unit in units}
    offered: dict[int, set[str]] = defaultdict(set)
    for service_id, aimag_code in CoverageCell.objects.filter(offering_units__gt=0).values_list(
        "service_id", "aimag_code"
    ):
        offered[service_id].add(aimag_code)
    partial = {pk: codes for pk, codes in offered.items() if 0 < len(codes & population.keys()) < len(units)}
    demand = dict(
        _filtered(MonthlyRequestRollup, filters, by_aimag=False)
        .filter(service_id__in=partial)
        .values("service_id")
        .annotate(n=Sum("submitted"))
        .values_list("service_id", "n")
    )
    services = ReferenceService.objects.filter(pk__in=partial).select_related("current_version").in_bulk()
    rows = [
        RolloutRow(
            service=services[pk],
            offered_in=sorted(codes),
            missing_in=sorted(population.keys() - codes),
            requests=demand.get(pk) or 0,
            residents_where_offered=sum(population.get(code, 0) for code in codes),
            residents_without=sum(population[code] for code in population.keys() - codes),
        )
        for pk, codes in partial.items()
        if pk in services
    ]
    rows.sort(key=lambda r: (-r.expected_requests, -r.residents_without, r.service.code))
    return rows[:limit]


def freshness() -> RollupCursor | None:
    return RollupCursor.objects.filter(name=rollups.CURSOR).first()


def is_english() -> bool:
    from django.utils.translation import get_language

    return get_language() == "en"
