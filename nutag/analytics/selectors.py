"""Reads of the insights dashboard, from the rollups (requests) and the read models of the catalogue (coverage
over time, variance), never from requests or adoptions. Each function runs a fixed number of queries whatever
the data, and the request figures read one row per month, aimag and channel (MonthlyAimagRollup, or the chosen
service's rows): a few hundred a year. Rows of aimags outside the user's scope come back withheld (None) rather
than missing, so that tables keep their shape."""

import datetime
import itertools
import math
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from nutag.analytics import catalogue, rollups
from nutag.analytics.models import (
    CoverageSnapshot,
    DifferingAdoption,
    MonthlyAimagRollup,
    MonthlyDistribution,
    MonthlyRequestRollup,
    RollupCursor,
    VarianceCell,
)
from nutag.analytics.permissions import InsightScope
from nutag.analytics.savings import savings_model
from nutag.cases.choices import Channel
from nutag.catalog.choices import VersionStatus
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


@dataclass(slots=True)
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
    buckets: list[int] = field(default_factory=list)  # closed requests per resolution-time bucket

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
        total = sum(self.buckets)
        if not total:
            return None
        rank = max(1, math.ceil(round(fraction * total, 9)))
        seen = 0
        for bucket, count in enumerate(self.buckets):
            seen += count
            if seen >= rank:
                return rollups.bucket_midpoint(bucket)
        return None  # pragma: no cover - the ranks add up

    @property
    def median_seconds(self) -> float | None:
        return self.percentile_seconds(0.5)

    @property
    def p90_seconds(self) -> float | None:
        return self.percentile_seconds(0.9)


@dataclass(slots=True)
class _Row:
    """One month of one aimag through one channel: a MonthlyAimagRollup, or a service's rollup row with its
    distributions."""

    month: datetime.date
    aimag_code: str
    channel: str
    counters: list[int]  # as rollups.REQUEST_COUNTERS
    resolution_buckets: str
    steps: str


@dataclass
class _Selection:
    """The rows each breakdown adds up: per aimag (ignoring the aimag filter; the steps too), per channel and per
    month (the total is the sum of the months)."""

    by_aimag: list[_Row]
    by_channel: list[_Row]
    by_month: list[_Row]


def _rows(filters: Filters) -> _Selection:
    """All services: one query for the aimag rows of every channel (or the chosen one), the country's (or the
    chosen aimag's) rows per channel and its rows of every channel (or the chosen one): some 300 rows a year.
    One service: its rows of every aimag and channel, in two queries."""
    fields = ["month", "aimag_code", "channel", *rollups.REQUEST_COUNTERS]
    if filters.service is None:
        every, place, chosen = filters.channel or rollups.ALL, filters.aimag or rollups.ALL, filters.channel
        found = (
            MonthlyAimagRollup.objects.filter(month__gte=filters.month_from, month__lte=filters.month_to)
            .filter(
                (Q(channel=every) & ~Q(aimag_code=rollups.ALL))
                | (Q(aimag_code=place) & (Q(channel=chosen) if chosen else ~Q(channel=rollups.ALL)))
                | Q(aimag_code=place, channel=every)
            )
            .values_list(*fields, "resolution_buckets", "steps")
        )
        rows = [
            _Row(month, aimag, channel, counters, buckets, steps)
            for month, aimag, channel, *counters, buckets, steps in found
        ]
        return _Selection(
            by_aimag=[r for r in rows if r.aimag_code != rollups.ALL and r.channel == every],
            by_channel=[r for r in rows if r.aimag_code == place and r.channel != rollups.ALL],
            by_month=[r for r in rows if r.aimag_code == place and r.channel == every],
        )
    distributions = {
        (month, aimag, channel): (buckets, steps)
        for month, aimag, channel, buckets, steps in _filtered(MonthlyDistribution, filters, by_aimag=False)
        .values_list("month", "aimag_code", "channel", "resolution_buckets", "steps")
        .order_by()
    }
    rows = []
    for month, aimag, channel, *counters in (
        _filtered(MonthlyRequestRollup, filters, by_aimag=False).values_list(*fields).order_by()
    ):
        buckets, steps = distributions.pop((month, aimag, channel), ("", ""))
        rows.append(_Row(month, aimag, channel, counters, buckets, steps))
    empty = [0] * len(rollups.REQUEST_COUNTERS)
    rows += [_Row(*key, empty, buckets, steps) for key, (buckets, steps) in distributions.items()]
    in_place = [row for row in rows if not filters.aimag or row.aimag_code == filters.aimag]
    return _Selection(by_aimag=rows, by_channel=in_place, by_month=in_place)


def _sums(rows: Iterable[list[int]]) -> list[int]:
    """Column sums of lists of differing lengths, at C speed."""
    return list(map(sum, itertools.zip_longest(*rows, fillvalue=0)))


def _figures(counters: list[int], buckets: list[int], first_bucket: int) -> Figures:
    named = dict(zip(rollups.REQUEST_COUNTERS, counters or [0] * len(rollups.REQUEST_COUNTERS), strict=True))
    return Figures(**named, buckets=[0] * first_bucket + buckets if buckets else [])


@dataclass
class Performance:
    total: Figures
    by_channel: dict[str, Figures]
    by_month: dict[datetime.date, Figures]
    by_aimag: dict[str, Figures | None]
    steps: list["StepRow"]


def performance(filters: Filters, scope: InsightScope) -> Performance:
    """The request figures of the dashboard, with the time spent in each step: one or two queries however many
    requests and services there are."""
    selection = _rows(filters)
    rows = list(
        {id(row): row for row in [*selection.by_aimag, *selection.by_channel, *selection.by_month]}.values()
    )
    unpacked = rollups.buckets_unpack([row.resolution_buckets for row in rows])
    first = min((low for low, counts in unpacked if counts), default=0)
    histogram = {
        id(row): [0] * (low - first) + counts for row, (low, counts) in zip(rows, unpacked, strict=True)
    }
    groups: dict[tuple[str, Any], list[_Row]] = defaultdict(list)
    for row in selection.by_aimag:
        groups["aimag", row.aimag_code].append(row)
    for row in selection.by_channel:
        groups["channel", row.channel].append(row)
    for row in selection.by_month:
        groups["month", row.month].append(row)
        groups["total", None].append(row)
    sums = {
        group: (_sums(row.counters for row in found), _sums(histogram[id(row)] for row in found))
        for group, found in groups.items()
    }

    def figures(group: tuple[str, Any]) -> Figures:
        counters, buckets = sums.get(group, ([], []))
        return _figures(counters, buckets, first)

    months, month = {}, filters.month_from
    while month <= filters.month_to:
        months[month] = figures(("month", month))
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return Performance(
        total=figures(("total", None)),
        by_channel={channel: figures(("channel", channel)) for channel in Channel.values},
        by_month=months,
        by_aimag={
            unit.code: figures(("aimag", unit.code)) if scope.sees(unit.code) else None for unit in aimags()
        },
        steps=_steps(selection.by_aimag, scope),
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


def _steps(rows: list[_Row], scope: InsightScope) -> list[StepRow]:
    totals: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for row, steps in zip(rows, rollups.steps_decode_all([row.steps for row in rows]), strict=True):
        for name, (count, seconds) in steps.items():
            total = totals[name][row.aimag_code]
            total[0] += count
            total[1] += seconds
    codes = [unit.code for unit in aimags()]
    table = []
    for name in sorted(totals):
        step = StepRow(name, {code: None for code in codes})
        for code, (count, seconds) in totals[name].items():
            if scope.sees(code) and count:
                step.by_aimag[code] = (count, seconds / count)
        timed = [(value[1], code) for code, value in step.by_aimag.items() if value]
        step.slowest_aimag = max(timed)[1] if len(timed) > 1 else ""
        table.append(step)
    return table


def steps_by_aimag(filters: Filters, scope: InsightScope) -> list[StepRow]:
    """Mean time in each process step per aimag; the slowest visible aimag of each step is marked."""
    return performance(filters, scope).steps


@dataclass
class Savings:
    national_mnt: int
    by_aimag: dict[str, int | None]
    by_service: list[tuple[ReferenceService, int, int]]  # service, online requests delivered, tögrögs
    per_request_examples: list[tuple[str, str, int]]


def savings(filters: Filters, scope: InsightScope) -> Savings:
    """Savings of the requests delivered online in the period (see savings.py for the model)."""
    model = savings_model()
    counts = list(
        _filtered(MonthlyRequestRollup, filters)
        .filter(channel=Channel.ONLINE)
        .values("aimag_code", "service_id")
        .annotate(n=Sum("completed"))
        .order_by()
        .values_list("aimag_code", "service_id", "n")
    )
    if filters.channel and filters.channel != Channel.ONLINE:
        counts = []
    services = (
        ReferenceService.objects.select_related("current_version")
        .only("code", "current_version__level")
        .in_bulk({c[1] for c in counts})
    )
    kinds = {  # the level of each service, and its code where it has its own number of visits
        pk: (
            service.current_version.level if service.current_version else "",
            service.code if service.code in model.visits_by_service else "",
        )
        for pk, service in services.items()
    }
    rates: dict[tuple[str, str, str], int] = {}
    by_aimag: dict[str, int] = defaultdict(int)
    by_service: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for aimag_code, service_id, completed in counts:
        count = completed or 0
        level, code = kinds.get(service_id, ("", ""))
        if (aimag_code, level, code) not in rates:
            rates[aimag_code, level, code] = model.per_request_mnt(
                aimag_code=aimag_code, level=level, service_code=code
            )
        amount = count * rates[aimag_code, level, code]
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
    change: int | None  # services gained over the period (None until the coverage history is first derived)


@dataclass
class CoverageMonth:
    month: datetime.date
    offered: int
    catalogue_size: int

    @property
    def share_percent(self) -> float:
        return round(100 * self.offered / self.catalogue_size, 1) if self.catalogue_size else 0.0


@dataclass
class Coverage:
    catalogue: int
    by_aimag: list[CoverageRow]
    history: list[
        CoverageMonth
    ]  # the chosen aimag's (or the country's) months of the period since adoption began


def _month_before(month: datetime.date) -> datetime.date:
    return (month - datetime.timedelta(days=1)).replace(day=1)


def coverage(filters: Filters) -> Coverage:
    """Services offered per aimag now and their share of the reference catalogue; from the coverage history, the
    change over the period (offered at its end less offered before it began, none before the first adoption) and
    the months of the period for the chosen aimag or the country."""
    catalogue_size = ReferenceService.objects.filter(current_version__status=VersionStatus.PUBLISHED).count()
    offered = dict(
        CoverageCell.objects.filter(offering_units__gt=0)
        .values("aimag_code")
        .annotate(n=Count("id"))
        .values_list("aimag_code", "n")
    )
    series = list(
        CoverageSnapshot.objects.filter(aimag_code=filters.aimag or catalogue.NATIONAL)
        .order_by("month")
        .values_list("month", "services_offered", "catalogue_size")
    )
    change: dict[str, int] = {}
    if series:
        last = series[-1][0]
        before, end = min(_month_before(filters.month_from), last), min(filters.month_to, last)
        at = {
            (month, code): count
            for month, code, count in CoverageSnapshot.objects.filter(month__in=[before, end]).values_list(
                "month", "aimag_code", "services_offered"
            )
        }
        change = {
            unit.code: at.get((end, unit.code), 0) - at.get((before, unit.code), 0) for unit in aimags()
        }
    rows = [
        CoverageRow(
            unit=unit,
            offered=offered.get(unit.code, 0),
            share_percent=round(100 * offered.get(unit.code, 0) / catalogue_size, 1)
            if catalogue_size
            else 0.0,
            change=change.get(unit.code) if series else None,
        )
        for unit in aimags()
    ]
    history = [
        CoverageMonth(month, count, size)
        for month, count, size in series
        if filters.month_from <= month <= filters.month_to
    ]
    return Coverage(catalogue=catalogue_size, by_aimag=rows, history=history)


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
    """How far offered adoptions differ from their reference (fee, norm, documents, process), ranked: from the
    variance read model (a row per aimag and service) and the adoptions that differ most."""
    cells = VarianceCell.objects.all()
    ranked = DifferingAdoption.objects.all()
    if filters.aimag:
        cells, ranked = cells.filter(aimag_code=filters.aimag), ranked.filter(aimag_code=filters.aimag)
    if filters.service is not None:
        cells, ranked = cells.filter(service=filters.service), ranked.filter(service=filters.service)
    names = {unit.code: unit.name for unit in aimags()}
    sums = [
        "adoptions",
        "differing",
        "fee",
        "norm",
        "documents",
        "variants",
        "process_sum",
        "differences_sum",
    ]
    totals = {f"total_{name}": Sum(name) for name in sums}

    def grouped(column: str) -> list[tuple[str, dict[str, Any]]]:
        found = cells.values(column).annotate(**totals).order_by().values_list(column, *totals)
        return [(key, dict(zip(sums, values, strict=True))) for key, *values in found]

    by_aimag = [
        VarianceRow(key=code, label=names.get(code, code), **row) for code, row in grouped("aimag_code")
    ]
    by_service = [VarianceRow(key=code, label=code, **row) for code, row in grouped("service__code")]
    top_rows = list(
        ranked.order_by("-score", "service__code", "adoption_id").values_list(
            "adoption_id", "score", "has_own_fee", "has_own_norm"
        )[:30]
    )
    adoptions = {
        row["pk"]: row
        for row in Adoption.objects.filter(pk__in=[row[0] for row in top_rows]).values(
            "pk", "aimag_code", "service__code", "territory__name_mn", "territory__name_en"
        )
    }
    top = [
        {**adoptions[pk], "score": score, "fee": fee, "norm": norm}
        for pk, score, fee, norm in top_rows
        if pk in adoptions
    ]
    return Variance(
        by_aimag=sorted(by_aimag, key=lambda r: (-r.score, r.key)),
        by_service=sorted(by_service, key=lambda r: (-r.score, r.key))[:30],
        top=top,
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
