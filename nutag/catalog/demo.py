"""The demo catalogue (demo/services.json) and the adoptions that reproduce the seed document's figures
(demo/adoptions.json). Idempotent: services and adoptions match by code and territory, never duplicate."""

import json
from pathlib import Path
from typing import Any

from django.db import transaction

from nutag.catalog.choices import AdoptionStatus, ServiceLevel, VersionStatus
from nutag.catalog.models import CONTENT_FIELDS, Adoption, ReferenceService, ServiceVersion
from nutag.catalog.services import adoption_variance, coverage_refresh
from nutag.core.text import fold
from nutag.organisations.models import Organisation
from nutag.territory.choices import Level
from nutag.territory.models import TerritoryUnit

DEMO_DIR = Path(__file__).resolve().parent / "demo"


def _load(name: str) -> dict[str, Any]:
    return json.loads((DEMO_DIR / name).read_text(encoding="utf-8"))


def _resolver(kind: str, unit: TerritoryUnit, organisations: dict[str, Organisation]) -> Organisation:
    if kind.startswith("dept_"):
        department = organisations.get(f"dept-{unit.code}-{kind[5:].replace('_', '-')}")
        if department is not None:
            return department
    return organisations[f"gov-{unit.code}"]


@transaction.atomic
def catalogue_demo_load() -> tuple[int, int]:
    """Returns (services created, adoptions created)."""
    services_created = 0
    existing = {s.code: s for s in ReferenceService.objects.all()}
    for item in _load("services.json")["services"]:
        if item["code"] in existing:
            continue
        service = ReferenceService.objects.create(code=item["code"])
        version = ServiceVersion(service=service, number=1, status=VersionStatus.PUBLISHED)
        for name in CONTENT_FIELDS:
            setattr(version, name, item[name])
        version.search_text = fold(
            " ".join(
                [
                    item["code"],
                    item["name_mn"],
                    item["name_en"],
                    item["description_mn"],
                    item["description_en"],
                ]
            )
        )
        from django.utils import timezone

        version.published_at = timezone.now()
        version.save()
        service.current_version = version
        service.save(update_fields=["current_version"])
        existing[item["code"]] = service
        services_created += 1

    versions = {s.code: s.current_version for s in ReferenceService.objects.select_related("current_version")}
    units = {u.code: u for u in TerritoryUnit.objects.exclude(level=Level.NATIONAL)}
    children: dict[str, list[TerritoryUnit]] = {}
    for unit in units.values():
        if unit.parent_id and not unit.is_top_level:
            children.setdefault(unit.aimag_code, []).append(unit)
    organisations = {o.code: o for o in Organisation.objects.all()}
    taken = set(Adoption.objects.values_list("service__code", "territory__code"))
    variations = {(v["aimag"], v["service"]): v for v in _load("adoptions.json")["variations"]}
    new: list[Adoption] = []
    for aimag_code, plan in _load("adoptions.json")["aimags"].items():
        aimag = units[aimag_code]
        for code in plan["services"]:
            current = versions[code]
            assert current is not None
            targets = (
                [aimag]
                if current.level == ServiceLevel.AIMAG
                else sorted(children[aimag_code], key=lambda u: u.code)
            )
            variation = variations.get((aimag_code, code), {})
            for unit in targets:
                if (code, unit.code) in taken:
                    continue
                adoption = Adoption(
                    service_id=current.service_id,
                    version=version,
                    derived_from=version,
                    territory=unit,
                    organisation=_resolver(current.resolver_kind, unit, organisations),
                    status=AdoptionStatus.OFFERED,
                    channels=list(current.channels),
                    territory_path=unit.path,
                    aimag_code=aimag_code,
                    fee_mnt=variation.get("fee_mnt"),
                    service_norm_days=variation.get("service_norm_days"),
                    extra_documents=variation.get("extra_documents", []),
                    extra_form_fields=variation.get("extra_form_fields", []),
                    note_mn=variation.get("note_mn", ""),
                    note_en=variation.get("note_en", ""),
                )
                adoption.variance = adoption_variance(adoption)
                new.append(adoption)
    Adoption.objects.bulk_create(new, batch_size=2000)
    if new or services_created:
        coverage_refresh()
    return services_created, len(new)
