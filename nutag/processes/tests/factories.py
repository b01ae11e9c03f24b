"""A small catalogue for process-model tests, created directly (the catalogue's own rules are tested there)."""

from __future__ import annotations

from django.utils import timezone

from nutag.catalog.choices import AdoptionStatus, VersionStatus
from nutag.catalog.models import Adoption, ReferenceService, ServiceVersion
from nutag.organisations.models import Organisation
from nutag.territory.models import TerritoryUnit


def make_version(
    code: str, process_kind: str = "permit", *, status: str = VersionStatus.PUBLISHED, number: int = 1
) -> ServiceVersion:
    service, _ = ReferenceService.objects.get_or_create(code=code)
    version = ServiceVersion.objects.create(
        service=service,
        number=number,
        status=status,
        name_mn=f"{code} үйлчилгээ",
        name_en=f"{code} service",
        category="business",
        life_event="running_business",
        applicant="citizen",
        level="soum",
        resolver_kind="soum_governor_office",
        statutory_deadline_days=10,
        service_norm_days=5,
        result="document",
        channels=["online"],
        process_kind=process_kind,
        published_at=timezone.now() if status == VersionStatus.PUBLISHED else None,
    )
    if status == VersionStatus.PUBLISHED:
        ReferenceService.objects.filter(pk=service.pk).update(current_version=version)
        service.refresh_from_db()
    return version


def make_adoption(version: ServiceVersion, territory_code: str) -> Adoption:
    territory = TerritoryUnit.objects.get(code=territory_code)
    return Adoption.objects.create(
        service=version.service,
        version=version,
        derived_from=version,
        territory=territory,
        organisation=Organisation.objects.get(code=f"gov-{territory_code}"),
        status=AdoptionStatus.OFFERED,
        channels=list(version.channels),
        territory_path=territory.path,
        aimag_code=territory.aimag_code,
    )
