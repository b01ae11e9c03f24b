"""Reads of the catalogue: public catalogue, coverage, version comparison, adoptions that lag behind."""

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from nutag.catalog.choices import AdoptionStatus, ServiceLevel
from nutag.catalog.models import CONTENT_FIELDS, Adoption, CoverageCell, ReferenceService, ServiceVersion
from nutag.core.permissions import visible_to
from nutag.core.text import search_terms
from nutag.territory.models import TerritoryUnit
from nutag.territory.selectors import top_level_units

SORTS = {
    "code": "code",
    "name": "current_version__name_mn",
    "-coverage": "-aimags_offering",
    "coverage": "aimags_offering",
}


def published_services(
    *, query: str = "", category: str = "", life_event: str = ""
) -> QuerySet[ReferenceService]:
    services = ReferenceService.objects.filter(current_version__isnull=False).select_related(
        "current_version"
    )
    for term in search_terms(query):
        services = services.filter(current_version__search_text__contains=term)
    if category:
        services = services.filter(current_version__category=category)
    if life_event:
        services = services.filter(current_version__life_event=life_event)
    return services.order_by("code")


def offered_in(services: QuerySet[ReferenceService], territory: TerritoryUnit) -> QuerySet[ReferenceService]:
    """Those of `services` a person living in `territory` can use: soum services offered by their soum, aimag
    services offered by their aimag."""
    soum_path = territory.path if not territory.is_top_level else ""
    aimag_path = ".".join(territory.path.split(".")[:2])
    offered = Adoption.objects.filter(status=AdoptionStatus.OFFERED).filter(
        Q(territory_path=soum_path, service__current_version__level=ServiceLevel.SOUM)
        | Q(territory_path=aimag_path, service__current_version__level=ServiceLevel.AIMAG)
    )
    return services.filter(pk__in=offered.values("service_id"))


def service_offers(*, service: ReferenceService) -> QuerySet[Adoption]:
    return (
        Adoption.objects.filter(service=service, status=AdoptionStatus.OFFERED)
        .select_related("territory__parent", "organisation", "version")
        .order_by("territory_path")
    )


@dataclass
class CoverageRow:
    service: ReferenceService
    cells: dict[str, CoverageCell] = dataclass_field(default_factory=dict)


@dataclass
class Coverage:
    aimags: list[TerritoryUnit]
    per_aimag: dict[str, int]
    distinct_total: int
    catalogue_size: int


def coverage_summary(*, aimag_code: str = "") -> Coverage:
    cells = CoverageCell.objects.all()
    if aimag_code:
        cells = cells.filter(aimag_code=aimag_code)
    per_aimag = dict(cells.values_list("aimag_code").annotate(n=Count("id")).values_list("aimag_code", "n"))
    aimags = [unit for unit in top_level_units() if not aimag_code or unit.code == aimag_code]
    return Coverage(
        aimags=aimags,
        per_aimag={unit.code: per_aimag.get(unit.code, 0) for unit in aimags},
        distinct_total=cells.values("service_id").distinct().count(),
        catalogue_size=ReferenceService.objects.filter(current_version__isnull=False).count(),
    )


def coverage_matrix(
    *, query: str = "", category: str = "", aimag_code: str = "", offered: str = "", sort: str = "code"
) -> QuerySet[ReferenceService]:
    """Reference services with the number of aimags offering each; rows for a page come from coverage_rows()."""
    services = published_services(query=query, category=category).annotate(
        aimags_offering=Count("coverage_cells")
    )
    if aimag_code and offered in ("yes", "no"):
        in_aimag = CoverageCell.objects.filter(aimag_code=aimag_code).values("service_id")
        services = services.filter(pk__in=in_aimag) if offered == "yes" else services.exclude(pk__in=in_aimag)
    return services.order_by(SORTS.get(sort, "code"), "code")


def coverage_rows(services: list[ReferenceService]) -> list[CoverageRow]:
    rows = {service.pk: CoverageRow(service=service) for service in services}
    for cell in CoverageCell.objects.filter(service_id__in=list(rows)):
        rows[cell.service_id].cells[cell.aimag_code] = cell
    return list(rows.values())


@dataclass
class Difference:
    field: str
    label: str
    before: Any
    after: Any
    added: list[str] = dataclass_field(default_factory=list)
    removed: list[str] = dataclass_field(default_factory=list)
    changed: list[str] = dataclass_field(default_factory=list)


def _keyed(items: list[Any], key: str) -> dict[str, Any]:
    return {str(item.get(key)): item for item in items if isinstance(item, dict)}


def versions_compare(older: ServiceVersion, newer: ServiceVersion) -> list[Difference]:
    """Field-by-field differences; documents and form fields are matched by code and name."""
    differences = []
    for name in CONTENT_FIELDS:
        before, after = getattr(older, name), getattr(newer, name)
        if before == after:
            continue
        difference = Difference(
            field=name,
            label=str(getattr(ServiceVersion._meta.get_field(name), "verbose_name", name)),
            before=before,
            after=after,
        )
        if name in ("documents", "form"):
            key = "code" if name == "documents" else "name"
            old, new = _keyed(before, key), _keyed(after, key)
            difference.added = sorted(set(new) - set(old))
            difference.removed = sorted(set(old) - set(new))
            difference.changed = sorted(k for k in set(old) & set(new) if old[k] != new[k])
        differences.append(difference)
    return differences


def adoptions_behind(*, user: Any, territory_path: str = "") -> QuerySet[Adoption]:
    """Adoptions on an older version than their service's current one."""
    adoptions = (
        visible_to(user, Adoption.objects.all())
        .filter(service__current_version__number__gt=F("version__number"))
        .exclude(status=AdoptionStatus.WITHDRAWN)
    )
    if territory_path:
        adoptions = adoptions.filter(
            Q(territory_path=territory_path) | Q(territory_path__startswith=territory_path + ".")
        )
    return adoptions.select_related("service__current_version", "version", "territory").order_by(
        "territory_path", "service__code"
    )


def versions_for(*, user: Any, service: ReferenceService) -> QuerySet[ServiceVersion]:
    return visible_to(user, service.versions.all()).order_by("-number")
