"""Read models of the catalogue for the dashboard, derived again by each refresh when the catalogue has changed
since the last (its fingerprint: counts, latest changes and audit events of adoptions, versions and process
variances, and the month, as the coverage history runs up to this one):

- coverage over time (CoverageSnapshot): the services offered in each aimag and in the country at the end of
  each month since the first adoption, and the size of the reference catalogue then, from the dated history of
  every adoption (its creation and status changes, from the audit events; an adoption made without them, by a
  bulk load, has had its present status since it was created) and of every version (published_at, retirement);
- variance from the reference (VarianceCell per aimag and service, DifferingAdoption for the ranking)."""

import bisect
import datetime
import hashlib
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from nutag.analytics.models import CoverageSnapshot, DifferingAdoption, RollupCursor, VarianceCell
from nutag.cases.calendar import LOCAL
from nutag.catalog.choices import AdoptionStatus, VersionStatus
from nutag.catalog.models import Adoption, ServiceVersion
from nutag.core.models import AuditEvent
from nutag.processes.models import ProcessVariance

CURSOR = "catalogue"
ADOPTION = "catalog.adoption"
VERSION = "catalog.serviceversion"
NATIONAL = ""  # the aimag code of the rows for the whole country


def _month_start(month: datetime.date) -> datetime.datetime:
    return datetime.datetime(month.year, month.month, 1, tzinfo=LOCAL)


def _next_month(month: datetime.date) -> datetime.date:
    return (month + datetime.timedelta(days=32)).replace(day=1)


def _local_month(moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(LOCAL).date().replace(day=1)


def _fingerprint(moment: datetime.datetime) -> str:
    adoptions = Adoption.objects.aggregate(n=Count("id"), top=Max("id"), changed=Max("updated_at"))
    versions = ServiceVersion.objects.aggregate(
        n=Count("id"), published=Count("id", filter=Q(status=VersionStatus.PUBLISHED)), at=Max("published_at")
    )
    variances = ProcessVariance.objects.aggregate(n=Count("id"), top=Max("id"), at=Max("computed_at"))
    audit = AuditEvent.objects.filter(object_type__in=[ADOPTION, VERSION]).aggregate(top=Max("id"))
    parts: list[Any] = [_local_month(moment), *adoptions.values(), *versions.values(), *variances.values()]
    return hashlib.sha256("|".join(str(part) for part in [*parts, audit["top"]]).encode()).hexdigest()


def refresh(*, now: datetime.datetime | None = None) -> bool:
    """Derive the catalogue's read models again if the catalogue has changed; returns whether it had."""
    moment = now or timezone.now()
    with transaction.atomic():
        RollupCursor.objects.get_or_create(name=CURSOR)
        cursor = RollupCursor.objects.select_for_update().get(name=CURSOR)
        fingerprint = _fingerprint(moment)
        if cursor.fingerprint == fingerprint:
            return False
        coverage_history_derive(now=moment)
        variance_derive()
        cursor.fingerprint = fingerprint
        cursor.refreshed_at = moment
        cursor.save(update_fields=["fingerprint", "refreshed_at"])
    return True


@dataclass(frozen=True)
class Change:
    at: datetime.datetime
    before: str | None
    after: str


def _status_changes() -> dict[str, list[Change]]:
    """The status changes of each adoption (by its id as text), oldest first, from its audit events."""
    changes: dict[str, list[Change]] = defaultdict(list)
    events = (
        AuditEvent.objects.filter(object_type=ADOPTION)
        .order_by("at", "id")
        .values_list("object_id", "action", "at", "before", "after")
    )
    for object_id, action, at, before, after in events.iterator(chunk_size=5000):
        if not isinstance(after, dict) or "status" not in after:
            continue
        was = before.get("status") if isinstance(before, dict) else None
        changes[object_id].append(Change(at, None if action == "adoption.created" else was, after["status"]))
    return changes


def _offered_periods(
    created_at: datetime.datetime, updated_at: datetime.datetime, status: str, changes: list[Change]
) -> list[tuple[datetime.datetime, datetime.datetime | None]]:
    """When an adoption was offered, as [start, end) periods (end None: still offered)."""
    first = changes[0] if changes else None
    initial = status if first is None else (first.before or first.after)
    timeline = [(created_at, initial), *((max(c.at, created_at), c.after) for c in changes)]
    if timeline[-1][1] != status:  # a change made without an audit event: at the last update
        timeline.append((max(updated_at, timeline[-1][0]), status))
    periods: list[tuple[datetime.datetime, datetime.datetime | None]] = []
    start: datetime.datetime | None = None
    for since, state in timeline:
        if state == AdoptionStatus.OFFERED and start is None:
            start = since
        elif state != AdoptionStatus.OFFERED and start is not None:
            periods.append((start, since))
            start = None
    return [*periods, (start, None)] if start is not None else periods


def _mask(ends: list[datetime.datetime], start: datetime.datetime, end: datetime.datetime | None) -> int:
    """The months (bits) at whose end a thing present over [start, end) was there."""
    low = bisect.bisect_right(ends, start)
    high = len(ends) if end is None else bisect.bisect_right(ends, end)
    return ((1 << high) - 1) ^ ((1 << low) - 1) if high > low else 0


def _catalogue_masks(ends: list[datetime.datetime]) -> dict[int, int]:
    """Per service, the months at whose end it had a published version. A version counts from its publication
    until its retirement (the audit event; without one, the publication of the next version)."""
    retired_at = {
        int(object_id): at
        for object_id, at in AuditEvent.objects.filter(
            object_type=VERSION, action="version.retired"
        ).values_list("object_id", "at")
        if object_id.isdigit()
    }
    versions = (
        ServiceVersion.objects.exclude(status=VersionStatus.DRAFT)
        .order_by("service_id", "number")
        .values_list("pk", "service_id", "status", "published_at", "created_at")
    )
    by_service: dict[int, list[tuple[int, str, datetime.datetime]]] = defaultdict(list)
    for pk, service_id, status, published_at, created_at in versions:
        by_service[service_id].append((pk, status, published_at or created_at))
    masks: dict[int, int] = defaultdict(int)
    for service_id, listed in by_service.items():
        for index, (pk, status, published_at) in enumerate(listed):
            end: datetime.datetime | None = None
            if status == VersionStatus.RETIRED:
                later = [at for _pk, _status, at in listed[index + 1 :]]
                end = retired_at.get(pk) or (min(later) if later else published_at)
            masks[service_id] |= _mask(ends, published_at, end)
    return masks


def coverage_history_derive(*, now: datetime.datetime | None = None) -> int:
    """Write the coverage of every month from the first adoption's to this one; returns the rows written."""
    moment = now or timezone.now()
    adoptions = list(
        Adoption.objects.values_list("pk", "service_id", "aimag_code", "status", "created_at", "updated_at")
    )
    CoverageSnapshot.objects.all().delete()
    if not adoptions:
        return 0
    months = [_local_month(min(row[4] for row in adoptions))]
    while months[-1] < _local_month(moment):
        months.append(_next_month(months[-1]))
    ends = [_month_start(_next_month(month)) for month in months[:-1]] + [moment]
    changes = _status_changes()
    offered: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))  # aimag -> service -> months
    for pk, service_id, aimag_code, status, created_at, updated_at in adoptions:
        for start, end in _offered_periods(created_at, updated_at, status, changes.get(str(pk), [])):
            mask = _mask(ends, start, end)
            offered[aimag_code][service_id] |= mask
            offered[NATIONAL][service_id] |= mask
    in_catalogue = list(_catalogue_masks(ends).values())
    sizes = [sum(mask >> index & 1 for mask in in_catalogue) for index in range(len(months))]
    rows = [
        CoverageSnapshot(
            month=month,
            aimag_code=aimag_code,
            services_offered=sum(mask >> index & 1 for mask in services.values()),
            catalogue_size=sizes[index],
        )
        for aimag_code, services in offered.items()
        for index, month in enumerate(months)
    ]
    CoverageSnapshot.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def variance_derive() -> int:
    """Sum the differences of the offered adoptions per aimag and service, and list those that differ; returns
    the adoptions read."""
    cells: dict[tuple[str, int], VarianceCell] = {}
    differing: list[DifferingAdoption] = []
    rows = (
        Adoption.objects.filter(status=AdoptionStatus.OFFERED)
        .values_list(
            "pk",
            "aimag_code",
            "service_id",
            "fee_mnt",
            "version__fee_mnt",
            "service_norm_days",
            "version__service_norm_days",
            "extra_documents",
            "variance",
            "process_variance__variance",
        )
        .order_by()
    )
    count = 0
    for (
        pk,
        aimag_code,
        service_id,
        fee_mnt,
        version_fee,
        norm_days,
        version_norm,
        extra,
        variance,
        process,
    ) in rows:
        count += 1
        fee = fee_mnt is not None and fee_mnt != version_fee
        norm = norm_days is not None and norm_days != version_norm
        cell = cells.setdefault(
            (aimag_code, service_id), VarianceCell(aimag_code=aimag_code, service_id=service_id)
        )
        cell.adoptions += 1
        cell.differing += bool(variance or process)
        cell.fee += fee
        cell.norm += norm
        cell.documents += len(extra or [])
        cell.variants += process is not None
        cell.process_sum += process or 0.0
        cell.differences_sum += variance
        if variance or process:
            differing.append(
                DifferingAdoption(
                    adoption_id=pk,
                    aimag_code=aimag_code,
                    service_id=service_id,
                    score=round(variance + (process or 0.0), 3),
                    has_own_fee=fee,
                    has_own_norm=norm,
                )
            )
    VarianceCell.objects.all().delete()
    DifferingAdoption.objects.all().delete()
    VarianceCell.objects.bulk_create(cells.values(), batch_size=1000)
    DifferingAdoption.objects.bulk_create(differing, batch_size=1000)
    return count
